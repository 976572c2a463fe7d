"""Numbers typed by people or sent by clients (URLs, query strings, spreadsheets)."""

import re

_DIGITS = re.compile(r"[0-9]{1,18}")
MAX_ID = 2**31 - 1  # the smallest primary-key column we use (SQLite and PostgreSQL integer)


def positive_int(value, *, limit: int = MAX_ID) -> int | None:
    """The whole number written in `value` with ASCII digits, or None. str.isdigit() is not enough:
    it accepts "7²" and "٣", which int() then refuses or reads as another number."""
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if number <= limit else None
