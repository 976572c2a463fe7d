"""The one rule for files people upload: an allowed extension, content that is what the extension
says (magic bytes, and for Office files the zip member that makes them one), and a size limit
(`SANKOFA_MAX_UPLOAD_MB`). Model fields carry `UploadValidator` in `validators=`; services that save
a file run the field's validators (`validate_field_file`), so forms, the API and the admin all meet
the same rule."""

import codecs
import io
import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

HEAD_BYTES = 64 * 1024
# Signatures of executables and archives that must never pass as "text".
_BINARY_HEADS = (b"MZ", b"\x7fELF", b"PK\x03\x04", b"%PDF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")
_OOXML_PART = {"xlsx": "xl/workbook.xml", "docx": "word/document.xml", "pptx": "ppt/presentation.xml"}

DOCUMENT_EXTENSIONS = ("pdf", "docx", "xlsx", "pptx", "png", "jpg", "jpeg", "csv", "txt")
SPREADSHEET_EXTENSIONS = ("xlsx", "csv")


def max_upload_bytes() -> int:
    return int(settings.SANKOFA_MAX_UPLOAD_MB * 1024 * 1024)


def _head(file) -> bytes:
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    return head or b""


def _is_text(head: bytes) -> bool:
    if head.startswith(_BINARY_HEADS) or b"\x00\x00" in head:
        return False
    try:  # incremental: the head may end inside a multi-byte character
        codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _is_ooxml(file, extension: str) -> bool:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        file.seek(0)
    return "[Content_Types].xml" in names and _OOXML_PART[extension] in names


def content_matches(file, extension: str) -> bool:
    """Whether the file's bytes are of the kind its extension claims."""
    head = _head(file)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension in _OOXML_PART:
        return head.startswith(b"PK\x03\x04") and _is_ooxml(file, extension)
    if extension in ("csv", "txt"):
        return _is_text(head)
    return False


@deconstructible
class UploadValidator:
    """Refuses a file whose extension is not allowed, whose content is not of that kind, or that
    is larger than SANKOFA_MAX_UPLOAD_MB."""

    def __init__(self, extensions=DOCUMENT_EXTENSIONS):
        self.extensions = tuple(e.lower().lstrip(".") for e in extensions)

    def __call__(self, file) -> None:
        if not file:
            return
        name = os.path.basename(getattr(file, "name", "") or "")
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in self.extensions:
            raise ValidationError(
                _("Files of type “%(extension)s” are not accepted. Allowed: %(allowed)s."),
                code="file_type",
                params={"extension": extension or "?", "allowed": ", ".join(self.extensions)},
            )
        size = getattr(file, "size", None)
        if size is not None and size > max_upload_bytes():
            raise ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s."),
                code="file_size",
                params={"size": filesizeformat(size), "limit": filesizeformat(max_upload_bytes())},
            )
        if not content_matches(file, extension):
            raise ValidationError(
                _("The file’s content is not a valid %(extension)s file."),
                code="file_content",
                params={"extension": extension.upper()},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadValidator) and self.extensions == other.extensions


class OversizedUpload(UploadedFile):
    """What a file over the limit arrives as: no content, only its name and the size received."""

    def __init__(self, name: str, content_type: str, size: int):
        super().__init__(io.BytesIO(), name=name, content_type=content_type, size=size)


class SizeLimitUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: past SANKOFA_MAX_UPLOAD_MB, the rest of a file is no longer
    passed on (neither memory nor a temporary file holds it) and the file arrives as an
    OversizedUpload, which UploadValidator refuses with the "too large" message. The web server in
    front should still cap request bodies: the bytes are read, only not kept."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        return raw_data if self.received <= max_upload_bytes() else None

    def file_complete(self, file_size):
        if self.received > max_upload_bytes():
            return OversizedUpload(self.file_name, self.content_type, self.received)
        return None


def validate_field_file(model, field_name: str, file) -> None:
    """Run a model FileField's validators on an incoming file: services saving a file call this,
    since `FieldFile.save` does not validate."""
    model._meta.get_field(field_name).run_validators(file)
