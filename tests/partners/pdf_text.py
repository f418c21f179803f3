import io
import shutil
import subprocess

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """Return the PDF's text as pdftotext reads it (pypdf if poppler is missing), whitespace folded."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run([pdftotext, "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    else:
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())
