"""One check for the files people upload: terms of reference, transfer evidence, report appendices."""

from dataclasses import dataclass

from django import forms

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    """A type of file: its extensions, the bytes it starts with, and a name for messages."""

    code: str
    extensions: tuple[str, ...]
    magic: tuple[bytes, ...]
    name: str
    mismatch: str = ""  # the message when the first bytes do not match; "This file is not a <name>." by default


PDF = FileKind("pdf", (".pdf",), (b"%PDF-",), "PDF")
WORD_OR_OPENDOCUMENT = "This file is not a Word or OpenDocument file."
DOCX = FileKind("docx", (".docx",), (b"PK",), "Word (.docx)", WORD_OR_OPENDOCUMENT)
XLSX = FileKind("xlsx", (".xlsx",), (b"PK",), "Excel (.xlsx)")
ODT = FileKind("odt", (".odt",), (b"PK",), "OpenDocument (.odt)", WORD_OR_OPENDOCUMENT)
ODS = FileKind("ods", (".ods",), (b"PK",), "OpenDocument spreadsheet (.ods)")
CSV = FileKind("csv", (".csv",), (), "CSV")
PNG = FileKind("png", (".png",), (b"\x89PNG\r\n\x1a\n",), "PNG image")
JPEG = FileKind("jpeg", (".jpg", ".jpeg"), (b"\xff\xd8\xff",), "JPEG image")

DOCUMENT_KINDS = (PDF, DOCX, ODT)
APPENDIX_KINDS = (PDF, DOCX, XLSX, ODT, ODS, CSV, PNG, JPEG)


def _names(kinds: tuple[FileKind, ...]) -> str:
    names = [kind.name for kind in kinds]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


def check_upload(upload, *, kinds: tuple[FileKind, ...], max_bytes: int = MAX_DOCUMENT_BYTES) -> FileKind | None:
    """Check an upload's size, extension and first bytes; return its kind, or raise a form error."""
    if upload is None or not hasattr(upload, "content_type"):
        return None  # nothing new uploaded: the stored file stays
    if upload.size > max_bytes:
        raise forms.ValidationError(f"The file is larger than {max_bytes // (1024 * 1024)} MB.")
    if upload.size == 0:
        raise forms.ValidationError("The file is empty.")
    name = upload.name.lower()
    kind = next((k for k in kinds if name.endswith(k.extensions)), None)
    if kind is None:
        raise forms.ValidationError(f"Upload a {_names(kinds)} file.")
    head = upload.read(8)
    upload.seek(0)
    if kind.magic and not any(head.startswith(magic) for magic in kind.magic):
        raise forms.ValidationError(kind.mismatch or f"This file is not a {kind.name}.")
    if not kind.magic and b"\x00" in upload.read(2048):
        upload.seek(0)
        raise forms.ValidationError(kind.mismatch or f"This file is not a {kind.name}.")
    upload.seek(0)
    return kind


def check_document_upload(upload):
    """Check an uploaded document (PDF, Word or OpenDocument text); return it, or raise a form error."""
    check_upload(upload, kinds=DOCUMENT_KINDS)
    return upload
