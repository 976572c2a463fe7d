"""API of case closures: request, decision, reopening."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action

from sankofa.cases.selectors import case_get
from sankofa.core.api import refusals_as_400

from .. import selectors, services
from ..models import (
    CaseClosure,
)
from .common import ERRORS, READ_ERRORS, PlanNoteSerializer, ScopedViewSet, VersionInSerializer, _pk, _valid


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
class ClosureViewSet(ScopedViewSet):
    """Case closure requests, their decision by a supervisor, and reopening."""

    serializer_class = ClosureSerializer
    subject = "closure"

    def get_queryset(self):
        return selectors.closures_visible_to(self.request.user)

    def get_object(self):
        return selectors.closure_get(actor=self.request.user, pk=_pk(self.kwargs["pk"]))

    @extend_schema(request=ClosureInSerializer, responses={201: ClosureSerializer, **ERRORS})
    def create(self, request):
        d = _valid(ClosureInSerializer, request.data)
        case = case_get(actor=request.user, number=d["case"])
        with refusals_as_400():
            closure = services.closure_request(
                actor=request.user, case=case, reason=d["reason"], note=d["note"]
            )
        return self._reply(closure, status.HTTP_201_CREATED)

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
