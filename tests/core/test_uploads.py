"""The upload rule: allowed extension, content of that kind (magic bytes, OOXML parts), size limit;
refusals in the user's language."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from sankofa.core.uploads import UploadValidator


def _xlsx() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"%PDF-1.7\n..."),
        ("photo.PNG", b"\x89PNG\r\n\x1a\n...."),
        ("photo.jpeg", b"\xff\xd8\xff\xe0..JFIF"),
        ("book.xlsx", None),
        ("list.csv", "nom;pays\nAïssatou;GIN\n".encode()),
        ("notes.txt", b"plain text"),
    ],
)
def test_allowed_files_pass(name, content):
    UploadValidator()(SimpleUploadedFile(name, _xlsx() if content is None else content))


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("setup.exe", b"MZ\x90\x00", "file_type"),
        ("noextension", b"%PDF-1.7", "file_type"),
        ("report.pdf.exe", b"%PDF-1.7", "file_type"),
        ("report.pdf", b"MZ\x90\x00", "file_content"),
        ("book.xlsx", b"PK\x03\x04 not a zip", "file_content"),
        ("book.docx", None, "file_content"),  # a workbook named as a document
        ("list.csv", b"\xff\xfe\x00\x00 utf-16 or binary", "file_content"),
        ("list.txt", b"MZ\x90\x00\x03", "file_content"),
    ],
)
def test_files_not_allowed_or_not_what_they_claim_are_refused(name, content, code):
    with pytest.raises(ValidationError) as refused:
        UploadValidator()(SimpleUploadedFile(name, _xlsx() if content is None else content))
    assert refused.value.code == code


def test_size_limit_comes_from_settings_and_the_message_is_translated(settings):
    settings.SANKOFA_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("report.pdf", b"%PDF-1.7" + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        UploadValidator()(big)
    assert refused.value.code == "file_size"
    with translation.override("fr"):  # lazy: rendered in the language of whoever reads it
        assert refused.value.messages[0].startswith("Le fichier est trop volumineux (")
    settings.SANKOFA_MAX_UPLOAD_MB = 2
    UploadValidator()(big)


def test_default_limit_is_ten_megabytes():
    from django.conf import settings

    assert settings.SANKOFA_MAX_UPLOAD_MB == 10


def test_a_file_past_the_limit_is_not_kept_and_arrives_as_oversized(settings):
    from sankofa.core.uploads import OversizedUpload, SizeLimitUploadHandler

    settings.SANKOFA_MAX_UPLOAD_MB = 1
    handler = SizeLimitUploadHandler()
    handler.new_file("file", "big.pdf", "application/pdf", None)
    chunk = b"x" * 65536
    passed = [handler.receive_data_chunk(chunk, n * len(chunk)) for n in range(32)]  # 2 MB
    assert sum(len(p) for p in passed if p) == 1024 * 1024  # nothing past the limit reaches storage
    upload = handler.file_complete(2 * 1024 * 1024)
    assert isinstance(upload, OversizedUpload) and upload.size == 2 * 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        UploadValidator()(upload)
    assert refused.value.code == "file_size"


def test_a_file_within_the_limit_is_left_to_the_next_handlers():
    from sankofa.core.uploads import SizeLimitUploadHandler

    handler = SizeLimitUploadHandler()
    handler.new_file("file", "small.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"%PDF-1.7", 0) == b"%PDF-1.7"
    assert handler.file_complete(8) is None
