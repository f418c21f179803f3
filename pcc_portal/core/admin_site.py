"""The portal's admin site: Django's, without the sidebar that repeated the index on every page."""

from collections.abc import Callable
from html import escape
from typing import Any

from django.contrib import admin
from django.contrib.admin import helpers
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


class PortalAdminSite(admin.AdminSite):
    site_header = "PCC Partnership Portal administration"
    site_title = "PCC Portal admin"
    # The sidebar listed all hundred-odd models on every admin page: working out and rendering
    # that list was two thirds of a short list page's time. The index and breadcrumbs lead to them.
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        """Return the apps and models the user may open, worked out only when a page reads them.

        Every page's context carries the list for the sidebar; only the index pages read it now.
        """
        build = super().get_app_list
        return SimpleLazyObject(lambda: build(request, app_label))


class PlainActionCheckboxMixin:
    """A change list's row checkbox written out directly, as Django's widget would render it.

    Django renders a form widget through three templates for each row: a third of a
    50-row list's time.
    """

    def action_checkbox_writer(self) -> Callable[[Any], SafeString]:
        """Return what writes a row's checkbox, its label's words looked up in the translations once for a page's
        rows (pcc_portal.core.admin_list asks for it once a page)."""
        label = _("Select this object for an action - {}")

        def write(obj) -> SafeString:
            # What format_html would write, without its per-argument checks for lazy text (a page's rows).
            return mark_safe(
                f'<input type="checkbox" name="{helpers.ACTION_CHECKBOX_NAME}" value="{escape(str(obj.pk))}" '
                f'class="action-select" aria-label="{label.format(escape(str(obj)))}">'
            )

        return write

    @admin.display(description=mark_safe('<input type="checkbox" id="action-toggle">'))
    def action_checkbox(self, obj):
        return self.action_checkbox_writer()(obj)
