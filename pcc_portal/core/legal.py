"""Facts the accessibility statement publishes: update them with each review."""

import datetime

STATEMENT_PREPARED = datetime.date(2026, 11, 30)
STATEMENT_REVIEWED = datetime.date(2026, 11, 30)
SITE_TESTED = datetime.date(2026, 11, 30)
WCAG_VERSION = "2.2"

# Known failures, each with the success criterion it fails; remove one when it is fixed.
KNOWN_ISSUES = [
    (
        "PDF documents the portal produces (plans, agendas, bulletins, directories) are not tagged PDFs, "
        "so a screen reader may not announce their headings and lists.",
        "1.3.1 Info and Relationships",
    ),
    (
        "Some long lists of choices, such as choosing several organisations, are plain multiple-select boxes "
        "that are hard to use with a keyboard or on a small screen.",
        "2.1.1 Keyboard (usability) and 1.4.10 Reflow",
    ),
    (
        "Documents uploaded by partners and panels (for example grant attachments and meeting papers "
        "published before this statement) may not meet accessibility standards.",
        "various",
    ),
]
