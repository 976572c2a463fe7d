"""Forms of the referral pages. They parse input; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sankofa.assistance.models import Service, ServiceCategory
from sankofa.cases.forms import CountryChoiceField, DateInput

from .models import DeclineReason, Priority, ShareField


class ProviderSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = CountryChoiceField(label=_("Country"))
    category = forms.ChoiceField(
        label=_("Service category"), required=False, choices=[("", "—"), *ServiceCategory.choices]
    )
    accepts = forms.BooleanField(label=_("Accepting referrals only"), required=False)


class ReferralForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("People referred"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    service = forms.ModelChoiceField(label=_("Service needed"), queryset=None)
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=None)
    pathway = forms.ModelChoiceField(label=_("Pathway"), queryset=None, required=False)
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL)
    reason = forms.CharField(
        label=_("Reason for the referral"),
        help_text=_("Shared with the provider: write only what it needs."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    fields = forms.MultipleChoiceField(
        label=_("Data shared"),
        choices=ShareField.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only what each person consented to share with this provider."),
    )
    send = forms.BooleanField(label=_("Send now"), required=False, initial=True)

    def __init__(self, *args, people, providers, pathways, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people
        self.fields["people"].label_from_instance = lambda p: p.full_name
        self.fields["service"].queryset = Service.objects.filter(is_active=True)
        self.fields["provider"].queryset = providers
        self.fields["provider"].label_from_instance = lambda p: f"{p.name} ({p.country.name})"
        self.fields["pathway"].queryset = pathways


class ConsentToShareForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=None)
    fields = forms.MultipleChoiceField(
        label=_("Data the person agrees to share"),
        choices=ShareField.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    given_on = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, *args, people, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["provider"].queryset = providers


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class DeclineForm(NoteForm):
    reason = forms.ChoiceField(label=_("Reason for declining"), choices=[("", "—"), *DeclineReason.choices])


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (XLSX or CSV)"))
