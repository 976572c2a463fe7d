"""REST API of the review queue, scoped like the pages (through selectors and services)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from sankofa.cases.api import FORBIDDEN, INVALID, NOT_FOUND, NewestFirst
from sankofa.core.api import as_drf_error
from sankofa.people.models import MatchPair, Person

from . import selectors, services


class PairSerializer(serializers.ModelSerializer):
    """A pair as a reviewer sees it: ids and figures only; details come from the people endpoint,
    which shows only people of cases the caller may see. A side the caller may not see has no id
    (null), and the reasons are given only when both sides are visible (context `visible`: ids
    of the people the caller may see, from selectors.visible_people)."""

    status = serializers.CharField(read_only=True, help_text="open, merged or distinct")
    person_a = serializers.IntegerField(source="person_a_id", allow_null=True, read_only=True)
    person_b = serializers.IntegerField(source="person_b_id", allow_null=True, read_only=True)

    def to_representation(self, pair):
        data = super().to_representation(pair)
        visible = self.context.get("visible", set())
        for side in ("person_a", "person_b"):
            if data[side] not in visible:
                data[side] = None
        if data["person_a"] is None or data["person_b"] is None:
            data["reasons"] = []
        return data

    class Meta:
        model = MatchPair
        fields = [
            "id",
            "person_a",
            "person_b",
            "score",
            "band",
            "reasons",
            "source",
            "status",
            "confirm_office",
            "created_at",
        ]
        read_only_fields = fields


class MergeSerializer(serializers.Serializer):
    survivor = serializers.IntegerField(help_text="Id of the registration to keep (person_a or person_b).")


class MergeOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    survivor = serializers.IntegerField(source="survivor_id")
    merged = serializers.IntegerField(source="merged_id")
    undone = serializers.SerializerMethodField()

    def get_undone(self, merge) -> bool:
        return merge.undone_at is not None


@extend_schema_view(
    list=extend_schema(responses={200: PairSerializer(many=True), 400: INVALID, 404: NOT_FOUND}),
    retrieve=extend_schema(responses={200: PairSerializer, 400: INVALID, 404: NOT_FOUND}),
)
class PairViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Possible duplicates the caller may adjudicate (open ones), strongest first."""

    serializer_class = PairSerializer
    pagination_class = NewestFirst
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return selectors.review_queue(actor=self.request.user, status="")

    def get_object(self):
        return selectors.pair_get(actor=self.request.user, pk=self.kwargs["pk"])

    def get_serializer(self, *args, **kwargs):
        pairs = args[0] if args else []
        pairs = pairs if isinstance(pairs, list | tuple) else [pairs] if isinstance(pairs, MatchPair) else []
        context = {
            **self.get_serializer_context(),
            "visible": selectors.visible_people(actor=self.request.user, pairs=pairs),
        }
        return PairSerializer(*args, context=context, **kwargs)

    @extend_schema(
        request=MergeSerializer,
        responses={200: MergeOutSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        pair = self.get_object()
        incoming = MergeSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        survivor = Person.objects.filter(pk=incoming.validated_data["survivor"]).first()
        if survivor is None or survivor.pk not in (pair.person_a_id, pair.person_b_id):
            raise ValidationError({"survivor": ["Keep person_a or person_b."]})
        try:
            merge = services.pair_merge(actor=request.user, pair=pair, survivor=survivor)
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        return Response(MergeOutSerializer(merge).data)

    @extend_schema(
        request=None, responses={200: PairSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND}
    )
    @action(detail=True, methods=["post"])
    def distinct(self, request, pk=None):
        try:
            pair = services.pair_mark_distinct(actor=request.user, pair=self.get_object())
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        return Response(self.get_serializer(pair).data)


class MergeViewSet(viewsets.GenericViewSet):
    """Merges of registrations; undoing one restores every record it moved."""

    serializer_class = MergeOutSerializer
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):  # for the schema; reads go through selectors.merge_get
        return MatchPair.objects.none()

    @extend_schema(
        request=None, responses={200: MergeOutSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND}
    )
    @action(detail=True, methods=["post"])
    def undo(self, request, pk=None):
        merge = selectors.merge_get(actor=request.user, pk=pk)
        try:
            merge = services.merge_undo(actor=request.user, merge=merge)
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        return Response(MergeOutSerializer(merge).data)
