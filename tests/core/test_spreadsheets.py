"""Spreadsheets in and out: formula-looking text is written quoted (never a live formula, numbers
stay numbers); uploads are refused before they are inflated or read whole, NUL never passes, and
a formula in an uploaded file is read as text."""

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from sankofa.core.spreadsheets import SpreadsheetRefused, csv_writer, read_table, safe_value, xlsx_append

FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_looking_text_is_quoted(text):
    assert safe_value(text) == "'" + text


@pytest.mark.parametrize("value", [-5, -2.5, 0, 12, None, datetime.date(2026, 1, 2), "Aïssatou", "a=b"])
def test_numbers_dates_and_plain_text_are_unchanged(value):
    assert safe_value(value) == value


def test_xlsx_append_writes_string_cells_and_keeps_negative_numbers_numbers():
    book = Workbook()
    xlsx_append(book.active, [*FORMULAS, -5])
    out = io.BytesIO()
    book.save(out)
    row = next(load_workbook(out).active.iter_rows())
    assert all(c.data_type == "s" and c.value.startswith("'") for c in row[:-1])
    assert row[-1].value == -5 and row[-1].data_type == "n"


def test_csv_writer_quotes_formula_text_but_not_numbers():
    out = io.StringIO()
    csv_writer(out).writerow(['=HYPERLINK("http://x","y")', -5, "ok"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ['\'=HYPERLINK("http://x","y")', "-5", "ok"]


# --- reading uploads -----------------------------------------------------------------------------


def _xlsx_bytes(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _with_sheet(sheet_xml_chunks) -> bytes:
    """A valid small workbook whose first sheet is replaced by the given XML (written in chunks,
    compressed, so a huge sheet makes a small file)."""
    source = zipfile.ZipFile(io.BytesIO(_xlsx_bytes([["a"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with target.open(info.filename, "w") as member:
                    for chunk in sheet_xml_chunks:
                        member.write(chunk.encode())
            else:
                target.writestr(info, source.read(info.filename))
    return out.getvalue()


SHEET_HEAD = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _rows_xml(count: int, dimension: str | None):
    yield SHEET_HEAD + (f'<dimension ref="{dimension}"/>' if dimension else "") + "<sheetData>"
    for start in range(1, count + 1, 10_000):
        yield "".join(
            f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>'
            for r in range(start, min(start + 10_000, count + 1))
        )
    yield "</sheetData></worksheet>"


def _forbid_openpyxl(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl must not open this file")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_xlsx_with_one_huge_cell_is_refused_without_opening_it(monkeypatch):
    huge = [SHEET_HEAD, '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>']
    huge += ["A" * (1024 * 1024)] * 100  # 100 MB of text in one cell
    huge += ["</t></is></c></row></sheetData></worksheet>"]
    data = _with_sheet(huge)
    assert len(data) < 1024 * 1024  # a small upload
    _forbid_openpyxl(monkeypatch)
    with pytest.raises(SpreadsheetRefused, match="unpacks to"):
        read_table(SimpleUploadedFile("big.xlsx", data))


def test_xlsx_declaring_300k_rows_is_refused_before_reading_rows():
    data = _with_sheet(_rows_xml(3, dimension="A1:P300000"))
    with pytest.raises(SpreadsheetRefused, match="more than 10000 rows"):
        read_table(SimpleUploadedFile("rows.xlsx", data), max_rows=10_000)


def test_xlsx_with_300k_rows_and_no_dimension_is_refused_while_streaming():
    data = _with_sheet(_rows_xml(300_000, dimension=None))
    with pytest.raises(SpreadsheetRefused, match="more than 10000 rows"):
        read_table(SimpleUploadedFile("rows.xlsx", data), max_rows=10_000)


def test_xlsx_lying_about_its_dimension_still_has_every_row_counted():
    data = _with_sheet(_rows_xml(50, dimension="A1:A2"))
    with pytest.raises(SpreadsheetRefused, match="more than 20 rows"):
        read_table(SimpleUploadedFile("rows.xlsx", data), max_rows=20)


def test_csv_over_the_row_cap_is_refused():
    text = "name\n" + "x\n" * 30
    with pytest.raises(SpreadsheetRefused, match="more than 20 rows"):
        read_table(SimpleUploadedFile("rows.csv", text.encode()), max_rows=20)


def test_nul_in_a_csv_is_refused_naming_row_and_column():
    text = "organisation,kind\nEspoir,ngo\nBad\x00name,ngo\n"
    with pytest.raises(SpreadsheetRefused) as refused:
        read_table(SimpleUploadedFile("p.csv", text.encode()))
    assert refused.value.messages == ["Row 3, column A: contains a NUL character."]


def test_formulas_are_read_as_text_or_cached_values_never_evaluated():
    book = Workbook()
    book.active.append(["name", "total"])
    book.active.append(["=1+1", "=SUM(1,2)"])  # the second is a real formula cell, never computed
    book.active["A2"].data_type = "s"  # a text cell that looks like a formula
    out = io.BytesIO()
    book.save(out)
    table = read_table(SimpleUploadedFile("f.xlsx", out.getvalue()))
    assert table[1] == (2, ["=1+1"])  # the text kept as text; the formula neither read nor computed


def test_our_own_quoting_is_undone_on_reading():
    table = read_table(SimpleUploadedFile("q.csv", b"phone\n'+225 07 00\n"))
    assert table[1] == (2, ["+225 07 00"])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tool.exe", b"MZ\x90\x00"),
        ("providers.xlsx", b"MZ\x90\x00 an executable renamed"),
        ("providers.csv", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused(name, content):
    with pytest.raises(SpreadsheetRefused):
        read_table(SimpleUploadedFile(name, content))


def test_xlsx_with_an_entity_bomb_in_its_sheet_is_refused_not_expanded():
    bomb = ['<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">']
    bomb += [f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8)]
    bomb += [
        "]>" + SHEET_HEAD + '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row>',
        "</sheetData></worksheet>",
    ]
    with pytest.raises(SpreadsheetRefused):
        read_table(SimpleUploadedFile("bomb.xlsx", _with_sheet(bomb)))


def test_xlsx_whose_sheet_breaks_midway_is_refused_with_a_message():
    broken = [
        SHEET_HEAD,
        '<dimension ref="A1:A2"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="2"><c',
    ]
    with pytest.raises(SpreadsheetRefused, match="damaged"):
        read_table(SimpleUploadedFile("broken.xlsx", _with_sheet(broken)))
