"""API of community projects and their returnees."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action

from sankofa.access.models import Office
from sankofa.core.api import refusals_as_400
from sankofa.core.models import Country

from .. import selectors, services
from ..models import (
    CommunityProject,
    ProjectParticipant,
)
from .common import ERRORS, ID, READ_ERRORS, ScopedViewSet, VersionInSerializer, _case_and_person, _pk, _valid


class ParticipantSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.number", read_only=True)

    class Meta:
        model = ProjectParticipant
        fields = ["id", "case", "person", "joined_on"]


class CommunityProjectSerializer(serializers.ModelSerializer):
    office = serializers.CharField(source="office.code", read_only=True)
    country = serializers.CharField(source="country_id", read_only=True)
    participants = serializers.SerializerMethodField()
    beneficiaries = serializers.SerializerMethodField(help_text="Unique returnees + community members.")

    class Meta:
        model = CommunityProject
        fields = [
            "id",
            "office",
            "name",
            "kind",
            "description",
            "country",
            "location",
            "budget",
            "currency",
            "starts_on",
            "ends_on",
            "status",
            "community_members",
            "version",
            "participants",
            "beneficiaries",
        ]

    def get_participants(self, project) -> list[dict]:
        actor = self.context["request"].user
        rows = selectors.project_participants(actor=actor, project=project)
        return ParticipantSerializer(rows, many=True).data

    def get_beneficiaries(self, project) -> int:
        actor = self.context["request"].user
        return selectors.project_beneficiaries(actor=actor, projects=[project]).total


class CommunityProjectInSerializer(serializers.Serializer):
    office = serializers.SlugRelatedField(slug_field="code", queryset=Office.objects.all())
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=CommunityProject.Kind.choices)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    country = serializers.SlugRelatedField(slug_field="iso3", queryset=Country.objects.all())
    location = serializers.CharField(max_length=200)
    budget = serializers.DecimalField(max_digits=14, decimal_places=2)
    currency = serializers.CharField(max_length=3, help_text="ISO 4217 code.")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)
    community_members = serializers.IntegerField(min_value=0, max_value=10**9, default=0)


class ProjectStatusSerializer(VersionInSerializer):
    status = serializers.ChoiceField(choices=CommunityProject.Status.choices)


class ParticipantInSerializer(serializers.Serializer):
    case = serializers.CharField(max_length=30, help_text="Case number.")
    person = serializers.IntegerField(**ID)
    joined_on = serializers.DateField(required=False)


@extend_schema_view(
    list=extend_schema(responses={200: CommunityProjectSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: CommunityProjectSerializer, **READ_ERRORS}),
)
class CommunityProjectViewSet(ScopedViewSet):
    """Community projects of the caller's offices, with their returnees (each counted once)."""

    serializer_class = CommunityProjectSerializer
    subject = "project"

    def get_queryset(self):
        return selectors.projects_visible_to(self.request.user)

    def get_object(self):
        return selectors.project_get(actor=self.request.user, pk=_pk(self.kwargs["pk"]))

    @extend_schema(
        request=CommunityProjectInSerializer, responses={201: CommunityProjectSerializer, **ERRORS}
    )
    def create(self, request):
        d = dict(_valid(CommunityProjectInSerializer, request.data))
        with refusals_as_400():
            project = services.project_create(actor=request.user, **d)
        return self._reply(project, status.HTTP_201_CREATED)

    @extend_schema(request=ProjectStatusSerializer, responses={200: CommunityProjectSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request, pk=None):
        return self._step(request, services.project_update, ProjectStatusSerializer)

    @extend_schema(request=ParticipantInSerializer, responses={200: CommunityProjectSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def participants(self, request, pk=None):
        project, d = self.get_object(), _valid(ParticipantInSerializer, request.data)
        case, person = _case_and_person(request, d["case"], d["person"])
        with refusals_as_400():
            services.project_participant_add(
                actor=request.user, project=project, case=case, person=person, joined_on=d.get("joined_on")
            )
        return self._reply(project)
