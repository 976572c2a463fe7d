"""Pieces shared by the reintegration API: error responses, id parsing, the base serializer and viewset."""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from sankofa.cases.api import FORBIDDEN, INVALID, NOT_FOUND, NewestFirst
from sankofa.cases.selectors import case_get, case_people
from sankofa.core.api import refusals_as_400
from sankofa.core.parsing import positive_int

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


class PlanNoteSerializer(VersionInSerializer):
    # Also the body of a closure decision; the name stays, it is the OpenAPI component's.
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ScopedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """List and retrieve records the caller sees (subclasses read through the selectors); each change
    is an action calling one service, which takes the record under the keyword `subject`."""

    lookup_value_regex = "[^/]+"
    pagination_class = NewestFirst
    subject = ""

    def _reply(self, record, code=status.HTTP_200_OK):
        """The record read again through the caller's scope, after a write."""
        return Response(self.get_serializer(self.get_queryset().get(pk=record.pk)).data, status=code)

    def _step(self, request, function, serializer=VersionInSerializer):
        """Call `function` on this record with the version the client last saw; a refusal is a 400."""
        record, d = self.get_object(), dict(_valid(serializer, request.data))
        with refusals_as_400():
            function(actor=request.user, **{self.subject: record}, version=d.pop("version", None), **d)
        return self._reply(record)
