"""The items of "what's due", written in one pass.

A staff user's list holds hundreds of items (every grant's monitoring returns),
and a template loop over them spent more on resolving variables than the rest
of the page; the markup of each item is the same few lines.
"""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from pcc_portal.core.dates import date_names
from pcc_portal.core.escaping import escaped as conditional_escape
from pcc_portal.deadlines.selectors import due_label_of

register = template.Library()


MET = '<span class="badge text-bg-success ms-1">Met</span>'


@register.simple_tag
def due_items(items, overdue=False) -> SafeString:
    """Return the <li> of each DueItem, as the loop of deadlines/partials/due_items.html wrote them."""
    verb = "Was due" if overdue else "Due"
    # Many items share a kind, an area, who is responsible and a due time: each is written once.
    kinds: dict[str, str] = {}
    details: dict[tuple[str, str], str] = {}
    times: dict[datetime, str] = {}
    # The time zone and the day and month names read once, not for every due time (each read goes through a
    # context-local lookup).
    zone, names = timezone.get_current_timezone(), date_names()
    parts = []
    due, when = None, ""
    for entry in items:
        item = entry.deadline
        kind = kinds.get(item.kind_label)
        if kind is None:
            kind = kinds[item.kind_label] = conditional_escape(item.kind_label)
        detail = details.get((entry.area_name, item.responsible))
        if detail is None:
            area = f" · <span>{conditional_escape(entry.area_name)}</span>" if entry.area_name else ""
            responsible = (
                f" · <span>Responsible: {conditional_escape(item.responsible)}</span>" if item.responsible else ""
            )
            detail = details[(entry.area_name, item.responsible)] = f"            {area}\n            {responsible}\n"
        # A list in due order holds runs of items due at the same instant, often the same object: an aware moment's
        # hash (a dict's key) works out its UTC offset each time.
        if item.due is not due:
            due = item.due
            when = times.get(due)
            if when is None:  # the same instant is the same local time: DueItem's due_iso and due_label
                local = due.astimezone(zone)
                when = times[due] = (
                    f'<time datetime="{conditional_escape(local.isoformat())}">'
                    f"{conditional_escape(due_label_of(local, names))}</time>"
                )
        # escaped(), without a call for the link and title of every item: most hold nothing to escape.
        url, title = item.url, item.title
        if type(url) is not str or "&" in url or "<" in url or ">" in url or '"' in url or "'" in url:
            url = conditional_escape(url)
        if type(title) is not str or "&" in title or "<" in title or ">" in title or '"' in title or "'" in title:
            title = conditional_escape(title)
        parts.append(
            "\n      \n"
            '        <li class="border-bottom py-2">\n'
            f'          <a href="{url}" class="fw-semibold">'
            f"{title}</a>\n"
            f"          {MET if item.done else ''}\n"
            '          <div class="small">\n'
            f"            <span>{kind}</span> ·\n"
            f"            <span>{verb} {when}</span>\n"
            f"{detail}"
            "          </div>\n"
            "        </li>\n"
            "      \n    "
        )
    return mark_safe("".join(parts))  # every value above is escaped
