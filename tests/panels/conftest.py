import io
import re

import pytest
from pypdf import PdfReader

from panels.demo import load as load_panels
from partners.demo import load as load_partners
from pcc_portal.accounts.demo import load as load_accounts


class _Quiet:
    def write(self, *args, **kwargs):
        pass


@pytest.fixture
def demo(db):
    """The whole demo: force areas and users, partner organisations, panels."""
    out = _Quiet()
    load_accounts(stdout=out)
    load_partners(stdout=out)
    load_panels(stdout=out)


def pdf_text(response) -> str:
    """Return the PDF's text without page furniture (running header and footer, page numbers)."""
    data = b"".join(response.streaming_content)
    pages = [page.extract_text().splitlines() for page in PdfReader(io.BytesIO(data)).pages]
    repeated = set.intersection(*(set(lines) for lines in pages[1:])) if len(pages) > 2 else set()
    body = []
    for lines in pages:
        body.extend(line for line in lines if line not in repeated and not re.fullmatch(r".*Page \d+ of \d+", line))
    return "\n".join(body)
