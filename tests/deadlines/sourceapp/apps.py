"""A tests-only app, installed only in the settings of a Celery worker started by a test."""

from django.apps import AppConfig

from tests.deadlines.source import FileSource


class DeadlinesTestSourceConfig(AppConfig):
    name = "tests.deadlines.sourceapp"
    label = "deadlines_test_source"
    default = True

    def deadlines(self, *, start, end, user=None):
        return FileSource().deadlines(start=start, end=end, user=user)
