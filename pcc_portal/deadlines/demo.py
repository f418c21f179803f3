"""Demo reminder settings: the panel member reads one daily digest; the chief executive has a calendar feed."""

from pcc_portal.accounts.models import User

from .models import CalendarFeed, ReminderPreference


def load(*, stdout) -> None:
    member = User.objects.filter(email="member@demo.pcc-portal.org.uk").first()
    if member:
        ReminderPreference.objects.update_or_create(
            user=member, defaults={"delivery": ReminderPreference.Delivery.DIGEST}
        )
    staff = User.objects.filter(email="staff@demo.pcc-portal.org.uk").first()
    if staff and not CalendarFeed.objects.filter(user=staff, revoked_at__isnull=True).exists():
        CalendarFeed.objects.create(user=staff)
    stdout.write("Deadlines: demo reminder settings (digest for the panel member, a calendar feed for staff).")
