"""REST API for reception and reintegration, scoped like the pages (through selectors). Plan and
closure steps are actions taking the version the client last saw; a refusal is a 400 with the
message, a record out of scope a 404."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from sankofa.access.models import Office, Organisation
from sankofa.assistance.models import AssistanceRecord
from sankofa.cases.api import FORBIDDEN, INVALID, NOT_FOUND, NewestFirst
from sankofa.cases.selectors import case_get, case_people
from sankofa.core.api import refusals_as_400
from sankofa.core.models import Country
from sankofa.core.parsing import positive_int

from . import selectors, services
from .models import (
    Arrival,
    Assessment,
    CaseClosure,
    CommunityProject,
    ItemKind,
    PlanItem,
    PlanPurchase,
    ProjectParticipant,
    ReintegrationPlan,
)
from .models.surveys import (
    SchemeBand,
    SchemeDimension,
    SchemeOption,
    SchemeQuestion,
    ScoringScheme,
    SurveyScore,
    SustainabilitySurvey,
)

ERRORS = {400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND}
READ_ERRORS = {400: INVALID, 404: NOT_FOUND}
BIG = 2**53
ID = {"min_value": 1, "max_value": BIG - 1}


def _pk(value) -> int:
    pk = positive_int(str(value), limit=BIG - 1)
    if pk is None:
        raise Http404
    return pk


def _valid(serializer_class, data):
    incoming = serializer_class(data=data)
    incoming.is_valid(raise_exception=True)
    return incoming.validated_data


def _case_and_person(request, number: str, person_id: int):
    case = case_get(actor=request.user, number=number)
    person = case_people(actor=request.user, case=case).filter(pk=person_id).first()
    if person is None:
        raise ValidationError({"person": [_("This person is not a member of the case.")]})
    return case, person


class VersionInSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=0, max_value=BIG, required=False, allow_null=True, help_text="The version you last saw."
    )


# --- Arrivals -------------------------------------------------------------------------------------


class ArrivalSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.number", read_only=True)
    office = serializers.CharField(source="office.code", read_only=True)
    spontaneous = serializers.SerializerMethodField()

    class Meta:
        model = Arrival
        fields = [
            "id",
            "case",
            "person",
            "return_request",
            "spontaneous",
            "office",
            "arrived_on",
            "point_of_entry",
            "place",
            "received_by",
        ]

    def get_spontaneous(self, arrival) -> bool:
        return arrival.return_request_id is None


class ArrivalInSerializer(serializers.Serializer):
    case = serializers.CharField(max_length=30, help_text="Case number.")
    person = serializers.IntegerField(**ID)
    arrived_on = serializers.DateField()
    point_of_entry = serializers.ChoiceField(choices=Arrival.PointOfEntry.choices)
    place = serializers.CharField(max_length=120)
    received_by = serializers.CharField(max_length=200)


class PostArrivalInSerializer(serializers.Serializer):
    service = serializers.SlugRelatedField(
        slug_field="code", queryset=services.Service.objects.filter(code__in=services.POST_ARRIVAL_SERVICES)
    )
    delivered_on = serializers.DateField()
    modality = serializers.ChoiceField(choices=AssistanceRecord.Modality.choices)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    currency = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")
    place = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(responses={200: ArrivalSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: ArrivalSerializer, **READ_ERRORS}),
)
class ArrivalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Arrivals of returnees the caller sees; recorded by an origin office that sees the case."""

    serializer_class = ArrivalSerializer
    lookup_value_regex = "[^/]+"
    pagination_class = NewestFirst

    def get_queryset(self):
        return selectors.arrivals_visible_to(self.request.user)

    def get_object(self):
        return selectors.arrival_get(actor=self.request.user, pk=_pk(self.kwargs["pk"]))

    @extend_schema(request=ArrivalInSerializer, responses={201: ArrivalSerializer, **ERRORS})
    def create(self, request):
        d = _valid(ArrivalInSerializer, request.data)
        case, person = _case_and_person(request, d.pop("case"), d.pop("person"))
        with refusals_as_400():
            arrival = services.arrival_record(actor=request.user, case=case, person=person, **d)
        return Response(ArrivalSerializer(arrival).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PostArrivalInSerializer, responses={201: ArrivalSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="post-arrival-assistance")
    def post_arrival(self, request, pk=None):
        """Record post-arrival assistance (stage "post-arrival") for this returnee."""
        arrival, d = self.get_object(), _valid(PostArrivalInSerializer, request.data)
        with refusals_as_400():
            services.post_arrival_assistance_record(
                actor=request.user, case=arrival.case, people=[arrival.person], **d
            )
        return Response(ArrivalSerializer(arrival).data, status=status.HTTP_201_CREATED)


# --- Assessments ----------------------------------------------------------------------------------


class AssessmentOutSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="assessment.pk")
    case = serializers.CharField(source="assessment.case.number")
    person = serializers.IntegerField(source="assessment.person_id")
    assessed_on = serializers.DateField()
    economic_needs = serializers.CharField()
    social_needs = serializers.CharField()
    psychosocial_needs = serializers.CharField(help_text="Empty without access to sensitive data.")
    skills = serializers.CharField()
    education = serializers.CharField()
    work_experience = serializers.CharField()
    family_situation = serializers.CharField()
    confidential_notes = serializers.CharField(help_text="Empty without access to sensitive data.")
    masked = serializers.BooleanField()
    version = serializers.IntegerField()


