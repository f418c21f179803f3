from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"
    # The index is rebuilt from the records; an area's package never carries it.
    archive_exclude = ["SearchEntry"]

    def ready(self):
        from .signals import connect

        connect()

    def area_imported(self, *, area, objects, replaced):
        from .services import search_area_reindex

        search_area_reindex(area=area, objects=objects, replaced=replaced)

    def load_demo(self, *, stdout):
        from .services import search_index_rebuild

        count = search_index_rebuild()
        stdout.write(f"Search index: {count} entries")
