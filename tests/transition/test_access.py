"""Who may open and change a transition programme: every role, another area, another organisation."""

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from transition.models import TransferItem

from .factories import DecisionFactory, MilestoneFactory, RiskFactory, TransferItemFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db


def _urls(programme, item, workstream, milestone, risk, decision):
    p = {"pk": programme.pk}
    return [
        ("transition:programme_detail", p),
        ("transition:programme_edit", p),
        ("transition:register", p),
        ("transition:item_create", p),
        ("transition:risk_list", p),
        ("transition:risk_create", p),
        ("transition:decision_list", p),
        ("transition:decision_create", p),
        ("transition:readiness", p),
        ("transition:workstream_create", p),
        ("transition:milestone_create", p),
        ("transition:workstream_detail", {"pk": workstream.pk}),
        ("transition:workstream_edit", {"pk": workstream.pk}),
        ("transition:milestone_edit", {"pk": milestone.pk}),
        ("transition:risk_edit", {"pk": risk.pk}),
        ("transition:decision_edit", {"pk": decision.pk}),
        ("transition:item_detail", {"pk": item.pk}),
        ("transition:item_edit", {"pk": item.pk}),
    ]


@pytest.fixture
def everything(programme, item, workstream):
    return _urls(
        programme,
        item,
        workstream,
        MilestoneFactory(programme=programme),
        RiskFactory(programme=programme),
        DecisionFactory(programme=programme),
    )


def test_staff_of_the_area_open_and_manage_every_page(client, staff_user, everything):
    client.force_login(staff_user)
    for name, kwargs in everything:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200, name


def test_administrator_opens_every_page(client, admin_user, everything):
    client.force_login(admin_user)
    for name, kwargs in everything:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200, name


def test_another_areas_staff_get_404_on_every_transition_url(client, other_area_staff, everything, programme, item):
    client.force_login(other_area_staff)
    extra = [
        ("transition:register_export", {"pk": programme.pk, "fmt": "csv"}),
        ("transition:register_export", {"pk": programme.pk, "fmt": "xlsx"}),
    ]
    for name, kwargs in everything + extra:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404, name
    for name, kwargs in [
        ("transition:programme_propose", {"pk": programme.pk}),
        ("transition:register_bulk", {"pk": programme.pk}),
        ("transition:item_accept", {"pk": item.pk}),
        ("transition:evidence_upload", {"pk": item.pk}),
    ]:
        assert client.post(reverse(name, kwargs=kwargs)).status_code == 404, name


@pytest.mark.parametrize("role", ["secretariat_user", "panel_member_user", "successor_user"])
def test_panel_and_successor_read_but_cannot_change(client, request, role, everything, programme):
    client.force_login(request.getfixturevalue(role))
    for name, kwargs in everything:
        status = client.get(reverse(name, kwargs=kwargs)).status_code
        expected = 404 if name.endswith(("_edit", "_create")) else 200
        assert status == expected, name
    response = client.post(reverse("transition:programme_propose", kwargs={"pk": programme.pk}))
    assert response.status_code == 404


def test_partner_sees_only_rows_naming_their_organisation(client, partner_user, partner_org, other_org, programme):
    as_receiver = TransferItemFactory(
        programme=programme,
        title="Received by us",
        receiver_kind=TransferItem.Receiver.ORGANISATION,
        receiver_organisation=partner_org,
    )
    as_counterparty = TransferItemFactory(programme=programme, title="We are the grantee", counterparty=partner_org)
    theirs = TransferItemFactory(programme=programme, title="Another charity's grant", counterparty=other_org)
    internal = TransferItemFactory(programme=programme, title="Internal post")
    client.force_login(partner_user)
    page = client.get(reverse("transition:register", kwargs={"pk": programme.pk})).content.decode()
    assert "Received by us" in page and "We are the grantee" in page
    assert "Another charity" not in page and "Internal post" not in page
    assert client.get(reverse("transition:item_detail", kwargs={"pk": as_receiver.pk})).status_code == 200
    assert client.get(reverse("transition:item_detail", kwargs={"pk": as_counterparty.pk})).status_code == 200
    assert client.get(reverse("transition:item_detail", kwargs={"pk": theirs.pk})).status_code == 404
    assert client.get(reverse("transition:item_detail", kwargs={"pk": internal.pk})).status_code == 404
    csv = client.get(reverse("transition:register_export", kwargs={"pk": programme.pk, "fmt": "csv"})).content
    assert b"Received by us" in csv and b"Internal post" not in csv
    for name in ("transition:risk_list", "transition:readiness", "transition:decision_list"):
        assert client.get(reverse(name, kwargs={"pk": programme.pk})).status_code == 404


