"""Forms for registering and editing cases. They parse and validate input; services decide."""

from django import forms
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sankofa.access.models import Office
from sankofa.core.languages import language_choices
from sankofa.core.models import Country, country_choices
from sankofa.core.widgets import QuickSelect, QuickSelectMultiple
from sankofa.people.models import IdentityDocument, Person
from sankofa.people.services import PERSON_FIELDS

from . import services
from .models import Case, CaseMember, Consent, MigrationProfile, VulnerabilityFlag


class DateInput(forms.DateInput):
    """A native date picker; it needs ISO values whatever the user's language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CountryChoiceField(forms.ModelChoiceField):
    """A country by ISO 3166 alpha-3; the options come from a per-process list, not a query."""

    widget = QuickSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(queryset=Country.objects.all(), **kwargs)

    class iterator(BaseChoiceIterator):  # read when a select is rendered, never at import
        def __init__(self, field):
            self.field = field

        def __iter__(self):
            yield "", self.field.empty_label
            yield from country_choices()

        def __len__(self):
            return len(country_choices()) + 1


class PersonForm(forms.ModelForm):
    """A person's details, with one identity document and other names."""

    nationality = CountryChoiceField(label=_("Nationality"))
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        choices=language_choices,
        widget=QuickSelectMultiple(attrs={"size": 4}),
    )
    aliases = forms.CharField(
        label=_("Other names or spellings"),
        required=False,
        help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    document_kind = forms.ChoiceField(
        label=_("Document type"), required=False, choices=[("", "—"), *IdentityDocument.Kind.choices]
    )
    document_number = forms.CharField(label=_("Document number"), required=False, max_length=60)
    document_country = CountryChoiceField(label=_("Issuing country"))
    document_expires_on = forms.DateField(label=_("Document expiry"), required=False, widget=DateInput())

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {"date_of_birth": DateInput()}

    def __init__(self, *args, with_document=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_document:
            for name in (
                "aliases",
                "document_kind",
                "document_number",
                "document_country",
                "document_expires_on",
            ):
                del self.fields[name]

    # The date-of-birth rules are Person.clean's, which this ModelForm runs (and people.services too).
    def clean(self):
        data = super().clean()
        if "document_number" in self.fields and data.get("document_number"):
            if not data.get("document_kind"):
                self.add_error("document_kind", _("Say what kind of document this number belongs to."))
            if not data.get("document_country"):
                self.add_error("document_country", _("Say which country issued the document."))
        return data

    def person_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def documents(self) -> list[services.DocumentInput]:
        d = self.cleaned_data
        if not d.get("document_number"):
            return []
        return [
            services.DocumentInput(
                d["document_kind"], d["document_number"], d["document_country"], d.get("document_expires_on")
            )
        ]

    def aliases_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("aliases", "").splitlines() if line.strip()]


class ScreenedPersonForm(PersonForm):
    """A person at registration: details plus the vulnerabilities found at screening."""

    vulnerabilities = forms.MultipleChoiceField(
        label=_("Vulnerabilities identified"),
        required=False,
        choices=VulnerabilityFlag.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    screening_notes = forms.CharField(
        label=_("Screening notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Stored encrypted; notes on sensitive vulnerabilities are shown only to authorised staff."
        ),
    )

    def flag_inputs(self, *, member_index: int, day) -> list[services.FlagInput]:
        """One flag per vulnerability ticked, sharing the screening notes."""
        notes = self.cleaned_data["screening_notes"]
        return [
            services.FlagInput(member_index=member_index, kind=kind, identified_on=day, notes=notes)
            for kind in self.cleaned_data["vulnerabilities"]
        ]

    def member_input(self, relationship: str) -> services.MemberInput:
        return services.MemberInput(
            person=self.person_fields(),
            relationship=relationship,
            documents=self.documents(),
            aliases=self.aliases_list(),
        )


class FamilyMemberForm(ScreenedPersonForm):
    relationship = forms.ChoiceField(
        label=_("Relationship to the principal"),
        choices=[c for c in CaseMember.Relationship.choices if c[0] != CaseMember.Relationship.PRINCIPAL],
    )


FamilyMemberFormSet = forms.formset_factory(FamilyMemberForm, extra=0, max_num=20, validate_max=True)


class RegistrationForm(forms.Form):
    """Case-level fields of the registration page."""

    office = forms.ModelChoiceField(label=_("Registering office"), queryset=Office.objects.none())
    registered_on = forms.DateField(label=_("Registration date"), widget=DateInput())
    consents = forms.MultipleChoiceField(
        label=_("Consent given (by each member, or their guardian for children)"),
        required=False,
        choices=[c for c in Consent.Purpose.choices if c[0] != Consent.Purpose.SHARE_PARTNER],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        if offices.count() == 1:
            self.fields["office"].initial = offices.first()
        self.fields["registered_on"].initial = timezone.localdate()

    def consent_inputs(self, *, member_count: int) -> list[services.ConsentInput]:
        """Each purpose ticked, given by every member on the registration date."""
        day = self.cleaned_data["registered_on"]
        return [
            services.ConsentInput(member_index=i, purpose=purpose, granted=True, given_on=day)
            for purpose in self.cleaned_data["consents"]
            for i in range(member_count)
        ]


class ProfileForm(forms.ModelForm):
    return_from = CountryChoiceField(label=_("Country the person wants to return from"))
    intended_destination = CountryChoiceField(label=_("Intended destination"))

    class Meta:
        model = MigrationProfile
        fields = [
            "reason_for_leaving",
            "reason_detail",
            "left_home_on",
            "return_from",
            "intended_destination",
        ]
        widgets = {"left_home_on": DateInput()}


class RouteStepForm(forms.Form):
    """One step of the route, parsed. Its rules (a country, dates in order, none in the future) are
    cases.services' (_profile_check), for the API as for this form."""

    country = CountryChoiceField(label=_("Country"))
    place = forms.CharField(label=_("Place"), required=False, max_length=120)
    arrived_on = forms.DateField(
        label=pgettext_lazy("date of arrival on a route step", "Arrived"), required=False, widget=DateInput()
    )
    left_on = forms.DateField(label=_("Left"), required=False, widget=DateInput())

    def is_filled(self) -> bool:
        d = self.cleaned_data
        return any(d.get(name) for name in ("country", "place", "arrived_on", "left_on"))


RouteFormSet = forms.formset_factory(RouteStepForm, extra=3, max_num=15)


def profile_input(profile_form: ProfileForm, route_formset) -> services.ProfileInput:
    steps = [
        services.RouteStepInput(
            f.cleaned_data["country"],
            f.cleaned_data.get("place", ""),
            f.cleaned_data.get("arrived_on"),
            f.cleaned_data.get("left_on"),
        )
        for f in route_formset
        if f.is_filled()  # a step with details but no country reaches the service, which refuses it
    ]
    data = profile_form.cleaned_data
    return services.ProfileInput(
        reason_for_leaving=data.get("reason_for_leaving", ""),
        reason_detail=data.get("reason_detail", ""),
        left_home_on=data.get("left_home_on"),
        return_from=data.get("return_from"),
        intended_destination=data.get("intended_destination"),
        route=steps,
    )


class VersionedForm(forms.Form):
    """Carries the case version the user saw, so a concurrent edit is refused, not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class CaseEditForm(VersionedForm):
    status = forms.ChoiceField(label=_("Status"), choices=Case.Status.choices)
    assigned_to = forms.ModelChoiceField(label=_("Assigned caseworker"), queryset=None, required=False)
    note = forms.CharField(
        label=_("Note for the timeline"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, assignable, can_assign, current_status=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = assignable
        if not can_assign:
            del self.fields["assigned_to"]
        # Closing and reopening go through the closure workflow, not this form.
        closed = Case.Status.CLOSED
        self.fields["status"].choices = [
            (value, label)
            for value, label in Case.Status.choices
            if value == current_status or closed not in (value, current_status)
        ]


class PersonEditForm(PersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, with_document=False, **kwargs)


class ConsentForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Consent.Purpose.choices)
    partner = forms.ModelChoiceField(label=_("Partner"), required=False, queryset=None)
    granted = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Consent given")), ("no", _("Consent refused"))],
    )
    given_on = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, *args, people, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["partner"].queryset = partners
        self.fields["given_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("purpose") == Consent.Purpose.SHARE_PARTNER and not data.get("partner"):
            self.add_error("partner", _("Name the partner the person agrees to share with."))
        return data


class FlagForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    kind = forms.ChoiceField(label=_("Vulnerability"), choices=VulnerabilityFlag.Kind.choices)
    identified_on = forms.DateField(label=_("Date identified"), widget=DateInput())
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["identified_on"].initial = timezone.localdate()


class CaseSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Case number or name"), "type": "search"}),
    )
    office = forms.ModelChoiceField(
        label=_("Office"), required=False, queryset=Office.objects.none(), widget=QuickSelect
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Case.Status.choices],
        widget=QuickSelect,
    )
    nationality = CountryChoiceField(label=_("Nationality"), to_field_name="iso3")
    flag = forms.ChoiceField(label=_("Vulnerability"), required=False, widget=QuickSelect)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)

    def __init__(self, *args, offices, sensitive_allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        kinds = [
            c
            for c in VulnerabilityFlag.Kind.choices
            if sensitive_allowed or c[0] not in VulnerabilityFlag.SENSITIVE
        ]
        self.fields["flag"].choices = [("", _("Any")), *kinds]

    def case_filters(self):
        """The filters typed (none if the form is not valid), for the list, its API and exports."""
        from .selectors import NO_FILTERS, CaseFilters

        if not self.is_valid():
            return NO_FILTERS
        d = self.cleaned_data
        return CaseFilters(
            q=d["q"],
            office=d["office"].pk if d["office"] else None,
            status=d["status"],
            nationality=d["nationality"].pk if d["nationality"] else "",
            flag=d["flag"],
            assigned_to_me=d["mine"],
        )


def case_search_form(data, *, actor) -> CaseSearchForm:
    """The case list's search form for this user (their offices, sensitive flags only with access)."""
    from sankofa.access.roles import CASE_READERS
    from sankofa.access.selectors import office_ids_of, offices_of

    return CaseSearchForm(
        data,
        offices=offices_of(actor, roles=CASE_READERS),
        sensitive_allowed=bool(office_ids_of(actor, roles=CASE_READERS, sensitive=True)),
    )


class DuplicateProbeForm(forms.Form):
    """The identifying fields of a person being typed in the registration form, read leniently: the
    duplicate check runs on whatever is there, and the real form reports the errors."""

    given_name = forms.CharField(required=False, max_length=150)
    family_name = forms.CharField(required=False, max_length=150)
    given_name_original = forms.CharField(required=False, max_length=150)
    family_name_original = forms.CharField(required=False, max_length=150)
    aliases = forms.CharField(required=False, max_length=2000)
    sex = forms.CharField(required=False, max_length=1)
    date_of_birth = forms.DateField(required=False)
    birth_date_estimated = forms.BooleanField(required=False)
    nationality = forms.CharField(required=False, max_length=3)
    phone = forms.CharField(required=False, max_length=40)
    document_number = forms.CharField(required=False, max_length=60)

    def probe(self):
        """The matching record of what was typed, or None when there is too little to compare."""
        from sankofa.people.matching import Record

        d = {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
        if not (d.get("given_name") or d.get("family_name") or d.get("given_name_original")):
            if not (d.get("phone") or d.get("document_number")):
                return None
        return Record.build(
            given_name=d.get("given_name", ""),
            family_name=d.get("family_name", ""),
            given_name_original=d.get("given_name_original", ""),
            family_name_original=d.get("family_name_original", ""),
            aliases=[a for a in d.get("aliases", "").splitlines() if a.strip()],
            sex=d.get("sex", ""),
            date_of_birth=d.get("date_of_birth"),
            birth_date_estimated=d.get("birth_date_estimated", False),
            nationality=d.get("nationality", "").upper(),
            phone=d.get("phone", ""),
            documents=[d["document_number"]] if d.get("document_number") else [],
        )


class EmergencyAccessForm(forms.Form):
    number = forms.CharField(label=_("Case number"), max_length=40)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_(
            "Why this case must be read now, outside your offices. The data-protection focal points "
            "of the case's office are told and read this reason."
        ),
    )
