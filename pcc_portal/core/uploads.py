"""One check for the documents people upload: terms of reference, transfer evidence."""

from django import forms

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def check_document_upload(upload):
    """Check an uploaded document's size, extension and first bytes; return it, or raise a form error."""
    if upload is None or not hasattr(upload, "content_type"):
        return upload  # nothing new uploaded: the stored file stays
    if upload.size > MAX_DOCUMENT_BYTES:
        raise forms.ValidationError("The file is larger than 10 MB.")
    name = upload.name.lower()
    if not name.endswith((".pdf", ".docx", ".odt")):
        raise forms.ValidationError("Upload a PDF, Word (.docx) or OpenDocument (.odt) file.")
    head = upload.read(5)
    upload.seek(0)
    if name.endswith(".pdf") and head != b"%PDF-":
        raise forms.ValidationError("This file is not a PDF.")
    if name.endswith((".docx", ".odt")) and not head.startswith(b"PK"):
        raise forms.ValidationError("This file is not a Word or OpenDocument file.")
    return upload
