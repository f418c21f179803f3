"""The panel views, one module per area of the work."""

from .meetings import (  # noqa: F401
    agenda_item_create,
    declaration_create,
    meeting_agenda_pdf,
    meeting_create,
    meeting_detail,
    meeting_list,
    meeting_publish,
    meeting_record,
)
from .panel import (  # noqa: F401
    complaint_create,
    complaint_list,
    complaint_status,
    hearing_create,
    hearing_outcome,
    membership_create,
    panel_balance,
    panel_calendar,
    panel_detail,
    panel_list,
    precept_year_edit,
    veto_vote_create,
)
from .papers import (  # noqa: F401
    agenda_report_edit,
    agenda_report_from_word,
    panel_report_detail,
    panel_report_edit,
    panel_report_pdf,
    panel_report_publish,
    recommendation_respond,
    report_detail,
    report_pdf,
)
