import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from sankofa.core.widgets import QuickSelect
from sankofa.programmes.indicators import IndicatorFilters

from .models import ExportJob
from .selectors import indicators_list


class ReportFiltersForm(forms.Form):
    """Filters shared by the dashboard, the exports and the profile report. `date_to` is "as of"."""

    indicator = forms.ChoiceField(label=_("Indicator"), required=False, widget=QuickSelect)
    programme = forms.ChoiceField(label=_("Programme"), required=False, widget=QuickSelect)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("As of"), required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    country = forms.ChoiceField(label=_("Country of assistance"), required=False, widget=QuickSelect)
    office = forms.ChoiceField(label=_("Office"), required=False, widget=QuickSelect)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["indicator"].choices = [(i.code, f"{i.code} — {i.label}") for i in indicators_list()]
        self.fields["programme"].choices = everything + [(p.code, str(p)) for p in choices["programmes"]]
        self.fields["country"].choices = everything + [(c.iso3, c.name) for c in choices["countries"]]
        self.fields["office"].choices = everything + [(str(o.pk), str(o)) for o in choices["offices"]]
        for name, field in self.fields.items():
            css = "form-control form-control-sm" if name.startswith("date") else "form-select form-select-sm"
            field.widget.attrs["class"] = css

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return data

    def filters(self) -> IndicatorFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return IndicatorFilters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to") or datetime.date.today(),
            programme=data.get("programme") or None,
            country=data.get("country") or None,
            office=int(data["office"]) if data.get("office") else None,
        )

    def indicator_code(self) -> str:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("indicator") or indicators_list()[0].code


def filters_to_params(filters: IndicatorFilters, indicator: str) -> dict:
    """Filters as JSON for an export job (dates as ISO strings)."""
    return {
        "indicator": indicator,
        "date_from": filters.date_from.isoformat() if filters.date_from else None,
        "date_to": filters.date_to.isoformat() if filters.date_to else None,
        "programme": filters.programme,
        "country": filters.country,
        "office": filters.office,
    }


def params_to_filters(params: dict) -> IndicatorFilters:
    def day(value):
        return datetime.date.fromisoformat(value) if value else None

    return IndicatorFilters(
        date_from=day(params.get("date_from")),
        date_to=day(params.get("date_to")),
        programme=params.get("programme"),
        country=params.get("country"),
        office=params.get("office"),
    )


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=ExportJob.Format.choices)
    language = forms.ChoiceField(
        label=_("Language of the file"), choices=[("en", "English"), ("fr", "Français")]
    )


class CaseListExportForm(forms.Form):
    """What a case list export is for, and how much of the people it shows."""

    purpose = forms.CharField(
        label=_("Purpose of the export"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded with the export and shown to the data-protection focal point."),
        max_length=1000,
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[(ExportJob.Format.XLSX, _("Excel workbook (XLSX)")), (ExportJob.Format.CSV, _("CSV"))],
    )
    language = forms.ChoiceField(
        label=_("Language of the file"), choices=[("en", "English"), ("fr", "Français")]
    )
    with_names = forms.BooleanField(
        label=_("Include names, case numbers and dates of birth"),
        required=False,
        help_text=_("Without this, people and cases are pseudonymised and only the year of birth is given."),
    )
