"""Indicators API: the registry (definitions), indicator values with filters and one disaggregation
(disclosure control applied, as on the dashboard), targets with progress, and export jobs."""

from django.conf import settings
from django.utils import translation
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from sankofa.cases.api import FORBIDDEN, INVALID, NOT_FOUND
from sankofa.programmes.indicators import DIMENSIONS, IndicatorFilters

from . import selectors, services
from .forms import filters_to_params
from .models import ExportJob


def _both(value) -> dict:
    with translation.override("en"):
        en = str(value)
    with translation.override("fr"):
        fr = str(value)
    return {"en": en, "fr": fr}


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.DictField(child=serializers.CharField(), help_text="English and French labels")
    definition = serializers.DictField(child=serializers.CharField(), help_text="The rule, in words")
    unit = serializers.CharField()
    disaggregations = serializers.ListField(child=serializers.CharField())

    def to_representation(self, indicator):
        return {
            "code": indicator.code,
            "label": _both(indicator.label),
            "definition": _both(indicator.definition),
            "unit": indicator.unit,
            "disaggregations": list(indicator.disaggregations),
        }


class ValuesQuerySerializer(serializers.Serializer):
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False, help_text="'As of' date (default: today)")
    programme = serializers.CharField(required=False, max_length=40)
    country = serializers.RegexField(
        r"^[A-Z]{3}$", required=False, help_text="ISO alpha-3, country of assistance"
    )
    office = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    by = serializers.ChoiceField(choices=list(DIMENSIONS), required=False, help_text="One disaggregation")

    def validate(self, data):
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            raise serializers.ValidationError({"date_to": "The end date cannot be before the start date."})
        return data

    def filters(self) -> IndicatorFilters:
        data = self.validated_data
        return IndicatorFilters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            programme=data.get("programme"),
            country=data.get("country"),
            office=data.get("office"),
        )


class CellSerializer(serializers.Serializer):
    group = serializers.CharField(allow_null=True)
    value = serializers.IntegerField(allow_null=True, help_text="null: suppressed (fewer than the threshold)")


class ValuesSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    as_of = serializers.DateField()
    total = serializers.IntegerField(allow_null=True)
    by = serializers.CharField(allow_null=True)
    cells = CellSerializer(many=True)
    suppressed_below = serializers.IntegerField()


VALUE_PARAMS = [
    OpenApiParameter("date_from", str, description="ISO date"),
    OpenApiParameter("date_to", str, description="ISO date, 'as of' (default today)"),
    OpenApiParameter("programme", str),
    OpenApiParameter("country", str, description="ISO 3166 alpha-3 of the country of assistance"),
    OpenApiParameter("office", int),
    OpenApiParameter("by", str, enum=list(DIMENSIONS)),
]


@extend_schema_view(
    list=extend_schema(responses={200: IndicatorSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND}),
    retrieve=extend_schema(responses={200: IndicatorSerializer, 403: FORBIDDEN, 404: NOT_FOUND}),
)
class IndicatorViewSet(viewsets.ViewSet):
    """The indicator registry: each indicator's code, labels, rule in words, unit and disaggregations.
    Programme staff only (others: 404)."""

    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    serializer_class = IndicatorSerializer

    def list(self, request):
        selectors.ensure_reader(request.user)
        return Response(IndicatorSerializer(selectors.indicators_list(), many=True).data)

    def retrieve(self, request, code=None):
        selectors.ensure_reader(request.user)
        return Response(IndicatorSerializer(selectors.indicator_or_404(code)).data)

    @extend_schema(
        parameters=VALUE_PARAMS,
        responses={200: ValuesSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
        description="Value of one indicator for the filters, counted over the cases your offices may see, "
        "optionally disaggregated; cells below the disclosure threshold are null, others rounded.",
    )
    @action(detail=True, methods=["get"])
    def values(self, request, code=None):
        selectors.ensure_reader(request.user)
        indicator = selectors.indicator_or_404(code)
        query = ValuesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters, by = query.filters(), query.validated_data.get("by")
        if by and by not in indicator.disaggregations:
            raise serializers.ValidationError({"by": "This indicator cannot be disaggregated so."})
        cells = (
            selectors.indicator_cells(actor=request.user, indicator=indicator, filters=filters, dimension=by)
            if by
            else {}
        )
        from .disclosure import threshold

        return Response(
            {
                "indicator": indicator.code,
                "as_of": filters.as_of,
                "total": selectors.indicator_value(actor=request.user, indicator=indicator, filters=filters),
                "by": by,
                "cells": [{"group": key, "value": value} for key, value in cells.items()],
                "suppressed_below": threshold(),
            }
        )


class ProgressSerializer(serializers.Serializer):
    programme = serializers.CharField(source="target.programme.code")
    indicator = serializers.CharField(source="indicator.code")
    country = serializers.CharField(source="target.country_id", allow_null=True)
    starts_on = serializers.DateField(source="target.starts_on")
    ends_on = serializers.DateField(source="target.ends_on")
    target = serializers.IntegerField(source="target.value")
    achieved = serializers.IntegerField(allow_null=True)
    percent = serializers.IntegerField(allow_null=True)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("programme", str), OpenApiParameter("country", str)],
        responses={200: ProgressSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
    )
)
class TargetViewSet(viewsets.ViewSet):
    """Targets per programme, country and period, with what the records say (protected) and the share
    achieved. Programme staff only."""

    serializer_class = ProgressSerializer

    def list(self, request):
        progress = selectors.target_progress(
            actor=request.user,
            programme_code=request.query_params.get("programme") or None,
            country=request.query_params.get("country") or None,
        )
        return Response(ProgressSerializer(progress, many=True).data)


