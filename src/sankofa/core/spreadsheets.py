"""Spreadsheets in and out, safely. Every XLSX and CSV Sankofa writes goes through `safe_value`
(through `xlsx_append`/`xlsx_cell`/`csv_writer`), every XLSX or CSV a user uploads is read by
`read_table`.

Out: a text cell starting with = + - @ tab or carriage return is a formula to Excel/LibreOffice
(`=HYPERLINK(...)` in a person's name would be live in a manifest). Such text is prefixed with a
single quote and written as a string cell (OWASP "CSV injection"); numbers stay numbers.

In: an XLSX is a zip; its members' declared uncompressed sizes are checked before openpyxl opens it
(Python's zipfile never inflates a member past its declared size, so the check cannot be lied to),
the sheet's declared dimension is checked, then rows are counted while streaming (`read_only`),
values only (`data_only`: a formula is never evaluated, its cached value or nothing is read). A NUL
in any cell is refused with its row and column: PostgreSQL text cannot hold it.
"""

import csv
import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .uploads import SPREADSHEET_EXTENSIONS, UploadValidator

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 10_000
MAX_COLUMNS = 100
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ZIP_MEMBERS = 500
MAX_REPORTED_ERRORS = 50


class SpreadsheetRefused(ValidationError):
    """The uploaded spreadsheet is not read: too big, not a spreadsheet, or holding bad cells."""


# --- out ---------------------------------------------------------------------------------------


def safe_value(value):
    """The value as it may be written to a spreadsheet cell: formula-looking text quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def xlsx_cell(sheet, *, row: int, column: int, value):
    """sheet.cell(...) with the value made safe: quoted text no longer starts with "=", so openpyxl
    types it as a string cell (data_type "s"), never a formula."""
    return sheet.cell(row=row, column=column, value=safe_value(value))


def xlsx_append(sheet, values) -> None:
    """sheet.append(...) with every value made safe."""
    sheet.append([safe_value(v) for v in values])


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([safe_value(v) for v in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(out, **kwargs) -> _SafeWriter:
    """csv.writer whose rows are made safe cell by cell."""
    return _SafeWriter(csv.writer(out, **kwargs))


# --- in ----------------------------------------------------------------------------------------


def _refuse(message: str):
    raise SpreadsheetRefused(message)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _check_zip(upload, max_bytes: int) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        _refuse(_("The file is neither an XLSX workbook nor a CSV file."))
    finally:
        upload.seek(0)
    if len(members) > MAX_ZIP_MEMBERS:
        _refuse(_("The workbook has too many parts (%(count)s).") % {"count": len(members)})
    total = sum(m.file_size for m in members)
    if total > max_bytes:
        _refuse(
            _("The workbook unpacks to %(size)s MB, more than the %(limit)s MB accepted.")
            % {"size": total // (1024 * 1024), "limit": max_bytes // (1024 * 1024)}
        )


def _too_many_rows(max_rows: int) -> str:
    return _("The file has more than %(max)s rows; split it into smaller files.") % {"max": max_rows}


def _xlsx_rows(upload, max_rows: int, max_bytes: int):
    from openpyxl import load_workbook

    _check_zip(upload, max_bytes)
    try:
        book = load_workbook(upload, read_only=True, data_only=True, keep_links=False)
        sheet = book.worksheets[0]
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        _refuse(_("The file is neither an XLSX workbook nor a CSV file."))
    try:
        if sheet.max_row is not None and sheet.max_row > max_rows + 1:  # the declared dimension
            _refuse(_too_many_rows(max_rows))
        # Forget the declared size: openpyxl would stop at it (hiding rows) or pad up to it.
        sheet.reset_dimensions()
        rows = enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1)
        while True:
            try:
                number, values = next(rows)
            except StopIteration:
                break
            except Exception:  # broken XML, entity bombs (expat refuses them), bad cell values
                _refuse(_("The workbook cannot be read: its sheet is damaged."))
            if number > max_rows + 1:
                _refuse(_too_many_rows(max_rows))
            texts = ["" if v is None else str(v) for v in values]
            while texts and texts[-1] == "":  # max_col pads every row to MAX_COLUMNS
                texts.pop()
            yield number, texts
    finally:
        book.close()


def _csv_rows(upload, max_rows: int, max_bytes: int):
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        _refuse(
            _("The file is larger than the %(limit)s MB accepted.") % {"limit": max_bytes // (1024 * 1024)}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _refuse(_("The CSV file is not UTF-8 text."))
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        for number, values in enumerate(
            csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1
        ):
            if number > max_rows + 1:
                _refuse(_too_many_rows(max_rows))
            yield number, values[:MAX_COLUMNS]
    except csv.Error:
        _refuse(_("The CSV file cannot be read (a quote is not closed?)."))


def _unquote(value: str) -> str:
    """Undo our own export quoting ('=x back to =x): the text is kept as text, never evaluated."""
    if value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def read_table(
    upload, *, max_rows: int = MAX_ROWS, max_bytes: int = MAX_UNCOMPRESSED_BYTES
) -> list[tuple[int, list[str]]]:
    """(row number as the user sees it, cell texts) for every row of the first sheet of an uploaded
    XLSX or CSV file, the header row included. Refuses (SpreadsheetRefused) a file that is not an
    allowed spreadsheet, unpacks to more than max_bytes, has more than max_rows rows after the
    header, or holds a NUL character (every such cell is named by row and column)."""
    try:
        UploadValidator(SPREADSHEET_EXTENSIONS)(upload)
    except ValidationError as exc:
        raise SpreadsheetRefused(exc.messages) from None
    name = (getattr(upload, "name", "") or "").lower()
    reader = _csv_rows if name.endswith(".csv") else _xlsx_rows
    table, errors = [], []
    for number, values in reader(upload, max_rows, max_bytes):
        for index, value in enumerate(values, start=1):
            if "\x00" in value:
                errors.append(
                    _("Row %(row)s, column %(column)s: contains a NUL character.")
                    % {"row": number, "column": _column_letter(index)}
                )
        table.append((number, [_unquote(v) for v in values]))
    if errors:
        raise SpreadsheetRefused(errors[:MAX_REPORTED_ERRORS])
    return table
