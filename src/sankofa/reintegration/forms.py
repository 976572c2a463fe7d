"""Forms of the reintegration pages. Rules stay in the services; forms parse input."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sankofa.cases.forms import DateInput

from .models.surveys import SustainabilitySurvey

# --- Sustainability surveys ---------------------------------------------------------------------------


class SurveyForm(forms.Form):
    """One radio group per question of the scheme (field name `q-<code>`), the date and notes."""

    conducted_on = forms.DateField(label=_("Conducted on"), widget=DateInput())
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, questions, **kwargs):
        kwargs.setdefault("initial", {"conducted_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q-{question.code}"] = forms.ChoiceField(
                label=question.text,
                choices=[(o.code, o.label) for o in question.options.all()],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer (“don't know” is one).")},
            )

    def answers(self) -> dict[str, str]:
        return {q.code: self.cleaned_data[f"q-{q.code}"] for q in self.questions}

    def groups(self):
        """(dimension, [(question, bound field)]) in the scheme's order, for the template."""
        groups: dict = {}
        for question in self.questions:
            groups.setdefault(question.dimension, []).append((question, self[f"q-{question.code}"]))
        return list(groups.items())


class UnscheduledSurveyForm(SurveyForm):
    kind = forms.ChoiceField(label=_("Kind of survey"), choices=SustainabilitySurvey.Kind.choices)

    field_order = ["kind"]


class RescoreForm(forms.Form):
    scheme = forms.ModelChoiceField(label=_("Scheme version"), queryset=None)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, schemes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = schemes


class DueFilterForm(forms.Form):
    mine = forms.BooleanField(label=_("Only my cases"), required=False)
    office = forms.ModelChoiceField(label=_("Office"), queryset=None, required=False)
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
