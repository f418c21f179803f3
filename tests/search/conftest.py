import pytest

from search.services import search_index_rebuild


@pytest.fixture
def reindex(db):
    """Rebuild the index from what the test created (signals act only after a commit)."""
    return search_index_rebuild
