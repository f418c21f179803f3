from django.core.management.base import BaseCommand

from search.services import search_index_rebuild


class Command(BaseCommand):
    help = "Empty the site search index and fill it again from every app."

    def handle(self, *args, **options):
        count = search_index_rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} entries."))
