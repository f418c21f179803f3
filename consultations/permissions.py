"""Who may do what with events, consultations and responses.

Each `can_<verb>_<object>` returns a Verdict: truthy when allowed, with the
reason shown to the user when refused. Visibility itself comes from the
selectors, so an object the user may not see is a 404, never a 403.
"""

from dataclasses import dataclass

from django.utils import timezone

from partners.selectors import organisation_of
from pcc_portal.accounts.models import Role

from .models import Consultation, Response
from .selectors import manages_consultation, manages_event


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Verdict(True)


def can_manage_event(user, event) -> Verdict:
    if manages_event(user, event):
        return ALLOWED
    return Verdict(False, "Only OPCC staff of the event's areas may change it.")


def can_manage_consultation(user, consultation: Consultation) -> Verdict:
    """OPCC staff of the consultation's area as it was read (a caller that changed it reads it again first)."""
    if manages_consultation(user, consultation):
        return ALLOWED
    return Verdict(False, "Only OPCC staff of the consultation's area may change or analyse it.")


def can_respond_as_organisation(user, consultation: Consultation, *, at=None) -> Verdict:
    """A partner user of an invited organisation, while the consultation is open."""
    if not (user.is_authenticated and user.is_active and user.role == Role.PARTNER):
        return Verdict(False, "Only partner users respond on behalf of an organisation.")
    organisation = organisation_of(user)
    if organisation is None:
        return Verdict(False, "Your account is not linked to an organisation yet. Ask the OPCC to link it.")
    invited = consultation.invited_organisations.filter(pk=organisation.pk).exists()
    if not invited and not consultation.is_public:
        return Verdict(False, "Your organisation is not invited to respond to this consultation.")
    return consultation_accepts_changes(consultation, at=at)


def consultation_accepts_changes(consultation: Consultation, *, at=None) -> Verdict:
    at = at or timezone.now()
    if consultation.status != Consultation.Status.PUBLISHED:
        return Verdict(False, "This consultation has not been published.")
    if at < consultation.opens_at:
        return Verdict(False, "This consultation is not open yet.")
    if consultation.has_closed(at):
        closes = timezone.localtime(consultation.closes_at).strftime("%-d %B %Y at %H:%M")
        return Verdict(False, f"This consultation closed on {closes}. Responses can no longer be changed or sent.")
    return ALLOWED


def can_edit_response(user, response: Response, *, at=None) -> Verdict:
    """The response's organisation's partner users, while it is a draft and the consultation open."""
    organisation = organisation_of(user)
    if organisation is None or response.organisation_id != organisation.pk:
        return Verdict(False, "Only your organisation's partner users may change its response.")
    if response.status != Response.Status.DRAFT:
        return Verdict(False, "This response has been submitted and can no longer be changed.")
    return consultation_accepts_changes(response.consultation, at=at)


def can_publish_response(user, response: Response, *, manage: Verdict | None = None) -> Verdict:
    """Staff who manage the consultation, for a submitted response whose respondent consented.

    manage: the verdict of can_manage_consultation for this user and consultation, when the caller has it.
    """
    verdict = manage if manage is not None else can_manage_consultation(user, response.consultation)
    if not verdict:
        return verdict
    if response.status != Response.Status.SUBMITTED:
        return Verdict(False, "Only submitted responses can be published.")
    if not response.publication_consent:
        return Verdict(False, "The respondent did not consent to publication, so this response cannot be published.")
    return ALLOWED
