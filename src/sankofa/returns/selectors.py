"""Every read of voluntary returns, starting from the scoped case selectors and the actor's offices."""

import collections
import dataclasses
import datetime

import rules
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from sankofa.access.roles import CASE_READERS
from sankofa.access.selectors import office_ids_of
from sankofa.cases import read_log
from sankofa.cases.models import Case, CaseAccess
from sankofa.cases.selectors import cases_visible_to, members_visible_to, person_ids_visible
from sankofa.people.models import Person

from .models import Booking, FitToTravel, Handover, Movement, ReturnRequest, TravelDocument
from .services import departure_blockers


def _with_details(qs: QuerySet[ReturnRequest]) -> QuerySet[ReturnRequest]:
    """Everything request_view reads, in a fixed number of queries for a whole page."""
    return qs.prefetch_related(
        "people",
        Prefetch("documents", queryset=TravelDocument.objects.select_related("person")),
        Prefetch("fitness", queryset=FitToTravel.objects.select_related("person")),
        Prefetch("bookings", queryset=Booking.objects.select_related("movement", "request__case")),
        Prefetch(
            "handovers",
            queryset=Handover.objects.select_related("to_office", "from_office", "case").prefetch_related(
                "people"
            ),
        ),
    )


def requests_visible_to(actor) -> QuerySet[ReturnRequest]:
    """Return requests of the cases the actor may see."""
    qs = ReturnRequest.objects.filter(case__in=cases_visible_to(actor)).select_related(
        "case", "case__owning_office", "case__principal", "destination_country"
    )
    return _with_details(qs)


