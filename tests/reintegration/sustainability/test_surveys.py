"""Scheduling, conducting and rescoring sustainability surveys; overdue lists; who sees what."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from sankofa.programmes.models import Programme, ProgrammeCase
from sankofa.reintegration import selectors, services
from sankofa.reintegration.models import SurveyScore, SustainabilitySurvey
from sankofa.reintegration.scheme_files import DEFAULT_FILE, read_scheme_file
from sankofa.reintegration.selectors import DueFilters

from .conftest import answers_all

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def schedule(case, person):
    return services.followups_schedule(case=case, person=person)


def _due(case, person):
    return list(
        SustainabilitySurvey.objects.filter(case=case, person=person)
        .order_by("due_on")
        .values_list("kind", "month", "due_on")
    )


# --- Scheduling -----------------------------------------------------------------------------------


@override_settings(SANKOFA_FOLLOW_UP_MONTHS=(3, 6, 12))
def test_baseline_within_a_month_and_follow_ups_at_the_default_months(family, mother, returned_on):
    schedule(family, mother)
    add = services.add_months
    assert _due(family, mother) == [
        ("baseline", None, add(returned_on, 1)),
        ("follow_up", 3, add(returned_on, 3)),
        ("follow_up", 6, add(returned_on, 6)),
        ("follow_up", 12, add(returned_on, 12)),
    ]


def test_scheduling_twice_schedules_nothing_more(family, mother):
    assert len(schedule(family, mother)) == 4
    assert schedule(family, mother) == []
    assert SustainabilitySurvey.objects.filter(case=family, person=mother).count() == 4


def test_programme_months_replace_the_default(family, mother, returned_on):
    programme = Programme.objects.create(
        code="P1",
        name_en="P1",
        name_fr="P1",
        starts_on=returned_on - datetime.timedelta(days=400),
        ends_on=returned_on + datetime.timedelta(days=800),
        follow_up_months="2,9",
    )
    ProgrammeCase.objects.create(programme=programme, case=family)
    schedule(family, mother)
    months = [m for _k, m, _d in _due(family, mother)]
    assert months == [None, 2, 9]


def test_no_arrival_no_schedule(case_a):
    assert schedule(case_a, case_a.principal) == []


def test_month_end_dates_fall_on_the_last_day():
    assert services.add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert services.add_months(datetime.date(2024, 11, 30), 3) == datetime.date(2025, 2, 28)
    assert services.add_months(datetime.date(2024, 12, 15), 12) == datetime.date(2025, 12, 15)


def test_the_nightly_job_schedules_every_arrival_lacking_surveys(family, mother, son):
    from sankofa.reintegration.tasks import surveys_schedule_task

    schedule(family, mother)
    surveys_schedule_task.enqueue()
    assert SustainabilitySurvey.objects.filter(person=son).count() == 4
    assert SustainabilitySurvey.objects.filter(person=mother).count() == 4


# --- Conducting -----------------------------------------------------------------------------------


def conduct(actor, survey, answers, on=None):
    return services.survey_conduct(actor=actor, survey=survey, answers=answers, conducted_on=on or TODAY())


def test_conducting_scores_with_the_active_scheme(family, mother, origin_caseworker, scheme):
    baseline = schedule(family, mother)[0]
    survey = conduct(origin_caseworker, baseline, answers_all(scheme, lambda opts: opts[-1]))
    assert survey.scheme == scheme
    assert (survey.economic, survey.social, survey.psychosocial, survey.composite) == (Decimal(1),) * 4
    assert survey.band == "high"
    assert survey.scores.get().is_current
    assert LogEntry.objects.get_for_model(SustainabilitySurvey).exists()


def test_every_question_needs_an_answer_dont_know_included(family, mother, origin_caseworker, scheme):
    baseline = schedule(family, mother)[0]
    answers = answers_all(scheme, lambda opts: opts[0])
    answers.pop("psy-help")
    with pytest.raises(ValidationError, match="psy-help"):
        conduct(origin_caseworker, baseline, answers)
    answers["psy-help"] = "dk"
    survey = conduct(origin_caseworker, baseline, answers)
    assert survey.composite == Decimal(0)


def test_an_answer_that_is_not_an_option_is_refused(family, mother, origin_caseworker, scheme):
    baseline = schedule(family, mother)[0]
    answers = answers_all(scheme, lambda opts: opts[0])
    answers["eco-debt"] = "lottery"
    with pytest.raises(ValidationError, match="lottery"):
        conduct(origin_caseworker, baseline, answers)


def test_a_survey_is_conducted_once_and_not_in_the_future(family, mother, origin_caseworker, scheme):
    baseline = schedule(family, mother)[0]
    answers = answers_all(scheme, lambda opts: opts[0])
    with pytest.raises(ValidationError, match="future"):
        conduct(origin_caseworker, baseline, answers, on=TODAY() + datetime.timedelta(days=1))
    conduct(origin_caseworker, baseline, answers)
    with pytest.raises(ValidationError, match="already"):
        conduct(origin_caseworker, baseline, answers)


def test_shared_office_cannot_survey_a_member_who_did_not_consent(family, son, origin_caseworker, scheme):
    baseline = schedule(family, son)[0]
    with pytest.raises(PermissionDenied):
        conduct(origin_caseworker, baseline, answers_all(scheme, lambda opts: opts[0]))


def test_another_office_cannot_conduct(family, mother, caseworker_b, scheme):
    baseline = schedule(family, mother)[0]
    with pytest.raises(PermissionDenied):
        conduct(caseworker_b, baseline, answers_all(scheme, lambda opts: opts[0]))


# --- Versioning and rescoring ---------------------------------------------------------------------


def _heavier_economy():
    parsed = read_scheme_file(DEFAULT_FILE)
    parsed.dimensions = [(k, Decimal(2) if k == "economic" else w) for k, w in parsed.dimensions]
    return parsed


def test_a_new_version_does_not_change_surveys_already_scored(family, mother, origin_caseworker, scheme):
    survey = conduct(origin_caseworker, schedule(family, mother)[0], _economy_good_rest_bad(scheme))
    assert survey.composite == Decimal("0.333")  # (1 + 0 + 0) / 3
    v2 = services.scheme_load(parsed=_heavier_economy(), activate=True)
    assert v2.version == 2 and v2.code == scheme.code
    survey.refresh_from_db()
    assert (survey.scheme, survey.composite) == (scheme, Decimal("0.333"))
    scheme.refresh_from_db()
    assert not scheme.is_active


def _economy_good_rest_bad(scheme):
    return {
        q.code: max(q.options.exclude(score=None), key=lambda o: o.score).code
        if q.dimension.key == "economic"
        else min(q.options.exclude(score=None), key=lambda o: o.score).code
        for q in scheme.questions.select_related("dimension")
    }


def test_rescoring_is_explicit_and_keeps_the_previous_scores(
    family, mother, origin_caseworker, origin_me, scheme
):
    survey = conduct(origin_caseworker, schedule(family, mother)[0], _economy_good_rest_bad(scheme))
    v2 = services.scheme_load(parsed=_heavier_economy())
    survey = services.survey_rescore(actor=origin_me, survey=survey, scheme=v2, reason="Official weights")
    assert survey.scheme == v2
    assert survey.composite == Decimal("0.500")  # (2×1 + 0 + 0) / 4
    history = list(survey.scores.order_by("id").values_list("scheme__version", "composite", "is_current"))
    assert history == [(1, Decimal("0.333"), False), (2, Decimal("0.500"), True)]
    assert LogEntry.objects.get_for_model(SurveyScore).count() >= 2
    assert survey.case.timeline.filter(kind="survey.rescored").exists()


def test_a_caseworker_may_not_rescore(family, mother, origin_caseworker, scheme):
    survey = conduct(origin_caseworker, schedule(family, mother)[0], answers_all(scheme, lambda o: o[0]))
    v2 = services.scheme_load(parsed=_heavier_economy())
    with pytest.raises(PermissionDenied):
        services.survey_rescore(actor=origin_caseworker, survey=survey, scheme=v2, reason="why not")


def test_rescoring_needs_a_reason_and_another_version(family, mother, origin_caseworker, origin_me, scheme):
    survey = conduct(origin_caseworker, schedule(family, mother)[0], answers_all(scheme, lambda o: o[0]))
    with pytest.raises(ValidationError, match="already"):
        services.survey_rescore(actor=origin_me, survey=survey, scheme=scheme, reason="again")
    v2 = services.scheme_load(parsed=_heavier_economy())
    with pytest.raises(ValidationError, match="why"):
        services.survey_rescore(actor=origin_me, survey=survey, scheme=v2, reason=" ")


# --- Overdue lists --------------------------------------------------------------------------------


def test_overdue_per_caseworker_and_per_office(
    family, mother, son, origin_caseworker, origin_office, supervisor_a, caseworker_a, office_b, scheme
):
    from sankofa.cases.services import case_assign

    schedule(family, mother)
    schedule(family, son)
    # 150 days after return: the baseline and the 3-month follow-up are overdue
    overdue = selectors.surveys_due(actor=origin_caseworker, filters=DueFilters(overdue_only=True))
    assert sorted(s.month or 0 for s in overdue) == [0, 3]  # the mother only: the son did not consent
    assert selectors.surveys_due(actor=origin_caseworker, filters=DueFilters(mine=True)).count() == 0
    case_assign(actor=supervisor_a, case=family, assignee=caseworker_a)
    mine = selectors.surveys_due(actor=caseworker_a, filters=DueFilters(mine=True, overdue_only=True))
    assert mine.count() == 4  # both people, seen from the owning office
    by_office = DueFilters(office_id=origin_office.pk, overdue_only=True)
    assert selectors.surveys_due(actor=caseworker_a, filters=by_office).count() == 4
    assert selectors.surveys_due(actor=caseworker_a, filters=DueFilters(office_id=office_b.pk)).count() == 0
    assert selectors.overdue_counts(actor=caseworker_a) == {"mine": 4, "all": 4}
    conduct(origin_caseworker, overdue[0], answers_all(scheme, lambda o: o[0]))
    assert selectors.overdue_counts(actor=caseworker_a) == {"mine": 3, "all": 3}


def test_another_office_sees_no_survey(family, mother, caseworker_b):
    schedule(family, mother)
    assert not selectors.surveys_visible_to(caseworker_b).exists()
    assert selectors.overdue_counts(actor=caseworker_b) == {"mine": 0, "all": 0}


def test_surveys_of_a_closed_case_are_not_due(family, mother, supervisor_a, caseworker_a):
    from sankofa.cases.services import case_close_or_reopen

    schedule(family, mother)
    assert selectors.surveys_due(actor=caseworker_a, filters=DueFilters(overdue_only=True)).count() == 2
    case_close_or_reopen(actor=supervisor_a, case=family, status="closed")
    assert selectors.surveys_due(actor=caseworker_a, filters=DueFilters(overdue_only=True)).count() == 0


def test_a_survey_needs_consent_to_monitoring_in_force_when_it_is_conducted(
    family, mother, origin_caseworker, supervisor_a, scheme
):
    from sankofa.cases import services as case_services
    from sankofa.cases.models import Consent

    baseline = schedule(family, mother)[0]
    scheduled = SustainabilitySurvey.objects.count()
    given = Consent.objects.get(person=mother, purpose=Consent.Purpose.MONITORING)
    case_services.consent_withdraw(actor=supervisor_a, case=family, consent=given)
    answers = answers_all(scheme, lambda opts: opts[0])
    with pytest.raises(ValidationError, match="Aïssatou DIALLO has no consent to monitoring in force"):
        conduct(origin_caseworker, baseline, answers)
    with pytest.raises(ValidationError, match="no consent to monitoring in force"):
        services.survey_record(
            actor=origin_caseworker, case=family, person=mother, kind=SustainabilitySurvey.Kind.FOLLOW_UP,
            answers=answers, conducted_on=TODAY(),
        )  # fmt: skip
    assert not SustainabilitySurvey.objects.filter(conducted_on__isnull=False).exists()
    assert SustainabilitySurvey.objects.count() == scheduled  # the unscheduled survey was not kept
