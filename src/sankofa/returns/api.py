"""REST API for voluntary returns, scoped like the cases API (through selectors). Transitions are
actions taking the version the client last saw; a refused transition is a 400 with the message."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from sankofa.access.models import Office
from sankofa.cases.api import FORBIDDEN, INVALID, NOT_FOUND, NewestFirst
from sankofa.cases.selectors import case_get, case_people
from sankofa.core.api import refusals_as_400
from sankofa.core.models import Country
from sankofa.core.parsing import positive_int

from . import selectors, services
from .models import Booking, Escort, FitToTravel, Handover, Movement, TravelDocument

ERRORS = {400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND}
BIG = 2**53


def _pk(value) -> int:
    pk = positive_int(str(value), limit=BIG - 1)
    if pk is None:
        raise Http404
    return pk


# --- Serializers ------------------------------------------------------------------------------------


class TravelDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = TravelDocument
        fields = [
            "id",
            "person",
            "kind",
            "consulate",
            "requested_on",
            "status",
            "interview_on",
            "number",
            "issued_on",
            "expires_on",
            "refusal_reason",
        ]


class FitnessSerializer(serializers.ModelSerializer):
    class Meta:
        model = FitToTravel
        fields = ["id", "person", "checked_on", "result", "wheelchair", "child_escort", "vulnerable_escort"]


class BookingSerializer(serializers.ModelSerializer):
    """A booking; its case number is blank when the caller may not see the case (a movement may
    carry people of other offices' cases: selectors.movement_bookings)."""

    movement = serializers.CharField(source="movement.reference", read_only=True)
    request = serializers.IntegerField(source="request_id", read_only=True)
    case = serializers.SerializerMethodField()

    def get_case(self, booking) -> str:
        return booking.request.case.number if getattr(booking, "case_visible", True) else ""

    class Meta:
        model = Booking
        fields = ["id", "movement", "request", "case", "status"]


class HandoverOutSerializer(serializers.ModelSerializer):
    """Minimal handover data: what the receiving office sees before acknowledging."""

    case = serializers.CharField(source="case.number", read_only=True)
    from_office = serializers.CharField(source="from_office.code", read_only=True)
    to_office = serializers.CharField(source="to_office.code", read_only=True)
    people = serializers.SerializerMethodField()

    class Meta:
        model = Handover
        fields = [
            "id",
            "case",
            "request",
            "from_office",
            "to_office",
            "status",
            "people",
            "sent_at",
            "acknowledged_at",
        ]

    def get_people(self, handover) -> list[str]:
        return [p.full_name for p in handover.people.all()]


class RequestSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="request.pk")
    case = serializers.CharField(source="request.case.number")
    status = serializers.CharField(source="request.status")
    version = serializers.IntegerField(source="request.version")
    people = serializers.SerializerMethodField()
    hidden_people = serializers.IntegerField()
    destination_country = serializers.CharField(source="request.destination_country_id")
    destination_place = serializers.CharField(source="request.destination_place")
    requested_on = serializers.DateField(source="request.requested_on")
    informed_consent_on = serializers.DateField(source="request.informed_consent_on")
    eligibility_reason = serializers.CharField(source="request.eligibility_reason")
    approved_at = serializers.DateTimeField(source="request.approved_at", allow_null=True)
    departed_on = serializers.DateField(source="request.departed_on", allow_null=True)
    arrived_on = serializers.DateField(source="request.arrived_on", allow_null=True)
    documents = TravelDocumentSerializer(many=True)
    fitness = FitnessSerializer(many=True)
    bookings = BookingSerializer(many=True)
    handovers = HandoverOutSerializer(many=True)
    blockers = serializers.ListField(child=serializers.CharField(), help_text="Why it may not depart today.")

    def get_people(self, view) -> list[int]:
        return [p.pk for p in view.people]


