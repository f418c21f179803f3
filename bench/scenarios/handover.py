"""Handover: a transition programme with a 2,000-row register; the handover pack page and PDF (target 3 s).

Runs with the other scenarios (``make bench``), or alone on the foundation data:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pcc_bench .venv/bin/python bench/scenarios/handover.py
"""

import datetime
import time

ROWS = 2000
WORKSTREAMS = 10
RECEIVERS = 6
PACK_PDF_TARGET_S = 3.0
EMAIL = "bench-handover@bench.example.org"


def build() -> None:
    from partners.models import Organisation, OrganisationType, PartnershipArea
    from pcc_portal.accounts.models import ForceArea, Role, User
    from transition.models import Milestone, Risk, TransferItem, TransitionProgramme, Workstream

    area = ForceArea.objects.order_by("pk").last()
    staff = User.objects.create_user(EMAIL, "x", full_name="Bench Handover", role=Role.OPCC_STAFF)
    staff.force_areas.set([area])
    receivers = Organisation.objects.bulk_create(
        Organisation(
            name=f"Receiving council {n}",
            org_type=OrganisationType.choices[0][0],
            partnership_area=PartnershipArea.LOCAL_AUTHORITY,
        )
        for n in range(RECEIVERS)
    )
    for org in receivers:
        org.force_areas.add(area)
    programme = TransitionProgramme.objects.create(
        force_area=area,
        name="Bench transfer to a Policing and Crime Board",
        kind=TransitionProgramme.Kind.PCC_TO_BOARD,
        outgoing_body="Bench PCC",
        successor_name="Bench Policing and Crime Board",
        successor_kind=TransitionProgramme.SuccessorKind.POLICING_AND_CRIME_BOARD,
        transfer_date=datetime.date(2028, 5, 8),
    )
    workstreams = Workstream.objects.bulk_create(
        Workstream(programme=programme, key=f"ws-{n}", name=f"Workstream {n}", order=n) for n in range(WORKSTREAMS)
    )
    kinds = [value for value, _ in TransferItem.Kind.CHOICES]
    R = TransferItem.Receiver
    items = []
    for n in range(ROWS):
        receiver = n % (RECEIVERS + 2)
        if receiver == RECEIVERS:
            fields = {"receiver_kind": R.SUCCESSOR}
        elif receiver == RECEIVERS + 1:
            fields = {"receiver_kind": R.NONE}
        else:
            fields = {"receiver_kind": R.ORGANISATION, "receiver_organisation": receivers[receiver]}
        items.append(
            TransferItem(
                programme=programme,
                workstream=workstreams[n % WORKSTREAMS],
                kind=kinds[n % len(kinds)],
                title=f"Register row {n}: a contract, grant or function to hand over to its receiver",
                status=TransferItem.Status.AGREED if fields["receiver_kind"] else TransferItem.Status.IDENTIFIED,
                due_on=datetime.date(2028, 1, 1) + datetime.timedelta(days=n % 120),
                day_one_critical=n % 17 == 0,
                **fields,
            )
        )
    TransferItem.objects.bulk_create(items, batch_size=500)
    Risk.objects.bulk_create(
        Risk(programme=programme, title=f"Risk {n}", cause="Cause.", effect="Effect.", likelihood=1 + n % 5,
             impact=1 + (n * 3) % 5)
        for n in range(30)
    )  # fmt: skip
    start = datetime.date(2028, 1, 1)
    Milestone.objects.bulk_create(
        Milestone(programme=programme, title=f"Milestone {n}", due_on=start + datetime.timedelta(7 * n))
        for n in range(40)
    )


def _programme():
    from transition.models import TransitionProgramme

    return TransitionProgramme.objects.get(name="Bench transfer to a Policing and Crime Board")


def pages():
    from django.test import Client

    from pcc_portal.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=EMAIL))
    return [(f"handover: pack page ({ROWS} register rows)", client, f"/handover/packs/{_programme().pk}/")]


def pdfs():
    def pack_pdf() -> bytes:
        from handover.documents import pack_document
        from pcc_portal.pdf.services import html_to_pdf, render_html

        start, cpu = time.perf_counter(), time.process_time()
        source = pack_document(programme_id=_programme().pk)
        html = render_html(template_name=source.template_name, context={**source.context, "title": source.title})
        pdf = html_to_pdf(html)  # bench/run.py counts its pages once the clock has stopped
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        verdict = "ok  " if seconds < PACK_PDF_TARGET_S else "SLOW"
        # CPU time too: on a shared, loaded machine the wall time says more about the neighbours.
        print(
            f"  {verdict} {seconds:7.2f} s ({cpu:.2f} s CPU)  handover pack PDF, its own target {PACK_PDF_TARGET_S} s"
        )
        return pdf

    return [(f"handover: pack PDF ({ROWS} register rows)", pack_pdf, PACK_PDF_TARGET_S)]


if __name__ == "__main__":
    import os
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parent.parent
    sys.path[:0] = [str(bench.parent), str(bench)]
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcc_portal.settings")
    import django

    django.setup()
    import run
    from django.conf import settings
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from scenarios import a_foundation

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    old = setup_databases(verbosity=0, interactive=False)
    try:
        a_foundation.build()
        build()
        for label, client, url in pages():
            print(f"  {run.time_page(client, url):7.1f} ms  {label}")
        for label, render, _target in pdfs():
            start = time.perf_counter()
            pdf = render()
            seconds = time.perf_counter() - start
            from io import BytesIO

            from pypdf import PdfReader

            print(f"  {seconds:7.2f} s   {label} ({len(PdfReader(BytesIO(pdf)).pages)} pages)")
    finally:
        teardown_databases(old, verbosity=0)
