"""REST API of the referral mechanism, scoped exactly like the pages (through selectors):
providers and pathways (read), referrals for referrers (create from a case, transitions as
actions), and the partner's own referrals (`partner-referrals`), which expose only the snapshot."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from sankofa.assistance.models import Service
from sankofa.cases.api import FORBIDDEN, INVALID, NOT_FOUND, NewestFirst
from sankofa.cases.selectors import case_get, case_people
from sankofa.core.api import refusals_as_400
from sankofa.core.parsing import positive_int

from . import imports, selectors, services
from .models import DeclineReason, Pathway, PathwayStep, Priority, Provider, Referral, ShareField

MAX_ID = 2**31 - 1


class ProviderSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="organisation.name")
    kind = serializers.CharField(source="organisation.kind")
    country = serializers.CharField(source="country_id")
    services = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    focal_points = serializers.SerializerMethodField()

    class Meta:
        model = Provider
        fields = [
            "id",
            "name",
            "kind",
            "country",
            "areas_served",
            "services",
            "eligibility",
            "languages",
            "capacity",
            "address",
            "phone",
            "email",
            "website",
            "accepts_referrals",
            "focal_points",
        ]

    def get_focal_points(self, provider) -> list[dict[str, str]]:
        return [{"name": f.name, "email": f.email, "phone": f.phone} for f in provider.focal_points.all()]


class StepSerializer(serializers.ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = PathwayStep
        fields = ["order", "title_en", "title_fr", "service", "provider"]


class PathwaySerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id")
    steps = StepSerializer(many=True, read_only=True)

    class Meta:
        model = Pathway
        fields = ["id", "country", "need", "name_en", "name_fr", "description_en", "description_fr", "steps"]


class ReferralSerializer(serializers.ModelSerializer):
    """A referral as its referrer sees it."""

    reference = serializers.CharField()
    case = serializers.CharField(source="case.number")
    office = serializers.CharField(source="office.code")
    people = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    provider_name = serializers.CharField(source="provider.name")
    service = serializers.CharField(source="service.code")
    shared_fields = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField(help_text=", ".join(Referral.Status.values))
    decline_reason = serializers.CharField(help_text=", ".join(DeclineReason.values))
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "reference",
            "case",
            "office",
            "people",
            "provider",
            "provider_name",
            "service",
            "pathway",
            "priority",
            "status",
            "reason",
            "shared_fields",
            "off_system",
            "sent_at",
            "due_at",
            "acknowledged_at",
            "answered_at",
            "started_at",
            "finished_at",
            "decline_reason",
            "outcome",
            "overdue",
        ]

    def get_overdue(self, referral) -> bool:
        return referral.is_overdue(timezone.now())


class PartnerReferralSerializer(serializers.ModelSerializer):
    """A referral as the provider sees it: the frozen snapshot of shared data, never the case."""

    reference = serializers.CharField()
    service = serializers.CharField(source="service.code")
    shared = serializers.JSONField(source="shared_data")
    status = serializers.CharField(help_text=", ".join(Referral.Status.values))
    decline_reason = serializers.CharField(help_text=", ".join(DeclineReason.values))
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "reference",
            "service",
            "priority",
            "status",
            "shared",
            "sent_at",
            "due_at",
            "acknowledged_at",
            "answered_at",
            "started_at",
            "finished_at",
            "decline_reason",
            "outcome",
            "overdue",
        ]

    def get_overdue(self, referral) -> bool:
        return referral.is_overdue(timezone.now())


class ReferralCreateSerializer(serializers.Serializer):
    case = serializers.CharField(max_length=30, help_text="Case number.")
    people = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, help_text="Person ids."
    )
    provider = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    service = serializers.SlugRelatedField(slug_field="code", queryset=Service.objects.filter(is_active=True))
    pathway = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True)
    reason = serializers.CharField(max_length=2000)
    priority = serializers.ChoiceField(choices=Priority.choices)
    fields = serializers.ListField(child=serializers.ChoiceField(choices=ShareField.choices), min_length=1)
    send = serializers.BooleanField(default=False)


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="XLSX or CSV, columns as in /referrals/providers/template.xlsx.")


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()


class ReferralNoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ReferralRequiredNoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000)


class DeclineSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=DeclineReason.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.CharField(max_length=2000)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str),
            OpenApiParameter("country", str, description="ISO 3166 alpha-3"),
            OpenApiParameter("category", str),
        ],
        responses={200: ProviderSerializer(many=True), 400: INVALID, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(responses={200: ProviderSerializer, 400: INVALID, 404: NOT_FOUND}),
)
class ProviderViewSet(viewsets.ReadOnlyModelViewSet):
    """The directory of service providers (staff who read cases; empty for anyone else)."""

    serializer_class = ProviderSerializer
    pagination_class = NewestFirst
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        p = self.request.query_params
        filters = selectors.ProviderFilters(
            q=p.get("q", "")[:100],
            country=p.get("country", "")[:3].upper(),
            category=p.get("category", "")[:20],
        )
        return selectors.providers_directory(actor=self.request.user, filters=filters)

    def get_object(self):
        return selectors.provider_get(actor=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        request={"multipart/form-data": ImportSerializer},
        responses={200: ImportResultSerializer, 400: INVALID, 403: FORBIDDEN},
        description="Create or update providers from an XLSX or CSV file (administrators). One bad "
        "row refuses the whole file; `detail` lists the errors by row.",
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_spreadsheet(self, request):
        if not request.user.has_perm("referrals.manage_providers"):
            raise PermissionDenied
        incoming = ImportSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        result = _run(
            lambda: imports.providers_import(
                actor=request.user, rows=imports.read_rows(incoming.validated_data["file"])
            )
        )
        return Response({"created": result.created, "updated": result.updated})


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("country", str), OpenApiParameter("need", str)],
        responses={200: PathwaySerializer(many=True), 400: INVALID, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(responses={200: PathwaySerializer, 400: INVALID, 404: NOT_FOUND}),
)
class PathwayViewSet(viewsets.ReadOnlyModelViewSet):
    """Referral pathways per country and need, with their ordered steps."""

    serializer_class = PathwaySerializer
    pagination_class = NewestFirst
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        p = self.request.query_params
        return selectors.pathways_visible(
            actor=self.request.user, country=p.get("country", "")[:3].upper(), need=p.get("need", "")[:30]
        )

    def get_object(self):
        return selectors.pathway_get(actor=self.request.user, pk=self.kwargs["pk"])


def _run(write):
    with refusals_as_400():
        return write()


def _transition_schema(request_serializer):
    return extend_schema(
        request=request_serializer,
        responses={200: ReferralSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )


# Transitions shared by both viewsets: (action name, input serializer, service call).
ANSWERS = {
    "acknowledge": (
        ReferralNoteSerializer,
        lambda actor, r, d: services.referral_acknowledge(actor=actor, referral=r, note=d.get("note", "")),
    ),
    "accept": (
        ReferralNoteSerializer,
        lambda actor, r, d: services.referral_accept(actor=actor, referral=r, note=d.get("note", "")),
    ),
    "decline": (
        DeclineSerializer,
        lambda actor, r, d: services.referral_decline(
            actor=actor, referral=r, reason=d["reason"], note=d.get("note", "")
        ),
    ),
    "start": (
        ReferralNoteSerializer,
        lambda actor, r, d: services.referral_start(actor=actor, referral=r, note=d.get("note", "")),
    ),
    "complete": (
        OutcomeSerializer,
        lambda actor, r, d: services.referral_complete(actor=actor, referral=r, outcome=d["outcome"]),
    ),
    "close": (
        ReferralRequiredNoteSerializer,
        lambda actor, r, d: services.referral_close(actor=actor, referral=r, note=d["note"]),
    ),
    "note": (
        ReferralRequiredNoteSerializer,
        lambda actor, r, d: services.referral_note(actor=actor, referral=r, note=d["note"]) and r,
    ),
}


class _Transitions:
    """Runs a transition on the referral found through the viewset's own selector."""

    output = ReferralSerializer

    def _answer(self, request, pk, name):
        referral = self.get_object()
        serializer_class, write = ANSWERS[name]
        incoming = serializer_class(data=request.data)
        incoming.is_valid(raise_exception=True)
        referral = _run(lambda: write(request.user, referral, incoming.validated_data))
        referral.refresh_from_db()
        return Response(self.output(referral).data)

    @_transition_schema(ReferralNoteSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        return self._answer(request, pk, "acknowledge")

    @_transition_schema(ReferralNoteSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._answer(request, pk, "accept")

    @_transition_schema(DeclineSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._answer(request, pk, "decline")

    @_transition_schema(ReferralNoteSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._answer(request, pk, "start")

    @_transition_schema(OutcomeSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._answer(request, pk, "complete")

    @_transition_schema(ReferralRequiredNoteSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._answer(request, pk, "close")

    @_transition_schema(ReferralRequiredNoteSerializer)
    @action(detail=True, methods=["post"], url_path="updates")
    def note(self, request, pk=None):
        return self._answer(request, pk, "note")


REFERRAL_FILTERS = [
    OpenApiParameter("status", str, enum=Referral.Status.values),
    OpenApiParameter("office", int),
    OpenApiParameter("provider", int),
    OpenApiParameter("overdue", bool),
]


@extend_schema_view(
    list=extend_schema(
        parameters=REFERRAL_FILTERS,
        responses={200: ReferralSerializer(many=True), 400: INVALID, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(responses={200: ReferralSerializer, 400: INVALID, 404: NOT_FOUND}),
)
class ReferralViewSet(
    _Transitions,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Referrals of the cases the caller may see. The answer actions are for off-system
    providers, whose answers the referring caseworker records."""

    pagination_class = NewestFirst
    lookup_value_regex = "[^/]+"

    def get_serializer_class(self):
        return ReferralCreateSerializer if self.action == "create" else ReferralSerializer

    def get_queryset(self):
        p = self.request.query_params
        status_ = p.get("status", "")
        filters = selectors.ReferralFilters(
            status=status_ if status_ in Referral.Status.values else "",
            office=positive_int(p.get("office", "")),
            provider=positive_int(p.get("provider", "")),
            overdue=p.get("overdue", "").lower() in ("1", "true"),
        )
        return selectors.referral_list(actor=self.request.user, filters=filters)

    def get_object(self):
        return selectors.referral_get(actor=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        request=ReferralCreateSerializer,
        responses={201: ReferralSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def create(self, request):
        incoming = ReferralCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        d = incoming.validated_data
        case = case_get(actor=request.user, number=d["case"], for_writing=True)
        people = list(case_people(actor=request.user, case=case).filter(pk__in=d["people"]))
        if len(people) != len(set(d["people"])):
            raise ValidationError({"people": [_("Only members of the case can be referred.")]})
        provider = selectors.referral_targets(actor=request.user).filter(pk=d["provider"]).first()
        if provider is None:
            raise ValidationError({"provider": [_("No such provider accepting referrals.")]})
        pathway = None
        if d.get("pathway"):
            pathway = selectors.pathways_visible(actor=request.user).filter(pk=d["pathway"]).first()
            if pathway is None:
                raise ValidationError({"pathway": [_("No such pathway.")]})
        referral = _run(
            lambda: services.referral_create(
                actor=request.user,
                case=case,
                people=people,
                provider=provider,
                service=d["service"],
                pathway=pathway,
                reason=d["reason"],
                priority=d["priority"],
                fields=d["fields"],
                send=d["send"],
            )
        )
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)

    @_transition_schema(None)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        referral = self.get_object()
        referral = _run(lambda: services.referral_send(actor=request.user, referral=referral))
        return Response(ReferralSerializer(referral).data)

    @_transition_schema(ReferralNoteSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        referral = self.get_object()
        incoming = ReferralNoteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        note = incoming.validated_data.get("note", "")
        referral = _run(lambda: services.referral_revoke(actor=request.user, referral=referral, note=note))
        return Response(ReferralSerializer(referral).data)


def _partner_schema(request_serializer):
    return extend_schema(
        request=request_serializer,
        responses={200: PartnerReferralSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )


@extend_schema_view(
    list=extend_schema(responses={200: PartnerReferralSerializer(many=True), 400: INVALID, 404: NOT_FOUND}),
    retrieve=extend_schema(responses={200: PartnerReferralSerializer, 400: INVALID, 404: NOT_FOUND}),
    acknowledge=_partner_schema(ReferralNoteSerializer),
    accept=_partner_schema(ReferralNoteSerializer),
    decline=_partner_schema(DeclineSerializer),
    start=_partner_schema(ReferralNoteSerializer),
    complete=_partner_schema(OutcomeSerializer),
    close=_partner_schema(ReferralRequiredNoteSerializer),
    note=_partner_schema(ReferralRequiredNoteSerializer),
)
class PartnerReferralViewSet(_Transitions, viewsets.ReadOnlyModelViewSet):
    """Referrals addressed to the caller's partner organisation, with only the data shared."""

    serializer_class = PartnerReferralSerializer
    output = PartnerReferralSerializer
    pagination_class = NewestFirst
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return selectors.portal_referrals(self.request.user).order_by("-id")

    def get_object(self):
        return selectors.portal_referral_get(actor=self.request.user, pk=self.kwargs["pk"])