class RequestInSerializer(serializers.Serializer):
    case = serializers.CharField(max_length=30, help_text="Case number.")
    people = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=BIG - 1), min_length=1
    )
    destination_country = serializers.SlugRelatedField(slug_field="iso3", queryset=Country.objects.all())
    destination_place = serializers.CharField(max_length=120, required=False, allow_blank=True)
    voluntary = serializers.BooleanField()
    informed_consent_on = serializers.DateField()
    requested_on = serializers.DateField(required=False)


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=0, max_value=BIG, required=False, allow_null=True, help_text="The version you last saw."
    )


class DecideSerializer(VersionSerializer):
    eligible = serializers.BooleanField()
    reason = serializers.CharField()


class ReturnNoteSerializer(VersionSerializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class WithdrawSerializer(VersionSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    on = serializers.DateField(required=False)


class TravelDocumentInSerializer(serializers.Serializer):
    person = serializers.IntegerField(min_value=1, max_value=BIG - 1)
    kind = serializers.ChoiceField(choices=TravelDocument.Kind.choices)
    consulate = serializers.CharField(max_length=150)
    requested_on = serializers.DateField()


class FitnessInSerializer(serializers.Serializer):
    person = serializers.IntegerField(min_value=1, max_value=BIG - 1)
    checked_on = serializers.DateField()
    result = serializers.ChoiceField(choices=FitToTravel.Result.choices)
    wheelchair = serializers.BooleanField(default=False)
    child_escort = serializers.BooleanField(default=False)
    vulnerable_escort = serializers.BooleanField(default=False)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class BookSerializer(serializers.Serializer):
    movement = serializers.IntegerField(min_value=1, max_value=BIG - 1)


class HandoverInSerializer(serializers.Serializer):
    to_office = serializers.SlugRelatedField(slug_field="code", queryset=Office.objects.all())
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TravelDocumentUpdateSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["interview", "issue", "refuse"])
    day = serializers.DateField(required=False, help_text="Interview or issue date.")
    number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    expires_on = serializers.DateField(required=False)
    notes = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class MovementLegSerializer(serializers.Serializer):
    from_place = serializers.CharField(max_length=120)
    to_place = serializers.CharField(max_length=120)
    carrier = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    departs_at = serializers.DateTimeField()
    arrives_at = serializers.DateTimeField()


class MovementEscortSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    kind = serializers.ChoiceField(choices=Escort.Kind.choices)


class MovementSerializer(serializers.ModelSerializer):
    office = serializers.CharField(source="office.code", read_only=True)
    destination_country = serializers.CharField(source="destination_country_id", read_only=True)
    legs = MovementLegSerializer(many=True, read_only=True)
    escorts = MovementEscortSerializer(many=True, read_only=True)

    class Meta:
        model = Movement
        fields = [
            "id",
            "reference",
            "kind",
            "office",
            "destination_country",
            "departure_on",
            "status",
            "version",
            "legs",
            "escorts",
        ]


class MovementInSerializer(serializers.Serializer):
    office = serializers.SlugRelatedField(slug_field="code", queryset=Office.objects.all())
    kind = serializers.ChoiceField(choices=Movement.Kind.choices)
    reference = serializers.CharField(max_length=40)
    destination_country = serializers.SlugRelatedField(slug_field="iso3", queryset=Country.objects.all())
    departure_on = serializers.DateField()
    legs = MovementLegSerializer(many=True, required=False)
    escorts = MovementEscortSerializer(many=True, required=False)


class MovementStepSerializer(VersionSerializer):
    on = serializers.DateField(required=False, help_text="Departure or arrival date (default today).")


class BookingStatusSerializer(serializers.Serializer):
    booking = serializers.IntegerField(min_value=1, max_value=BIG - 1)
    status = serializers.ChoiceField(choices=[Booking.Status.NO_SHOW, Booking.Status.CANCELLED])


class ManifestRowSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    case_number = serializers.CharField()
    name = serializers.CharField()
    sex = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    nationality = serializers.CharField()
    document = serializers.CharField()
    fitness = serializers.CharField()
    special_needs = serializers.CharField()
    status = serializers.CharField()


def _valid(serializer_class, data):
    incoming = serializer_class(data=data)
    incoming.is_valid(raise_exception=True)
    return incoming.validated_data


# --- Return requests --------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(responses={200: RequestSerializer(many=True), 400: INVALID, 404: NOT_FOUND}),
    retrieve=extend_schema(responses={200: RequestSerializer, 400: INVALID, 404: NOT_FOUND}),
)
class ReturnRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Voluntary return requests of the cases the caller sees; each step is an action."""

    serializer_class = RequestSerializer
    lookup_value_regex = "[^/]+"
    pagination_class = NewestFirst

    def get_queryset(self):
        return selectors.requests_visible_to(self.request.user)

    def _view(self, request):
        return selectors.request_view(actor=self.request.user, request=request)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        views = selectors.request_views(actor=request.user, requests=page)
        return self.get_paginated_response(RequestSerializer(views, many=True).data)

    def _get(self):
        return selectors.request_get(actor=self.request.user, pk=_pk(self.kwargs["pk"]))

    def _reply(self, request, code=status.HTTP_200_OK):
        request = selectors.request_get(actor=self.request.user, pk=request.pk)
        return Response(RequestSerializer(self._view(request)).data, status=code)

    def retrieve(self, request, pk=None):
        return self._reply(self._get())

    def _person(self, return_request, person_id):
        view = self._view(return_request)
        person = next((p for p in view.people if p.pk == person_id), None)
        if person is None:
            raise ValidationError({"person": [_("This person is not part of the return request.")]})
        return person

    @extend_schema(request=RequestInSerializer, responses={201: RequestSerializer, **ERRORS})
    def create(self, request):
        d = _valid(RequestInSerializer, request.data)
        case = case_get(actor=request.user, number=d["case"])
        people = list(case_people(actor=request.user, case=case).filter(pk__in=d["people"]))
        if len(people) != len(set(d["people"])):
            raise ValidationError({"people": [_("This person is not a member of the case.")]})
        with refusals_as_400():
            created = services.return_request_create(
                actor=request.user,
                case=case,
                people=people,
                destination_country=d["destination_country"],
                destination_place=d.get("destination_place", ""),
                voluntary=d["voluntary"],
                informed_consent_on=d["informed_consent_on"],
                requested_on=d.get("requested_on"),
            )
        return self._reply(created, status.HTTP_201_CREATED)

    @extend_schema(request=DecideSerializer, responses={200: RequestSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        target, d = self._get(), _valid(DecideSerializer, request.data)
        with refusals_as_400():
            services.return_request_decide(
                actor=request.user,
                request=target,
                eligible=d["eligible"],
                reason=d["reason"],
                version=d.get("version"),
            )
        return self._reply(target)

    @extend_schema(request=ReturnNoteSerializer, responses={200: RequestSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        target, d = self._get(), _valid(ReturnNoteSerializer, request.data)
        with refusals_as_400():
            services.return_request_approve(
                actor=request.user, request=target, note=d["note"], version=d.get("version")
            )
        return self._reply(target)

    @extend_schema(request=ReturnNoteSerializer, responses={200: RequestSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        target, d = self._get(), _valid(ReturnNoteSerializer, request.data)
        with refusals_as_400():
            services.return_request_reject(
                actor=request.user, request=target, note=d["note"], version=d.get("version")
            )
        return self._reply(target)

    @extend_schema(request=WithdrawSerializer, responses={200: RequestSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        target, d = self._get(), _valid(WithdrawSerializer, request.data)
        with refusals_as_400():
            services.return_request_withdraw(
                actor=request.user,
                request=target,
                reason=d["reason"],
                on=d.get("on"),
                version=d.get("version"),
            )
        return self._reply(target)

    @extend_schema(request=TravelDocumentInSerializer, responses={200: RequestSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def documents(self, request, pk=None):
        target, d = self._get(), _valid(TravelDocumentInSerializer, request.data)
        person = self._person(target, d["person"])
        with refusals_as_400():
            services.travel_document_request(
                actor=request.user,
                request=target,
                person=person,
                kind=d["kind"],
                consulate=d["consulate"],
                requested_on=d["requested_on"],
            )
        return self._reply(target)

    @extend_schema(request=FitnessInSerializer, responses={200: RequestSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def fitness(self, request, pk=None):
        target, d = self._get(), _valid(FitnessInSerializer, request.data)
        d["person"] = self._person(target, d["person"])
        with refusals_as_400():
            services.fit_to_travel_record(actor=request.user, request=target, **d)
        return self._reply(target)

    @extend_schema(request=BookSerializer, responses={200: RequestSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def book(self, request, pk=None):
        target, d = self._get(), _valid(BookSerializer, request.data)
        movement = selectors.movement_get(actor=request.user, pk=d["movement"])
        with refusals_as_400():
            services.movement_book(actor=request.user, movement=movement, request=target)
        return self._reply(target)

    @extend_schema(request=HandoverInSerializer, responses={200: RequestSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def handover(self, request, pk=None):
        target, d = self._get(), _valid(HandoverInSerializer, request.data)
        with refusals_as_400():
            services.handover_send(
                actor=request.user, request=target, to_office=d["to_office"], note=d["note"]
            )
        return self._reply(target)


@extend_schema_view(
    list=extend_schema(responses={200: TravelDocumentSerializer(many=True), 400: INVALID, 404: NOT_FOUND}),
    retrieve=extend_schema(responses={200: TravelDocumentSerializer, 400: INVALID, 404: NOT_FOUND}),
)
class TravelDocumentViewSet(viewsets.ReadOnlyModelViewSet):
    """Travel documents of the people of returns the caller sees; `update` records what the consulate did."""

    serializer_class = TravelDocumentSerializer
    lookup_value_regex = "[^/]+"
    pagination_class = NewestFirst

    def get_queryset(self):
        from sankofa.cases.selectors import members_visible_to

        members = members_visible_to(self.request.user)
        return TravelDocument.objects.filter(
            request__in=selectors.requests_visible_to(self.request.user),
            person_id__in=members.values("person_id"),
        )

    def get_object(self):
        try:
            return self.get_queryset().select_related("request", "person").get(pk=_pk(self.kwargs["pk"]))
        except TravelDocument.DoesNotExist:
            raise Http404 from None

    @extend_schema(
        request=TravelDocumentUpdateSerializer, responses={200: TravelDocumentSerializer, **ERRORS}
    )
    @action(detail=True, methods=["post"])
    def update_status(self, request, pk=None):
        document, d = self.get_object(), _valid(TravelDocumentUpdateSerializer, request.data)
        with refusals_as_400():
            if d["action"] == "interview":
                if not d.get("day"):
                    raise DjangoValidationError(_("Give the date of the interview."))
                services.travel_document_interview(
                    actor=request.user, document=document, interview_on=d["day"], notes=d["notes"]
                )
            elif d["action"] == "issue":
                if not d.get("day") or not d.get("expires_on"):
                    raise DjangoValidationError(
                        _("Give the date of issue and the date until which it is valid.")
                    )
                services.travel_document_issue(
                    actor=request.user,
                    document=document,
                    number=d["number"],
                    issued_on=d["day"],
                    expires_on=d["expires_on"],
                )
            else:
                services.travel_document_refuse(actor=request.user, document=document, reason=d["notes"])
        document.refresh_from_db()
        return Response(TravelDocumentSerializer(document).data)


# --- Movements --------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(responses={200: MovementSerializer(many=True), 400: INVALID, 404: NOT_FOUND}),
    retrieve=extend_schema(responses={200: MovementSerializer, 400: INVALID, 404: NOT_FOUND}),
)
class MovementViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Individual bookings and charter movements organised by the caller's offices."""

    serializer_class = MovementSerializer
    lookup_value_regex = "[^/]+"
    pagination_class = NewestFirst

    def get_queryset(self):
        return selectors.movements_visible_to(self.request.user).prefetch_related("legs", "escorts")

    def get_object(self):
        return selectors.movement_get(actor=self.request.user, pk=_pk(self.kwargs["pk"]))

    def _reply(self, movement, code=status.HTTP_200_OK):
        return Response(MovementSerializer(self.get_queryset().get(pk=movement.pk)).data, status=code)

    @extend_schema(request=MovementInSerializer, responses={201: MovementSerializer, **ERRORS})
    def create(self, request):
        d = _valid(MovementInSerializer, request.data)
        with refusals_as_400():
            movement = services.movement_create(
                actor=request.user,
                office=d["office"],
                kind=d["kind"],
                reference=d["reference"],
                destination_country=d["destination_country"],
                departure_on=d["departure_on"],
                legs=[services.LegInput(**leg) for leg in d.get("legs", [])],
                escorts=[services.EscortInput(**e) for e in d.get("escorts", [])],
            )
        return self._reply(movement, status.HTTP_201_CREATED)

    def _step(self, request, service, **extra):
        movement, d = self.get_object(), _valid(MovementStepSerializer, request.data)
        if "on" in d and service in (services.movement_depart, services.movement_arrive):
            extra["on"] = d["on"]
        with refusals_as_400():
            service(actor=request.user, movement=movement, version=d.get("version"), **extra)
        return self._reply(movement)

    @extend_schema(request=MovementStepSerializer, responses={200: MovementSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def depart(self, request, pk=None):
        return self._step(request, services.movement_depart)

    @extend_schema(request=MovementStepSerializer, responses={200: MovementSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="in-transit")
    def in_transit(self, request, pk=None):
        return self._step(request, services.movement_in_transit)

    @extend_schema(request=MovementStepSerializer, responses={200: MovementSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def arrive(self, request, pk=None):
        return self._step(request, services.movement_arrive)

    @extend_schema(request=MovementStepSerializer, responses={200: MovementSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._step(request, services.movement_cancel)

    @extend_schema(request=BookingStatusSerializer, responses={200: BookingSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="booking-status")
    def booking_status(self, request, pk=None):
        movement, d = self.get_object(), _valid(BookingStatusSerializer, request.data)
        bookings = {b.pk: b for b in selectors.movement_bookings(actor=request.user, movement=movement)}
        if d["booking"] not in bookings:
            raise Http404
        with refusals_as_400():
            booking = services.booking_set_status(
                actor=request.user, booking=bookings[d["booking"]], status=d["status"]
            )
        booking.case_visible = bookings[booking.pk].case_visible
        return Response(BookingSerializer(booking).data)

    @extend_schema(responses={200: ManifestRowSerializer(many=True), 400: INVALID, 404: NOT_FOUND})
    @action(detail=True, methods=["get"])
    def manifest(self, request, pk=None):
        rows = selectors.manifest(actor=request.user, movement=self.get_object())
        return Response(ManifestRowSerializer(rows, many=True).data)


# --- Handovers --------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(responses={200: HandoverOutSerializer(many=True), 400: INVALID, 404: NOT_FOUND}),
    retrieve=extend_schema(responses={200: HandoverOutSerializer, 400: INVALID, 404: NOT_FOUND}),
)
class HandoverViewSet(viewsets.ReadOnlyModelViewSet):
    """Handovers sent by, or addressed to, the caller's offices: minimal data (the people who consented)."""

    serializer_class = HandoverOutSerializer
    lookup_value_regex = "[^/]+"
    pagination_class = NewestFirst

    def get_queryset(self):
        return selectors.handovers_visible_to(self.request.user).prefetch_related("people")

    def get_object(self):
        return selectors.handover_get(actor=self.request.user, pk=_pk(self.kwargs["pk"]))

    @extend_schema(request=None, responses={200: HandoverOutSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        handover = self.get_object()
        with refusals_as_400():
            handover = services.handover_acknowledge(actor=request.user, handover=handover)
        return Response(HandoverOutSerializer(handover).data)
