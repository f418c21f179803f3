"""Writes to the search index: rebuild it all, or refresh one object's entry."""

import re
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Model

from pcc_portal.core.registry import SearchDocument, SearchSource

from .models import SearchEntry
from .sources import all_sources

# Marks the highlight tokens use (see selectors): never let indexed text contain them.
_RESERVED = re.compile("[\ue000\ue001\x00]")
_MARKDOWN = re.compile(r"[#*_>`|~]+|!?\[([^\]]*)\]\([^)]*\)")
BATCH = 500


def plain_text(text: str) -> str:
    """Return Markdown as plain text good enough to search and quote from."""
    text = _RESERVED.sub("", text or "")
    text = _MARKDOWN.sub(lambda m: m.group(1) or " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _entry(source: SearchSource, document: SearchDocument) -> SearchEntry:
    meta = source.model._meta
    date = document.date
    if hasattr(date, "date"):
        date = date.date()
    return SearchEntry(
        app_label=meta.app_label,
        model=meta.model_name,
        object_id=document.object_id,
        kind=document.kind[:60],
        force_area_id=document.force_area_id,
        title=plain_text(document.title)[:300],
        body=plain_text(document.body),
        date=date,
        url=document.url[:300],
    )


def _fill_vectors(ids: Iterable[int]) -> None:
    """Compute the weighted vectors in the database (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return
    from django.contrib.postgres.search import SearchVector

    vector = SearchVector("title", weight="A", config="english") + SearchVector("body", weight="B", config="english")
    SearchEntry.objects.filter(pk__in=list(ids)).update(search_vector=vector)


def _write(source: SearchSource, documents: Iterable[SearchDocument]) -> int:
    entries = [_entry(source, document) for document in documents]
    if not entries:
        return 0
    SearchEntry.objects.bulk_create(
        entries,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["app_label", "model", "object_id"],
        update_fields=["kind", "force_area", "title", "body", "date", "url"],
    )
    meta = source.model._meta
    ids = SearchEntry.objects.filter(
        app_label=meta.app_label, model=meta.model_name, object_id__in=[e.object_id for e in entries]
    ).values_list("pk", flat=True)
    _fill_vectors(ids)
    return len(entries)


@transaction.atomic
def search_index_rebuild() -> int:
    """Empty the index and fill it again from every app's sources; return the number of entries."""
    SearchEntry.objects.all().delete()
    total = 0
    for source in all_sources().values():
        queryset = source.queryset().order_by("pk")
        last = 0
        while True:
            rows = list(queryset.filter(pk__gt=last)[:BATCH])
            if not rows:
                break
            last = rows[-1].pk
            total += _write(source, source.documents(rows))
    if connection.vendor == "postgresql":
        # Fresh statistics, so the planner uses the GIN index from the first search on.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
    return total


def search_entries_refresh(*, model: type[Model], object_ids: Iterable[int]) -> None:
    """Write the objects' entries again; remove those the app no longer offers (e.g. deleted)."""
    meta = model._meta
    source = all_sources().get((meta.app_label, meta.model_name))
    if source is None:
        return
    object_ids = sorted(set(object_ids))
    for start in range(0, len(object_ids), BATCH):
        chunk = object_ids[start : start + BATCH]
        documents = list(source.documents(list(source.queryset().filter(pk__in=chunk))))
        _write(source, documents)
        offered = {document.object_id for document in documents}
        gone = [pk for pk in chunk if pk not in offered]
        if gone:
            SearchEntry.objects.filter(app_label=meta.app_label, model=meta.model_name, object_id__in=gone).delete()


def search_entry_refresh(*, model: type[Model], object_id: int) -> None:
    """Write the object's entry again, or remove it if the app no longer offers it."""
    search_entries_refresh(model=model, object_ids=[object_id])


def search_area_reindex(*, area, objects: dict[type[Model], list[int]], replaced: bool) -> int:
    """Index the rows an area's import wrote (bulk writes send no save signals); return the entries written.

    When the import replaced the area's records, the area's old entries go first.
    """
    if replaced:
        SearchEntry.objects.filter(force_area=area).delete()
    total = 0
    for source in all_sources().values():
        ids = objects.get(source.model)
        if ids:
            search_entries_refresh(model=source.model, object_ids=ids)
            total += len(ids)
    return total
