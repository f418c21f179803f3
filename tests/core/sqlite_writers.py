"""Eight writers at once on a SQLite file, through the real save and submit services.

Run by tests/core/test_sqlite_concurrency.py in a subprocess, with DATABASE_URL
pointing at a fresh SQLite file, so the database options are the project's own
(pcc_portal/settings.py) whatever database the test run itself uses. Prints one
line of JSON: the journal mode, the errors and the answers that were lost.

For each of two consultation responses and two grant applications, one thread
autosaves the final text again and again (the save that fires on leaving a
field) while another saves a draft and then submits: the collision a partner
meets on clicking "Save and submit".
"""

import json
import os
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.exceptions import PermissionDenied, ValidationError  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

AUTOSAVES = 6
RECORDS_OF_EACH_KIND = 2


class _NoMigrations(dict):
    """Build the tables straight from the models (as pytest --nomigrations does): seconds, not a minute."""

    def __contains__(self, item):
        return True

    def __getitem__(self, item):
        return None


def _build_schema() -> None:
    settings.MIGRATION_MODULES = _NoMigrations()
    call_command("migrate", run_syncdb=True, verbosity=0)


def _consultation_pairs():
    from consultations import services
    from tests.accounts.factories import ForceAreaFactory, UserFactory
    from tests.consultations.factories import ConsultationFactory, QuestionFactory
    from tests.partners.factories import ContactFactory, OrganisationFactory

    area = ForceAreaFactory(name="Leicestershire", code="leicestershire")
    organisations = [OrganisationFactory(areas=[area]) for _ in range(RECORDS_OF_EACH_KIND)]
    consultation = ConsultationFactory(force_area=area, invited=organisations)
    question = QuestionFactory(consultation=consultation, text="Your comments", mandatory=True)
    pairs = []
    for n, organisation in enumerate(organisations):
        user = UserFactory(partner=True, areas=[area])
        ContactFactory(user=user, organisation=organisation, email=user.email)
        response = services.response_start(consultation=consultation, user=user)
        final = {question.pk: {"text": f"Final answer of organisation {n}: prevention needs partners."}}

        def autosave(response=response, user=user, final=final):
            services.response_save_draft(response=response, user=user, values=final)

        def submit(response=response, user=user, final=final, n=n):
            services.response_save_draft(response=response, user=user, values={question.pk: {"text": f"draft {n}"}})
            services.response_submit(response=response, user=user, values=final, consent=True)

        def lost(response=response, final=final):
            response.refresh_from_db()
            answer = response.answers.filter(question=question).first()
            text = answer.text if answer else None
            if response.status != response.Status.SUBMITTED or text != final[question.pk]["text"]:
                return [f"response {response.pk}: {response.status}, {text!r}"]
            return []

        pairs.append((autosave, submit, lost))
    return pairs


def _application_pairs():
    from commissioning import services
    from tests.accounts.factories import ForceAreaFactory
    from tests.commissioning.factories import ApplicationFactory, RoundFactory, partner_of
    from tests.plans.factories import PriorityFactory

    area = ForceAreaFactory(name="West Midlands", code="west-midlands")
    round_ = RoundFactory(stream__force_area=area)
    priority = PriorityFactory(version__plan__force_area=area, title="Support victims")
    round_.priorities.add(priority)
    pairs = []
    for n in range(RECORDS_OF_EACH_KIND):
        application = ApplicationFactory(round=round_, complete=True)
        application.priorities.add(priority)
        user = partner_of(application.organisation)
        final = {"summary": f"Final summary of application {n}: outreach for victims."}

        def autosave(application=application, user=user, final=final):
            services.application_update(user=user, application=application, data=final)

        def submit(application=application, user=user, final=final, n=n):
            services.application_update(user=user, application=application, data={"summary": f"draft {n}"})
            services.application_update(user=user, application=application, data=final)
            services.application_submit(user=user, application=application)

        def lost(application=application, final=final):
            application.refresh_from_db()
            if application.status != application.Status.SUBMITTED or application.summary != final["summary"]:
                return [f"application {application.pk}: {application.status}, {application.summary!r}"]
            return []

        pairs.append((autosave, submit, lost))
    return pairs


def main() -> None:
    _build_schema()
    journal_mode = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
    pairs = _consultation_pairs() + _application_pairs()
    connection.close()

    errors: list[str] = []
    refused = 0
    barrier = threading.Barrier(2 * len(pairs))

    def run(work, times):
        nonlocal refused
        try:
            barrier.wait()
            for _ in range(times):
                try:
                    work()
                except (ValidationError, PermissionDenied):
                    # An autosave that lands after the submit is refused, as it should be:
                    # the submitted text is the final text, so nothing is lost.
                    refused += 1
        except Exception as exc:  # reported, so that any other failure fails the test
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    threads = []
    for autosave, submit, _lost in pairs:
        threads.append(threading.Thread(target=run, args=(autosave, AUTOSAVES)))
        threads.append(threading.Thread(target=run, args=(submit, 1)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    outcome = {"errors": errors, "lost": [entry for *_work, check in pairs for entry in check()]}
    print(json.dumps({"threads": len(threads), "journal_mode": journal_mode, "refused": refused, **outcome}))


if __name__ == "__main__":
    main()
