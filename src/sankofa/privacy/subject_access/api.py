"""GET /api/v1/subject-access/{person_id}/: the subject access report as JSON, for
data-protection focal points (documented in docs/architecture.md, "Subject access")."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView

from sankofa.cases.api import FORBIDDEN, INVALID, NOT_FOUND

from .catalogue import BUILDERS
from .services import LANGUAGES, subject_access_produce

REPORT = inline_serializer(
    "SubjectAccessReport",
    {
        "format": serializers.CharField(help_text='Always "sankofa.subject_access".'),
        "version": serializers.IntegerField(help_text="Version of this structure (1)."),
        "produced_at": serializers.DateTimeField(),
        "produced_by": serializers.CharField(),
        "language": serializers.CharField(help_text="en or fr: the language of the labels."),
        "person_id": serializers.IntegerField(),
        "cases": serializers.ListField(child=serializers.CharField(), help_text="Case numbers included."),
        "restricted_cases": serializers.ListField(
            child=serializers.CharField(),
            help_text="Cases whose sensitive values are withheld (the producer lacks sensitive access).",
        ),
        "sections": serializers.DictField(
            child=serializers.ListField(child=serializers.DictField()),
            help_text=(
                "One list of records per section, always all present, in this order: "
                + ", ".join(b.key for b in BUILDERS)
                + " (and other_records if some record is not yet described). A record maps stable field "
                "names to values: dates and times in ISO 8601, countries as ISO 3166 alpha-3 codes, coded "
                "values as their code with the name in the report's language under <field>_label, amounts "
                "as decimal strings, nested records as lists. restricted_fields lists the fields set to "
                "null because they are sensitive and the producer may not read them."
            ),
        ),
    },
)


class LanguageQuery(serializers.Serializer):
    language = serializers.ChoiceField(choices=LANGUAGES, required=False)


class SubjectAccessView(APIView):
    @extend_schema(
        operation_id="subject_access_retrieve",
        parameters=[
            OpenApiParameter("person_id", OpenApiTypes.INT, OpenApiParameter.PATH),
            OpenApiParameter(
                "language",
                OpenApiTypes.STR,
                enum=list(LANGUAGES),
                description="Language of the labels; by default the person's (French if they speak French and not English).",
            ),
        ],
        responses={200: OpenApiResponse(REPORT), 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
        description=(
            "Everything Sankofa holds about one person in the cases of the caller's offices. Data-protection "
            "focal points only. Each call is logged: an access to every case included (record "
            '"subject access") and an audit-log entry on the person.'
        ),
    )
    def get(self, request, person_id: str):
        try:
            person_id = int(person_id)
        except ValueError:
            raise NotFound from None
        query = LanguageQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        production = subject_access_produce(
            actor=request.user, person_id=person_id, fmt="json", language=query.validated_data.get("language")
        )
        response = HttpResponse(production.content, content_type=production.content_type)
        response["Cache-Control"] = "no-store"
        return response
