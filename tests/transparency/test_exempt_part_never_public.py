"""A decision's exempt part is never public: not on the page, the notice, the API, search or a CSV."""

import pytest
from django.urls import reverse

from search.services import search_index_rebuild
from tests.accounts.factories import UserFactory

from .factories import ContractFactory, DecisionFactory, SpendItemFactory

pytestmark = pytest.mark.django_db

SECRET = "Quillwort"  # a word only in the exempt part


@pytest.fixture
def reindex(db):
    """Rebuild the index from what the test made (the index follows saves only after a commit)."""
    return search_index_rebuild


@pytest.fixture
def decision(area, reindex):
    made = DecisionFactory(
        force_area=area,
        title="Re-commission victims' services",
        decision="To let a contract for a single referral service.",
        exempt_part=f"Bidder pricing: {SECRET} Ltd 401,000",
        exempt_reason="Commercially sensitive",
    )
    reindex()
    return made


def test_visitor_finds_a_published_decision_in_search_but_not_its_exempt_part(client, decision):
    html = client.get("/search/", {"q": "referral"}).content.decode()
    assert f'href="{decision.get_absolute_url()}"' in html
    assert "Decision" in html
    assert SECRET not in html
    assert "0 results" in client.get("/search/", {"q": SECRET}).content.decode()


def test_not_even_the_areas_staff_find_a_decision_by_its_exempt_part(client, decision, staff_user, admin_user):
    for user in (staff_user, admin_user):
        client.force_login(user)
        assert "0 results" in client.get("/search/", {"q": SECRET}).content.decode()


def test_a_draft_decision_is_found_only_by_its_areas_staff(client, area, other_area, staff_user, reindex):
    draft = DecisionFactory(force_area=area, title="Draft Quorn decision", draft=True)
    reindex()
    url = f'href="{draft.get_absolute_url()}"'
    assert url not in client.get("/search/", {"q": "Quorn"}).content.decode()
    for user in (
        UserFactory(opcc_staff=True, areas=[other_area]),
        UserFactory(partner=True, areas=[area]),
        UserFactory(panel_member=True, areas=[area]),
    ):
        client.force_login(user)
        assert url not in client.get("/search/", {"q": "Quorn"}).content.decode()
    client.force_login(staff_user)
    assert url in client.get("/search/", {"q": "Quorn"}).content.decode()


def test_the_api_gives_the_exempt_reason_but_never_the_exempt_part(client, area, decision, staff_user):
    for user in (None, staff_user):
        if user:
            client.force_login(user)
        response = client.get(f"/api/v1/areas/{area.code}/decisions")
        assert response.status_code == 200
        item = response.json()["items"][0]
        assert item["reference"] == decision.reference
        assert item["exempt_reason"] == "Commercially sensitive"
        assert SECRET not in response.content.decode()


def test_the_public_files_carry_no_exempt_part(client, area, decision):
    ContractFactory(force_area=area)
    SpendItemFactory(upload__force_area=area)
    for name in ("spend_csv", "contract_csv"):
        response = client.get(reverse(f"transparency:{name}", kwargs={"code": area.code}))
        assert response.status_code == 200
        assert SECRET not in response.content.decode("utf-8-sig")
