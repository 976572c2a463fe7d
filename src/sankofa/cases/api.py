"""REST API for cases and the people in them, scoped exactly like the UI (through selectors)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from sankofa.access.models import Office, Organisation
from sankofa.core.api import as_drf_error
from sankofa.core.languages import is_language_code
from sankofa.core.models import Country
from sankofa.core.parsing import positive_int
from sankofa.people.models import IdentityDocument, Person
from sankofa.people.services import PERSON_FIELDS

from . import selectors, services
from .models import Case, CaseMember, Consent, MigrationProfile, VulnerabilityFlag


class NewestFirst(CursorPagination):
    ordering = "-id"
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


class DocumentSerializer(serializers.ModelSerializer):
    issuing_country = serializers.SlugRelatedField(slug_field="iso3", queryset=Country.objects.all())

    class Meta:
        model = IdentityDocument
        fields = ["kind", "number", "issuing_country", "expires_on"]


class PersonSerializer(serializers.ModelSerializer):
    nationality = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), allow_null=True, required=False
    )
    documents = DocumentSerializer(many=True, required=False)
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    languages = serializers.ListField(
        child=serializers.CharField(min_length=3, max_length=3), required=False, help_text="ISO 639-3 codes."
    )

    def validate_languages(self, codes: list[str]) -> list[str]:
        unknown = [c for c in codes if not is_language_code(c)]
        if unknown:
            raise serializers.ValidationError(
                _("Not ISO 639-3 language codes: %(codes)s") % {"codes": ", ".join(unknown)}
            )
        return list(dict.fromkeys(c.lower() for c in codes))

    class Meta:
        model = Person
        fields = ["id", *PERSON_FIELDS, "documents", "aliases"]
        read_only_fields = ["id"]


class MemberSerializer(serializers.Serializer):
    relationship = serializers.ChoiceField(choices=CaseMember.Relationship.choices)
    person = PersonSerializer()
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, write_only=True
    )


class ConsentSerializer(serializers.Serializer):
    member = serializers.IntegerField(min_value=0, help_text="Index in the members list; 0 is the principal.")
    purpose = serializers.ChoiceField(choices=Consent.Purpose.choices)
    partner = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="The organisation data may be shared with; required for share_partner.",
    )
    granted = serializers.BooleanField()
    given_on = serializers.DateField()


class FlagInSerializer(serializers.Serializer):
    member = serializers.IntegerField(min_value=0)
    kind = serializers.ChoiceField(choices=VulnerabilityFlag.Kind.choices)
    identified_on = serializers.DateField()
    notes = serializers.CharField(required=False, allow_blank=True)


class FlagOutSerializer(serializers.Serializer):
    person = serializers.IntegerField(source="person.pk")
    label = serializers.CharField()
    identified_on = serializers.DateField(allow_null=True)
    notes = serializers.CharField()
    masked = serializers.BooleanField()


class MemberOutSerializer(serializers.Serializer):
    relationship = serializers.CharField()
    person = PersonSerializer(read_only=True)


class CaseListSerializer(serializers.ModelSerializer):
    """A case in a list. The principal's name and nationality are null when the caller sees the
    case through a share and the principal did not consent to it (selectors.case_list)."""

    owning_office = serializers.SlugRelatedField(slug_field="code", read_only=True)
    principal = serializers.CharField(source="principal.full_name", read_only=True, allow_null=True)
    nationality = serializers.CharField(source="principal.nationality_id", read_only=True, allow_null=True)
    assigned_to = serializers.CharField(source="assigned_to.username", read_only=True, allow_null=True)

    def to_representation(self, case):
        data = super().to_representation(case)
        if not getattr(case, "principal_visible", False):  # a case not read through case_list shows no one
            data["principal"] = data["nationality"] = None
        return data

    class Meta:
        model = Case
        fields = [
            "number",
            "owning_office",
            "status",
            "registered_on",
            "principal",
            "nationality",
            "assigned_to",
            "version",
        ]


class CaseDetailSerializer(CaseListSerializer):
    members = serializers.SerializerMethodField()
    flags = serializers.SerializerMethodField()

    class Meta(CaseListSerializer.Meta):
        fields = [*CaseListSerializer.Meta.fields, "members", "flags"]

    @extend_schema_field(MemberOutSerializer(many=True))
    def get_members(self, case):
        actor = self.context["request"].user
        return MemberOutSerializer(selectors.case_members(actor=actor, case=case), many=True).data

    @extend_schema_field(FlagOutSerializer(many=True))
    def get_flags(self, case):
        return FlagOutSerializer(
            selectors.case_flags(actor=self.context["request"].user, case=case), many=True
        ).data


class RouteStepSerializer(serializers.Serializer):
    country = serializers.SlugRelatedField(slug_field="iso3", queryset=Country.objects.all())
    place = serializers.CharField(required=False, allow_blank=True, max_length=120)
    arrived_on = serializers.DateField(required=False, allow_null=True)
    left_on = serializers.DateField(required=False, allow_null=True)


class ProfileSerializer(serializers.Serializer):
    """The migration profile; its rules (dates, route order) are the service's, as for the form."""

    reason_for_leaving = serializers.ChoiceField(
        choices=MigrationProfile.Reason.choices, required=False, allow_blank=True
    )
    reason_detail = serializers.CharField(required=False, allow_blank=True, max_length=300)
    left_home_on = serializers.DateField(required=False, allow_null=True)
    return_from = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), required=False, allow_null=True
    )
    intended_destination = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), required=False, allow_null=True
    )
    route = RouteStepSerializer(many=True, required=False, max_length=15, help_text="In order.")


