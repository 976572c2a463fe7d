"""Cooperation API: frameworks, matrices, actions (with status changes), meetings and the resource
library. Thin like the views: selectors read, services write, errors documented (400/403/404)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action as detail_action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from sankofa.cases.api import FORBIDDEN, INVALID, NOT_FOUND, NewestFirst
from sankofa.core.api import as_drf_error
from sankofa.core.parsing import MAX_ID, positive_int
from sankofa.programmes.indicators import INDICATORS

from . import selectors, services
from .models import Action, ActionMatrix, Framework, Institution, Meeting, Priority, Resource


class InstitutionSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id", allow_null=True)

    class Meta:
        model = Institution
        fields = ["id", "name", "short_name", "kind", "country"]


class FrameworkSerializer(serializers.ModelSerializer):
    countries = serializers.SlugRelatedField(slug_field="iso3", many=True, read_only=True)
    institutions = InstitutionSerializer(many=True, read_only=True)
    programmes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    editor_organisations = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    action_count = serializers.IntegerField(read_only=True)
    late_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Framework
        fields = [
            "id",
            "title_en",
            "title_fr",
            "kind",
            "description",
            "countries",
            "institutions",
            "programmes",
            "starts_on",
            "ends_on",
            "editor_organisations",
            "action_count",
            "late_count",
        ]


class ActionSerializer(serializers.ModelSerializer):
    responsible = InstitutionSerializer(many=True, read_only=True)
    supporting = InstitutionSerializer(many=True, read_only=True)
    late = serializers.BooleanField(
        read_only=True, help_text="Declared delayed, or past due and not done/dropped."
    )

    class Meta:
        model = Action
        fields = [
            "id",
            "framework",
            "matrix",
            "priority",
            "description",
            "responsible",
            "supporting",
            "starts_on",
            "due_on",
            "status",
            "indicator",
            "late",
            "completed_on",
            "source_meeting",
            "version",
        ]


class ActionCreateSerializer(serializers.Serializer):
    matrix = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True)
    priority = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True)
    description = serializers.CharField(max_length=5000)
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=Institution.objects.all(), many=True, required=False
    )
    supporting = serializers.PrimaryKeyRelatedField(
        queryset=Institution.objects.all(), many=True, required=False
    )
    starts_on = serializers.DateField(required=False, allow_null=True)
    due_on = serializers.DateField(required=False, allow_null=True)
    indicator = serializers.ChoiceField(choices=sorted(INDICATORS), required=False, allow_blank=True)


class ActionUpdateSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=5000)
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=Institution.objects.all(), many=True, required=False
    )
    supporting = serializers.PrimaryKeyRelatedField(
        queryset=Institution.objects.all(), many=True, required=False
    )
    starts_on = serializers.DateField(required=False, allow_null=True)
    due_on = serializers.DateField(required=False, allow_null=True)
    indicator = serializers.ChoiceField(choices=sorted(INDICATORS), required=False, allow_blank=True)
    version = serializers.IntegerField(min_value=0, max_value=MAX_ID, help_text="The version you read.")


class NoteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)
    written_on = serializers.DateField(required=False, allow_null=True)


class ActionStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Action.Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    version = serializers.IntegerField(min_value=0, max_value=MAX_ID)


class ValidationSerializer(serializers.Serializer):
    validated_on = serializers.DateField()
    validated_by = serializers.CharField()


class MatrixSerializer(serializers.ModelSerializer):
    theme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    validations = ValidationSerializer(many=True, read_only=True)

    class Meta:
        model = ActionMatrix
        fields = ["id", "framework", "theme", "title_en", "title_fr", "validations"]


class MatrixDetailSerializer(MatrixSerializer):
    actions = serializers.SerializerMethodField()

    class Meta(MatrixSerializer.Meta):
        fields = [*MatrixSerializer.Meta.fields, "actions"]

    @extend_schema_field(ActionSerializer(many=True))
    def get_actions(self, matrix):
        rows = selectors.matrix_actions(actor=self.context["request"].user, matrix=matrix)
        return ActionSerializer(rows, many=True).data


class ActionPointSerializer(serializers.Serializer):
    description = serializers.CharField()
    due_on = serializers.DateField(allow_null=True)
    action = serializers.IntegerField(source="action_id", allow_null=True)


class MeetingSerializer(serializers.ModelSerializer):
    countries = serializers.SlugRelatedField(slug_field="iso3", many=True, read_only=True)
    institutions = InstitutionSerializer(many=True, read_only=True)
    action_points = ActionPointSerializer(source="points", many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "framework",
            "title",
            "kind",
            "starts_on",
            "ends_on",
            "place",
            "countries",
            "institutions",
            "participants_women",
            "participants_men",
            "participants_unspecified",
            "outcomes",
            "action_points",
        ]


class ResourceSerializer(serializers.ModelSerializer):
    countries = serializers.SlugRelatedField(slug_field="iso3", many=True, read_only=True)
    themes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    download = serializers.SerializerMethodField(
        help_text="The file or the link, through Sankofa (signed in)."
    )

    class Meta:
        model = Resource
        fields = [
            "id",
            "title",
            "kind",
            "language",
            "summary",
            "countries",
            "themes",
            "url",
            "download",
            "framework",
        ]

    def get_download(self, resource) -> str:
        return self.context["request"].build_absolute_uri(reverse("cooperation:resource", args=[resource.pk]))


class ScopedObjectMixin:
    """A malformed or out-of-range id is a JSON 404 like any record the caller may not see."""

    lookup_value_regex = "[^/]+"

    def get_object(self):
        from django.http import Http404

        pk = positive_int(str(self.kwargs["pk"]))
        if pk is None:
            raise Http404
        self.kwargs["pk"] = pk
        return super().get_object()


@extend_schema_view(
    list=extend_schema(responses={200: FrameworkSerializer(many=True), 400: INVALID, 404: NOT_FOUND}),
    retrieve=extend_schema(responses={200: FrameworkSerializer, 400: INVALID, 404: NOT_FOUND}),
)
class FrameworkViewSet(ScopedObjectMixin, viewsets.ReadOnlyModelViewSet):
    """Cooperation frameworks, with their number of actions and of late actions. Programme staff only."""

    serializer_class = FrameworkSerializer
    pagination_class = NewestFirst

    def get_queryset(self):
        return selectors.framework_list(actor=self.request.user).prefetch_related(
            "institutions", "programmes", "editor_organisations"
        )


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("framework", int)],
        responses={200: MatrixSerializer(many=True), 400: INVALID, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(responses={200: MatrixDetailSerializer, 400: INVALID, 404: NOT_FOUND}),
)
class MatrixViewSet(ScopedObjectMixin, viewsets.ReadOnlyModelViewSet):
    """Action matrices; one matrix comes with its actions, late ones first."""

    pagination_class = NewestFirst

    def get_serializer_class(self):
        return MatrixDetailSerializer if self.action == "retrieve" else MatrixSerializer

    def get_queryset(self):
        qs = selectors.matrices_visible_to(self.request.user).prefetch_related("validations")
        framework = positive_int(self.request.query_params.get("framework", ""))
        return qs.filter(framework_id=framework) if framework is not None else qs


ACTION_FILTERS = [
    OpenApiParameter("framework", int),
    OpenApiParameter("status", str, enum=Action.Status.values),
    OpenApiParameter("late", bool),
    OpenApiParameter("country", str, description="ISO 3166 alpha-3: actions concerning this country"),
]


class ActionViewSet(
    ScopedObjectMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Actions of matrices and roadmap priorities. Editors of the framework add actions and change
    their status; a stale `version` is refused with 400."""

    pagination_class = NewestFirst

    def get_serializer_class(self):
        return {
            "create": ActionCreateSerializer,
            "update": ActionUpdateSerializer,
            "set_status": ActionStatusSerializer,
            "add_note": NoteSerializer,
        }.get(self.action, ActionSerializer)

    def get_queryset(self):
        params = self.request.query_params
        late = {"true": True, "false": False}.get(params.get("late", "").lower())
        return selectors.action_list(
            actor=self.request.user,
            framework=positive_int(params.get("framework", "")),
            status=params.get("status", "") if params.get("status", "") in Action.Status.values else "",
            late=late,
            country=params.get("country", "").upper()[:3],
        )

    @extend_schema(
        parameters=ACTION_FILTERS, responses={200: ActionSerializer(many=True), 400: INVALID, 404: NOT_FOUND}
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: ActionSerializer, 400: INVALID, 404: NOT_FOUND})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        request=ActionCreateSerializer,
        responses={201: ActionSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def create(self, request):
        incoming = ActionCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        matrix = priority = None
        if data.get("matrix"):
            matrix = selectors.matrices_visible_to(request.user).filter(pk=data["matrix"]).first()
            if matrix is None:
                raise ValidationError({"matrix": [_("No such action matrix.")]})
        if data.get("priority"):
            priority = (
                Priority.objects.filter(
                    roadmap__in=selectors.roadmaps_visible_to(request.user), pk=data["priority"]
                )
                .select_related("roadmap__framework")
                .first()
            )
            if priority is None:
                raise ValidationError({"priority": [_("No such roadmap priority.")]})
        if (matrix is None) == (priority is None):
            raise ValidationError({"detail": [_("Choose either an action matrix or a roadmap priority.")]})
        try:
            created = services.action_add(
                actor=request.user,
                matrix=matrix,
                priority=priority,
                description=data["description"],
                responsible=data.get("responsible", []),
                supporting=data.get("supporting", []),
                starts_on=data.get("starts_on"),
                due_on=data.get("due_on"),
                indicator=data.get("indicator", ""),
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        return Response(
            ActionSerializer(selectors.action_get(actor=request.user, pk=created.pk)).data, status=201
        )

    @extend_schema(
        request=ActionUpdateSerializer,
        responses={200: ActionSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def update(self, request, pk=None):
        """Replace the description, institutions and dates; a stale `version` is refused (400)."""
        found = self.get_object()
        incoming = ActionUpdateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        d = incoming.validated_data
        try:
            services.action_update(
                actor=request.user,
                action=found,
                version=d["version"],
                description=d["description"],
                responsible=d.get("responsible", []),
                supporting=d.get("supporting", []),
                starts_on=d.get("starts_on"),
                due_on=d.get("due_on"),
                indicator=d.get("indicator", ""),
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        return Response(ActionSerializer(selectors.action_get(actor=request.user, pk=found.pk)).data)

    @extend_schema(
        request=NoteSerializer,
        responses={201: ActionSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @detail_action(detail=True, methods=["post"], url_path="notes")
    def add_note(self, request, pk=None):
        """Add a dated progress note (today when no date is given; never in the future)."""
        found = self.get_object()
        incoming = NoteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            services.action_note_add(
                actor=request.user,
                action=found,
                text=incoming.validated_data["text"],
                written_on=incoming.validated_data.get("written_on"),
            )
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        return Response(
            ActionSerializer(selectors.action_get(actor=request.user, pk=found.pk)).data, status=201
        )

    @extend_schema(
        request=ActionStatusSerializer,
        responses={200: ActionSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    @detail_action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request, pk=None):
        found = self.get_object()
        incoming = ActionStatusSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            services.action_status_change(actor=request.user, action=found, **incoming.validated_data)
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        return Response(ActionSerializer(selectors.action_get(actor=request.user, pk=found.pk)).data)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("framework", int)],
        responses={200: MeetingSerializer(many=True), 400: INVALID, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(responses={200: MeetingSerializer, 400: INVALID, 404: NOT_FOUND}),
)
class MeetingViewSet(ScopedObjectMixin, viewsets.ReadOnlyModelViewSet):
    """Meetings and workshops, with participants by sex and their action points."""

    serializer_class = MeetingSerializer
    pagination_class = NewestFirst

    def get_queryset(self):
        qs = selectors.meeting_list(actor=self.request.user).prefetch_related(
            "countries", "institutions", "points"
        )
        framework = positive_int(self.request.query_params.get("framework", ""))
        return qs.filter(framework_id=framework) if framework is not None else qs


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Words that must all appear in the title or summary"),
            OpenApiParameter("kind", str, enum=Resource.Kind.values),
            OpenApiParameter("language", str, enum=Resource.Language.values),
            OpenApiParameter("country", str, description="ISO 3166 alpha-3"),
            OpenApiParameter("theme", str, description="Theme code"),
        ],
        responses={200: ResourceSerializer(many=True), 400: INVALID, 404: NOT_FOUND},
    ),
    retrieve=extend_schema(responses={200: ResourceSerializer, 400: INVALID, 404: NOT_FOUND}),
)
class ResourceViewSet(ScopedObjectMixin, viewsets.ReadOnlyModelViewSet):
    """The resource library, searchable."""

    serializer_class = ResourceSerializer
    pagination_class = NewestFirst

    def get_queryset(self):
        p = self.request.query_params
        return selectors.resource_search(
            actor=self.request.user,
            q=p.get("q", "")[:200],
            kind=p.get("kind", ""),
            language=p.get("language", ""),
            country=p.get("country", "").upper()[:3],
            theme=p.get("theme", "")[:40],
        )


def register(router) -> None:
    """The cooperation endpoints, registered by config.api_urls in one line."""
    router.register("frameworks", FrameworkViewSet, basename="framework")
    router.register("matrices", MatrixViewSet, basename="matrix")
    router.register("actions", ActionViewSet, basename="action")
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("resources", ResourceViewSet, basename="resource")
