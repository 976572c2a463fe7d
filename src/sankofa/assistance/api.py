"""REST API for assistance records, scoped like the cases API (through selectors)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from sankofa.access.models import Organisation
from sankofa.cases.api import FORBIDDEN, INVALID, NOT_FOUND, NewestFirst
from sankofa.cases.selectors import case_get, case_people
from sankofa.core.api import as_drf_error
from sankofa.core.currencies import currency_choices
from sankofa.core.models import Country
from sankofa.core.parsing import positive_int

from . import selectors, services
from .models import AssistanceRecord, Service


class AssistanceSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.number", read_only=True)
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)
    country = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    partner = serializers.CharField(source="partner.name", read_only=True, allow_null=True)

    class Meta:
        model = AssistanceRecord
        fields = [
            "id",
            "case",
            "person",
            "service",
            "delivered_on",
            "country",
            "place",
            "partner",
            "delivered_by",
            "modality",
            "amount",
            "currency",
            "stage",
        ]


class AssistanceInSerializer(serializers.Serializer):
    case = serializers.CharField(max_length=30, help_text="Case number.")
    people = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**53), min_length=1, help_text="Person ids."
    )
    service = serializers.SlugRelatedField(slug_field="code", queryset=Service.objects.all())
    delivered_on = serializers.DateField()
    country = serializers.SlugRelatedField(slug_field="iso3", queryset=Country.objects.all())
    place = serializers.CharField(max_length=120, required=False, allow_blank=True)
    partner = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    modality = serializers.ChoiceField(choices=AssistanceRecord.Modality.choices)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    currency = serializers.ChoiceField(
        choices=[c for c, _n in currency_choices()], required=False, allow_blank=True
    )
    stage = serializers.ChoiceField(
        choices=AssistanceRecord.Stage.choices, default=AssistanceRecord.Stage.TRANSIT
    )
    notes = serializers.CharField(required=False, allow_blank=True)


@extend_schema_view(
    list=extend_schema(responses={200: AssistanceSerializer(many=True), 400: INVALID, 404: NOT_FOUND}),
    retrieve=extend_schema(responses={200: AssistanceSerializer, 400: INVALID, 404: NOT_FOUND}),
)
class AssistanceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Assistance delivered to people of the cases the caller sees (only the people they may see)."""

    serializer_class = AssistanceSerializer
    lookup_value_regex = "[^/]+"
    pagination_class = NewestFirst

    def get_queryset(self):
        return selectors.assistance_visible_to(self.request.user)

    def get_object(self):
        if positive_int(str(self.kwargs["pk"])) is None:  # a malformed id is a 404, not a 500
            from django.http import Http404

            raise Http404
        return super().get_object()

    @extend_schema(
        request=AssistanceInSerializer,
        responses={201: AssistanceSerializer(many=True), 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def create(self, request):
        incoming = AssistanceInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        d = incoming.validated_data
        case = case_get(actor=request.user, number=d["case"])
        people = list(case_people(actor=request.user, case=case).filter(pk__in=d["people"]))
        if len(people) != len(set(d["people"])):
            raise ValidationError({"people": [_("This person is not a member of the case.")]})
        try:
            records = services.assistance_record(
                actor=request.user,
                case=case,
                people=people,
                service=d["service"],
                delivered_on=d["delivered_on"],
                country=d["country"],
                place=d.get("place", ""),
                partner=d.get("partner"),
                modality=d["modality"],
                amount=d.get("amount"),
                currency=d.get("currency", ""),
                stage=d["stage"],
                notes=d.get("notes", ""),
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        return Response(AssistanceSerializer(records, many=True).data, status=status.HTTP_201_CREATED)
