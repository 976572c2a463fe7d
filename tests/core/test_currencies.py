import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from sankofa.core.currencies import currency_choices, validate_currency
from sankofa.core.models import in_active_language


def test_currency_choices_are_iso_4217_in_the_active_language():
    assert ("XOF", "XOF — CFA Franc BCEAO") in currency_choices()
    with translation.override("fr"):
        assert ("USD", "USD — Dollar américain") in currency_choices()


@pytest.mark.parametrize("code", ["XOF", "LYD", "GNF", "EUR", "ETB"])
def test_iso_4217_codes_are_accepted(code):
    validate_currency(code)


@pytest.mark.parametrize("code", ["CFA", "xof", "EURO", "ZZZ"])
def test_other_codes_are_refused(code):
    with pytest.raises(ValidationError):
        validate_currency(code)


def test_bilingual_labels_follow_the_active_language():
    assert in_active_language("Shelter", "Hébergement") == "Shelter"
    with translation.override("fr"):
        assert in_active_language("Shelter", "Hébergement") == "Hébergement"
        assert in_active_language("Shelter", "") == "Shelter"  # a missing French label falls back
