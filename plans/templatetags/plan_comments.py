"""A section's comment threads and its comment form, written in one pass.

A version under review has a few threads on each of its twenty or so sections, and the template loop over them
spent more on resolving its two dozen variables per thread than the rest of the page; the markup of each thread is
the same few lines.
"""

from django import template
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

from pcc_portal.accounts.models import Role
from pcc_portal.core.dates import long_date, long_date_time
from pcc_portal.core.escaping import escaped as _escape

register = template.Library()

ROLE_LABELS = dict(Role.choices)
OPEN = '<span class="badge text-bg-warning">Open</span>'
RESOLVED = '<span class="badge text-bg-success">Resolved</span>'


def _role(user) -> str:
    return _escape(ROLE_LABELS.get(user.role, user.role))


def _csrf_input(context) -> str:
    """Return what {% csrf_token %} writes in this context."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":  # noqa: S105 (Django's marker for "no token here", not a secret)
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{_escape(token)}">'


def _replies(thread) -> str:
    items = "".join(
        f'\n          <li id="comment-{reply.pk}" class="border-start ps-3 mb-2">\n'
        f'            <p class="small mb-1"><strong>{_escape(reply.author.full_name)}</strong> '
        f"({_role(reply.author)}), {long_date_time(reply.created_at)}</p>\n"
        f"            {linebreaks(reply.body, autoescape=True)}\n"
        "          </li>\n        "
        for reply in thread.reply_list
    )
    return f'\n      <ol class="list-unstyled comment-replies">\n        {items}\n      </ol>\n    '


def _thread(thread, csrf: str) -> str:
    pk, author = thread.pk, _escape(thread.author.full_name)
    resolved = thread.is_resolved
    quote_at = (
        f' data-section="{thread.section_id}" data-quote-start="{thread.quote_start}"'
        f' data-quote-end="{thread.quote_end}"'
        if thread.quote_start is not None
        else ""
    )
    quote = (
        '<blockquote class="comment-quote"><span class="visually-hidden">On the passage: </span>'
        f"“{_escape(thread.quote)}”</blockquote>"
        if thread.quote
        else ""
    )
    resolved_line = ""
    if resolved:
        by = thread.resolved_by.full_name if thread.resolved_by else None
        on = long_date(timezone.localtime(thread.resolved_at))  # resolved: resolved_at is set
        resolved_line = f'<p class="small text-body-secondary mb-2">Resolved by {_escape(by or "someone")} on {on}.</p>'
    reply_form = (
        f'\n      <form method="post" action="{_escape(thread.reply_url)}" class="mt-2">\n'
        f"        {csrf}\n"
        f'        <label class="form-label small d-block" for="id_c{pk}-body">Reply to {author}</label>\n'
        f'        <textarea class="form-control" name="c{pk}-body" id="id_c{pk}-body" rows="2" maxlength="10000"'
        " required></textarea>\n"
        '        <button type="submit" class="btn btn-sm btn-outline-primary mt-1">Reply</button>\n'
        "      </form>\n    "
        if thread.can_reply
        else ""
    )
    resolve_form = (
        f'\n      <form method="post" action="{_escape(thread.resolve_url)}" class="mt-2">\n'
        f"        {csrf}\n"
        '        <button type="submit" class="btn btn-sm btn-outline-success">Mark resolved'
        f'<span class="visually-hidden">: comment by {author}</span></button>\n'
        "      </form>\n    "
        if thread.can_resolve
        else ""
    )
    return (
        f'\n<article class="comment-thread card mb-3{" comment-resolved" if resolved else ""}" id="comment-{pk}"'
        f'{quote_at} aria-labelledby="comment-{pk}-heading">\n'
        '  <div class="card-body">\n'
        f'    <h4 class="h6 mb-1" id="comment-{pk}-heading">{author} <span class="fw-normal text-body-secondary">'
        f"({_role(thread.author)}), {long_date_time(thread.created_at)}</span>\n"
        f"      {RESOLVED if resolved else OPEN}\n"
        "    </h4>\n"
        f"    {quote}\n"
        f"    <div>{linebreaks(thread.body, autoescape=True)}</div>\n"
        f"    {resolved_line}\n"
        f"    {_replies(thread) if thread.reply_list else ''}\n"
        f"    {reply_form}\n"
        f"    {resolve_form}\n"
        "  </div>\n"
        "</article>\n        "
    )


def _comment_form(section, csrf: str) -> str:
    pk = section.pk
    return (
        f'\n          <details class="comment-new" id="comment-form-{pk}">\n'
        f"            <summary>Comment on “{_escape(section.heading)}”</summary>\n"
        f'            <form method="post" action="{_escape(section.comment_url)}" class="mt-2"'
        f' data-comment-form="{pk}">\n'
        f"              {csrf}\n"
        "              \n"
        '<div class="mb-2">\n'
        f'  <label class="form-label" for="id_s{pk}-quote">Passage you are commenting on (optional)</label>\n'
        f'  <textarea class="form-control" name="s{pk}-quote" id="id_s{pk}-quote" rows="2"'
        f' aria-describedby="id_s{pk}-quote-help"></textarea>\n'
        f'  <div class="form-text" id="id_s{pk}-quote-help">Select text in the section to fill this in, or paste the'
        " exact words.</div>\n"
        "</div>\n"
        f'<input type="hidden" name="s{pk}-quote_start" id="id_s{pk}-quote_start">\n'
        f'<input type="hidden" name="s{pk}-quote_end" id="id_s{pk}-quote_end">\n'
        '<div class="mb-2">\n'
        f'  <label class="form-label" for="id_s{pk}-body">Your comment</label>\n'
        f'  <textarea class="form-control" name="s{pk}-body" id="id_s{pk}-body" rows="3" maxlength="10000"'
        " required></textarea>\n"
        "</div>\n"
        "\n"
        '              <p class="visually-hidden" aria-live="polite" data-selection-status></p>\n'
        '              <button type="submit" class="btn btn-primary btn-sm">Add comment</button>\n'
        "            </form>\n"
        "          </details>\n        "
    )


@register.simple_tag(takes_context=True)
def section_comments(context, section, can_comment) -> SafeString:
    """Return the section's threads (each with its replies and the forms the user may use), or the note that there
    are none, and the form for a new comment when the user may comment: the markup version_detail.html's loop wrote.
    """
    csrf = _csrf_input(context)
    threads = "".join(_thread(thread, csrf) for thread in section.threads)
    listed = threads or '<p class="small">No comments yet.</p>'
    return mark_safe(f"{listed}\n        {_comment_form(section, csrf) if can_comment else ''}")
