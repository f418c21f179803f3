from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "pcc_portal.deadlines"
    label = "deadlines"
    verbose_name = "Deadlines and reminders"
