"""Police and Crime Panels: members, meetings and papers, reports and responses, the statutory calendar."""

from .meetings import (  # noqa: F401
    AgendaItem,
    AgendaReport,
    Attendance,
    Declaration,
    Meeting,
    ReportParagraph,
)
from .panel import (  # noqa: F401
    COMPLAINT_TRANSITIONS,
    Complaint,
    CouncilPartySeats,
    Membership,
    Panel,
)
from .reports import (  # noqa: F401
    RESPONSE_TRANSITIONS,
    PanelReport,
    Recommendation,
)
from .statutory import (  # noqa: F401
    ConfirmationHearing,
    PreceptYear,
    VetoVote,
)
