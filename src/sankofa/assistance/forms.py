from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sankofa.access.models import Organisation
from sankofa.cases.forms import CountryChoiceField, DateInput
from sankofa.core.currencies import currency_choices

from .models import AssistanceRecord
from .selectors import service_catalogue


class AssistanceForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("People who received it"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    service = forms.ModelChoiceField(label=_("Service"), queryset=None)
    delivered_on = forms.DateField(label=_("Date"), widget=DateInput)
    country = CountryChoiceField(label=_("Country"), required=True)
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    partner = forms.ModelChoiceField(
        label=_("Delivered by partner"),
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.IOM),
        required=False,
        help_text=_("Leave empty when IOM delivered it."),
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=AssistanceRecord.Stage.choices)
    modality = forms.ChoiceField(label=_("Modality"), choices=AssistanceRecord.Modality.choices)
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=12, decimal_places=2, required=False, min_value=0
    )
    currency = forms.ChoiceField(label=_("Currency"), required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, people, default_country=None, **kwargs):
        kwargs.setdefault("initial", {}).update(
            {"delivered_on": timezone.localdate(), "country": default_country}
        )
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people
        self.fields["service"].queryset = service_catalogue()
        self.fields["currency"].choices = [("", "—"), *currency_choices()]
