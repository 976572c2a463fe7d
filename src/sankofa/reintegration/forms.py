from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sankofa.access.models import Organisation
from sankofa.assistance.models import AssistanceRecord, Service
from sankofa.cases.forms import CountryChoiceField, DateInput
from sankofa.cases.models import Consent
from sankofa.core.currencies import currency_choices
from sankofa.people.models import Sex

from .models import Arrival, Assessment, CaseClosure, CommunityProject, ItemKind
from .models.surveys import SustainabilitySurvey

# --- Reception and assessment ---------------------------------------------------------------------


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ArrivalForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Returnee"), queryset=None)
    arrived_on = forms.DateField(label=_("Arrival date"), widget=DateInput)
    point_of_entry = forms.ChoiceField(label=_("Point of entry"), choices=Arrival.PointOfEntry.choices)
    place = forms.CharField(label=_("Border post or airport"), max_length=120)
    received_by = forms.CharField(
        label=_("Received by"), max_length=200, help_text=_("Name and organisation.")
    )

    def __init__(self, *args, people, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("arrived_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class SpontaneousArrivalForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Receiving office"), queryset=None)
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput)
    nationality = CountryChoiceField(label=_("Nationality"), required=True)
    arrived_on = forms.DateField(label=_("Arrival date"), widget=DateInput)
    point_of_entry = forms.ChoiceField(label=_("Point of entry"), choices=Arrival.PointOfEntry.choices)
    place = forms.CharField(label=_("Border post or airport"), max_length=120)
    received_by = forms.CharField(label=_("Received by"), max_length=200)
    consents = forms.MultipleChoiceField(
        label=_("Consent given by the returnee"),
        required=False,
        choices=[
            c
            for c in Consent.Purpose.choices
            if c[0] in (Consent.Purpose.ASSISTANCE, Consent.Purpose.MONITORING)
        ],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Post-arrival and reintegration assistance need consent to assistance; surveys need consent to monitoring."
        ),
    )

    def __init__(self, *args, offices, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("arrived_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        only = list(offices[:2])
        if len(only) == 1:
            self.fields["office"].initial = only[0]
            self.fields["nationality"].initial = only[0].country


class PostArrivalForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("Returnees who received it"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    service = forms.ModelChoiceField(label=_("Assistance"), queryset=None)
    delivered_on = forms.DateField(label=_("Date"), widget=DateInput)
    modality = forms.ChoiceField(label=_("Modality"), choices=AssistanceRecord.Modality.choices)
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=12, decimal_places=2, required=False, min_value=0
    )
    currency = forms.ChoiceField(label=_("Currency"), required=False)
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    partner = forms.ModelChoiceField(
        label=_("Delivered by partner"),
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.IOM),
        required=False,
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, people, codes, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("delivered_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people
        self.fields["service"].queryset = Service.objects.filter(code__in=codes, is_active=True)
        self.fields["currency"].choices = [("", "—"), *currency_choices()]


class AssessmentForm(VersionForm):
    assessed_on = forms.DateField(label=_("Date of assessment"), widget=DateInput)
    economic_needs = forms.CharField(
        label=_("Economic needs"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    social_needs = forms.CharField(
        label=_("Social needs"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    psychosocial_needs = forms.CharField(
        label=_("Psychosocial needs"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    skills = forms.CharField(label=_("Skills"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    education = forms.ChoiceField(
        label=_("Education"), choices=[("", "—"), *Assessment.Education.choices], required=False
    )
    work_experience = forms.CharField(
        label=_("Work experience"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    family_situation = forms.CharField(
        label=_("Family situation"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    confidential_notes = forms.CharField(
        label=_("Confidential notes"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Readable only with access to sensitive data."),
    )

    def __init__(self, *args, sensitive: bool, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("assessed_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        if not sensitive:  # not shown to who cannot read them (the service refuses their writing)
            del self.fields["psychosocial_needs"]
            del self.fields["confidential_notes"]


# --- Plans ----------------------------------------------------------------------------------------


class PlanForm(VersionForm):
    economic_summary = forms.CharField(
        label=_("Economic dimension"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    social_summary = forms.CharField(
        label=_("Social dimension"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    psychosocial_summary = forms.CharField(
        label=_("Psychosocial dimension"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PlanItemForm(VersionForm):
    kind = forms.ChoiceField(label=_("Type of assistance"), choices=ItemKind.choices)
    description = forms.CharField(label=_("Description"), max_length=300)
    budget = forms.DecimalField(label=_("Budget"), max_digits=12, decimal_places=2, min_value=0)
    currency = forms.ChoiceField(label=_("Currency"))
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.IOM).order_by("name"),
        required=False,
    )
    provider_name = forms.CharField(label=_("Provider (other)"), max_length=200, required=False)
    referral_needed = forms.BooleanField(label=_("Referral needed"), required=False)
    purchase_description = forms.CharField(label=_("Goods or service to buy"), max_length=200, required=False)
    purchase_quantity = forms.DecimalField(
        label=_("Quantity"), max_digits=10, decimal_places=2, required=False, min_value=0
    )
    purchase_unit_cost = forms.DecimalField(
        label=_("Estimated unit cost"), max_digits=12, decimal_places=2, required=False, min_value=0
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = [("", "—"), *currency_choices()]


class PurchaseForm(VersionForm):
    description = forms.CharField(label=_("Goods or service to buy"), max_length=200)
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=10, decimal_places=2, min_value=0)
    unit_cost = forms.DecimalField(
        label=_("Estimated unit cost"), max_digits=12, decimal_places=2, min_value=0
    )


class DecisionForm(VersionForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("return", _("Return for changes"))]
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DeliverForm(VersionForm):
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DateInput)
    modality = forms.ChoiceField(label=_("Modality"), choices=AssistanceRecord.Modality.choices)
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("delivered_on", timezone.localdate())
        super().__init__(*args, **kwargs)


# --- Community projects ---------------------------------------------------------------------------


class ProjectForm(VersionForm):
    office = forms.ModelChoiceField(label=_("Office"), queryset=None)
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=CommunityProject.Kind.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    country = CountryChoiceField(label=_("Country"), required=True)
    location = forms.CharField(label=_("Location"), max_length=200)
    budget = forms.DecimalField(label=_("Budget"), max_digits=14, decimal_places=2, min_value=0)
    currency = forms.ChoiceField(label=_("Currency"))
    starts_on = forms.DateField(label=_("Start date"), widget=DateInput)
    ends_on = forms.DateField(label=_("End date"), widget=DateInput, required=False)
    community_members = forms.IntegerField(label=_("Community members taking part"), min_value=0, initial=0)
    status = forms.ChoiceField(label=_("Status"), choices=CommunityProject.Status.choices, required=False)

    def __init__(self, *args, offices, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = [("", "—"), *currency_choices()]
        if editing:
            del self.fields["office"]
        else:
            del self.fields["status"]
            self.fields["office"].queryset = offices


class ParticipantForm(forms.Form):
    case_number = forms.CharField(label=_("Case number"), max_length=30)
    person = forms.IntegerField(
        label=_("Person (number)"), required=False, help_text=_("Leave empty for the principal applicant.")
    )


# --- Closure --------------------------------------------------------------------------------------


class ClosureRequestForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason for closure"), choices=[("", "—"), *CaseClosure.Reason.choices]
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ClosureDecisionForm(VersionForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Close the case")), ("refuse", _("Keep the case open"))]
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReopenForm(VersionForm):
    reason = forms.CharField(label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 2}))


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
