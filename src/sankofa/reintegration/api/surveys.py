"""API of sustainability surveys and scoring scheme versions."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from sankofa.cases.api import FORBIDDEN, INVALID, NOT_FOUND
from sankofa.core.api import refusals_as_400
from sankofa.core.parsing import positive_int

from .. import selectors, services
from ..models.surveys import (
    SchemeBand,
    SchemeDimension,
    SchemeOption,
    SchemeQuestion,
    ScoringScheme,
    SurveyScore,
    SustainabilitySurvey,
)
from .common import BIG, ERRORS, ScopedViewSet, _case_and_person, _valid


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
class SustainabilitySurveyViewSet(ScopedViewSet):
    """Sustainability surveys of the returnees the caller may see (scheduled and conducted)."""

    serializer_class = SustainabilitySurveySerializer

    def get_queryset(self):
        return selectors.surveys_visible_to(self.request.user).prefetch_related("scores__scheme")

    def get_object(self) -> SustainabilitySurvey:
        return selectors.survey_get(actor=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(request=SurveyCreateSerializer, responses={201: SustainabilitySurveySerializer, **ERRORS})
    def create(self, request):
        """An unscheduled survey (or the scheduled baseline), conducted and scored at once."""
        d = _valid(SurveyCreateSerializer, request.data)
        case, person = _case_and_person(request, d["case"], d["person"])
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
        survey, d = self.get_object(), _valid(SurveyAnswersSerializer, request.data)
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
        survey, d = self.get_object(), _valid(SurveyRescoreSerializer, request.data)
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
