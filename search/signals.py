"""Keep the index current: after a commit, refresh the entries of the objects saved or deleted."""

import logging
import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .sources import all_sources

logger = logging.getLogger(__name__)
_pending = threading.local()


def _flush() -> None:
    from .services import search_entry_refresh

    keys = getattr(_pending, "keys", set())
    _pending.keys = set()
    for model, object_id in keys:
        try:
            search_entry_refresh(model=model, object_id=object_id)
        except Exception:  # the change itself is saved; a stale entry is mended by the next rebuild
            logger.exception("Search index refresh failed for %s %s", model._meta.label, object_id)


def _queue(model, object_id) -> None:
    """Remember the object; refresh it once, after the transaction commits."""
    if object_id is None:
        return
    if not hasattr(_pending, "keys"):
        _pending.keys = set()
    _pending.keys.add((model, object_id))
    connection = transaction.get_connection()
    # Register once per transaction. A rolled-back transaction drops its callback, so look again;
    # its keys may stay: a refresh reads what is in the database, so an extra one is harmless.
    if not (connection.in_atomic_block and any(entry[1] is _flush for entry in connection.run_on_commit)):
        transaction.on_commit(_flush)


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