class AssessmentInSerializer(VersionInSerializer):
    case = serializers.CharField(max_length=30, help_text="Case number.")
    person = serializers.IntegerField(**ID)
    assessed_on = serializers.DateField()
    economic_needs = serializers.CharField(required=False, allow_blank=True, default="")
    social_needs = serializers.CharField(required=False, allow_blank=True, default="")
    psychosocial_needs = serializers.CharField(required=False, allow_blank=True)
    skills = serializers.CharField(required=False, allow_blank=True, default="")
    education = serializers.ChoiceField(
        choices=Assessment.Education.choices, required=False, allow_blank=True, default=""
    )
    work_experience = serializers.CharField(required=False, allow_blank=True, default="")
    family_situation = serializers.CharField(required=False, allow_blank=True, default="")
    confidential_notes = serializers.CharField(required=False, allow_blank=True)


@extend_schema_view(
    list=extend_schema(responses={200: AssessmentOutSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: AssessmentOutSerializer, **READ_ERRORS}),
)
class AssessmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Needs and skills assessments; `create` records or updates the one of a returnee."""

    serializer_class = AssessmentOutSerializer
    lookup_value_regex = "[^/]+"
    pagination_class = NewestFirst

    def get_queryset(self):
        return selectors.assessments_visible_to(self.request.user)

    def _out(self, assessment):
        return selectors.assessment_view(actor=self.request.user, assessment=assessment)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(
            AssessmentOutSerializer([self._out(a) for a in page], many=True).data
        )

    def retrieve(self, request, pk=None):
        assessment = selectors.assessment_get(actor=request.user, pk=_pk(pk))
        return Response(AssessmentOutSerializer(self._out(assessment)).data)

    @extend_schema(request=AssessmentInSerializer, responses={200: AssessmentOutSerializer, **ERRORS})
    def create(self, request):
        d = dict(_valid(AssessmentInSerializer, request.data))
        case, person = _case_and_person(request, d.pop("case"), d.pop("person"))
        if not request.user.has_perm("cases.view_sensitive", case):
            d.pop("psychosocial_needs", None)  # cannot read them, so may not overwrite them
            d.pop("confidential_notes", None)
        with refusals_as_400():
            assessment = services.assessment_save(
                actor=request.user,
                case=case,
                person=person,
                assessed_on=d.pop("assessed_on"),
                version=d.pop("version", None),
                **d,
            )
        return Response(AssessmentOutSerializer(self._out(assessment)).data)


# --- Plans ----------------------------------------------------------------------------------------


class PlanPurchaseSerializer(serializers.ModelSerializer):
    total = serializers.DecimalField(max_digits=24, decimal_places=2, read_only=True)

    class Meta:
        model = PlanPurchase
        fields = ["id", "description", "quantity", "unit_cost", "total"]


class PlanItemOutSerializer(serializers.ModelSerializer):
    purchases = PlanPurchaseSerializer(many=True, read_only=True)
    provider = serializers.CharField(source="provided_by", read_only=True)
    assistance = serializers.IntegerField(source="assistance_id", read_only=True, allow_null=True)

    class Meta:
        model = PlanItem
        fields = [
            "id",
            "dimension",
            "kind",
            "description",
            "budget",
            "currency",
            "provider",
            "referral_needed",
            "status",
            "delivered_on",
            "assistance",
            "purchases",
        ]


class PlanSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.number", read_only=True)
    items = PlanItemOutSerializer(many=True, read_only=True)
    budget_totals = serializers.SerializerMethodField(help_text="Per ISO 4217 currency; never added across.")
    revisions = serializers.SerializerMethodField()

    class Meta:
        model = ReintegrationPlan
        fields = [
            "id",
            "case",
            "person",
            "status",
            "revision",
            "version",
            "due_on",
            "economic_summary",
            "social_summary",
            "psychosocial_summary",
            "submitted_at",
            "approved_at",
            "decision_note",
            "completed_on",
            "items",
            "budget_totals",
            "revisions",
        ]

    def get_budget_totals(self, plan) -> dict[str, str]:
        return {code: str(amount) for code, amount in plan.budget_totals().items()}

    def get_revisions(self, plan) -> list[int]:
        return list(plan.revisions.values_list("number", flat=True))


class PlanInSerializer(serializers.Serializer):
    case = serializers.CharField(max_length=30, help_text="Case number.")
    person = serializers.IntegerField(**ID)
    economic_summary = serializers.CharField(required=False, allow_blank=True, default="")
    social_summary = serializers.CharField(required=False, allow_blank=True, default="")
    psychosocial_summary = serializers.CharField(required=False, allow_blank=True, default="")


class PlanUpdateSerializer(VersionInSerializer):
    economic_summary = serializers.CharField(allow_blank=True)
    social_summary = serializers.CharField(allow_blank=True)
    psychosocial_summary = serializers.CharField(allow_blank=True)


class PurchaseInSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=200)
    quantity = serializers.DecimalField(max_digits=10, decimal_places=2)
    unit_cost = serializers.DecimalField(max_digits=12, decimal_places=2)


class PlanItemInSerializer(VersionInSerializer):
    kind = serializers.ChoiceField(choices=ItemKind.choices)
    description = serializers.CharField(max_length=300)
    budget = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField(max_length=3, help_text="ISO 4217 code.")
    provider = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    provider_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    referral_needed = serializers.BooleanField(default=False)
    purchases = PurchaseInSerializer(many=True, required=False)


class PlanNoteSerializer(VersionInSerializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DeliverInSerializer(VersionInSerializer):
    item = serializers.IntegerField(**ID)
    delivered_on = serializers.DateField()
    modality = serializers.ChoiceField(choices=AssistanceRecord.Modality.choices, default="in_kind")
    place = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(responses={200: PlanSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: PlanSerializer, **READ_ERRORS}),
)
class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Reintegration plans of returnees the caller sees; each change and step is an action."""

    serializer_class = PlanSerializer
    lookup_value_regex = "[^/]+"
    pagination_class = NewestFirst

    def get_queryset(self):
        return selectors.plans_visible_to(self.request.user)

    def get_object(self):
        return selectors.plan_get(actor=self.request.user, pk=_pk(self.kwargs["pk"]))

    def _reply(self, plan, code=status.HTTP_200_OK):
        return Response(PlanSerializer(self.get_queryset().get(pk=plan.pk)).data, status=code)

    @extend_schema(request=PlanInSerializer, responses={201: PlanSerializer, **ERRORS})
    def create(self, request):
        d = _valid(PlanInSerializer, request.data)
        case, person = _case_and_person(request, d.pop("case"), d.pop("person"))
        with refusals_as_400():
            plan = services.plan_create(actor=request.user, case=case, person=person, **d)
        return self._reply(plan, status.HTTP_201_CREATED)

    @extend_schema(request=PlanUpdateSerializer, responses={200: PlanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def summary(self, request, pk=None):
        plan, d = self.get_object(), _valid(PlanUpdateSerializer, request.data)
        with refusals_as_400():
            services.plan_update(actor=request.user, plan=plan, version=d.pop("version", None), **d)
        return self._reply(plan)

    @extend_schema(request=PlanItemInSerializer, responses={200: PlanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        plan, d = self.get_object(), dict(_valid(PlanItemInSerializer, request.data))
        purchases = [services.PurchaseInput(**p) for p in d.pop("purchases", [])]
        with refusals_as_400():
            services.plan_item_add(
                actor=request.user, plan=plan, version=d.pop("version", None), purchases=purchases, **d
            )
        return self._reply(plan)

    def _step(self, request, function, serializer=VersionInSerializer, **extra):
        plan, d = self.get_object(), dict(_valid(serializer, request.data))
        with refusals_as_400():
            function(actor=request.user, plan=plan, version=d.pop("version", None), **d, **extra)
        return self._reply(plan)

    @extend_schema(request=VersionInSerializer, responses={200: PlanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step(request, services.plan_submit)

    @extend_schema(request=PlanNoteSerializer, responses={200: PlanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._step(request, services.plan_approve, PlanNoteSerializer)

    @extend_schema(request=PlanNoteSerializer, responses={200: PlanSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="return")
    def return_for_changes(self, request, pk=None):
        return self._step(request, services.plan_return, PlanNoteSerializer)

    @extend_schema(request=VersionInSerializer, responses={200: PlanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._step(request, services.plan_complete)

    @extend_schema(request=DeliverInSerializer, responses={200: PlanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def deliver(self, request, pk=None):
        """Deliver an item: records assistance of stage "reintegration" in the same transaction."""
        plan, d = self.get_object(), dict(_valid(DeliverInSerializer, request.data))
        item = plan.items.filter(pk=d.pop("item")).first()
        if item is None:
            raise ValidationError({"item": [_("This item is not part of the plan.")]})
        with refusals_as_400():
            services.plan_item_deliver(actor=request.user, item=item, version=d.pop("version", None), **d)
        return self._reply(plan)


# --- Community projects ---------------------------------------------------------------------------


class ParticipantSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.number", read_only=True)

    class Meta:
        model = ProjectParticipant
        fields = ["id", "case", "person", "joined_on"]


class CommunityProjectSerializer(serializers.ModelSerializer):
    office = serializers.CharField(source="office.code", read_only=True)
    country = serializers.CharField(source="country_id", read_only=True)
    participants = serializers.SerializerMethodField()
    beneficiaries = serializers.SerializerMethodField(help_text="Unique returnees + community members.")

    class Meta:
        model = CommunityProject
        fields = [
            "id",
            "office",
            "name",
            "kind",
            "description",
            "country",
            "location",
            "budget",
            "currency",
            "starts_on",
            "ends_on",
            "status",
            "community_members",
            "version",
            "participants",
            "beneficiaries",
        ]

    def get_participants(self, project) -> list[dict]:
        actor = self.context["request"].user
        rows = selectors.project_participants(actor=actor, project=project)
        return ParticipantSerializer(rows, many=True).data

    def get_beneficiaries(self, project) -> int:
        actor = self.context["request"].user
        return selectors.project_beneficiaries(actor=actor, projects=[project]).total


class CommunityProjectInSerializer(serializers.Serializer):
    office = serializers.SlugRelatedField(slug_field="code", queryset=Office.objects.all())
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=CommunityProject.Kind.choices)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    country = serializers.SlugRelatedField(slug_field="iso3", queryset=Country.objects.all())
    location = serializers.CharField(max_length=200)
    budget = serializers.DecimalField(max_digits=14, decimal_places=2)
    currency = serializers.CharField(max_length=3, help_text="ISO 4217 code.")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)
    community_members = serializers.IntegerField(min_value=0, max_value=10**9, default=0)


class ProjectStatusSerializer(VersionInSerializer):
    status = serializers.ChoiceField(choices=CommunityProject.Status.choices)


class ParticipantInSerializer(serializers.Serializer):
    case = serializers.CharField(max_length=30, help_text="Case number.")
    person = serializers.IntegerField(**ID)
    joined_on = serializers.DateField(required=False)


@extend_schema_view(
    list=extend_schema(responses={200: CommunityProjectSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: CommunityProjectSerializer, **READ_ERRORS}),
)
class CommunityProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Community projects of the caller's offices, with their returnees (each counted once)."""

    serializer_class = CommunityProjectSerializer
    lookup_value_regex = "[^/]+"
    pagination_class = NewestFirst

    def get_queryset(self):
        return selectors.projects_visible_to(self.request.user)

    def get_object(self):
        return selectors.project_get(actor=self.request.user, pk=_pk(self.kwargs["pk"]))

    def _reply(self, project, code=status.HTTP_200_OK):
        project = selectors.project_get(actor=self.request.user, pk=project.pk)
        return Response(self.get_serializer(project).data, status=code)

    @extend_schema(
        request=CommunityProjectInSerializer, responses={201: CommunityProjectSerializer, **ERRORS}
    )
    def create(self, request):
        d = dict(_valid(CommunityProjectInSerializer, request.data))
        with refusals_as_400():
            project = services.project_create(actor=request.user, **d)
        return self._reply(project, status.HTTP_201_CREATED)

    @extend_schema(request=ProjectStatusSerializer, responses={200: CommunityProjectSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request, pk=None):
        project, d = self.get_object(), _valid(ProjectStatusSerializer, request.data)
        with refusals_as_400():
            services.project_update(
                actor=request.user, project=project, version=d.get("version"), status=d["status"]
            )
        return self._reply(project)

    @extend_schema(request=ParticipantInSerializer, responses={200: CommunityProjectSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def participants(self, request, pk=None):
        project, d = self.get_object(), _valid(ParticipantInSerializer, request.data)
        case, person = _case_and_person(request, d["case"], d["person"])
        with refusals_as_400():
            services.project_participant_add(
                actor=request.user, project=project, case=case, person=person, joined_on=d.get("joined_on")
            )
        return self._reply(project)


# --- Closures -------------------------------------------------------------------------------------


class ClosureSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.number", read_only=True)

    class Meta:
        model = CaseClosure
        fields = [
            "id",
            "case",
            "reason",
            "note",
            "status",
            "version",
            "decided_at",
            "decision_note",
            "reopened_at",
            "reopen_reason",
        ]


class ClosureInSerializer(serializers.Serializer):
    case = serializers.CharField(max_length=30, help_text="Case number.")
    reason = serializers.ChoiceField(choices=CaseClosure.Reason.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReopenInSerializer(VersionInSerializer):
    reason = serializers.CharField()


@extend_schema_view(
    list=extend_schema(responses={200: ClosureSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: ClosureSerializer, **READ_ERRORS}),
)
class ClosureViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Case closure requests, their decision by a supervisor, and reopening."""

    serializer_class = ClosureSerializer
    lookup_value_regex = "[^/]+"
    pagination_class = NewestFirst

    def get_queryset(self):
        return selectors.closures_visible_to(self.request.user)

    def get_object(self):
        return selectors.closure_get(actor=self.request.user, pk=_pk(self.kwargs["pk"]))

    def _reply(self, closure, code=status.HTTP_200_OK):
        return Response(ClosureSerializer(self.get_queryset().get(pk=closure.pk)).data, status=code)

    @extend_schema(request=ClosureInSerializer, responses={201: ClosureSerializer, **ERRORS})
    def create(self, request):
        d = _valid(ClosureInSerializer, request.data)
        case = case_get(actor=request.user, number=d["case"])
        with refusals_as_400():
            closure = services.closure_request(
                actor=request.user, case=case, reason=d["reason"], note=d["note"]
            )
        return self._reply(closure, status.HTTP_201_CREATED)

    def _step(self, request, function, serializer):
        closure, d = self.get_object(), dict(_valid(serializer, request.data))
        with refusals_as_400():
            function(actor=request.user, closure=closure, version=d.pop("version", None), **d)
        return self._reply(closure)

    @extend_schema(request=PlanNoteSerializer, responses={200: ClosureSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._step(request, services.closure_approve, PlanNoteSerializer)

    @extend_schema(request=PlanNoteSerializer, responses={200: ClosureSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        return self._step(request, services.closure_refuse, PlanNoteSerializer)

    @extend_schema(request=ReopenInSerializer, responses={200: ClosureSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._step(request, services.case_reopen, ReopenInSerializer)


# --- Sustainability surveys ---------------------------------------------------------------------------


class SchemeOptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SchemeOption
        fields = ["code", "label_en", "label_fr", "score"]


class SchemeQuestionSerializer(serializers.ModelSerializer):
    dimension = serializers.CharField(source="dimension.key", read_only=True)
    options = SchemeOptionSerializer(many=True, read_only=True)

    class Meta:
        model = SchemeQuestion
        fields = ["code", "dimension", "text_en", "text_fr", "weight", "options"]


class SchemeDimensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SchemeDimension
        fields = ["key", "weight"]


class SchemeBandSerializer(serializers.ModelSerializer):
    class Meta:
        model = SchemeBand
        fields = ["code", "label_en", "label_fr", "lower"]


class ScoringSchemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScoringScheme
        fields = ["id", "code", "version", "title_en", "title_fr", "note", "is_active", "created_at"]


class ScoringSchemeDetailSerializer(ScoringSchemeSerializer):
    dimensions = SchemeDimensionSerializer(many=True, read_only=True)
    bands = SchemeBandSerializer(many=True, read_only=True)
    questions = SchemeQuestionSerializer(many=True, read_only=True)

    class Meta(ScoringSchemeSerializer.Meta):
        fields = [*ScoringSchemeSerializer.Meta.fields, "dimensions", "bands", "questions"]


class SurveyScoreSerializer(serializers.ModelSerializer):
    scheme = serializers.StringRelatedField()

    class Meta:
        model = SurveyScore
        fields = [
            "scheme",
            "economic",
            "social",
            "psychosocial",
            "composite",
            "band",
            "is_current",
            "scored_at",
            "reason",
        ]


class SustainabilitySurveySerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.number", read_only=True)
    scheme = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    conducted_by = serializers.CharField(source="conducted_by.username", read_only=True, allow_null=True)
    scores = SurveyScoreSerializer(many=True, read_only=True)

    class Meta:
        model = SustainabilitySurvey
        fields = [
            "id",
            "case",
            "person",
            "kind",
            "month",
            "due_on",
            "conducted_on",
            "conducted_by",
            "answers",
            "scheme",
            "economic",
            "social",
            "psychosocial",
            "composite",
            "band",
            "scores",
        ]


class SurveyAnswersSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.CharField(max_length=30), help_text="Question code → option code, every question."
    )
    conducted_on = serializers.DateField()
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class SurveyCreateSerializer(SurveyAnswersSerializer):
    case = serializers.CharField(max_length=30, help_text="Case number.")
    person = serializers.IntegerField(min_value=1, max_value=BIG)
    kind = serializers.ChoiceField(choices=SustainabilitySurvey.Kind.choices)


class SurveyRescoreSerializer(serializers.Serializer):
    scheme = serializers.IntegerField(min_value=1, max_value=BIG, help_text="Id of the scheme version.")
    reason = serializers.CharField(max_length=2000)


DUE_PARAMETERS = [
    OpenApiParameter("mine", bool, description="Only cases assigned to the caller."),
    OpenApiParameter("office", int, description="Only cases owned by or shared with this office."),
    OpenApiParameter("overdue", bool, description="Only surveys past their due date."),
]


@extend_schema_view(
    list=extend_schema(responses={200: ScoringSchemeSerializer(many=True), 403: FORBIDDEN}),
    retrieve=extend_schema(responses={200: ScoringSchemeDetailSerializer, 403: FORBIDDEN, 404: NOT_FOUND}),
)
class ScoringSchemeViewSet(viewsets.ReadOnlyModelViewSet):
    """Versions of the sustainability scoring scheme (reference data): questions, options, weights, bands."""

    serializer_class = ScoringSchemeSerializer
    pagination_class = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not request.user.has_perm("reintegration.view_schemes"):
            raise PermissionDenied

    def get_queryset(self):
        return selectors.scoring_schemes()

    def retrieve(self, request, pk=None):
        scheme = selectors.scheme_get(pk=pk)
        scheme = ScoringScheme.objects.prefetch_related(
            "dimensions", "bands", "questions__dimension", "questions__options"
        ).get(pk=scheme.pk)
        return Response(ScoringSchemeDetailSerializer(scheme).data)


@extend_schema_view(
    list=extend_schema(
        responses={200: SustainabilitySurveySerializer(many=True), 400: INVALID, 404: NOT_FOUND}
    ),
    retrieve=extend_schema(responses={200: SustainabilitySurveySerializer, 404: NOT_FOUND}),
)
class SustainabilitySurveyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Sustainability surveys of the returnees the caller may see (scheduled and conducted)."""

    serializer_class = SustainabilitySurveySerializer
    lookup_value_regex = "[^/]+"
    pagination_class = NewestFirst

    def get_queryset(self):
        return selectors.surveys_visible_to(self.request.user).prefetch_related("scores__scheme")

    def _get(self) -> SustainabilitySurvey:
        return selectors.survey_get(actor=self.request.user, pk=self.kwargs["pk"])

    def _reply(self, survey, code=status.HTTP_200_OK):
        survey = selectors.survey_get(actor=self.request.user, pk=survey.pk)
        return Response(SustainabilitySurveySerializer(survey).data, status=code)

    def retrieve(self, request, pk=None):
        return self._reply(self._get())

    @extend_schema(request=SurveyCreateSerializer, responses={201: SustainabilitySurveySerializer, **ERRORS})
    def create(self, request):
        """An unscheduled survey (or the scheduled baseline), conducted and scored at once."""
        d = _valid(SurveyCreateSerializer, request.data)
        case = case_get(actor=request.user, number=d["case"])
        person = case_people(actor=request.user, case=case).filter(pk=d["person"]).first()
        if person is None:
            raise ValidationError({"person": [_("This person is not a member of the case.")]})
        with refusals_as_400():
            survey = services.survey_record(
                actor=request.user,
                case=case,
                person=person,
                kind=d["kind"],
                answers=d["answers"],
                conducted_on=d["conducted_on"],
                notes=d["notes"],
            )
        return self._reply(survey, status.HTTP_201_CREATED)

    @extend_schema(request=SurveyAnswersSerializer, responses={200: SustainabilitySurveySerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def conduct(self, request, pk=None):
        """Record the answers of a scheduled survey; it is scored with the active scheme version."""
        survey, d = self._get(), _valid(SurveyAnswersSerializer, request.data)
        with refusals_as_400():
            services.survey_conduct(
                actor=request.user,
                survey=survey,
                answers=d["answers"],
                conducted_on=d["conducted_on"],
                notes=d["notes"],
            )
        return self._reply(survey)

    @extend_schema(request=SurveyRescoreSerializer, responses={200: SustainabilitySurveySerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def rescore(self, request, pk=None):
        """Score a conducted survey again under another scheme version (supervisors, M&E officers);
        the previous scores stay in `scores`."""
        survey, d = self._get(), _valid(SurveyRescoreSerializer, request.data)
        scheme = ScoringScheme.objects.filter(pk=d["scheme"]).first()
        if scheme is None:
            raise ValidationError({"scheme": [_("No such scheme version.")]})
        with refusals_as_400():
            services.survey_rescore(actor=request.user, survey=survey, scheme=scheme, reason=d["reason"])
        return self._reply(survey)

    @extend_schema(
        parameters=DUE_PARAMETERS,
        responses={200: SustainabilitySurveySerializer(many=True), 400: INVALID},
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def due(self, request):
        """Surveys not yet conducted that are overdue or due within 30 days, oldest due first."""
        office = request.query_params.get("office")
        office_id = positive_int(office) if office else None
        if office and office_id is None:
            raise ValidationError({"office": [_("Not a valid office id.")]})
        truthy = ("1", "true", "on", "yes")
        filters = selectors.DueFilters(
            mine=request.query_params.get("mine", "").lower() in truthy,
            office_id=office_id,
            overdue_only=request.query_params.get("overdue", "").lower() in truthy,
        )
        surveys = selectors.surveys_due(actor=request.user, filters=filters).prefetch_related(
            "scores__scheme"
        )
        return Response(SustainabilitySurveySerializer(surveys[:500], many=True).data)