class ExportCreateSerializer(ValuesQuerySerializer):
    format = serializers.ChoiceField(choices=ExportJob.Format.choices)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, default="en")
    by = None


class ExportJobSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "kind",
            "format",
            "language",
            "params",
            "purpose",
            "pseudonymised",
            "status",
            "progress",
            "created_at",
            "finished_at",
            "expires_at",
            "download",
        ]

    def get_download(self, job) -> str | None:
        if job.status != ExportJob.Status.DONE or job.expired:
            return None
        from django.urls import reverse

        return self.context["request"].build_absolute_uri(reverse("reports:export-download", args=[job.pk]))


@extend_schema_view(
    create=extend_schema(
        request=ExportCreateSerializer,
        responses={202: ExportJobSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(responses={200: ExportJobSerializer, 403: FORBIDDEN, 404: NOT_FOUND}),
)
class ExportJobViewSet(mixins.CreateModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Aggregated exports built in the background: create one, then poll its status; the file is
    downloadable only by the user who asked (others: 404)."""

    serializer_class = ExportJobSerializer

    def get_queryset(self):
        return ExportJob.objects.filter(requested_by_id=self.request.user.pk)

    def create(self, request):
        selectors.ensure_reader(request.user)
        data = ExportCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.export_request(
            actor=request.user,
            format=data.validated_data["format"],
            language=data.validated_data["language"],
            params=filters_to_params(data.filters(), selectors.indicators_list()[0].code),
        )
        job.refresh_from_db()
        return Response(
            ExportJobSerializer(job, context={"request": request}).data, status=status.HTTP_202_ACCEPTED
        )


class CaseExportCreateSerializer(serializers.Serializer):
    purpose = serializers.CharField(
        max_length=1000, help_text="What the export is for (recorded, shown to the DPO)."
    )
    format = serializers.ChoiceField(choices=ExportJob.Format.choices, help_text="xlsx or csv (no pdf)")
    language = serializers.ChoiceField(choices=settings.LANGUAGES, default="en")
    with_names = serializers.BooleanField(
        default=False, help_text="Names, case numbers and dates of birth instead of pseudonyms."
    )
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    status = serializers.ChoiceField(choices=["", "open", "on_hold", "closed"], required=False)


@extend_schema_view(
    create=extend_schema(
        request=CaseExportCreateSerializer,
        responses={202: ExportJobSerializer, 400: INVALID, 403: FORBIDDEN},
    ),
)
class CaseExportViewSet(mixins.CreateModelMixin, viewsets.GenericViewSet):
    """A case list with personal data exported in the background (supervisors, administrators and
    data-protection focal points): pseudonymised unless `with_names`, with a purpose, logged, and
    downloadable until `expires_at`; poll it at /api/v1/exports/{id}/."""

    serializer_class = CaseExportCreateSerializer
    queryset = ExportJob.objects.none()

    def create(self, request):
        from django.core.exceptions import ValidationError as DjangoValidationError

        from sankofa.core.api import as_drf_error

        if not request.user.has_perm("reports.export_case_list"):  # the rule before the body
            raise PermissionDenied
        data = CaseExportCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        try:
            job = services.case_list_export_request(
                actor=request.user,
                format=d["format"],
                language=d["language"],
                filters={"q": d.get("q", ""), "status": d.get("status", "")},
                purpose=d["purpose"],
                pseudonymised=not d["with_names"],
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        job.refresh_from_db()
        return Response(
            ExportJobSerializer(job, context={"request": request}).data, status=status.HTTP_202_ACCEPTED
        )
