"""API of needs assessments and reintegration plans."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from sankofa.access.models import Organisation
from sankofa.assistance.models import AssistanceRecord
from sankofa.core.api import refusals_as_400

from .. import selectors, services
from ..models import (
    Assessment,
    ItemKind,
    PlanItem,
    PlanPurchase,
    ReintegrationPlan,
)
from .common import (
    ERRORS,
    ID,
    READ_ERRORS,
    PlanNoteSerializer,
    ScopedViewSet,
    VersionInSerializer,
    _case_and_person,
    _pk,
    _valid,
)


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
    psychosocial_needs = serializers.CharField(
        required=False, allow_blank=True, help_text="Only with access to sensitive data; leave out otherwise."
    )
    skills = serializers.CharField(required=False, allow_blank=True, default="")
    education = serializers.ChoiceField(
        choices=Assessment.Education.choices, required=False, allow_blank=True, default=""
    )
    work_experience = serializers.CharField(required=False, allow_blank=True, default="")
    family_situation = serializers.CharField(required=False, allow_blank=True, default="")
    confidential_notes = serializers.CharField(
        required=False, allow_blank=True, help_text="Only with access to sensitive data; leave out otherwise."
    )


@extend_schema_view(
    list=extend_schema(responses={200: AssessmentOutSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: AssessmentOutSerializer, **READ_ERRORS}),
)
class AssessmentViewSet(ScopedViewSet):
    """Needs and skills assessments; `create` records or updates the one of a returnee."""

    serializer_class = AssessmentOutSerializer

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


class DeliverInSerializer(VersionInSerializer):
    item = serializers.IntegerField(**ID)
    delivered_on = serializers.DateField()
    modality = serializers.ChoiceField(choices=AssistanceRecord.Modality.choices, default="in_kind")
    place = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(responses={200: PlanSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: PlanSerializer, **READ_ERRORS}),
)
class PlanViewSet(ScopedViewSet):
    """Reintegration plans of returnees the caller sees; each change and step is an action."""

    serializer_class = PlanSerializer
    subject = "plan"

    def get_queryset(self):
        return selectors.plans_visible_to(self.request.user)

    def get_object(self):
        return selectors.plan_get(actor=self.request.user, pk=_pk(self.kwargs["pk"]))

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
        return self._step(request, services.plan_update, PlanUpdateSerializer)

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
