"""QuickSelect renders what Django's Select renders: same name, id, options and selection."""

from html.parser import HTMLParser

import pytest
from django import forms

from sankofa.core.models import Country
from sankofa.core.widgets import QuickSelect, QuickSelectMultiple


class SelectParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.select, self.options, self._option = {}, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.select = attrs
        elif tag == "option":
            self._option = [attrs.get("value"), "selected" in attrs, ""]

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self.options.append(tuple(self._option))
            self._option = None


def parsed(html: str) -> SelectParser:
    parser = SelectParser()
    parser.feed(html)
    return parser


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fast", "slow", "value"),
    [(QuickSelect, forms.Select, "GIN"), (QuickSelectMultiple, forms.SelectMultiple, ["GIN", "NER"])],
)
def test_quick_select_renders_like_django_select(fast, slow, value):
    def field(widget):
        kind = forms.ModelMultipleChoiceField if widget.allow_multiple_selected else forms.ModelChoiceField
        return kind(queryset=Country.objects.all(), widget=widget, to_field_name="iso3", required=True)

    class Form(forms.Form):
        quick = field(fast)
        django = field(slow)

    form = Form(initial={"quick": value, "django": value})
    quick, django = parsed(str(form["quick"])), parsed(str(form["django"]))
    assert quick.options == django.options and len(quick.options) >= 249
    assert {k: v for k, v in quick.select.items() if k != "name" and k != "id"} == {
        k: v for k, v in django.select.items() if k != "name" and k != "id"
    }
    assert quick.select["name"] == "quick" and quick.select["id"] == "id_quick"
    assert sum(selected for _, selected, _ in quick.options) == (2 if isinstance(value, list) else 1)
