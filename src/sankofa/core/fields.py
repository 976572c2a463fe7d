"""Encryption at rest for sensitive text (DESIGN.md §4), with Fernet from `cryptography`."""

import logging
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models

logger = logging.getLogger(__name__)


@cache
def _fernet() -> Fernet:
    return Fernet(settings.FIELD_ENCRYPTION_KEY.encode())


class EncryptedTextField(models.TextField):
    """A text column stored as a Fernet token; it can be neither searched nor sorted, by design."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return _fernet().encrypt(value.encode()).decode()

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        try:
            return _fernet().decrypt(value.encode()).decode()
        except InvalidToken:
            # A wrong or rotated FIELD_ENCRYPTION_KEY: say so loudly, show a marker, never crash a page.
            logger.error(
                "An encrypted %s value could not be decrypted: is FIELD_ENCRYPTION_KEY right?", self.name
            )
            return "[undecryptable]"


def redact(value: str) -> str:
    """Audit-log mask for encrypted fields: says that the text changed, never shows any of it."""
    return "" if value in ("", "None") else "[redacted]"
