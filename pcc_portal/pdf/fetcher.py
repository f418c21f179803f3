"""A WeasyPrint URL fetcher that reads only the project's own static files."""

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetchingError


class RefusedURL(URLFetchingError):
    """A resource the PDF service will not fetch (network or a private file)."""


def allowed_roots() -> list[Path]:
    """Return the folders a PDF may read from: the project's static files."""
    roots = [Path(p).resolve() for p in settings.STATICFILES_DIRS]
    roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def static_file_url(relative_path: str) -> str:
    """Return a file:// URL for one of the project's static files."""
    found = finders.find(relative_path)
    if not found:
        raise FileNotFoundError(relative_path)
    return Path(found).resolve().as_uri()


class StaticOnlyURLFetcher(URLFetcher):
    """Fetch `data:` URLs and files under the static folders; refuse the rest."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols=["file", "data"], allow_redirects=False, **kwargs)

    def fetch(self, url: str, headers=None):
        scheme = urlparse(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise RefusedURL(f"PDF rendering does not fetch from the network: {url}")
        path = Path(unquote(urlparse(url).path)).resolve()
        if not any(path.is_relative_to(root) for root in allowed_roots()):
            raise RefusedURL(f"PDF rendering reads only the project's static files: {url}")
        return super().fetch(path.as_uri(), headers)
