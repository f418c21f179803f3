"""The handover pack: who may open it, what it gathers, and its PDF."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from tests.accounts.factories import UserFactory
from tests.commissioning.factories import GrantFactory, MonitoringReturnFactory
from tests.panels.factories import PanelFactory, PanelReportFactory, RecommendationFactory
from tests.partners.factories import OrganisationFactory, PartnershipFactory, PartnershipMemberFactory
from tests.pdf_fetch import get_pdf

from .factories import MilestoneFactory, ProgrammeFactory, RiskFactory, TransferItemFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(area):
    programme = ProgrammeFactory(force_area=area, name="Leicestershire transfer 2028")
    finance = WorkstreamFactory(programme=programme, name="Finance and precept", order=1)
    people = WorkstreamFactory(programme=programme, name="People", order=2)
    council = OrganisationFactory(areas=[area], name="Leicester City Council")
    TransferItemFactory(
        programme=programme, workstream=finance, title="Precept collection", receiver_kind="successor", status="agreed"
    )
    TransferItemFactory(
        programme=programme,
        workstream=finance,
        title="Victims contract",
        receiver_kind="organisation",
        receiver_organisation=council,
        status="ready",
    )
    TransferItemFactory(programme=programme, workstream=people, title="OPCC posts", day_one_critical=True)
    TransferItemFactory(
        programme=programme,
        title="Unfiled row",
        receiver_kind="close",
        status="to_close",
        close_reason="Ends with the office.",
    )
    RiskFactory(programme=programme, title="Transition funding ends")
    RiskFactory(programme=programme, title="Closed risk", status="closed")
    MilestoneFactory(programme=programme, title="First plan of the board", due_on=datetime.date(2029, 3, 31))
    MilestoneFactory(programme=programme, title="Last panel meeting", due_on=datetime.date(2028, 3, 1))
    grant = GrantFactory(stream__force_area=area, title="Victims' network", reference="VN-1", status="active")
    grant.instalments.create(due_date=datetime.date(2028, 6, 1), amount_pence=5_000_00)
    grant.instalments.create(
        due_date=datetime.date(2027, 6, 1), amount_pence=5_000_00, paid_on=datetime.date(2027, 6, 1)
    )
    GrantFactory(stream__force_area=area, title="Fully paid grant", status="active")
    report = PanelReportFactory(panel=PanelFactory(force_area=area), title="Report on the plan")
    RecommendationFactory(report=report, text="Publish the precept options.")
    RecommendationFactory(report=report, text="A noted recommendation.", answered=True)
    PartnershipFactory(force_area=area, name="Strategic Partnership Board")
    return programme


def _url(programme, pdf=False):
    return reverse("handover:pack_pdf" if pdf else "handover:pack_detail", args=[programme.pk])


@pytest.mark.parametrize("role", ["opcc_staff", "panel_secretariat", "panel_member", "successor_officer"])
def test_the_areas_readers_open_the_pack_and_its_pdf(client, area, programme, role):
    client.force_login(UserFactory(areas=[area], **{role: True}))
    assert client.get(_url(programme)).status_code == 200
    assert get_pdf(client, _url(programme, pdf=True)).status_code == 200
    assert programme.name in client.get(reverse("handover:pack_list")).content.decode()


def test_an_administrator_opens_any_pack(client, programme, admin_user):
    client.force_login(admin_user)
    assert client.get(_url(programme)).status_code == 200


@pytest.mark.parametrize("who", ["partner", "other_staff", "other_successor"])
def test_partners_and_other_areas_get_404(client, area, other_area, programme, who):
    users = {
        "partner": lambda: UserFactory(partner=True, areas=[area]),
        "other_staff": lambda: UserFactory(opcc_staff=True, areas=[other_area]),
        "other_successor": lambda: UserFactory(successor_officer=True, areas=[other_area]),
    }
    client.force_login(users[who]())
    assert client.get(_url(programme)).status_code == 404
    assert get_pdf(client, _url(programme, pdf=True)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, programme):
    response = client.get(_url(programme))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_pack_gathers_register_risks_dates_grants_recommendations_and_landscape(client, staff_user, programme):
    client.force_login(staff_user)
    html = client.get(_url(programme)).content.decode()
    # Register grouped by workstream, then receiving body; rows without a workstream last.
    order = [html.index(s) for s in ["Finance and precept (2)", "Receiving body: Leicester City Council",
                                      "Victims contract", "People (1)", "Receiving body: No receiving body yet",
                                      "OPCC posts [day-one critical]", "No workstream (1)", "Unfiled row"]]  # fmt: skip
    assert order == sorted(order)
    assert "Receiving body: Leicestershire Policing and Crime Board" in html
    assert "4 rows in the register: 75% have a receiving body" in html
    assert "Transition funding ends" in html and "Closed risk" not in html
    assert "First plan of the board" in html and "Last panel meeting" not in html
    assert "VN-1: Victims&#x27; network" in html and "£5,000.00 to pay" in html and "Fully paid grant" not in html
    assert "Publish the precept options." in html and "A noted recommendation." not in html
    assert "Strategic Partnership Board" in html


def test_the_packs_landscape_lists_boards_with_members_chair_first_and_organisations_by_area(
    client, staff_user, area, programme
):
    board = PartnershipFactory(force_area=area, name="Community Safety Board", kind="csp")
    PartnershipFactory(force_area=area, name="Youth & justice cluster", parent=board, cluster=True)
    PartnershipFactory(force_area=area, name="Disbanded board", is_active=False)
    for name, role in [("Zed Trust", "chair"), ("Beta & Co", "member"), ("Alpha Health", "adviser"),
                       ("Gamma Council", "vice_chair"), ("Aardvark Fire", "member")]:  # fmt: skip
        PartnershipMemberFactory(
            partnership=board, role=role, organisation=OrganisationFactory(areas=[area], name=name)
        )
    client.force_login(staff_user)
    html = client.get(_url(programme)).content.decode()
    assert (
        'Community Safety Board</div><div class="row-meta">Community safety partnership · No terms of reference'
        " · members: Zed Trust (Chair); Gamma Council (Vice-chair); Aardvark Fire; Beta &amp; Co; Alpha Health"
        " (Adviser)</div>" in html
    )
    # Each top-level board is followed by its sub-groups; boards no longer active are not listed.
    assert html.index("Community Safety Board</div>") < html.index("Youth &amp; justice cluster</div>")
    assert "Sub-group (cluster) · No terms of reference</div>" in html and "Disbanded board" not in html
    assert "9 organisations and 3 boards." in html
    line = re.search(r"Voluntary sector \(8\)</div><div class=\"row-meta\">([^<]*)</div>", html).group(1)
    assert line.startswith("Aardvark Fire; Alpha Health; Beta &amp; Co; Gamma Council; Leicester City Council;")
    assert line.endswith("; Zed Trust")


def test_the_packs_risks_and_recommendations_say_owner_review_and_due_dates(client, staff_user, area, programme):
    RiskFactory(programme=programme, title="Data & records lost", kind="issue", likelihood=5, impact=4,
                owner=staff_user, next_review_on=datetime.date(2028, 2, 3), mitigation="Copy them.")  # fmt: skip
    report = PanelReportFactory(panel=PanelFactory(force_area=area), title="Report on the budget")
    RecommendationFactory(report=report, text="Review the reserves.", response_due_on=datetime.date(2028, 1, 9))
    client.force_login(staff_user)
    html = client.get(_url(programme)).content.decode()
    assert (
        'Data &amp; records lost (Issue, score 20: High)</div>\n    <div class="row-meta">Likelihood 5 × impact 4'
        f" · Open · owner {escape(staff_user.full_name)} · next review 3 Feb 2028</div>\n"
        '    <p class="row-text">Cause: Funding ends. Effect: Services stop. Mitigation: Copy them.</p>' in html
    )
    assert "Transition funding ends (Risk, score 12: Medium)" in html
    assert "Response: Awaiting response · due 9 Jan 2028</div>" in html


def test_the_pack_pdf_has_the_pages_sections_with_contents_and_page_numbers(client, staff_user, programme):
    client.force_login(staff_user)
    html = client.get(_url(programme)).content.decode()
    headings = re.findall(r"<h2>(\d\. [^<]+)</h2>", html)
    assert len(headings) == 7
    response = get_pdf(client, _url(programme, pdf=True))
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for heading in headings:
        heading = heading.replace("&#x27;", "'")
        assert re.search(re.escape(heading) + r"\s*\.+\s*\d+", text), heading  # in the contents, with its page
    # Each section starts on the page the contents give.
    for heading in headings:
        heading = heading.replace("&#x27;", "'")
        page = int(re.search(re.escape(heading) + r"\s*\.+\s*(\d+)", text).group(1))
        assert heading in reader.pages[page - 1].extract_text(), heading
    assert "Victims contract" in text and "Publish the precept options." in text


# With every section filled (fixed in the number of rows): session, user, areas, programme, readiness, one register
# query (a page of rows with the whole register's counts), live grants with their unpaid instalments (one), risks,
# milestones, recommendations with their responses (one), landscape (organisations; boards with their members), unread
# count, and one area's deadlines from each app but transition without looking up who is reminded (one each from
# partners, plans, panels, consultations, commissioning and transparency). At the budget of 20 for a page that
# gathers every app, with every section filled.
PACK_PAGE_MAX_QUERIES = 20


def _one_more_of_everything(area, programme, staff_user, n):
    """A register row, a risk, a grant with an unpaid instalment and a recommendation with its response."""
    TransferItemFactory(programme=programme, workstream=WorkstreamFactory(programme=programme) if n % 7 else None,
                        owner=staff_user, counterparty=OrganisationFactory(areas=[area]))  # fmt: skip
    RiskFactory(programme=programme)
    grant = GrantFactory(stream__force_area=area, status="active", reference=f"G-{n}")
    grant.instalments.create(due_date=datetime.date(2028, 6, 1), amount_pence=100_00)
    # A key date after the transfer: the pack lists it, and does not look up who is reminded of it.
    MonitoringReturnFactory(grant=grant, period_start=datetime.date(2028, 4, 1), due_date=datetime.date(2028, 7, 31))
    report = PanelReportFactory(panel=PanelFactory(force_area=area))
    RecommendationFactory(report=report, status="accepted", response=f"Response {n}.")


def test_pack_page_queries_are_flat_from_one_to_twenty_rows(client, staff_user, area, django_assert_max_num_queries):
    programme = ProgrammeFactory(force_area=area)
    PartnershipFactory(force_area=area, name="Strategic Partnership Board")
    _one_more_of_everything(area, programme, staff_user, 0)
    client.force_login(staff_user)
    with django_assert_max_num_queries(PACK_PAGE_MAX_QUERIES) as one:
        client.get(_url(programme))
    for n in range(1, 60):
        _one_more_of_everything(area, programme, staff_user, n)
    with django_assert_max_num_queries(PACK_PAGE_MAX_QUERIES) as twenty:
        html = client.get(_url(programme)).content.decode()
    with django_assert_max_num_queries(PACK_PAGE_MAX_QUERIES) as second_page:
        response = client.get(_url(programme) + "?page=2")
    assert "60 grants, £6,000.00 still to pay." in html and "G-59:" in html
    assert html.count("31 July 2028: Monitoring return") == 60
    assert html.count("Response: Accepted") == 60 and "Response 59." in html
    assert "Rows 51 to 60 are shown here" in response.content.decode()
    assert len(one.captured_queries) == len(twenty.captured_queries) == len(second_page.captured_queries)


def test_a_recommendation_shows_every_response_in_order_with_the_latest_date(client, staff_user, programme):
    from panels.models import Recommendation
    from tests.panels.factories import CommissionerResponseFactory

    recommendation = Recommendation.objects.get(text="Publish the precept options.")
    recommendation.status = Recommendation.Status.PARTLY_ACCEPTED
    recommendation.save()
    for day, text in [(9, "Later answer."), (2, "First answer.")]:
        CommissionerResponseFactory(report=recommendation.report, text=text, recommendations=[recommendation],
                                    responded_on=datetime.date(2027, 3, day))  # fmt: skip
    client.force_login(staff_user)
    html = client.get(_url(programme)).content.decode()
    assert "Response: Partly accepted on 9 Mar 2027: First answer.\n\nLater answer." in html


def test_the_pdf_is_prepared_in_the_background_for_readers_only(client, area, other_area_staff, programme):
    from pcc_portal.pdf.models import PdfJob

    client.force_login(other_area_staff)
    assert client.post(reverse("handover:pack_pdf_job", args=[programme.pk])).status_code == 404
    client.force_login(UserFactory(successor_officer=True, areas=[area]))
    response = client.post(reverse("handover:pack_pdf_job", args=[programme.pk]))
    job = PdfJob.objects.get()
    assert (
        response.status_code == 302 and job.document == "handover.pack" and job.params == {"programme_id": programme.pk}
    )


def _register_titles(html: str) -> list[str]:
    """The register's titles as the page (a bold title) or the PDF (the row's first line) writes them."""
    return re.findall(r'<p class="row reg">(?:<b>)?([^<\[\n]+?)(?: \[day-one critical\])?(?:</b>|\n)', html)


def test_the_page_shows_the_register_a_page_at_a_time_in_the_pdfs_order(client, staff_user, programme, monkeypatch):
    from handover import pack

    monkeypatch.setattr(pack, "REGISTER_PAGE_SIZE", 2)
    client.force_login(staff_user)
    first = client.get(_url(programme)).content.decode()
    second = client.get(_url(programme) + "?page=2").content.decode()
    assert _register_titles(first) == ["Victims contract", "Precept collection"]
    assert _register_titles(second) == ["OPCC posts", "Unfiled row"]
    # Headings give the whole register's counts; the pager and the note say where the rest is.
    assert "Finance and precept (2)" in first and "People (1)" in second and "No workstream (1)" in second
    assert "4 rows, by workstream and then by receiving body. Rows 1 to 2 are shown here" in first
    assert 'href="?page=2#register"' in first and 'href="?page=1#register"' in second
    # Past the end, or not a number: the last page, or the first.
    assert _register_titles(client.get(_url(programme) + "?page=9").content.decode()) == ["OPCC posts", "Unfiled row"]
    assert _register_titles(client.get(_url(programme) + "?page=x").content.decode()) == _register_titles(first)
    # The pages together are the register the PDF lists, in the same order.
    whole = [row["title"] for g in pack.register_groups(programme) for r in g.receivers for row in r.items]
    assert _register_titles(first) + _register_titles(second) == whole


def test_every_page_of_a_register_with_same_named_bodies_follows_the_pdfs_order(
    client, staff_user, area, programme, monkeypatch
):
    from handover import pack

    # Two councils of one name: their rows sort together (by kind and title), across the page breaks.
    finance = programme.workstreams.get(name="Finance and precept")
    for n, council in enumerate([OrganisationFactory(areas=[area], name="Rutland Council") for _ in range(2)]):
        for title in ("Alpha lease", "Beta contract", "Gamma grant"):
            TransferItemFactory(
                programme=programme, workstream=finance, title=f"{title} {n}", receiver_kind="organisation",
                receiver_organisation=council,
            )  # fmt: skip
    monkeypatch.setattr(pack, "REGISTER_PAGE_SIZE", 3)
    client.force_login(staff_user)
    pages = [client.get(_url(programme) + f"?page={n}").content.decode() for n in range(1, 5)]
    whole = [row["title"] for g in pack.register_groups(programme) for r in g.receivers for row in r.items]
    assert [title for page in pages for title in _register_titles(page)] == whole
    assert "Finance and precept (8)" in pages[2] and "Receiving body: Rutland Council" in pages[1]


def test_the_pdf_lists_the_whole_register_with_titles_and_detail_lines(programme):
    from handover.documents import pack_document
    from pcc_portal.pdf.services import render_html

    source = pack_document(programme_id=programme.pk)
    html = render_html(template_name=source.template_name, context={**source.context, "title": source.title})
    assert _register_titles(html) == ["Victims contract", "Precept collection", "OPCC posts", "Unfiled row"]
    assert "?page=" not in html and "shown here" not in html  # no pager: the PDF has every row
    assert "To close · closes: Ends with the office.</p>" in html


def test_packs_of_two_areas_asked_in_turn_each_show_only_their_own_area(
    client, staff_user, other_area, other_area_staff, programme
):
    """The pack's queries are compiled once per process: the second area's pack must not show the first's."""
    other = ProgrammeFactory(force_area=other_area, name="West Midlands transfer 2028")
    TransferItemFactory(programme=other, title="Mayoral office lease", receiver_kind="successor", status="agreed")
    RiskFactory(programme=other, title="Mayoral budget gap")
    MilestoneFactory(programme=other, title="First mayoral plan", due_on=datetime.date(2029, 4, 30))
    grant = GrantFactory(stream__force_area=other_area, title="Knife crime fund", reference="KC-1", status="active")
    grant.instalments.create(due_date=datetime.date(2028, 7, 1), amount_pence=2_000_00)
    report = PanelReportFactory(panel=PanelFactory(force_area=other_area), title="Report on the mayor's plan")
    RecommendationFactory(report=report, text="Publish the mayor's priorities.")
    PartnershipFactory(force_area=other_area, name="West Midlands Violence Reduction Board")
    own = ["Precept collection", "Transition funding ends", "First plan of the board", "VN-1:",
           "Publish the precept options.", "Strategic Partnership Board"]  # fmt: skip
    theirs = ["Mayoral office lease", "Mayoral budget gap", "First mayoral plan", "KC-1:",
              "Publish the mayor&#x27;s priorities.", "West Midlands Violence Reduction Board"]  # fmt: skip
    for _ in range(2):
        client.force_login(staff_user)
        html = client.get(_url(programme)).content.decode()
        assert all(s in html for s in own) and not any(s in html for s in theirs)
        assert client.get(_url(other)).status_code == 404
        client.force_login(other_area_staff)
        html = client.get(_url(other)).content.decode()
        assert all(s in html for s in theirs) and not any(s in html for s in own)
        assert client.get(_url(programme)).status_code == 404


