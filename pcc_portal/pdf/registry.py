"""Documents the PDF service knows how to build from ids.

A document is registered with a name, a builder that turns JSON parameters
into a template and its context, and a permission check. Background jobs
store only the name and the parameters, so a task needs nothing but ids.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DocumentSource:
    template_name: str
    context: dict[str, Any]
    title: str
    # Optional last step on the written PDF, given each element id's page index
    # (e.g. laying uploaded PDF pages onto placeholder pages). Whatever it reads
    # must also be named in the HTML, which is the cache key.
    finish: Callable[[dict[str, int], bytes], bytes] | None = None


@dataclass(frozen=True)
class RegisteredDocument:
    name: str
    build: Callable[..., DocumentSource]
    can_view: Callable[..., bool]


_documents: dict[str, RegisteredDocument] = {}


def register_document(name: str, *, can_view: Callable[..., bool]):
    """Register a builder under a name; `can_view(user, **params)` guards it."""

    def decorator(build: Callable[..., DocumentSource]):
        _documents[name] = RegisteredDocument(name=name, build=build, can_view=can_view)
        return build

    return decorator


def get_document(name: str) -> RegisteredDocument:
    try:
        return _documents[name]
    except KeyError:
        raise LookupError(f"No document is registered as {name!r}.") from None
