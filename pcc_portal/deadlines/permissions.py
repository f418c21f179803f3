"""Who may use what's due, reminder settings and calendar feeds."""

import rules

from pcc_portal.accounts.permissions import is_signed_in

# Everyone signed in has their own list, settings and feed; each holds only what is theirs.
rules.add_perm("deadlines.view_whats_due", is_signed_in)
rules.add_perm("deadlines.manage_reminders", is_signed_in)


def can_view_whats_due(user) -> bool:
    return user.has_perm("deadlines.view_whats_due")


def can_manage_reminders(user) -> bool:
    return user.has_perm("deadlines.manage_reminders")