def _counts_as_the_names_joined_first(programme, today):
    """The register's counts as the pack asked for them before: names joined to every row, then grouped by them."""
    from django.db.models import F

    from handover.pack import _group_order
    from transition.models import TransferItem
    from transition.selectors import readiness_counts

    fields = ("workstream_id", "workstream__name", "workstream__order", "receiver_kind", "receiver_organisation_id",
              "receiver_organisation__name")  # fmt: skip
    rows = (
        TransferItem.objects.filter(programme=programme)
        .values(*fields)
        .annotate(**readiness_counts(today=today))
        .order_by(*_group_order(), F("receiver_organisation_id"))
    )
    return [{k: row[k] for k in sorted(row)} for row in rows]


def test_the_register_counts_are_those_of_the_names_joined_to_every_row(area, programme):
    from handover.pack import register_counts

    # Groups the fixture lacks: a workstream ordered before another of a smaller name, two councils of one name
    # (one given later, with a smaller id than none), rows with no receiver, overdue and day-one critical rows.
    today = datetime.date(2028, 1, 10)
    late = WorkstreamFactory(programme=programme, name="Audit", order=3)
    early = WorkstreamFactory(programme=programme, name="Zebra crossings", order=0)
    councils = [OrganisationFactory(areas=[area], name="Rutland Council") for _ in range(2)]
    for n, workstream in enumerate([late, early, None, late]):
        for council in councils:
            TransferItemFactory(programme=programme, workstream=workstream, receiver_kind="organisation",
                                receiver_organisation=council, status=["agreed", "ready", "transferred", "to_close"][n],
                                due_on=datetime.date(2028, 1, 1 + 5 * n), day_one_critical=n % 2 == 0)  # fmt: skip
        TransferItemFactory(programme=programme, workstream=workstream, due_on=datetime.date(2027, 12, 1))
    readiness, counts = register_counts(programme, today=today)
    expected = _counts_as_the_names_joined_first(programme, today)
    assert [{k: row[k] for k in sorted(row)} for row in counts] == expected
    assert len(expected) == 13 and expected[0]["workstream__name"] == "Zebra crossings"
    assert readiness.overall.total == 4 + 12 and readiness.overall.overdue == 2 + 2 + 4


