"""Forms of the cooperation pages. They parse and validate input; services decide."""

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from sankofa.cases.forms import CountryChoiceField, DateInput
from sankofa.core.models import Country, country_choices
from sankofa.core.widgets import QuickSelectMultiple
from sankofa.programmes.indicators import INDICATORS
from sankofa.programmes.models import Programme

from .models import Action, Framework, Institution, Meeting, Priority, Resource, Theme


class CountriesField(forms.ModelMultipleChoiceField):
    """Several countries by ISO 3166 alpha-3, options from the per-process list."""

    widget = QuickSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(queryset=Country.objects.all(), **kwargs)

    class iterator(BaseChoiceIterator):
        def __init__(self, field):
            self.field = field

        def __iter__(self):
            yield from country_choices()

        def __len__(self):
            return len(country_choices())


def indicator_choices() -> list[tuple[str, str]]:
    """The registry's indicators, in its order, labelled in the active language."""
    ordered = sorted(INDICATORS.values(), key=lambda i: i.order)
    return [("", "—"), *((i.code, f"{i.code} — {i.label}") for i in ordered)]


def _institutions(**kwargs):
    return forms.ModelMultipleChoiceField(
        queryset=Institution.objects.select_related("country"), required=False, **kwargs
    )


class FrameworkForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=250)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=250)
    kind = forms.ChoiceField(label=_("Kind"), choices=Framework.Kind.choices)
    countries = CountriesField(label=_("Countries"), required=True)
    institutions = _institutions(label=_("Institutions"))
    programmes = forms.ModelMultipleChoiceField(
        label=_("Funding programmes"), queryset=Programme.objects.all(), required=False
    )
    starts_on = forms.DateField(label=_("Start date"), widget=DateInput)
    ends_on = forms.DateField(label=_("End date"), widget=DateInput)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MatrixForm(forms.Form):
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all())
    title_en = forms.CharField(label=_("Title (English)"), max_length=250)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=250, required=False)


class RoadmapForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=250)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=250, required=False)
    first_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    last_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)


class PriorityForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=250)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=250, required=False)
    country = CountryChoiceField(label=_("Country (empty for a cross-country priority)"))
    order = forms.IntegerField(label=_("Order"), min_value=0, initial=0, required=False)


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = _institutions(label=_("Responsible institutions"))
    supporting = _institutions(label=_("Supporting institutions"))
    starts_on = forms.DateField(label=_("Start date"), widget=DateInput, required=False)
    due_on = forms.DateField(label=_("Due date"), widget=DateInput, required=False)
    indicator = forms.ChoiceField(label=_("Indicator"), required=False, choices=indicator_choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("due_on") and data["due_on"] < data["starts_on"]:
            self.add_error("due_on", _("The due date cannot be before the start date."))
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(label=_("Progress note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = Action.TRANSITIONS.get(action.status, set())
        self.fields["status"].choices = [(v, label) for v, label in Action.Status.choices if v in allowed]


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Progress note"), widget=forms.Textarea(attrs={"rows": 2}))
    written_on = forms.DateField(label=_("Date"), widget=DateInput, required=False)


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    starts_on = forms.DateField(label=_("Date"), widget=DateInput)
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    countries = CountriesField(label=_("Participating countries"))
    institutions = _institutions(label=_("Participating institutions"))
    participants_women = forms.IntegerField(label=_("Women participants"), min_value=0, initial=0)
    participants_men = forms.IntegerField(label=_("Men participants"), min_value=0, initial=0)
    participants_unspecified = forms.IntegerField(
        label=_("Participants, sex not recorded"), min_value=0, initial=0
    )
    outcomes = forms.CharField(label=_("Outcomes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ActionPointForm(forms.Form):
    description = forms.CharField(label=_("Action point"), widget=forms.Textarea(attrs={"rows": 2}))
    target = forms.ChoiceField(label=_("Matrix or roadmap priority"))
    responsible = _institutions(label=_("Responsible institutions"))
    due_on = forms.DateField(label=_("Due date"), widget=DateInput, required=False)

    def __init__(self, *args, framework: Framework, **kwargs):
        super().__init__(*args, **kwargs)
        matrices = [(f"m{m.pk}", m.title) for m in framework.matrices.all()]
        priorities = [
            (f"p{p.pk}", f"{p.roadmap.title} — {p.title}")
            for p in Priority.objects.filter(roadmap__framework=framework).select_related("roadmap")
        ]
        self.fields["target"].choices = [
            (_("Action matrices"), matrices),
            (_("Roadmap priorities"), priorities),
        ]
        self.framework = framework

    def target_kwargs(self) -> dict:
        value = self.cleaned_data["target"]
        if value.startswith("m"):
            return {"matrix": self.framework.matrices.get(pk=int(value[1:]))}
        return {"priority": Priority.objects.get(pk=int(value[1:]), roadmap__framework=self.framework)}


class ValidationForm(forms.Form):
    target = forms.ChoiceField(label=_("Matrix or roadmap adopted"))
    validated_on = forms.DateField(label=_("Date"), widget=DateInput)
    validated_by = forms.CharField(label=_("Adopted by"), max_length=250)
    institutions = _institutions(label=_("Institutions"))
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none(), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, framework: Framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.fields["target"].choices = [
            (_("Action matrices"), [(f"m{m.pk}", m.title) for m in framework.matrices.all()]),
            (_("Roadmaps"), [(f"r{r.pk}", r.title) for r in framework.roadmaps.all()]),
        ]
        self.fields["meeting"].queryset = framework.meetings.all()

    def target_kwargs(self) -> dict:
        value = self.cleaned_data["target"]
        if value.startswith("m"):
            return {"matrix": self.framework.matrices.get(pk=int(value[1:]))}
        return {"roadmap": self.framework.roadmaps.get(pk=int(value[1:]))}


class ResourceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Type"), choices=Resource.Kind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=Resource.Language.choices)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    countries = CountriesField(label=_("Countries"))
    themes = forms.ModelMultipleChoiceField(label=_("Themes"), queryset=Theme.objects.all(), required=False)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")

    def clean(self):
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Give either a file or a link, not both."))
        return data


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Any type")), *Resource.Kind.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any language")), *Resource.Language.choices], required=False
    )
    country = CountryChoiceField(label=_("Country"))
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        required=False,
        to_field_name="code",
        empty_label=_("Any theme"),
    )


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=[("en", _("English")), ("fr", _("French"))])
    format = forms.ChoiceField(label=_("Format"), choices=[("xlsx", "XLSX"), ("pdf", "PDF")])