def request_get(*, actor, pk) -> ReturnRequest:
    """One return request the actor may see, else 404."""
    try:
        request = requests_visible_to(actor).get(pk=pk)
    except (ReturnRequest.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    read_log.read(actor=actor, cases=[request.case_id], record=CaseAccess.Record.RETURN_REQUEST)
    return request


@dataclasses.dataclass
class RequestView:
    """A return request as the actor may see it: only the people visible to them (members_visible_to),
    and only those people's documents and checks."""

    request: ReturnRequest
    people: list[Person]
    documents: list[TravelDocument]
    fitness: list[FitToTravel]
    bookings: list[Booking]
    handovers: list[Handover]
    hidden_people: int
    blockers: list[str]


def _request_view(request: ReturnRequest, visible: set[int]) -> RequestView:
    people = list(request.people.all())
    shown = [p for p in people if p.pk in visible]
    return RequestView(
        request=request,
        people=shown,
        documents=[d for d in request.documents.all() if d.person_id in visible],
        fitness=[f for f in request.fitness.all() if f.person_id in visible],
        bookings=list(request.bookings.all()),
        handovers=list(request.handovers.all()),
        hidden_people=len(people) - len(shown),
        blockers=departure_blockers(request, day=timezone.localdate(), visible=visible)
        if request.status == ReturnRequest.Status.APPROVED
        else [],
    )


def request_view(*, actor, request: ReturnRequest) -> RequestView:
    return _request_view(request, person_ids_visible(actor=actor, case=request.case))


def request_views(*, actor, requests) -> list[RequestView]:
    """request_view for a page of requests (already scoped), with one visibility query for them all."""
    requests = list(requests)
    visible = collections.defaultdict(set)
    pairs = members_visible_to(actor).filter(case_id__in={r.case_id for r in requests})
    for case_id, person_id in pairs.values_list("case_id", "person_id"):
        visible[case_id].add(person_id)
    return [_request_view(r, visible[r.case_id]) for r in requests]


def case_returns(*, actor, case: Case) -> list[RequestView]:
    """The return requests of a case, for its page."""
    if not rules.has_perm("cases.view_case", actor, case):
        return []
    requests = _with_details(case.return_requests.select_related("destination_country", "case"))
    return request_views(actor=actor, requests=requests)


# --- Work queues: each one filtered to the actor's own offices ------------------------------------


def _own_requests(actor) -> QuerySet[ReturnRequest]:
    """Requests of cases owned by an office the actor works in or covers (not those shared with it)."""
    return ReturnRequest.objects.filter(
        case__owning_office_id__in=office_ids_of(actor, roles=CASE_READERS)
    ).select_related("case", "case__principal", "case__owning_office", "destination_country")


def queue_awaiting_approval(*, actor) -> QuerySet[ReturnRequest]:
    """Eligible requests waiting for a supervisor, oldest first."""
    return _own_requests(actor).filter(status=ReturnRequest.Status.ELIGIBLE).order_by("requested_on", "id")


def queue_documents_pending(*, actor) -> QuerySet[TravelDocument]:
    """Travel documents asked of a consulate and not yet issued or refused, for open requests."""
    return (
        TravelDocument.objects.filter(
            request__in=_own_requests(actor).filter(status__in=ReturnRequest.OPEN),
            status__in=[TravelDocument.Status.REQUESTED, TravelDocument.Status.INTERVIEWED],
        )
        .select_related("request__case", "person")
        .order_by("requested_on", "id")
    )


def queue_ready_to_travel(
    *, actor, day: datetime.date | None = None, limit: int = 200
) -> list[ReturnRequest]:
    """Approved requests whose people all hold a valid travel document and a fit result (the
    departure guard, services.departure_blockers, finds nothing to object)."""
    day = day or timezone.localdate()
    approved = (
        _own_requests(actor)
        .filter(status=ReturnRequest.Status.APPROVED)
        .prefetch_related(
            "people",
            "documents",
            "fitness",
            Prefetch("bookings", queryset=Booking.objects.select_related("movement")),
        )
        .order_by("approved_at", "id")
    )
    ready = []
    for request in approved[: limit * 5]:
        if not departure_blockers(request, day=day):
            request.active_booking = next(
                (b for b in request.bookings.all() if b.status in Booking.ACTIVE), None
            )
            ready.append(request)
            if len(ready) >= limit:
                break
    return ready


@dataclasses.dataclass
class ExpectedArrival:
    """What a receiving office sees of a handover before it acknowledges: the minimum to receive people."""

    handover: Handover
    case_number: str
    from_office: str
    people: list[dict]
    destination_place: str
    movement: str
    expected_on: object
    request_status: str


def _arrival(handover: Handover) -> ExpectedArrival:
    booking = next(
        (
            b
            for b in handover.request.bookings.all()
            if b.status in Booking.ACTIVE + (Booking.Status.ARRIVED,)
        ),
        None,
    )
    legs = list(booking.movement.legs.all()) if booking else []
    today = timezone.localdate()
    return ExpectedArrival(
        handover=handover,
        case_number=handover.case.number,
        from_office=str(handover.from_office),
        people=[
            {
                "name": p.full_name,
                "sex": p.get_sex_display(),
                "age": (today.year - p.date_of_birth.year) if p.date_of_birth else None,
            }
            for p in handover.people.all()
        ],
        destination_place=handover.request.destination_place,
        movement=booking.movement.reference if booking else "",
        expected_on=legs[-1].arrives_at if legs else (booking.movement.departure_on if booking else None),
        request_status=handover.request.get_status_display(),
    )


def handovers_to(actor) -> QuerySet[Handover]:
    """Handovers addressed to an office of the actor."""
    return (
        Handover.objects.filter(to_office_id__in=office_ids_of(actor, roles=CASE_READERS))
        .select_related("case", "from_office", "to_office", "request")
        .prefetch_related(
            "people",
            Prefetch(
                "request__bookings",
                queryset=Booking.objects.select_related("movement").prefetch_related("movement__legs"),
            ),
        )
    )


def queue_expected_arrivals(*, actor) -> list[ExpectedArrival]:
    """Handovers to the actor's offices whose people have not arrived yet: minimal data only."""
    qs = (
        handovers_to(actor)
        .exclude(status=Handover.Status.CANCELLED)
        .exclude(request__status=ReturnRequest.Status.ARRIVED)
    )
    return [_arrival(h) for h in qs.order_by("sent_at", "id")[:200]]


def handover_get(*, actor, pk) -> Handover:
    """A handover the actor may see: addressed to their office, or of a case they see. Else 404."""
    qs = Handover.objects.select_related("case", "from_office", "to_office", "request")
    try:
        handover = qs.get(pk=pk)
    except (Handover.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if rules.has_perm("returns.view_handover", actor, handover) or rules.has_perm(
        "cases.view_case", actor, handover.case
    ):
        return handover
    raise Http404


def expected_arrival(*, actor, handover: Handover) -> ExpectedArrival:
    return (
        _arrival(handovers_to(actor).get(pk=handover.pk))
        if rules.has_perm("returns.view_handover", actor, handover)
        else _arrival(handover)
    )


def handovers_visible_to(actor) -> QuerySet[Handover]:
    """Handovers addressed to the actor's offices or of cases the actor sees (for the API)."""
    from django.db.models import Q

    offices = office_ids_of(actor, roles=CASE_READERS)
    return Handover.objects.filter(
        Q(to_office_id__in=offices) | Q(case__in=cases_visible_to(actor))
    ).select_related("case", "from_office", "to_office", "request")


def queue_counts(*, actor) -> dict[str, int]:
    """How many items wait in each queue, for the home page."""
    return {
        "awaiting_approval": queue_awaiting_approval(actor=actor).count(),
        "documents_pending": queue_documents_pending(actor=actor).count(),
        "ready_to_travel": len(queue_ready_to_travel(actor=actor)),
        "expected_arrivals": len(queue_expected_arrivals(actor=actor)),
    }


# --- Movements ------------------------------------------------------------------------------------


def movements_visible_to(actor) -> QuerySet[Movement]:
    """Movements organised by an office of the actor (their manifests list everyone on board)."""
    return Movement.objects.filter(office_id__in=office_ids_of(actor, roles=CASE_READERS)).select_related(
        "office", "destination_country"
    )


def movement_get(*, actor, pk) -> Movement:
    try:
        return movements_visible_to(actor).get(pk=pk)
    except (Movement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclasses.dataclass
class ManifestRow:
    number: int
    case_number: str
    name: str
    sex: str
    date_of_birth: object
    nationality: str
    document: str
    fitness: str
    special_needs: str
    status: str


def _visible_pairs(actor, case_ids) -> set[tuple[int, int]]:
    """(case, person) pairs of those cases the actor may see (members_visible_to), in one query."""
    members = members_visible_to(actor).filter(case_id__in=set(case_ids))
    return set(members.values_list("case_id", "person_id"))


def movement_bookings(*, actor, movement: Movement) -> list[Booking]:
    """The bookings of a movement; a booking of a case the actor cannot see keeps its status but
    not its case (`case_visible` False): the movement's office is not the case's."""
    bookings = list(movement_get(actor=actor, pk=movement.pk).bookings.select_related("request__case"))
    visible = set(
        cases_visible_to(actor)
        .filter(pk__in={b.request.case_id for b in bookings})
        .values_list("pk", flat=True)
    )
    for booking in bookings:
        booking.case_visible = booking.request.case_id in visible
    return bookings


def manifest(*, actor, movement: Movement) -> list[ManifestRow]:
    """The passengers of a movement, one row per person, in booking order (cancelled bookings left out).
    A movement is organised by one office but may carry people of cases of others (booked by a
    regional supervisor): a passenger the actor may not see (members_visible_to) is one row with
    nothing about them but the booking status, so that the head count stays right."""
    movement = movement_get(actor=actor, pk=movement.pk)
    bookings = list(
        movement.bookings.exclude(status=Booking.Status.CANCELLED)
        .select_related("request__case")
        .prefetch_related("request__people__nationality", "request__documents", "request__fitness")
    )
    visible = _visible_pairs(actor, [b.request.case_id for b in bookings])
    read_log.read(actor=actor, cases={case for case, _person in visible}, record=CaseAccess.Record.MANIFEST)
    rows = []
    for booking in bookings:
        request = booking.request
        documents = {
            d.person_id: d for d in request.documents.all() if d.status == TravelDocument.Status.ISSUED
        }
        fitness = {}
        for check in sorted(request.fitness.all(), key=lambda c: (c.checked_on, c.pk)):
            fitness[check.person_id] = check
        for person in sorted(request.people.all(), key=lambda p: p.pk):
            if (request.case_id, person.pk) not in visible:
                rows.append(_restricted_row(len(rows) + 1, booking))
                continue
            doc, check = documents.get(person.pk), fitness.get(person.pk)
            rows.append(
                ManifestRow(
                    number=len(rows) + 1,
                    case_number=request.case.number,
                    name=person.full_name,
                    sex=person.get_sex_display(),
                    date_of_birth=person.date_of_birth,
                    nationality=person.nationality.name if person.nationality_id else "",
                    document=f"{doc.get_kind_display()} {doc.number}" if doc else "",
                    fitness=check.get_result_display() if check else "",
                    special_needs=", ".join(check.special_needs) if check else "",
                    status=booking.get_status_display(),
                )
            )
    return rows


def _restricted_row(number: int, booking: Booking) -> ManifestRow:
    from django.utils.translation import gettext as _

    return ManifestRow(
        number=number,
        case_number="",
        name=_("Passenger of a case you may not see"),
        sex="",
        date_of_birth=None,
        nationality="",
        document="",
        fitness="",
        special_needs="",
        status=booking.get_status_display(),
    )


def bookable_requests(*, actor, movement: Movement) -> QuerySet[ReturnRequest]:
    """Approved requests of the actor's offices, to the movement's country, not booked yet."""
    return (
        _own_requests(actor)
        .filter(status=ReturnRequest.Status.APPROVED, destination_country=movement.destination_country)
        .exclude(bookings__status__in=Booking.ACTIVE)
        .order_by("approved_at", "id")
    )
