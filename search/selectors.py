"""Site search: matching entries, narrowed to what each owning app lets the user read."""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import BooleanField, F, IntegerField, Lookup, Q, QuerySet, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from pcc_portal.core.links import path_maker

from .models import SearchEntry
from .sources import all_sources

# Highlight marks: private-use characters the index never holds (services.plain_text strips them).
START, STOP = "\ue000", "\ue001"
MAX_CANDIDATES = 500
MAX_WORDS = 12
SNIPPET_CHARS = 240
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Hit:
    title: SafeString
    snippet: SafeString
    url: str
    kind: str
    section: str
    area: str
    date: date | None


def words_of(query: str) -> list[str]:
    return _WORD.findall(query)[:MAX_WORDS]


def _filtered(*, section: str = "", area_id: int | None = None, date_from=None, date_to=None) -> QuerySet:
    entries = SearchEntry.objects.all()
    if section:
        entries = entries.filter(app_label=section)
    if area_id:
        entries = entries.filter(force_area_id=area_id)
    if date_from:
        entries = entries.filter(date__gte=date_from)
    if date_to:
        entries = entries.filter(date__lte=date_to)
    return entries


def _postgres_query(query: str):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(query, config="english", search_type="websearch")


def matching_ids(query: str, **filters) -> list[tuple[int, str, str, int]]:
    """Return up to MAX_CANDIDATES (entry id, app label, model, object id), best first."""
    if not words_of(query):
        return []
    entries = _filtered(**filters)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchRank

        tsquery = _postgres_query(query)
        entries = (
            entries.filter(search_vector=tsquery)
            .annotate(rank=SearchRank(F("search_vector"), tsquery))
            .order_by("-rank", F("date").desc(nulls_last=True), "pk")
        )
    else:
        condition = Q()
        for word in words_of(query):
            condition &= Q(title__icontains=word) | Q(body__icontains=word)
        entries = entries.filter(condition).order_by(F("date").desc(nulls_last=True), "pk")
    return list(entries.values_list("pk", "app_label", "model", "object_id")[:MAX_CANDIDATES])


class _AnyOf(Lookup):
    """PostgreSQL's `column = ANY(%s)`: the ids go as one array parameter instead of one parameter each.

    psycopg parses a statement's placeholders anew, in Python, whenever it has many parameters:
    the search's UNION with an IN list per part (up to MAX_CANDIDATES ids in all) spent more CPU
    there than anywhere else in the query.
    """

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        ids = self.rhs.value if isinstance(self.rhs, Value) else self.rhs  # a lookup given to filter() wraps it
        return f"{lhs} = ANY(%s)", [*lhs_params, list(ids)]


def _among(ids: list[int]):
    if connection.vendor == "postgresql":
        return _AnyOf(F("pk"), ids)
    return Q(pk__in=ids)


def _narrowed(queryset, *, index: int, ids: list[int], own: bool):
    """Return the queryset's rows among `ids` as (source index, id, own page?) rows, ready to combine."""
    return (
        queryset.filter(_among(ids))
        .order_by()
        .values_list(Value(index, output_field=IntegerField()), "pk", Value(own, output_field=BooleanField()))
    )


def visible_hits(user, candidates: list[tuple[int, str, str, int]]) -> list[tuple[int, str | None]]:
    """Keep the candidates the owning app's selector shows the user: (entry id, URL for this user or None).

    Every app's selector is narrowed to its candidates and the lot runs as one UNION ALL query,
    so the count stays the same however many kinds of record match.
    """
    by_model: dict[tuple[str, str], list[int]] = defaultdict(list)
    for _pk, app_label, model, object_id in candidates:
        by_model[(app_label, model)].append(object_id)
    sources = all_sources()
    keys = [key for key in by_model if key in sources]
    parts = []
    for index, key in enumerate(keys):
        source, ids = sources[key], by_model[key]
        parts.append(_narrowed(source.visible(user), index=index, ids=ids, own=True))
        if source.published is not None:
            parts.append(_narrowed(source.published(), index=index, ids=ids, own=False))
    allowed: dict[tuple[str, str], dict[int, str | None]] = defaultdict(dict)
    if parts:
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        # Up to MAX_CANDIDATES public pages: each path from its name's template, not a reverse() per row.
        public_paths = {}
        for index, object_id, own in rows:
            key = keys[index]
            permitted = allowed[key]
            if own:  # a row readable on both pages opens on the user's own page
                permitted[object_id] = None
            elif object_id not in permitted:
                if index not in public_paths:
                    public_paths[index] = path_maker(sources[key].public_url)
                permitted[object_id] = public_paths[index](object_id)
    kept = []
    for pk, app_label, model, object_id in candidates:
        permitted = allowed.get((app_label, model), {})
        if object_id in permitted:
            kept.append((pk, permitted[object_id]))
    return kept


def _highlight(text: str) -> SafeString:
    """Escape everything, then turn the database's highlight marks into <mark> elements."""
    escaped = escape(text)
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))


def _python_snippet(text: str, words: list[str], *, length: int = SNIPPET_CHARS) -> str:
    """Return a window of the text around the first match with every word wrapped in the marks."""
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - length // 3)
    window = text[start : start + length]
    if start > 0:
        window = "…" + window.split(" ", 1)[-1]
    if start + length < len(text):
        window = window.rsplit(" ", 1)[0] + "…"
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", window)


def page_hits(query: str, page: list[tuple[int, str | None]]) -> list[Hit]:
    """Load one page of entries with highlighted titles and snippets (one query)."""
    urls = dict(page)
    entries = SearchEntry.objects.filter(pk__in=urls).select_related("force_area")
    words = words_of(query)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchHeadline

        tsquery = _postgres_query(query)
        marks = {"start_sel": START, "stop_sel": STOP, "config": "english"}
        entries = entries.annotate(
            title_marked=SearchHeadline("title", tsquery, highlight_all=True, **marks),
            snippet_marked=SearchHeadline("body", tsquery, max_words=35, min_words=15, max_fragments=2, **marks),
        ).defer("body", "search_vector")
    by_pk = {entry.pk: entry for entry in entries}
    hits = []
    for pk, url in page:
        entry = by_pk.get(pk)
        if entry is None:
            continue
        if connection.vendor == "postgresql":
            title, snippet = entry.title_marked, entry.snippet_marked
        else:
            title = _python_snippet(entry.title, words, length=300)
            snippet = _python_snippet(entry.body, words)
        hits.append(
            Hit(
                title=_highlight(title),
                snippet=_highlight(snippet),
                url=url or entry.url,
                kind=entry.kind,
                section=entry.app_label,
                area=entry.force_area.name if entry.force_area else "",
                date=entry.date,
            )
        )
    return hits
