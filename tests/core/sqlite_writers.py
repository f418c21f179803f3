"""Eight writers at once on a SQLite file, through the real save and submit services.

Run by tests/core/test_sqlite_concurrency.py in a subprocess, with DATABASE_URL
pointing at a fresh SQLite file, so the database options are the project's own
(pcc_portal/settings.py) whatever database the test run itself uses. Prints one
line of JSON: the journal mode, the errors and the answers that were lost.

For each of two consultation responses and two grant applications, one thread
autosaves the final text again and again (the save that fires on leaving a
field) while another saves a draft and then submits: the collision a partner
meets on clicking "Save and submit".

Then the same collision over HTTP, as `make run` serves it: Django's threaded
development server (runserver's) in front of the same file, with partners'
browsers posting the grant application's autosave (htmx) twice at once while
the "Save and submit" button posts the form and confirms the submission. Every
middleware, the session and the view's own transaction are on the way.
"""

import json
import logging
import os
import re
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()
logging.getLogger("django.request").setLevel(logging.ERROR)  # refusals (409) are expected; errors are not

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


class _Browser:
    """One partner's browser: its own cookies (session, CSRF token), answers read as a server sends them."""

    def __init__(self, base: str, session_cookie: str):
        self.base = base
        self.cookies = {settings.SESSION_COOKIE_NAME: session_cookie}
        self.token = ""

    def get(self, path: str) -> tuple[int, str, str]:
        return self._send(path)

    def post(self, path: str, data: dict, *, htmx: bool = False) -> tuple[int, str, str]:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.token}, doseq=True).encode()
        headers = {"Referer": self.base + path, "Content-Type": "application/x-www-form-urlencoded"}
        if htmx:
            headers["HX-Request"] = "true"
        return self._send(path, body, headers)

    def _send(self, path: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, str, str]:
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})  # noqa: S310
        request.add_header("Cookie", "; ".join(f"{name}={value}" for name, value in self.cookies.items()))
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310 (the local test server)
                self._keep(answer.headers)
                return answer.status, answer.geturl(), answer.read().decode()
        except urllib.error.HTTPError as refused:
            return refused.code, refused.geturl(), refused.read().decode(errors="replace")

    def _keep(self, headers) -> None:
        for cookie in headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()


def _over_http() -> dict:
    """Serve the portal as runserver does and post autosaves and "Save and submit" at once from browsers."""
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application
    from django.test import Client

    from commissioning.models import Application
    from tests.accounts.factories import ForceAreaFactory
    from tests.commissioning.factories import ApplicationFactory, RoundFactory, partner_of
    from tests.html_forms import form_as_posted
    from tests.plans.factories import PriorityFactory

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    area = ForceAreaFactory(name="South Wales", code="south-wales")
    round_ = RoundFactory(stream__force_area=area)
    priority = PriorityFactory(version__plan__force_area=area, title="Reduce reoffending")
    round_.priorities.add(priority)
    partners = []
    for _ in range(RECORDS_OF_EACH_KIND * 2):
        application = ApplicationFactory(round=round_, complete=True)
        application.priorities.add(priority)
        client = Client()
        client.force_login(partner_of(application.organisation))
        partners.append((application.pk, client.cookies[settings.SESSION_COOKIE_NAME].value))
    connection.close()

    server = ThreadedWSGIServer(("127.0.0.1", 0), Quiet)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"

    statuses: Counter = Counter()
    errors: list[str] = []
    prepared = []
    for pk, session in partners:
        browser = _Browser(base, session)
        _status, _url, page = browser.get(f"/commissioning/applications/{pk}/edit/")
        browser.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        fields = form_as_posted(page, action=f"/commissioning/applications/{pk}/edit/")
        fields["summary"] = [f"Final summary of application {pk}: a helpline open at night."]
        prepared.append((pk, browser, fields))
    barrier = threading.Barrier(3 * len(prepared))

    def answered(what: str, status: int, body: str) -> None:
        statuses[f"{what} {status}"] += 1
        if status >= 500:
            title = re.search(r"<title>(.*?)</title>", body, re.S)
            errors.append(f"{what}: {status} {(title.group(1) if title else body[:200]).split()}")

    def autosave(pk, browser, fields):
        barrier.wait()
        for _ in range(AUTOSAVES):
            status, _url, body = browser.post(f"/commissioning/applications/{pk}/edit/", fields, htmx=True)
            answered("autosave", status, body)

    def save_and_submit(pk, browser, fields):
        barrier.wait()
        status, url, body = browser.post(f"/commissioning/applications/{pk}/edit/", {**fields, "submit": "1"})
        answered("save and submit", status, body)
        if not url.endswith(f"/applications/{pk}/submit/"):
            errors.append(f"save and submit of {pk} came back to {url}")
            return
        status, _url, body = browser.post(f"/commissioning/applications/{pk}/submit/", {"confirmed": "1"})
        answered("confirm submission", status, body)

    threads = [
        threading.Thread(target=work, args=args) for args in prepared for work in (autosave, autosave, save_and_submit)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    server.shutdown()

    lost = []
    for pk, _browser, fields in prepared:
        application = Application.objects.get(pk=pk)
        if application.status != Application.Status.SUBMITTED or application.summary != fields["summary"][0]:
            lost.append(f"application {pk}: {application.status}, {application.summary!r}")
    return {"threads": len(threads), "errors": errors, "lost": lost, "statuses": dict(statuses)}


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
    http = _over_http()
    print(
        json.dumps({"threads": len(threads), "journal_mode": journal_mode, "refused": refused, **outcome, "http": http})
    )


if __name__ == "__main__":
    main()
