from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "pcc_portal.notifications"
    label = "notifications"
    verbose_name = "Notifications"
    # A person's notifications, settings and digests are theirs, not the force area's record:
    # an area's export leaves them out (as it leaves out reminder settings and user accounts).
    archive_exclude = [
        "Notification",
        "NotificationPreference",
        "HistoricalNotificationPreference",
        "NotificationDigest",
    ]

    def signed_in_user_annotations(self) -> dict:
        from .selectors import UNREAD_LOADED, unread_count_of_outer_user

        return {UNREAD_LOADED: unread_count_of_outer_user()}

    def load_demo(self, *, stdout) -> None:
        from .demo import load

        load(stdout=stdout)
