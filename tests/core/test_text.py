"""clean_text: no bidi overrides, zero-width or control characters survive; joiners stay only
where a script spells with them; ordinary names in any script are unchanged."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sankofa.core.text import clean_text

SPOOFING = [
    *[chr(c) for c in range(0x202A, 0x202F)],  # embeddings and overrides
    *[chr(c) for c in range(0x2066, 0x206A)],  # isolates
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad", "\u061c",
    "\x00", "\x07", "\x1b", "\U000e0041",  # NUL, bell, escape, a tag character
]  # fmt: skip


@pytest.mark.parametrize("char", SPOOFING)
def test_spoofing_and_invisible_characters_are_removed(char):
    assert clean_text(f"Ali{char}gnp.exe") == "Alignp.exe"


def test_right_to_left_override_name_is_stored_as_typed_letters():
    assert clean_text("Ali\u202egnp.exe") == "Alignp.exe"


@pytest.mark.parametrize(
    "name",
    ["Aïssatou Diallo", "N'Diaye", "محمد ولد أحمد", "አበበ በቂላ", "Nguyễn Thị Minh Khai", "O'Brien-Smith"],
)
def test_ordinary_names_are_unchanged(name):
    assert clean_text(name) == name


def test_zero_width_non_joiner_is_kept_inside_a_persian_word_only():
    persian = "می\u200cخواهم"  # "mi-khaham": the ZWNJ is part of the spelling
    assert clean_text(persian) == persian
    assert clean_text("Ali\u200cReza") == "AliReza"
    assert clean_text("\u200cمی") == "می"


def test_decomposed_accents_are_composed_and_line_breaks_become_spaces():
    assert clean_text("Aïssatou") == "A\u00efssatou"
    assert clean_text("  Fatou\n\tKeita  ") == "Fatou Keita"


@given(st.text())
def test_no_control_or_format_character_survives_outside_a_joining_script(text):
    import unicodedata

    cleaned = clean_text(text)
    for char in cleaned:
        if char not in "\u200c\u200d":
            assert unicodedata.category(char) not in ("Cc", "Cf")
    assert clean_text(cleaned) == cleaned
