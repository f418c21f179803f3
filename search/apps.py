from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from .signals import connect

        connect()

    def load_demo(self, *, stdout):
        from .services import search_index_rebuild

        count = search_index_rebuild()
        stdout.write(f"Search index: {count} entries")
