from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "transparency"
    verbose_name = "Transparency"

    # The model of the id in each of this app's transfer register source keys: remapped on import.
    transfer_key_models = {"transparency.contract": ("transparency.contract",)}

    def ready(self) -> None:
        from . import documents  # noqa: F401 - registers the decision notice PDF

    def nav_items(self):
        from pcc_portal.core.registry import NavItem

        from .permissions import can_view_transparency_nav

        return [
            NavItem(label="Transparency", url_name="transparency:index", visible=can_view_transparency_nav, order=60)
        ]

    def public_links(self):
        from pcc_portal.core.registry import NavItem

        return [NavItem(label="Transparency", url_name="transparency:index", visible=lambda user: True, order=60)]

    def deadlines(self, *, start, end, user=None, area_id=None):
        from .deadlines import deadlines_for

        return list(deadlines_for(start=start, end=end, user=user, area_id=area_id))

    def transfer_proposals(self, *, area_id, transfer_date):
        from .transfer import contract_proposals

        return contract_proposals(area_id=area_id, transfer_date=transfer_date)

    def search_sources(self):
        from .search import sources

        return sources()

    def load_demo(self, *, stdout):
        from .demo import load

        load(stdout=stdout)