def test_partner_of_another_organisation_sees_none_of_these_rows(client, area, programme, partner_org):
    other_partner = UserFactory(partner=True, areas=[area])
    TransferItemFactory(programme=programme, title="Received by us", counterparty=partner_org)
    client.force_login(other_partner)
    page = client.get(reverse("transition:register", kwargs={"pk": programme.pk})).content.decode()
    assert "Received by us" not in page


def test_successor_officer_accepts_a_row_the_successor_receives(client, successor_user, programme):
    row = TransferItemFactory(programme=programme, to_successor=True, status=TransferItem.Status.AGREED)
    client.force_login(successor_user)
    assert "Accept for" in client.get(reverse("transition:item_detail", kwargs={"pk": row.pk})).content.decode()
    client.post(reverse("transition:item_accept", kwargs={"pk": row.pk}))
    row.refresh_from_db()
    assert row.accepted_by == successor_user and row.accepted_at is not None


def test_staff_cannot_accept_for_the_successor(client, staff_user, programme):
    row = TransferItemFactory(programme=programme, to_successor=True, status=TransferItem.Status.AGREED)
    client.force_login(staff_user)
    assert client.post(reverse("transition:item_accept", kwargs={"pk": row.pk})).status_code == 404
    row.refresh_from_db()
    assert row.accepted_at is None


def test_public_sees_the_published_summary_only(client, programme):
    WorkstreamFactory(programme=programme, name="Finance and precept", rag="amber", rag_reason="Precept not set")
    MilestoneFactory(programme=programme, title="Panel's last meeting")
    TransferItemFactory(programme=programme, title="Secret contract")
    url = reverse("transition:public_detail", kwargs={"pk": programme.pk})
    assert client.get(url).status_code == 404
    programme.is_published = True
    programme.save()
    page = client.get(url).content.decode()
    assert "Finance and precept" in page and "Amber" in page and "Panel&#x27;s last meeting" in page
    assert "Secret contract" not in page
    assert client.get(reverse("transition:register", kwargs={"pk": programme.pk})).status_code == 302  # sign in
    assert programme.name in client.get(reverse("transition:public_list")).content.decode()


