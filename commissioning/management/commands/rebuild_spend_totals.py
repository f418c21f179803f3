from django.core.management.base import BaseCommand

from commissioning.services import spend_totals_rebuild


class Command(BaseCommand):
    help = "Sum the grants afresh into the overview's spend totals (one entry per key)."

    def handle(self, *args, **options):
        count = spend_totals_rebuild()
        self.stdout.write(self.style.SUCCESS(f"Spend totals rebuilt: {count} entries."))
