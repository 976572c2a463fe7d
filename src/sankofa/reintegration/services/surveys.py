"""Sustainability survey writes: scoring schemes, scheduling, conducting and rescoring."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from sankofa.access.permissions import ensure
from sankofa.cases.models import Case, Consent
from sankofa.cases.services import consent_required, timeline_record
from sankofa.people.models import Person

from ..models import Arrival
from ..models import surveys as survey_models
from ..models.surveys import ScoringScheme, SurveyScore, SustainabilitySurvey
from ..schedule import follow_up_months_for
from ..scheme_files import ParsedScheme, scheme_store
from ..scoring import scheme_data, score
from .common import _member_or_refuse

BASELINE_WITHIN_MONTHS = 1  # the baseline falls due a month after return (before the plan is made)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day (31 January + 1 month = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def active_scheme() -> ScoringScheme:
    scheme = ScoringScheme.objects.filter(is_active=True).first()
    if scheme is None:
        raise ValidationError(_("No scoring scheme is active: load one with `sankofa load_scoring_scheme`."))
    return scheme


@transaction.atomic
def scheme_load(
    *, parsed: ParsedScheme, source: str = "", activate: bool = False, actor=None
) -> ScoringScheme:
    """Store a checked scheme file as a NEW version of its code (never edits an existing version,
    whose scores must stay reproducible). With `activate`, new surveys are scored with it."""
    last = (
        ScoringScheme.objects.select_for_update()
        .filter(code=parsed.code)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    scheme = scheme_store(
        parsed, models=survey_models, version=(last or 0) + 1, source=source, loaded_by=actor
    )
    if activate or not ScoringScheme.objects.filter(is_active=True).exists():
        scheme_activate(scheme=scheme)
    return scheme


@transaction.atomic
def scheme_activate(*, scheme: ScoringScheme) -> ScoringScheme:
    """Make `scheme` the version new surveys are scored with (surveys already scored keep theirs)."""
    ScoringScheme.objects.select_for_update().filter(is_active=True).exclude(pk=scheme.pk).update(
        is_active=False
    )
    if not scheme.is_active:
        scheme.is_active = True
        scheme.save(update_fields=["is_active", "updated_at"])
    return scheme


@transaction.atomic
def followups_schedule(*, case: Case, person: Person) -> list[SustainabilitySurvey]:
    """Schedule the baseline and the follow-up surveys of a returnee from their latest arrival:
    baseline due a month after return, follow-ups at the months `follow_up_months_for` gives (the
    programme's, or the default 3, 6, 12). Idempotent: creates only what is missing, never moves or
    removes a survey already scheduled. A system action (after an arrival; nightly for all)."""
    arrival = Arrival.objects.filter(case=case, person=person).order_by("-arrived_on", "-id").first()
    if arrival is None:
        return []
    Case.objects.select_for_update().filter(pk=case.pk).first()  # two schedulers: one wins
    existing = SustainabilitySurvey.objects.filter(case=case, person=person)
    created = []
    if not existing.filter(kind=SustainabilitySurvey.Kind.BASELINE).exists():
        created.append(
            SustainabilitySurvey.objects.create(
                case=case,
                person=person,
                kind=SustainabilitySurvey.Kind.BASELINE,
                due_on=add_months(arrival.arrived_on, BASELINE_WITHIN_MONTHS),
            )
        )
    have = set(existing.filter(kind=SustainabilitySurvey.Kind.FOLLOW_UP).values_list("month", flat=True))
    for month in follow_up_months_for(case, arrival.arrived_on):
        if month not in have:
            created.append(
                SustainabilitySurvey.objects.create(
                    case=case,
                    person=person,
                    kind=SustainabilitySurvey.Kind.FOLLOW_UP,
                    month=month,
                    due_on=add_months(arrival.arrived_on, month),
                )
            )
    return created


def surveys_schedule_missing() -> int:
    """Schedule surveys for every arrival whose returnee has none yet (the nightly task and
    `sankofa schedule_surveys`); returns how many surveys were scheduled."""
    scheduled = SustainabilitySurvey.objects.filter(
        case_id=OuterRef("case_id"), person_id=OuterRef("person_id")
    )
    lacking = Arrival.objects.exclude(Exists(scheduled)).select_related("case", "person").order_by("id")
    return sum(len(followups_schedule(case=a.case, person=a.person)) for a in lacking.iterator())


def _validated_answers(scheme: ScoringScheme, answers: dict) -> dict[str, str]:
    data = scheme_data(scheme)
    clean, errors = {}, []
    for code, option in (answers or {}).items():
        question = data.question(str(code))
        if question is None:
            errors.append(_("“%(code)s” is not a question of this scheme.") % {"code": code})
        elif option in (None, ""):
            continue
        elif question.option(str(option)) is None:
            errors.append(
                _("“%(option)s” is not an answer to question “%(code)s”.") % {"option": option, "code": code}
            )
        else:
            clean[str(code)] = str(option)
    missing = [q.code for q in data.questions if q.code not in clean]
    if missing:
        errors.append(
            _("Answer every question (choose “don't know” where it applies): %(codes)s.")
            % {"codes": ", ".join(missing)}
        )
    if errors:
        raise ValidationError(errors)
    return clean


def _apply_score(
    *, survey: SustainabilitySurvey, scheme: ScoringScheme, actor, reason: str = ""
) -> SurveyScore:
    result = score(scheme_data(scheme), survey.answers)
    SurveyScore.objects.filter(survey=survey, is_current=True).update(is_current=False)
    row = SurveyScore.objects.create(
        survey=survey,
        scheme=scheme,
        composite=result.composite,
        band=result.band,
        scored_by=actor,
        reason=reason,
        **result.dimensions,
    )
    survey.scheme = scheme
    survey.composite, survey.band = result.composite, result.band
    for key, value in result.dimensions.items():
        setattr(survey, key, value)
    return row


SCORE_FIELDS = ["scheme", "economic", "social", "psychosocial", "composite", "band", "updated_at"]


@transaction.atomic
def survey_conduct(
    *,
    actor,
    survey: SustainabilitySurvey,
    answers: dict,
    conducted_on: datetime.date,
    notes: str = "",
) -> SustainabilitySurvey:
    """Record a scheduled survey's answers and score them with the active scheme version. Caseworkers
    of an office that sees the case and the person; once, on or before today and not before return;
    only with the person's consent to monitoring in force when it is conducted."""
    survey = SustainabilitySurvey.objects.select_for_update().select_related("case").get(pk=survey.pk)
    ensure(actor, "reintegration.conduct_survey", survey)
    if survey.is_conducted:
        raise ValidationError(_("This survey has already been conducted."))
    if conducted_on > timezone.localdate():
        raise ValidationError(_("A survey cannot be conducted in the future."))
    arrival = Arrival.objects.filter(case=survey.case, person=survey.person).order_by("arrived_on").first()
    if arrival and conducted_on < arrival.arrived_on:
        raise ValidationError(_("A survey cannot be conducted before the return."))
    consent_required(case=survey.case, people=[survey.person], purpose=Consent.Purpose.MONITORING)
    scheme = active_scheme()
    survey.answers = _validated_answers(scheme, answers)
    survey.conducted_on, survey.conducted_by, survey.notes = conducted_on, actor, notes
    _apply_score(survey=survey, scheme=scheme, actor=actor)
    survey.save(update_fields=["answers", "conducted_on", "conducted_by", "notes", *SCORE_FIELDS])
    timeline_record(
        case=survey.case,
        actor=actor,
        kind="survey.conducted",
        person=survey.person,
        data={
            "kind": survey.kind,
            "month": survey.month,
            "composite": None if survey.composite is None else str(survey.composite),
        },
    )
    return survey


@transaction.atomic
def survey_record(
    *,
    actor,
    case: Case,
    person: Person,
    kind: str,
    answers: dict,
    conducted_on: datetime.date,
    notes: str = "",
) -> SustainabilitySurvey:
    """An unscheduled survey (an extra follow-up, or a baseline before any was scheduled): created
    and conducted at once. A second baseline for the same person is refused."""
    ensure(actor, "reintegration.add_survey", case)
    _member_or_refuse(actor=actor, case=case, person=person)
    if kind not in SustainabilitySurvey.Kind.values:
        raise ValidationError(_("Unknown kind of survey."))
    if kind == SustainabilitySurvey.Kind.BASELINE:
        baseline = SustainabilitySurvey.objects.filter(case=case, person=person, kind=kind).first()
        if baseline and baseline.is_conducted:
            raise ValidationError(_("This person already has a baseline survey."))
        if baseline:  # the scheduled baseline is the one to conduct
            return survey_conduct(
                actor=actor, survey=baseline, answers=answers, conducted_on=conducted_on, notes=notes
            )
    survey = SustainabilitySurvey.objects.create(case=case, person=person, kind=kind)
    return survey_conduct(actor=actor, survey=survey, answers=answers, conducted_on=conducted_on, notes=notes)


@transaction.atomic
def survey_rescore(
    *, actor, survey: SustainabilitySurvey, scheme: ScoringScheme, reason: str
) -> SustainabilitySurvey:
    """Score a conducted survey again under another scheme version: an explicit act of a supervisor
    or M&E officer, with a reason. The previous scores stay as history (SurveyScore rows)."""
    survey = SustainabilitySurvey.objects.select_for_update().select_related("case").get(pk=survey.pk)
    ensure(actor, "reintegration.rescore_survey", survey)
    if not survey.is_conducted:
        raise ValidationError(_("Only a conducted survey can be rescored."))
    if survey.scheme_id == scheme.pk:
        raise ValidationError(_("This survey is already scored with this scheme version."))
    if not reason.strip():
        raise ValidationError(_("Say why the survey is rescored."))
    previous = survey.scheme
    _apply_score(survey=survey, scheme=scheme, actor=actor, reason=reason)
    survey.save(update_fields=SCORE_FIELDS)
    timeline_record(
        case=survey.case,
        actor=actor,
        kind="survey.rescored",
        note=reason,
        person=survey.person,
        data={"from": str(previous), "to": str(scheme)},
    )
    return survey