class CaseCreateSerializer(serializers.Serializer):
    office = serializers.SlugRelatedField(slug_field="code", queryset=Office.objects.all())
    registered_on = serializers.DateField(required=False)
    members = MemberSerializer(
        many=True, min_length=1, help_text="The first member is the principal applicant."
    )
    consents = ConsentSerializer(many=True, required=False)
    flags = FlagInSerializer(many=True, required=False)
    profile = ProfileSerializer(required=False)


def _profile_input(data: dict | None) -> services.ProfileInput | None:
    if data is None:
        return None
    return services.ProfileInput(
        reason_for_leaving=data.get("reason_for_leaving", ""),
        reason_detail=data.get("reason_detail", ""),
        left_home_on=data.get("left_home_on"),
        return_from=data.get("return_from"),
        intended_destination=data.get("intended_destination"),
        route=[
            services.RouteStepInput(s["country"], s.get("place", ""), s.get("arrived_on"), s.get("left_on"))
            for s in data.get("route", [])
        ],
    )


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Case.Status.choices)
    note = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField()


# Errors, documented so that clients (and schemathesis) know every status an endpoint can answer.
INVALID = OpenApiResponse(
    OpenApiTypes.OBJECT, description="Invalid input or refused by a rule; messages per field."
)
FORBIDDEN = OpenApiResponse(OpenApiTypes.OBJECT, description="Signed in, but not allowed to do this.")
NOT_FOUND = OpenApiResponse(OpenApiTypes.OBJECT, description="No such record among those you may see.")


def _member_input(data: dict) -> services.MemberInput:
    person = dict(data["person"])
    documents = [services.DocumentInput(**d) for d in person.pop("documents", [])]
    return services.MemberInput(
        person=person, relationship=data["relationship"], documents=documents, aliases=data.get("aliases", [])
    )


CASE_FILTERS = [
    OpenApiParameter(
        "q", str, description="Case number or name (accents, case and common misspellings tolerated)"
    ),
    OpenApiParameter("office", int),
    OpenApiParameter("status", str, enum=Case.Status.values),
    OpenApiParameter("nationality", str, description="ISO 3166 alpha-3"),
    OpenApiParameter("flag", str, enum=VulnerabilityFlag.Kind.values),
]


class CaseViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Cases of the offices the caller works in (or that were shared with them). Opening one is logged."""

    lookup_field = "number"
    lookup_value_regex = "[^/]+"  # any text reaches the view and gets a JSON 404, not an HTML page
    pagination_class = NewestFirst

    def get_serializer_class(self):
        return {
            "retrieve": CaseDetailSerializer,
            "create": CaseCreateSerializer,
            "set_status": StatusSerializer,
        }.get(self.action, CaseListSerializer)

    def get_queryset(self):
        params = self.request.query_params
        filters = selectors.CaseFilters(
            q=params.get("q", ""),
            office=positive_int(params.get("office", "")),
            status=params.get("status", ""),
            nationality=params.get("nationality", "").upper(),
            flag=params.get("flag", ""),
        )
        return selectors.case_list(actor=self.request.user, filters=filters)

    @extend_schema(
        parameters=CASE_FILTERS, responses={200: CaseListSerializer(many=True), 400: INVALID, 404: NOT_FOUND}
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: CaseDetailSerializer, 400: INVALID, 404: NOT_FOUND})
    def retrieve(self, request, number=None):
        case = selectors.case_file_open(actor=request.user, number=number)
        return Response(CaseDetailSerializer(case, context={"request": request}).data)

    @extend_schema(
        request=CaseCreateSerializer, responses={201: CaseDetailSerializer, 400: INVALID, 403: FORBIDDEN}
    )
    def create(self, request):
        incoming = CaseCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        members = [_member_input(m) for m in data["members"]]
        members[0].relationship = CaseMember.Relationship.PRINCIPAL
        if any(c["member"] >= len(members) for c in [*data.get("consents", []), *data.get("flags", [])]):
            raise ValidationError(
                {"detail": [_("A consent or flag names a member that is not in the list.")]}
            )
        try:
            case = services.case_register(
                actor=request.user,
                office=data["office"],
                principal=members[0],
                members=members[1:],
                consents=[
                    services.ConsentInput(
                        member_index=c["member"],
                        purpose=c["purpose"],
                        granted=c["granted"],
                        given_on=c["given_on"],
                        partner=c.get("partner"),
                    )
                    for c in data.get("consents", [])
                ],
                flags=[
                    services.FlagInput(
                        member_index=f["member"],
                        kind=f["kind"],
                        identified_on=f["identified_on"],
                        notes=f.get("notes", ""),
                    )
                    for f in data.get("flags", [])
                ],
                registered_on=data.get("registered_on"),
                profile=_profile_input(data.get("profile")),
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        return Response(
            CaseDetailSerializer(case, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=StatusSerializer,
        responses={200: CaseListSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request, number=None):
        # Found under read scoping: a reader who may not write gets 403 from the service, not 404.
        case = selectors.case_get(actor=request.user, number=number)
        incoming = StatusSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            case = services.case_status_change(
                actor=request.user,
                case=case,
                status=incoming.validated_data["status"],
                note=incoming.validated_data.get("note", ""),
                version=incoming.validated_data["version"],
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        return Response(CaseListSerializer(selectors.case_list(actor=request.user).get(pk=case.pk)).data)


class DuplicateCheckSerializer(serializers.Serializer):
    """A person about to be registered; every field optional, the more the better."""

    given_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    family_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    given_name_original = serializers.CharField(required=False, allow_blank=True, max_length=150)
    family_name_original = serializers.CharField(required=False, allow_blank=True, max_length=150)
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False, max_length=20
    )
    sex = serializers.ChoiceField(choices=["F", "M", "X"], required=False)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    birth_date_estimated = serializers.BooleanField(required=False)
    nationality = serializers.CharField(
        required=False, allow_blank=True, max_length=3, help_text="ISO 3166 alpha-3"
    )
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    document_numbers = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, max_length=10
    )

    def validate(self, data):
        if not any(
            data.get(f)
            for f in ("given_name", "family_name", "given_name_original", "family_name_original", "phone")
        ) and not data.get("document_numbers"):
            raise serializers.ValidationError(_("Give at least a name, a phone or a document number."))
        return data


class CandidateSerializer(serializers.Serializer):
    """A possible earlier registration. Outside the caller's offices only strong matches, one per
    office, with nothing but `office`: "possible match registered at office X"; `token` (opaque,
    new at every answer) asks that office to confirm."""

    visible = serializers.BooleanField()
    score = serializers.FloatField(allow_null=True, help_text="None for a candidate the caller may not see.")
    band = serializers.CharField()
    office = serializers.CharField()
    token = serializers.CharField()
    person = serializers.SerializerMethodField()
    case_numbers = serializers.ListField(child=serializers.CharField())
    reasons = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.INT)
    def get_person(self, candidate):
        return candidate.person.pk if candidate.person else None

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_reasons(self, candidate):
        return [{"code": r.code, "detail": r.detail} for r in candidate.reasons]


class CandidateListSerializer(serializers.Serializer):
    results = CandidateSerializer(many=True)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "q", str, description="Name in any script or spelling (regional variants, particles)."
            )
        ],
        responses={200: PersonSerializer(many=True), 400: INVALID, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(responses={200: PersonSerializer, 400: INVALID, 404: NOT_FOUND}),
)
class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """People who belong to a case the caller may see."""

    serializer_class = PersonSerializer
    lookup_value_regex = "[^/]+"  # as for cases: a malformed id gets a JSON 404
    pagination_class = NewestFirst

    @extend_schema(
        request=DuplicateCheckSerializer,
        responses={200: CandidateListSerializer, 400: INVALID},
        description="Ranked possible earlier registrations of a person about to be registered, with "
        "score and reasons; those of offices the caller cannot see carry only the office.",
    )
    @action(detail=False, methods=["post"], url_path="duplicate-check")
    def duplicate_check(self, request):
        from sankofa.people.matching import Record

        incoming = DuplicateCheckSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        d = dict(incoming.validated_data)
        d["documents"] = d.pop("document_numbers", [])
        d["nationality"] = (d.get("nationality") or "").upper()
        candidates = selectors.registration_candidates(actor=request.user, probe=Record.build(**d))
        return Response({"results": CandidateSerializer(candidates, many=True).data})

    def get_queryset(self):
        return (
            selectors.person_search(actor=self.request.user, q=self.request.query_params.get("q", ""))
            .select_related("nationality")
            .prefetch_related("documents", "aliases")
        )

    def get_serializer(self, *args, **kwargs):
        # Every person answered is a read of personal data, logged against their visible cases.
        people = args[0] if args else None
        if isinstance(people, Person | list):
            selectors.people_read(
                actor=self.request.user, people=people if isinstance(people, list) else [people]
            )
        return super().get_serializer(*args, **kwargs)
