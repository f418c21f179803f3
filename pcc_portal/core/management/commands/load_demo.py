from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pcc_portal.core.registry import app_configs_with


class Command(BaseCommand):
    help = "Load the demo content from the source documents (safe to run twice; DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("load_demo creates users with a published password: it runs only with DEBUG on.")
        for config in app_configs_with("load_demo"):
            with transaction.atomic():
                config.load_demo(stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS(f"Loaded demo data: {config.verbose_name}"))
