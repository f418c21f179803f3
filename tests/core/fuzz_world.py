"""The objects every form of the portal needs, built with the apps' factories only when a form asks."""

import datetime
from functools import cached_property

from django.utils import timezone

from tests.accounts.factories import ForceAreaFactory, UserFactory
from tests.commissioning import factories as commissioning
from tests.consultations import factories as consultations
from tests.panels import factories as panels
from tests.partners import factories as partners
from tests.plans import factories as plans


class World:
    """One force area with one of everything, and a user of each role allowed to work on it."""

    @cached_property
    def area(self):
        return ForceAreaFactory(name="Leicestershire", code="leicestershire")

    # Users --------------------------------------------------------------------------------------

    @cached_property
    def staff(self):
        return UserFactory(opcc_staff=True, areas=[self.area])

    @cached_property
    def secretariat(self):
        return UserFactory(panel_secretariat=True, areas=[self.area])

    @cached_property
    def member(self):
        return UserFactory(panel_member=True, areas=[self.area])

    @cached_property
    def admin(self):
        return UserFactory(administrator=True, areas=[self.area])

    @cached_property
    def partner(self):
        """A partner user who belongs to `organisation`."""
        return commissioning.partner_of(self.organisation)

    # Partners -----------------------------------------------------------------------------------

    @cached_property
    def organisation(self):
        return partners.OrganisationFactory(areas=[self.area], name="Leicester City Council", council=True)

    @cached_property
    def inactive_organisation(self):
        return partners.OrganisationFactory(areas=[self.area], is_active=False)

    @cached_property
    def reset_uid(self):
        from django.utils.encoding import force_bytes
        from django.utils.http import urlsafe_base64_encode

        return urlsafe_base64_encode(force_bytes(self.staff.pk))

    @cached_property
    def reset_token(self):
        from django.contrib.auth.tokens import default_token_generator

        return default_token_generator.make_token(self.staff)

    @cached_property
    def calendar_feed(self):
        from tests.deadlines.factories import CalendarFeedFactory

        return CalendarFeedFactory(user=self.staff)

    @cached_property
    def notification(self):
        from pcc_portal.notifications.models import Notification

        return Notification.objects.create(
            recipient=self.staff, kind="plans.comment", key="fuzz:1", title="A new comment", url="/plans/"
        )

    @cached_property
    def contact(self):
        return partners.ContactFactory(organisation=self.organisation)

    @cached_property
    def partnership(self):
        return partners.PartnershipFactory(force_area=self.area)

    @cached_property
    def partnership_member(self):
        return partners.PartnershipMemberFactory(partnership=self.partnership, organisation=self.organisation)

    @cached_property
    def engagement(self):
        return partners.EngagementFactory(force_area=self.area, organisations=[self.organisation])

    @cached_property
    def follow_up(self):
        return partners.FollowUpActionFactory(engagement=self.engagement)

    @cached_property
    def opcc(self):
        return partners.OrganisationFactory(areas=[self.area], name="OPCC for Leicestershire", org_type="opcc")

    @cached_property
    def bulletin(self):
        return partners.BulletinFactory(publisher=self.opcc, force_area=self.area, audience=[self.area])

    @cached_property
    def bulletin_section(self):
        return partners.BulletinSectionFactory(bulletin=self.bulletin, heading="Welcome")

    @cached_property
    def bulletin_article(self):
        return partners.BulletinArticleFactory(bulletin=self.bulletin)

    @cached_property
    def bulletin_event(self):
        return partners.BulletinEventFactory(bulletin=self.bulletin)

    @cached_property
    def scheduled_bulletin(self):
        return partners.BulletinFactory(publisher=self.opcc, force_area=self.area, audience=[self.area], scheduled=True)

    # Plans --------------------------------------------------------------------------------------

    @cached_property
    def plan(self):
        return plans.PlanFactory(force_area=self.area)

    @cached_property
    def version(self):
        return plans.PlanVersionFactory(plan=self.plan)

    @cached_property
    def section(self):
        return plans.SectionFactory(version=self.version)

    @cached_property
    def priority(self):
        return plans.PriorityFactory(version=self.version)

    @cached_property
    def objective(self):
        return plans.ObjectiveFactory(version=self.version)

    @cached_property
    def shared_version(self):
        return plans.PlanVersionFactory(plan=self.plan, shared=True)

    @cached_property
    def shared_section(self):
        return plans.SectionFactory(version=self.shared_version)

    @cached_property
    def comment(self):
        return plans.CommentFactory(section=self.shared_section, version=self.shared_version, author=self.member)

    # Panels -------------------------------------------------------------------------------------

    @cached_property
    def panel(self):
        return panels.PanelFactory(force_area=self.area)

    @cached_property
    def membership(self):
        return panels.MembershipFactory(panel=self.panel)

    @cached_property
    def meeting(self):
        return panels.MeetingFactory(panel=self.panel)

    @cached_property
    def agenda_item(self):
        return panels.AgendaItemFactory(meeting=self.meeting)

    @cached_property
    def agenda_item_without_report(self):
        return panels.AgendaItemFactory(meeting=self.meeting, title="Item still to be written")

    @cached_property
    def agenda_report(self):
        report = panels.AgendaReportFactory(agenda_item=self.agenda_item)
        panels.ReportParagraphFactory(report=report)
        return report

    @cached_property
    def panel_report(self):
        return panels.PanelReportFactory(panel=self.panel)

    @cached_property
    def recommendation(self):
        return panels.RecommendationFactory(report=self.panel_report)

    @cached_property
    def appendix(self):
        from django.core.files.base import ContentFile

        appendix = panels.ReportAppendixFactory(report=self.agenda_report, page_count=1)
        appendix.file.save("appendix.pdf", ContentFile(one_page_pdf()), save=True)
        return appendix

    @cached_property
    def commissioner_response(self):
        return panels.CommissionerResponseFactory(report=self.panel_report, recommendations=[self.recommendation])

    @cached_property
    def hearing(self):
        return panels.ConfirmationHearingFactory(panel=self.panel)

    @cached_property
    def complaint(self):
        from panels.models import Complaint

        return Complaint.objects.create(
            panel=self.panel, complainant="A resident", received_on=datetime.date(2026, 1, 5), summary="A complaint."
        )

    # Consultations ------------------------------------------------------------------------------

    @cached_property
    def consultation(self):
        """Open now, with a question of each kind, inviting `organisation`."""
        consultation = consultations.ConsultationFactory(force_area=self.area, invited=[self.organisation])
        consultations.QuestionFactory(consultation=consultation)
        consultations.QuestionFactory(consultation=consultation, single=True)
        consultations.QuestionFactory(consultation=consultation, multiple=True)
        consultations.QuestionFactory(consultation=consultation, rating=True, mandatory=True)
        return consultation

    @cached_property
    def draft_consultation(self):
        consultation = consultations.ConsultationFactory(force_area=self.area, draft=True)
        consultations.QuestionFactory(consultation=consultation)
        return consultation

    @cached_property
    def draft_question(self):
        return self.draft_consultation.questions.first()

    @cached_property
    def public_consultation(self):
        consultation = consultations.ConsultationFactory(force_area=self.area, public=True)
        consultations.QuestionFactory(consultation=consultation)
        consultations.QuestionFactory(consultation=consultation, single=True)
        return consultation

    @cached_property
    def closed_consultation(self):
        return consultations.ConsultationFactory(force_area=self.area, closed=True)

    @cached_property
    def outcome(self):
        from consultations.models import Outcome

        return Outcome.objects.create(consultation=self.closed_consultation, you_said="More.", we_did="Did more.")

    @cached_property
    def response(self):
        response = consultations.ResponseFactory(
            consultation=self.consultation, organisation=self.organisation, submitted=True
        )
        for question in self.consultation.questions.all():
            consultations.AnswerFactory(response=response, question=question, text="An answer with a name in it.")
        return response

    @cached_property
    def theme(self):
        return consultations.ThemeFactory()

    @cached_property
    def response_tag(self):
        return self.response.tags.create(theme=self.theme)

    @cached_property
    def event(self):
        return consultations.ConsultationEventFactory(areas=[self.area])

    @cached_property
    def session(self):
        return consultations.SessionFactory(event=self.event, force_area=self.area)

    @cached_property
    def attendee(self):
        return consultations.AttendeeFactory(session=self.session, organisation=self.organisation)

    @cached_property
    def finding(self):
        return consultations.FindingFactory(event=self.event, theme=self.theme, areas=[self.area])

    @cached_property
    def action(self):
        return consultations.ActionFactory(event=self.event)

    # Commissioning ------------------------------------------------------------------------------

    @cached_property
    def stream(self):
        return commissioning.FundingStreamFactory(force_area=self.area)

    @cached_property
    def councils(self):
        return [self.organisation, partners.OrganisationFactory(areas=[self.area], council=True)]

    @cached_property
    def allocation(self):
        from commissioning.services import allocation_preview

        return allocation_preview(
            user=self.staff, stream=self.stream, title="Split", total_pence=100_000_00, recipients=self.councils
        )

    @cached_property
    def round(self):
        round_ = commissioning.RoundFactory(stream=self.stream)
        commissioning.QuestionFactory(round=round_)
        return round_

    @cached_property
    def application(self):
        """A draft of the partner's organisation."""
        return commissioning.ApplicationFactory(round=self.round, organisation=self.organisation, complete=True)

    @cached_property
    def attachment(self):
        """A document attached to the partner's draft application."""
        from django.core.files.uploadedfile import SimpleUploadedFile

        from commissioning.models import ApplicationAttachment

        return ApplicationAttachment.objects.create(
            application=self.application,
            title="Budget",
            file=SimpleUploadedFile("budget.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
            size=15,
        )

    @cached_property
    def submitted_application(self):
        return commissioning.ApplicationFactory(round=self.round, submitted=True)

    @cached_property
    def assignment(self):
        return commissioning.AssignmentFactory(application=self.submitted_application, assessor=self.staff)

    @cached_property
    def recommended_application(self):
        return commissioning.ApplicationFactory(round=self.round, recommended=True)

    @cached_property
    def grant(self):
        from commissioning.services import grant_create

        return grant_create(
            user=self.staff,
            stream=self.stream,
            recipient=self.organisation,
            reference="G-2013-01",
            title="Transition funding",
            purpose="Six months.",
            amount_pence=10_000_00,
            award_date=datetime.date(2013, 3, 28),
            start_date=datetime.date(2013, 4, 1),
            end_date=datetime.date(2013, 9, 30),
            instalments=2,
        )

    @cached_property
    def instalment(self):
        return self.grant.instalments.first()

    @cached_property
    def monitoring_return(self):
        monitoring_return = self.grant.returns.order_by("due_date").first()
        monitoring_return.due_date = timezone.localdate() + datetime.timedelta(days=7)
        monitoring_return.save()
        return monitoring_return

    # Transition ---------------------------------------------------------------------------------

    @cached_property
    def api_token(self):
        from api.services import create_token

        token, _secret = create_token(user=self.staff, name="Reporting spreadsheet")
        return token

    @cached_property
    def successor(self):
        return UserFactory(successor_officer=True, areas=[self.area])

    @cached_property
    def programme(self):
        from tests.transition.factories import ProgrammeFactory

        return ProgrammeFactory(force_area=self.area, board=self.transition_board, lead=self.staff)

    @cached_property
    def transition_board(self):
        from partners.models import Partnership

        return partners.PartnershipFactory(force_area=self.area, kind=Partnership.Kind.TRANSITION_BOARD)

    @cached_property
    def workstream(self):
        from tests.transition.factories import WorkstreamFactory

        return WorkstreamFactory(programme=self.programme, lead=self.staff)

    @cached_property
    def milestone(self):
        from tests.transition.factories import MilestoneFactory

        return MilestoneFactory(programme=self.programme, workstream=self.workstream, owner=self.successor)

    @cached_property
    def risk(self):
        from tests.transition.factories import RiskFactory

        return RiskFactory(programme=self.programme, workstream=self.workstream, owner=self.staff)

    @cached_property
    def transition_decision(self):
        from tests.transition.factories import DecisionFactory

        return DecisionFactory(programme=self.programme, workstream=self.workstream)

    @cached_property
    def item(self):
        """A register row the successor body receives, agreed but not yet accepted, naming the organisation."""
        from tests.transition.factories import TransferItemFactory

        return TransferItemFactory(
            programme=self.programme,
            workstream=self.workstream,
            counterparty=self.organisation,
            to_successor=True,
            status="agreed",  # the successor accepts an agreed transfer
            owner=self.staff,
        )

    # Handover -----------------------------------------------------------------------------------

    @cached_property
    def briefing(self):
        """Published, so candidates may register and questions may be answered."""
        from tests.handover.factories import BriefingFactory

        return BriefingFactory(force_area=self.area, published=True)

    @cached_property
    def candidate(self):
        """Registered, awaiting confirmation through the emailed link."""
        from tests.handover.factories import CandidateFactory

        return CandidateFactory(briefing=self.briefing)

    @cached_property
    def confirmed_candidate(self):
        from tests.handover.factories import CandidateFactory

        return CandidateFactory(briefing=self.briefing, confirmed=True)

    @cached_property
    def confirm_token(self):
        from handover.services import confirmation_token

        return confirmation_token(self.candidate)

    @cached_property
    def access_token(self):
        from handover.services import access_token

        return access_token(self.confirmed_candidate)

    @cached_property
    def question(self):
        from tests.handover.factories import QuestionFactory

        return QuestionFactory(candidate=self.confirmed_candidate, briefing=self.briefing)

    # Transparency -------------------------------------------------------------------------------

    @cached_property
    def transparency_records(self) -> dict:
        """One record of each kind the management pages edit, by the kind in their URLs."""
        from tests.transparency import factories as transparency

        return {
            "decisions": transparency.DecisionFactory(force_area=self.area),
            "interests": transparency.InterestFactory(force_area=self.area),
            "gifts": transparency.GiftFactory(force_area=self.area),
            "contracts": transparency.ContractFactory(force_area=self.area, supplier=self.organisation),
            "inspections": transparency.InspectionReportFactory(force_area=self.area),
        }


def one_page_pdf() -> bytes:
    """A real one-page PDF (an appendix must be readable to go into the agenda pack)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
