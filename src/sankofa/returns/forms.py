from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sankofa.cases.forms import CountryChoiceField, DateInput

from .models import Escort, FitToTravel, Movement, TravelDocument

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RequestForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("People who return"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    destination_country = CountryChoiceField(label=_("Destination country"), required=True)
    destination_place = forms.CharField(label=_("Destination place"), max_length=120, required=False)
    voluntary = forms.BooleanField(
        label=_("The person(s) chose to return freely, after counselling on their options"), required=False
    )
    informed_consent_on = forms.DateField(label=_("Informed consent to return given on"), widget=DateInput)

    def __init__(self, *args, people, destination=None, **kwargs):
        kwargs.setdefault("initial", {}).update(
            {
                "informed_consent_on": timezone.localdate(),
                "destination_country": destination,
                "people": list(people),
            }
        )
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people


class DecisionForm(VersionForm):
    eligible = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Eligible")), ("no", _("Not eligible"))],
        coerce=lambda v: v == "yes",
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ApprovalForm(VersionForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Do not approve"))]
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class WithdrawForm(VersionForm):
    on = forms.DateField(label=_("Withdrawn on"), widget=DateInput, initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DocumentRequestForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)
    kind = forms.ChoiceField(label=_("Document"), choices=TravelDocument.Kind.choices)
    consulate = forms.CharField(label=_("Consulate"), max_length=150)
    requested_on = forms.DateField(label=_("Requested on"), widget=DateInput, initial=timezone.localdate)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class DocumentUpdateForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What happened"),
        choices=[
            ("interview", _("Consular interview held")),
            ("issue", _("Issued")),
            ("refuse", _("Refused")),
        ],
    )
    day = forms.DateField(label=_("Date (interview or issue)"), widget=DateInput, initial=timezone.localdate)
    number = forms.CharField(label=_("Document number"), max_length=40, required=False)
    expires_on = forms.DateField(label=_("Valid until"), widget=DateInput, required=False)
    notes = forms.CharField(label=_("Notes or reason for refusal"), max_length=300, required=False)


class FitnessForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)
    checked_on = forms.DateField(label=_("Checked on"), widget=DateInput, initial=timezone.localdate)
    result = forms.ChoiceField(label=_("Result"), choices=FitToTravel.Result.choices)
    wheelchair = forms.BooleanField(label=_("Needs a wheelchair"), required=False)
    child_escort = forms.BooleanField(label=_("Child needs an escort"), required=False)
    vulnerable_escort = forms.BooleanField(label=_("Vulnerable person needs an escort"), required=False)
    notes = forms.CharField(
        label=_("Medical notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class BookForm(forms.Form):
    movement = forms.ModelChoiceField(label=_("Movement"), queryset=None)

    def __init__(self, *args, movements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = movements


class HandoverForm(forms.Form):
    to_office = forms.ModelChoiceField(label=_("Receiving office"), queryset=None)
    note = forms.CharField(label=_("Handover note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_office"].queryset = offices


class MovementForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Organising office"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=Movement.Kind.choices)
    reference = forms.CharField(label=_("Reference"), max_length=40)
    destination_country = CountryChoiceField(label=_("Destination country"), required=True)
    departure_on = forms.DateField(label=_("Planned departure"), widget=DateInput)
    from_place = forms.CharField(label=_("From"), max_length=120)
    to_place = forms.CharField(label=_("To"), max_length=120)
    carrier = forms.CharField(label=_("Carrier"), max_length=120, required=False)
    departs_at = forms.DateTimeField(label=_("Departure"), widget=DATETIME)
    arrives_at = forms.DateTimeField(label=_("Arrival"), widget=DATETIME)
    escort_name = forms.CharField(label=_("Escort"), max_length=120, required=False)
    escort_kind = forms.ChoiceField(label=_("Kind of escort"), choices=Escort.Kind.choices, required=False)

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
