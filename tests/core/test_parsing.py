import pytest

from sankofa.core.parsing import positive_int


@pytest.mark.parametrize("text, number", [("7", 7), ("0042", 42), ("2147483647", 2147483647)])
def test_ascii_digits_are_read(text, number):
    assert positive_int(text) == number


@pytest.mark.parametrize("text", ["", "7²", "٣", "-1", "1.5", " 7", "2147483648", "9" * 40, None])
def test_anything_else_is_none_never_an_error(text):
    assert positive_int(text) is None
