from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Open-data API"

    def nav_items(self):
        from pcc_portal.core.registry import NavItem

        from .permissions import can_hold_tokens

        return [NavItem(label="API tokens", url_name="api:tokens", visible=can_hold_tokens, order=95)]

    def public_links(self):
        from pcc_portal.core.registry import NavItem

        return [NavItem(label="Open data API", url_name="api:docs", visible=lambda user: True, order=95)]
