"""Name normalisation: any script to folded Latin, spelling-tolerant sound keys, normalised numbers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sankofa.people.names import fold, normalise_document_number, normalise_phone, sound_key, tokens

# Latin letters as clerks type them, with the accented forms French, Portuguese and Wolof spellings use.
ACCENTED = {
    "a": "àâäáã",
    "e": "éèêë",
    "i": "îïí",
    "o": "ôöó",
    "u": "ùûüú",
    "c": "ç",
    "n": "ñ",
    "y": "ÿ",
}
base_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14)


@st.composite
def spelled_differently(draw):
    """A word and the same word with random accents and random upper case."""
    word = draw(base_words)
    variant = []
    for ch in word:
        if ch in ACCENTED and draw(st.booleans()):
            ch = draw(st.sampled_from(ACCENTED[ch]))
        if draw(st.booleans()):
            ch = ch.upper()
        variant.append(ch)
    return word, "".join(variant)


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Aïssatou  DIALLO", "aissatou diallo"),
        ("  Kéïta ", "keita"),
        ("Ould-Mohamed", "ould mohamed"),
        ("N'Diaye", "ndiaye"),
        ("N’Diaye", "ndiaye"),
        ("Ibrahim (Ibro)", "ibrahim ibro"),
        ("", ""),
    ],
)
def test_fold_removes_accents_case_and_punctuation(written, folded):
    assert fold(written) == folded


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("محمد", "mhmd"),  # Arabic
        ("أحمد", "hmd"),
        ("አበበ", "abebe"),  # Ge'ez (Amharic)
        ("ቢቂላ", "bikila"),  # ejective written k' by anyascii: joined, not split
        ("ߡߊ߬ߡߊ߬ߘߎ", "mamadu"),  # N'Ko
        ("ⵎⵓⵃⵎⵎⴷ", "muhmmd"),  # Tifinagh
    ],
)
def test_fold_transliterates_other_scripts_with_anyascii(written, folded):
    assert fold(written) == folded


def test_tokens_are_folded_words_without_repeats_in_order():
    assert tokens("Mamadou Aliou", "DIALLO", "Diallo", "Mamadou") == ["mamadou", "aliou", "diallo"]


@pytest.mark.parametrize(
    "spellings",
    [
        ["mohamed", "mouhamed", "muhammad", "mohammed", "mohamad"],
        ["diallo", "dialo", "diyallo"],
        ["aissatou", "aisatou", "aissatu", "aïssatou"],
        ["abdoulaye", "abdulaye", "abdoulay"],
        ["keita", "keïta", "kéita"],
        ["traore", "traoré", "traoure"],
    ],
)
def test_sound_key_meets_common_spelling_variants(spellings):
    keys = {sound_key(fold(s)) for s in spellings}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(("one", "other"), [("diallo", "bah"), ("keita", "kante"), ("fatou", "fanta")])
def test_sound_key_keeps_different_names_apart(one, other):
    assert sound_key(one) != sound_key(other)


@pytest.mark.parametrize(
    ("written", "normalised"),
    [("ab 12-345", "AB12345"), ("AB12345", "AB12345"), (" gn/0034.56 ", "GN003456"), ("", "")],
)
def test_document_numbers_compare_without_spaces_dashes_or_case(written, normalised):
    assert normalise_document_number(written) == normalised


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("+227 90 12 34 56", "0022790123456"),
        ("00227-90-12-34-56", "0022790123456"),
        ("(+224) 620.00.00.00", "00224620000000"),
        ("90 12 34 56", "90123456"),
        ("", ""),
    ],
)
def test_phone_numbers_keep_digits_and_write_plus_as_00(written, normalised):
    assert normalise_phone(written) == normalised


@given(st.text(max_size=60))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=60))
def test_fold_gives_lower_case_ascii_words_separated_by_single_spaces(text):
    folded = fold(text)
    assert folded == folded.strip()
    assert "  " not in folded
    assert set(folded) <= set("abcdefghijklmnopqrstuvwxyz0123456789 ")


@given(spelled_differently())
def test_fold_and_sound_key_ignore_case_and_accents(pair):
    word, variant = pair
    assert fold(variant) == word
    assert sound_key(fold(variant)) == sound_key(word)


@given(base_words)
def test_sound_key_ignores_doubled_letters(word):
    doubled = "".join(ch * 2 for ch in word)
    assert sound_key(doubled) == sound_key(word)


@given(st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ0123456789", min_size=1, max_size=12), st.data())
def test_document_number_ignores_separators_and_case(number, data):
    separators = data.draw(
        st.lists(st.sampled_from([" ", "-", "/", "."]), min_size=len(number), max_size=len(number))
    )
    written = "".join(ch + sep for ch, sep in zip(number.lower(), separators, strict=True))
    assert normalise_document_number(written) == normalise_document_number(number) == number
