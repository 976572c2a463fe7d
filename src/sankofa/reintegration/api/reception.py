"""API of reception: arrivals and post-arrival assistance."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from sankofa.assistance.models import AssistanceRecord, Service
from sankofa.core.api import refusals_as_400

from .. import selectors, services
from ..models import (
    Arrival,
)
from .common import ERRORS, ID, READ_ERRORS, ScopedViewSet, _case_and_person, _pk, _valid


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
        slug_field="code", queryset=Service.objects.filter(code__in=services.POST_ARRIVAL_SERVICES)
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
class ArrivalViewSet(ScopedViewSet):
    """Arrivals of returnees the caller sees; recorded by an origin office that sees the case."""

    serializer_class = ArrivalSerializer

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
