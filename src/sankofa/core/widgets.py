"""Widgets rendered in Python. Django renders each <option> through a template; a country list of
~250 options then costs tens of milliseconds per select, the larger part of a case-list page."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class QuickSelect(forms.Select):
    """A <select> with the same name, id, attributes and selected options as forms.Select."""

    def render(self, name, value, attrs=None, renderer=None):
        # Not get_context(): it would build a dict per option (and query the choices) for nothing.
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option_value, " selected" if str(option_value) in selected else "", label)
                for option_value, label in self._flat_choices()
            ),
        )
        attributes = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attributes["multiple"] = True
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attributes), options)

    def _flat_choices(self):
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):  # an optgroup: its options, flattened
                yield from ((v, lbl) for v, lbl in label)
            else:
                yield ("" if option_value is None else str(option_value)), label


class QuickSelectMultiple(QuickSelect):
    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        return forms.SelectMultiple.value_from_datadict(self, data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return False
