"""Transition at national scale: a programme in every area, one with a 2,000-row register;
the register (first page, filtered, a partner's view), readiness, programme and risk log."""

import datetime
import random

from django.test import Client

from partners.models import Contact, Organisation, OrganisationType, PartnershipArea
from pcc_portal.accounts.models import ForceArea, Role, User
from pcc_portal.core.transfer import TransferKind
from transition.models import Milestone, Risk, TransferItem, TransitionProgramme, Workstream

BIG_REGISTER = 2_000
SMALL_REGISTER = 50
WORKSTREAMS = ["governance", "finance", "commissioning", "contracts", "people", "estates", "records", "partnerships"]
STATUSES = [s for s, _ in TransferItem.Status.choices]
KINDS = [k for k, _ in TransferKind.CHOICES]


def build() -> None:
    rng = random.Random(2028)
    areas = list(ForceArea.objects.order_by("pk"))
    first = areas[0]
    organisations = list(Organisation.objects.filter(force_areas=first)[:40])
    if not organisations:
        organisations = Organisation.objects.bulk_create(
            Organisation(name=f"Transition partner {n}", org_type=OrganisationType.VOLUNTARY_COMMUNITY,
                         partnership_area=PartnershipArea.VOLUNTARY_SECTOR)
            for n in range(40)
        )  # fmt: skip
        through = Organisation.force_areas.through
        through.objects.bulk_create(through(organisation_id=o.pk, forcearea_id=first.pk) for o in organisations)
    partner, _ = User.objects.get_or_create(
        email="bench-transition-partner@bench.example.org",
        defaults={"full_name": "Transition partner", "role": Role.PARTNER},
    )
    partner.force_areas.add(first)
    Contact.objects.get_or_create(
        user=partner, defaults={"organisation": organisations[0], "full_name": "Transition partner"}
    )
    programmes = TransitionProgramme.objects.bulk_create(
        TransitionProgramme(
            force_area=a,
            name=f"{a.name} transfer 2028",
            kind=TransitionProgramme.Kind.PCC_TO_BOARD,
            outgoing_body="Police and Crime Commissioner",
            successor_name=f"{a.name} Policing and Crime Board",
            successor_kind=TransitionProgramme.SuccessorKind.POLICING_AND_CRIME_BOARD,
            transfer_date=datetime.date(2028, 5, 8),
        )
        for a in areas
    )
    workstreams = Workstream.objects.bulk_create(
        Workstream(programme=p, key=key, name=key.title(), order=i)
        for p in programmes
        for i, key in enumerate(WORKSTREAMS)
    )
    by_programme = {}
    for w in workstreams:
        by_programme.setdefault(w.programme_id, []).append(w)
    items = []
    for p in programmes:
        for n in range(BIG_REGISTER if p.force_area_id == first.pk else SMALL_REGISTER):
            status = rng.choice(STATUSES)
            receiver = rng.choice(["", "successor", "organisation", "close"]) if status == "identified" else "successor"
            items.append(
                TransferItem(
                    programme=p,
                    workstream=rng.choice(by_programme[p.pk]),
                    kind=rng.choice(KINDS),
                    title=f"Register row {n}",
                    source_key=f"bench:{n}",
                    status=status,
                    close_reason="Ends" if status == "to_close" else "",
                    receiver_kind=receiver,
                    receiver_organisation=rng.choice(organisations) if receiver == "organisation" else None,
                    counterparty=rng.choice(organisations) if n % 3 == 0 else None,
                    due_on=datetime.date(2027, 1, 1) + datetime.timedelta(days=rng.randint(0, 700)),
                    day_one_critical=n % 10 == 0,
                )
            )
    TransferItem.objects.bulk_create(items, batch_size=2_000)
    Milestone.objects.bulk_create(
        Milestone(programme=p, title=f"Milestone {n}", due_on=datetime.date(2027, 1, 1) + datetime.timedelta(days=30*n))
        for p in programmes
        for n in range(20)
    )  # fmt: skip
    Risk.objects.bulk_create(
        Risk(programme=p, title=f"Risk {n}", cause="c", effect="e", likelihood=1 + n % 5, impact=1 + (n * 3) % 5)
        for p in programmes
        for n in range(30)
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pages():
    area = ForceArea.objects.order_by("pk").first()
    programme = TransitionProgramme.objects.get(force_area=area)
    staff = User.objects.filter(role=Role.OPCC_STAFF, force_areas=area).first()
    staff_client = _client(staff)
    partner_client = _client(User.objects.get(email="bench-transition-partner@bench.example.org"))
    base = f"/transition/{programme.pk}"
    return [
        ("transfer register, page 1 of 40 (2,000 rows)", staff_client, f"{base}/register/"),
        ("transfer register, last page", staff_client, f"{base}/register/?page=40"),
        ("transfer register, filtered", staff_client, f"{base}/register/?status=identified&receiver=none"),
        ("transfer register, partner's rows", partner_client, f"{base}/register/"),
        ("readiness (2,000 rows)", staff_client, f"{base}/readiness/"),
        ("programme page", staff_client, f"{base}/"),
        ("risk log with heat map", staff_client, f"{base}/risks/"),
        ("transition programmes (staff)", staff_client, "/transition/"),
    ]
