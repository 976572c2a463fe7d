"""Programmes API: read-only list and detail, for programme staff."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from sankofa.cases.api import INVALID, NOT_FOUND

from . import selectors
from .models import Funding, Programme


class FundingSerializer(serializers.ModelSerializer):
    donor = serializers.CharField(source="donor.name")

    class Meta:
        model = Funding
        fields = ["donor", "amount", "currency"]


class ProgrammeSerializer(serializers.ModelSerializer):
    countries = serializers.SlugRelatedField(slug_field="iso3", many=True, read_only=True)
    fundings = FundingSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "code",
            "name_en",
            "name_fr",
            "kind",
            "status",
            "starts_on",
            "ends_on",
            "countries",
            "fundings",
        ]


@extend_schema_view(
    list=extend_schema(responses={200: ProgrammeSerializer(many=True), 400: INVALID, 404: NOT_FOUND}),
    retrieve=extend_schema(responses={200: ProgrammeSerializer, 400: INVALID, 404: NOT_FOUND}),
)
class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    """Programmes and projects with their funding. Programme staff only; partners get an empty list."""

    serializer_class = ProgrammeSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    pagination_class = None

    def get_queryset(self):
        return selectors.programme_list(actor=self.request.user)
