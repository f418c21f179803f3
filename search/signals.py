"""Keep the index current: after a commit, refresh the entries of the objects saved or deleted."""

import logging
import threading
from collections import defaultdict

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .sources import all_sources

logger = logging.getLogger(__name__)
_local = threading.local()


class _Batch:
    """The objects changed in one transaction, refreshed together once it commits."""

    def __init__(self) -> None:
        self.keys: dict[type, set[int]] = defaultdict(set)
        self.done = False

    def __call__(self) -> None:
        from .services import search_entries_refresh

        self.done = True
        for model, ids in self.keys.items():
            try:
                search_entries_refresh(model=model, object_ids=ids)
            except Exception:  # the change itself is saved; a stale entry is mended by the next rebuild
                logger.exception("Search index refresh failed for %s %s", model._meta.label, sorted(ids))


def _queue(model, object_id) -> None:
    """Refresh the object's entry after the transaction commits (never if it rolls back)."""
    if object_id is None:
        return
    connection = transaction.get_connection()
    batch = getattr(_local, "batch", None)
    # A rolled-back transaction drops its callback: start a new batch then, as after a run.
    pending = (
        batch is not None
        and not batch.done
        and connection.in_atomic_block
        and any(entry[1] is batch for entry in connection.run_on_commit)
    )
    if not pending:
        batch = _local.batch = _Batch()
        batch.keys[model].add(object_id)
        transaction.on_commit(batch)  # runs at once outside a transaction
    else:
        batch.keys[model].add(object_id)


def connect() -> None:
    """Connect the handlers for every source model and the models its text depends on."""
    for source in all_sources().values():

        def indexed_changed(sender, instance, source=source, **kwargs):
            _queue(source.model, instance.pk)

        post_save.connect(indexed_changed, sender=source.model, weak=False)
        post_delete.connect(indexed_changed, sender=source.model, weak=False)
        for dependent, attribute in source.parents.items():

            def dependent_changed(sender, instance, source=source, attribute=attribute, **kwargs):
                if callable(attribute):
                    for object_id in attribute(instance):
                        _queue(source.model, object_id)
                else:
                    _queue(source.model, getattr(instance, attribute, None))

            post_save.connect(dependent_changed, sender=dependent, weak=False)
            post_delete.connect(dependent_changed, sender=dependent, weak=False)