def test_navigation_shows_transition_to_the_successor_but_not_the_opccs_internal_lists(client, successor_user):
    client.force_login(successor_user)
    page = client.get(reverse("core:dashboard")).content.decode()
    nav = page[page.index('id="main-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert reverse("transition:home") in nav
    for internal in ("/partners/", "/commissioning/", "/panels/"):
        assert f'href="{internal}"' not in nav


def test_dashboard_shows_the_programme_under_way_to_readers_only(client, successor_user, partner_user, programme):
    TransferItemFactory(programme=programme, to_successor=True)
    TransferItemFactory(programme=programme)
    client.force_login(successor_user)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert programme.name in page and "1 of 2 register rows have a receiving body" in page
    client.force_login(partner_user)
    assert programme.name not in client.get(reverse("core:dashboard")).content.decode()


PUBLIC = {"public_list", "public_detail"}


@pytest.fixture
def every_private_url(everything, programme, item, area):
    """Every private transition URL (GET or POST), checked against the URLconf so none is left out."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from transition import urls
    from transition.models import TransferEvidence

    evidence = TransferEvidence.objects.create(item=item, title="Signed", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"))
    gets = [
        *everything,
        ("transition:home", {}),
        ("transition:programme_create", {"code": area.code}),
        ("transition:register_export", {"pk": programme.pk, "fmt": "csv"}),
        ("transition:register_export", {"pk": programme.pk, "fmt": "xlsx"}),
        ("transition:evidence_download", {"pk": evidence.pk}),
    ]
    posts = [
        ("transition:programme_propose", {"pk": programme.pk}),
        ("transition:register_bulk", {"pk": programme.pk}),
        ("transition:item_accept", {"pk": item.pk}),
        ("transition:evidence_upload", {"pk": item.pk}),
        ("transition:item_edit", {"pk": item.pk}),
        ("transition:programme_edit", {"pk": programme.pk}),
    ]
    covered = {name.split(":")[1] for name, _ in gets + posts}
    assert {p.name for p in urls.urlpatterns} - PUBLIC == covered
    return gets, posts


@pytest.mark.parametrize(
    "role", ["other_area_staff", "other_area_successor", "other_area_secretariat", "other_area_member"]
)
def test_every_role_of_another_area_gets_404_on_every_transition_url(client, request, role, every_private_url):
    from tests.accounts.factories import UserFactory

    other_area = request.getfixturevalue("other_area")
    user = {
        "other_area_staff": lambda: request.getfixturevalue("other_area_staff"),
        "other_area_successor": lambda: UserFactory(successor_officer=True, areas=[other_area]),
        "other_area_secretariat": lambda: UserFactory(panel_secretariat=True, areas=[other_area]),
        "other_area_member": lambda: UserFactory(panel_member=True, areas=[other_area]),
    }[role]()
    client.force_login(user)
    gets, posts = every_private_url
    for name, kwargs in gets:
        if name == "transition:home":
            assert "Transfer programme" not in client.get(reverse(name)).content.decode()
            continue
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 404, name
    for name, kwargs in posts:
        assert client.post(reverse(name, kwargs=kwargs)).status_code == 404, name


def test_the_public_are_sent_to_sign_in_on_every_private_url(client, every_private_url):
    gets, posts = every_private_url
    for name, kwargs in gets:
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
    for name, kwargs in posts:
        response = client.post(reverse(name, kwargs=kwargs))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_a_partner_changes_nothing_even_on_a_row_naming_them(client, partner_user, partner_org, programme):
    row = TransferItemFactory(
        programme=programme,
        title="Received by us",
        receiver_kind=TransferItem.Receiver.SUCCESSOR,
        status=TransferItem.Status.AGREED,
        counterparty=partner_org,
    )
    client.force_login(partner_user)
    assert client.get(reverse("transition:item_detail", kwargs={"pk": row.pk})).status_code == 200
    for name, kwargs, data in [
        ("transition:item_edit", {"pk": row.pk}, {"title": "Renamed", "kind": row.kind, "status": "ready"}),
        ("transition:item_accept", {"pk": row.pk}, {}),
        ("transition:evidence_upload", {"pk": row.pk}, {"title": "x"}),
        ("transition:register_bulk", {"pk": programme.pk}, {"items": [row.pk], "status": "ready", "confirm": "True"}),
        ("transition:programme_propose", {"pk": programme.pk}, {}),
    ]:
        assert client.post(reverse(name, kwargs=kwargs), data).status_code == 404, name
    row.refresh_from_db()
    assert (row.title, row.status, row.accepted_at) == ("Received by us", "agreed", None)


def test_a_partner_of_another_organisation_opens_no_row_of_this_one(client, area, programme, partner_org):
    other_partner = UserFactory(partner=True, areas=[area])
    row = TransferItemFactory(programme=programme, title="Received by us", counterparty=partner_org)
    client.force_login(other_partner)
    assert client.get(reverse("transition:item_detail", kwargs={"pk": row.pk})).status_code == 404
    csv = client.get(reverse("transition:register_export", kwargs={"pk": programme.pk, "fmt": "csv"})).content
    assert b"Received by us" not in csv


def test_the_panel_reads_every_row_but_accepts_none(client, secretariat_user, panel_member_user, programme):
    row = TransferItemFactory(programme=programme, to_successor=True, status=TransferItem.Status.AGREED)
    for user in (secretariat_user, panel_member_user):
        client.force_login(user)
        assert row.title in client.get(reverse("transition:register", kwargs={"pk": programme.pk})).content.decode()
        assert client.post(reverse("transition:item_accept", kwargs={"pk": row.pk})).status_code == 404
    row.refresh_from_db()
    assert row.accepted_at is None
