"""Police and Crime Panels: members, meetings and papers, reports and responses, the statutory calendar."""

from .meetings import (  # noqa: F401
    AgendaItem,
    AgendaReport,
    Attendance,
    Declaration,
    Meeting,
    MinutesStatus,
    ReportParagraph,
)
from .panel import (  # noqa: F401
    COMPLAINT_TRANSITIONS,
    Complaint,
    CouncilPartySeats,
    Membership,
    Panel,
)
from .papers import ExemptParagraph, ReportAppendix  # noqa: F401
from .reports import (  # noqa: F401
    RESPONSE_TRANSITIONS,
    CommissionerResponse,
    PanelReport,
    Recommendation,
)
from .statutory import (  # noqa: F401
    ConfirmationHearing,
    PreceptYear,
    VetoVote,
)