def test_the_packs_key_dates_link_each_milestone_as_its_page_does(area, programme):
    from handover.pack import key_dates_after
    from transition.models import Milestone

    MilestoneFactory(programme=programme, title="Statutory one", due_on=datetime.date(2029, 1, 31), statutory_key="x")
    dates = {d.title: d for d in key_dates_after(programme)}
    for milestone in Milestone.objects.filter(programme=programme, due_on__gt=programme.transfer_date):
        date = dates[milestone.title]
        assert (date.url, date.day, date.done) == (milestone.get_absolute_url(), milestone.due_on, milestone.is_done)
        assert date.kind == ("Statutory milestone" if milestone.is_statutory else "Milestone")
    assert dates["Statutory one"].kind == "Statutory milestone" and dates["First plan of the board"].kind == "Milestone"
    assert "Last panel meeting" not in dates


@pytest.mark.parametrize("page_size", [50, 7, 3])
def test_pages_spanning_many_groups_follow_the_pdfs_order_with_the_groups_counts(
    client, staff_user, area, programme, monkeypatch, page_size
):
    from handover import pack

    # Twelve workstreams of two receiving bodies each, rows without a workstream or a receiver: a page of fifty
    # spans more groups than are compiled, a page of three or seven a few of them, runs across its breaks.
    bodies = [OrganisationFactory(areas=[area], name=name) for name in ("Council A", "Council B")]
    for n in range(12):
        workstream = WorkstreamFactory(programme=programme, name=f"Stream {n:02d}", order=10 + n)
        for body in bodies:
            TransferItemFactory(programme=programme, workstream=workstream, title=f"Row {n:02d} {body.name}",
                                receiver_kind="organisation", receiver_organisation=body)  # fmt: skip
        TransferItemFactory(programme=programme, workstream=workstream, title=f"Row {n:02d} nobody")
    TransferItemFactory(programme=programme, title="Loose row", receiver_kind="successor")
    monkeypatch.setattr(pack, "REGISTER_PAGE_SIZE", page_size)
    whole = [row["title"] for g in pack.register_groups(programme) for r in g.receivers for row in r.items]
    client.force_login(staff_user)
    pages = (len(whole) + page_size - 1) // page_size
    for _ in range(2):  # the second time from the compiled queries
        html = [client.get(_url(programme) + f"?page={n}").content.decode() for n in range(1, pages + 1)]
        assert [title for page in html for title in _register_titles(page)] == whole
    assert len(whole) == 4 + 12 * 3 + 1
    every_page = "".join(html)
    assert "Stream 07 (3)" in every_page and "Receiving body: Council B (1)" in every_page
    assert "No workstream (2)" in html[-1] and "Receiving body: No receiving body yet (1)" in every_page


def test_every_page_of_the_pack_pdf_has_its_footer_the_date_at_the_left_and_the_page_number_at_the_right(programme):
    """The footer's boxes have set widths (faster for long registers): each text still sits where it did."""
    from handover.documents import pack_document
    from pcc_portal.pdf.services import html_to_pdf, render_html

    for n in range(60):
        TransferItemFactory(programme=programme, title=f"Register row {n} with a title long enough to read")
    source = pack_document(programme_id=programme.pk)
    html = render_html(template_name=source.template_name, context={**source.context, "title": source.title})
    reader = PdfReader(io.BytesIO(html_to_pdf(html)))
    count = len(reader.pages)
    assert count > 4
    prepared = f"Prepared {datetime.date.today():%-d %B %Y}"
    for number, page in enumerate(reader.pages, start=1):
        placed = {}

        def visit(text, cm, tm, font, size, placed=placed):
            if text.strip():
                placed[text.strip()] = tm[4] * cm[0] + cm[4]

        page.extract_text(visitor_text=visit)
        width = float(page.mediabox.width)
        assert placed[prepared] < width * 0.15, number  # at the left margin
        assert placed[f"Page {number} of {count}"] > width * 0.6, number  # at the right
