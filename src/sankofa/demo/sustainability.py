"""Demo sustainability monitoring: arrivals, scheduled surveys and plausible score trajectories.

Arrivals: every person of a return request that arrived (the charters of demo/returns.py) gets an
Arrival at the receiving office, if none exists; and, so that a year of follow-ups can be shown, up
to 40 principals of cases owned by each origin office are spontaneous returnees (no prior handover)
who arrived between three weeks and fourteen months ago. Surveys are scheduled by the service
(`followups_schedule`). Surveys already due are answered so that scores follow a trajectory: most
returnees start low and improve, some deteriorate, some stay flat; about one survey in eight that
fell due is left undone, so overdue lists have content; people without consent to monitoring are
never surveyed (the service would refuse). Answers are scored with the same pure
function as the services and written in bulk (no audit entries, as for all generated data).
Idempotent: nothing is done if a survey exists.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sankofa.access.models import Office
from sankofa.cases.models import Case, Consent
from sankofa.reintegration.models import Arrival, SurveyScore, SustainabilitySurvey
from sankofa.reintegration.scoring import scheme_data, score
from sankofa.reintegration.services import active_scheme, followups_schedule
from sankofa.returns.models import Handover, ReturnRequest

from .consents import consenting

SPONTANEOUS_PER_OFFICE = 40
TRAJECTORIES = (("improving", 0.7), ("deteriorating", 0.15), ("flat", 0.15))


def demo_sustainability_ensure(*, users: dict, seed: int = 11) -> dict[str, int]:
    if SustainabilitySurvey.objects.filter(conducted_on__isnull=False).exists():
        return {}  # recording an arrival schedules surveys, so only conducted ones mean "done before"
    rng = random.Random(seed)
    today = timezone.localdate()
    with transaction.atomic():
        arrivals = _arrivals_of_returns() + _spontaneous_arrivals(rng=rng, today=today)
        for arrival in Arrival.objects.select_related("case", "person").order_by("id"):
            followups_schedule(case=arrival.case, person=arrival.person)
        conducted, overdue = _answer(rng=rng, today=today, users=users)
    return {"arrivals": arrivals, "surveys conducted": conducted, "returnees behind schedule": overdue}


def _origin_office(country_id: str):
    return Office.objects.filter(country_id=country_id, kind=Office.Kind.ORIGIN).order_by("id").first()


def _arrivals_of_returns() -> int:
    made = []
    have = set(Arrival.objects.values_list("case_id", "person_id"))
    requests = ReturnRequest.objects.filter(status=ReturnRequest.Status.ARRIVED, arrived_on__isnull=False)
    for request in requests.prefetch_related("people").order_by("id"):
        handover = Handover.objects.filter(request=request).select_related("to_office").first()
        office = handover.to_office if handover else _origin_office(request.destination_country_id)
        if office is None:
            continue
        for person in request.people.all():
            if (request.case_id, person.pk) not in have:
                made.append(
                    Arrival(
                        case_id=request.case_id,
                        person=person,
                        return_request=request,
                        office=office,
                        arrived_on=request.arrived_on,
                        place=f"{office.name} airport",
                        received_by="IOM reception team",
                    )
                )
    Arrival.objects.bulk_create(made)
    return len(made)


def _spontaneous_arrivals(*, rng: random.Random, today: datetime.date) -> int:
    made = []
    for office in Office.objects.filter(kind=Office.Kind.ORIGIN).order_by("code"):
        cases = (
            Case.objects.filter(owning_office=office, status=Case.Status.OPEN)
            .exclude(arrivals__isnull=False)
            .order_by("id")[:SPONTANEOUS_PER_OFFICE]
        )
        for case in cases:
            made.append(
                Arrival(
                    case=case,
                    person_id=case.principal_id,
                    office=office,
                    arrived_on=today - datetime.timedelta(days=rng.randint(21, 430)),
                    point_of_entry=Arrival.PointOfEntry.AIRPORT,
                    place=f"{office.name} airport",
                    received_by="IOM reception team",
                )
            )
    Arrival.objects.bulk_create(made)
    return len(made)


def _pick(rng: random.Random, options, target: float) -> str:
    """The option nearest to the target level (with noise); now and then "don't know"."""
    unscored = [o for o in options if o.score is None]
    if unscored and rng.random() < 0.04:
        return unscored[0].code
    scored = [o for o in options if o.score is not None]
    wanted = min(1.0, max(0.0, target + rng.gauss(0, 0.18)))
    return min(scored, key=lambda o: abs(float(o.score) - wanted)).code


def _answer(*, rng: random.Random, today: datetime.date, users: dict) -> tuple[int, int]:
    scheme = active_scheme()
    data = scheme_data(scheme)
    questions = data.questions
    conductors = {  # the demo caseworker of the receiving office conducts its surveys
        m.office_id: u
        for name, u in users.items()
        if name.startswith("caseworker.")
        for m in u.memberships.all()
    }
    due = (
        SustainabilitySurvey.objects.filter(conducted_on__isnull=True, due_on__lte=today)
        .select_related("case")
        .order_by("case_id", "person_id", "due_on")
    )
    by_person: dict[tuple[int, int], list[SustainabilitySurvey]] = {}
    for survey in due:
        by_person.setdefault((survey.case_id, survey.person_id), []).append(survey)
    offices = dict(Arrival.objects.values_list("person_id", "office_id"))
    updated, scores, overdue = [], [], 0
    monitored = consenting(Consent.Purpose.MONITORING, cases={case_id for case_id, _p in by_person})
    for (case_id, person_id), surveys in by_person.items():
        if (case_id, person_id) not in monitored:
            continue  # no consent to monitoring: the service would refuse to conduct the survey
        kind = rng.choices([t for t, _w in TRAJECTORIES], weights=[w for _t, w in TRAJECTORIES])[0]
        level = rng.uniform(0.2, 0.42)
        step = {"improving": rng.uniform(0.08, 0.16), "deteriorating": -rng.uniform(0.05, 0.1), "flat": 0.0}[
            kind
        ]
        for index, survey in enumerate(surveys):
            recent = (today - survey.due_on).days < 75
            if recent and rng.random() < 0.45 or rng.random() < 0.06:
                overdue += 1
                break  # not done yet: this one (and any later one) is overdue
            target = level + step * index
            survey.answers = {q.code: _pick(rng, q.options, target) for q in questions}
            result = score(data, survey.answers)
            survey.conducted_on = min(today, survey.due_on + datetime.timedelta(days=rng.randint(0, 18)))
            survey.conducted_by = conductors.get(offices.get(person_id))
            survey.scheme = scheme
            survey.composite, survey.band = result.composite, result.band
            for key, value in result.dimensions.items():
                setattr(survey, key, value)
            updated.append(survey)
            scores.append(
                SurveyScore(
                    survey=survey,
                    scheme=scheme,
                    composite=result.composite,
                    band=result.band,
                    scored_by=survey.conducted_by,
                    **{k: v if v is None else Decimal(v) for k, v in result.dimensions.items()},
                )
            )
    fields = ["answers", "conducted_on", "conducted_by", "scheme", "economic", "social", "psychosocial"]
    SustainabilitySurvey.objects.bulk_update(updated, [*fields, "composite", "band"], batch_size=500)
    SurveyScore.objects.bulk_create(scores, batch_size=500)
    return len(updated), overdue
