"""The admin's result list, its rows drawn from columns looked up once a page (pcc_portal.core.admin_list)."""

from django import template
from django.contrib.admin.templatetags.admin_list import result_headers, result_hidden_fields
from django.contrib.admin.templatetags.base import InclusionAdminNode

from pcc_portal.core.admin_list import planned_results

register = template.Library()


def planned_result_list(cl) -> dict:
    """Return what Django's result_list gives its template, with the rows from planned_results."""
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for header in headers if header["sortable"] and header["sorted"]),
        "results": list(planned_results(cl)),
    }


@register.tag(name="planned_result_list")
def planned_result_list_tag(parser, token):
    return InclusionAdminNode(
        parser, token, func=planned_result_list, template_name="change_list_results.html", takes_context=False
    )
