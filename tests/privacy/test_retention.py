"""Retention: a closed case past its period is anonymised (names, contacts, documents, free text and
search forms gone) once a data-protection focal point approved the run; a case on legal hold and a
recently closed one are untouched; the dry run writes nothing; every indicator figure is identical
before and after."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from sankofa.assistance.models import AssistanceRecord
from sankofa.cases.models import Case, CaseAccess, CaseMember, TimelineEvent, VulnerabilityFlag
from sankofa.cases.selectors import CaseFilters, case_list
from sankofa.people.models import IdentityDocument, Person, PersonAlias, PersonNameToken
from sankofa.privacy.models import LegalHold, RetentionRun
from sankofa.privacy.services import (
    legal_hold_lift,
    legal_hold_set,
    retention_approve,
    retention_daily,
    retention_dry_run,
    retention_execute,
    retention_propose,
)
from sankofa.programmes.indicators import INDICATORS, IndicatorFilters, indicator_breakdown, indicator_total
from sankofa.reports.facts import fact_breakdown, fact_monthly, fact_totals, facts_rebuild
from sankofa.returns.models import ReturnRequest

from .conftest import LONG_AGO, close, full_case

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def lifecycle(caseworker_a, supervisor_a, office_a):
    old = full_case(
        actor=caseworker_a,
        office=office_a,
        given="Aïssatou",
        family="Kourouma",
        phone="+227 90 12 34 56",
        passport="GN1234567",
    )
    held = full_case(
        actor=caseworker_a,
        office=office_a,
        given="Fatoumata",
        family="Sylla",
        phone="+227 91 00 00 01",
        passport="GN7654321",
    )
    recent = full_case(
        actor=caseworker_a,
        office=office_a,
        given="Mariama",
        family="Bah",
        phone="+227 92 00 00 02",
        passport="GN5555555",
        sex="F",
        born=D(2008, 11, 30),
    )
    open_ = full_case(
        actor=caseworker_a,
        office=office_a,
        given="Kadiatou",
        family="Camara",
        phone="+227 93 00 00 03",
        passport="GN9999999",
        born=D(1975, 1, 1),
    )
    legal_hold_set(case=held, actor=supervisor_a, reason="Prosecution of traffickers, court of Niamey")
    close(old, at=LONG_AGO)
    close(held, at=LONG_AGO)
    close(recent)
    CaseAccess.objects.create(case=old, user=caseworker_a, channel="web")
    CaseAccess.objects.filter(case=old).update(at=LONG_AGO)
    return {"old": old, "held": held, "recent": recent, "open": open_}


def approved_run(dpo):
    return retention_approve(run=retention_propose(), actor=dpo)


def names_of(case):
    return sorted(Person.objects.filter(memberships__case=case).values_list("given_name", "family_name"))


def found(actor, q):
    return list(case_list(actor=actor, filters=CaseFilters(q=q)).values_list("number", flat=True))


def test_closed_case_past_retention_is_anonymised(lifecycle, dpo_a, caseworker_a):
    old = lifecycle["old"]
    person = old.principal
    run = retention_execute(run=approved_run(dpo_a), actor=dpo_a)
    rows = run.result["closed_cases"]["rows"]
    assert (rows["cases.VulnerabilityFlag"], rows["people.Person"], rows["people.PersonAlias"]) == (1, 2, 1)

    person.refresh_from_db()
    assert (person.given_name, person.family_name, person.given_name_original, person.phone) == (
        "***",
        "",
        "",
        "",
    )
    assert person.phone_normalised == "" and person.name_folded == ""
    assert not PersonNameToken.objects.filter(person__memberships__case=old).exists()
    assert not PersonAlias.objects.filter(person=person).exists()
    assert list(
        IdentityDocument.objects.filter(person=person).values_list("number", "number_normalised")
    ) == [("", "")]
    assert VulnerabilityFlag.objects.get(case=old).notes == ""
    assert list(AssistanceRecord.objects.filter(case=old).values_list("notes", "place")) == [("", "")]
    assert ReturnRequest.objects.get(case=old).approval_note == ""
    for event in TimelineEvent.objects.filter(case=old):
        assert "Aïssatou" not in event.note and "Kourouma" not in str(event.data), event.kind
    assert TimelineEvent.objects.filter(case=old, kind="privacy.anonymised").exists()
    # What indicators need stays: sex, date of birth, nationality, the case number.
    assert (person.sex, person.date_of_birth, person.nationality.iso3) == ("F", D(1990, 5, 17), "GIN")
    assert Case.objects.get(pk=old.pk).number == old.number
    # Searching by the old name, phone or passport finds nothing; the others are still found.
    for q in ("Kourouma", "Aïssatou Kourouma", "90 12 34 56", "GN1234567", "Ibrahima Kourouma"):
        assert found(caseworker_a, q) == [], q
    assert found(caseworker_a, "Sylla") == [lifecycle["held"].number]
    # The audit trail says it happened, without the old values.
    entries = LogEntry.objects.filter(content_type__model="person", object_pk=str(person.pk))
    assert entries.filter(additional_data__anonymisation="retention").exists()
    assert "Kourouma" not in str(list(entries.values_list("changes", "object_repr", "serialized_data")))
    # The access log older than its period is gone.
    assert not CaseAccess.objects.filter(case=old).exists()
    # Lawful changes and deletions: the audit chains still verify, and say how many were redacted.
    from sankofa.access import audit_chain

    verified = audit_chain.verify()
    assert verified.intact, verified.first
    assert verified.redacted > 0


def test_held_recent_and_open_cases_are_untouched(lifecycle, dpo_a):
    before = {k: names_of(lifecycle[k]) for k in ("held", "recent", "open")}
    notes = {k: VulnerabilityFlag.objects.get(case=lifecycle[k]).notes for k in ("held", "recent", "open")}
    run = retention_execute(run=approved_run(dpo_a), actor=dpo_a)
    assert run.report["closed_cases"]["numbers"] == [lifecycle["old"].number]
    assert run.report["legal_hold"]["numbers"] == [lifecycle["held"].number]
    assert {k: names_of(lifecycle[k]) for k in before} == before
    assert {k: VulnerabilityFlag.objects.get(case=lifecycle[k]).notes for k in notes} == notes
    assert PersonNameToken.objects.filter(person__memberships__case=lifecycle["held"]).exists()


def test_lifted_hold_lets_the_case_go_at_the_next_run(lifecycle, dpo_a, supervisor_a):
    legal_hold_lift(case=lifecycle["held"], actor=supervisor_a, reason="Trial over")
    TimelineEvent.objects.filter(case=lifecycle["held"]).update(at=LONG_AGO)  # nothing written since
    Case.objects.filter(pk=lifecycle["held"].pk).update(updated_at=LONG_AGO)
    run = retention_execute(run=approved_run(dpo_a), actor=dpo_a)
    assert sorted(run.report["closed_cases"]["numbers"]) == sorted(
        [lifecycle["old"].number, lifecycle["held"].number]
    )
    assert names_of(lifecycle["held"]) == [("***", ""), ("***", "")]


def test_hold_placed_after_approval_is_respected(lifecycle, dpo_a, supervisor_a):
    run = approved_run(dpo_a)
    legal_hold_set(case=lifecycle["old"], actor=supervisor_a, reason="Police inquiry")
    retention_execute(run=run, actor=dpo_a)
    assert names_of(lifecycle["old"]) == [("Aïssatou", "Kourouma"), ("Ibrahima", "Kourouma")]


def figures(actor) -> dict:
    """Every published figure (before disclosure control) from the fact table, rebuilt as the nightly
    refresh does, and the exact counts from the records."""
    facts_rebuild()
    out = {}
    for filters in (IndicatorFilters(), IndicatorFilters(date_from=D(2019, 1, 1), date_to=D(2019, 12, 31))):
        out[filters, "totals"] = fact_totals(
            actor=actor, indicators=list(INDICATORS.values()), filters=filters
        )
        for indicator in INDICATORS.values():
            args = {"actor": actor, "indicator": indicator, "filters": filters}
            out[filters, indicator.code, "exact"] = indicator_total(**args)
            out[filters, indicator.code, "monthly"] = fact_monthly(**args)
            for dimension in (*indicator.disaggregations, ("age_group", "sex")):
                out[filters, indicator.code, dimension] = fact_breakdown(**args, dimension=dimension)
                out[filters, indicator.code, dimension, "exact"] = indicator_breakdown(
                    **args, dimension=dimension
                )
    return out


def test_indicator_figures_identical_before_and_after(lifecycle, dpo_a, me_officer_a):
    before = figures(me_officer_a)
    assert before[IndicatorFilters(), "totals"]["PA1"] > 0  # the fixture counts
    retention_execute(run=approved_run(dpo_a), actor=dpo_a)
    assert names_of(lifecycle["old"])[0] == ("***", "")
    assert figures(me_officer_a) == before


def test_dry_run_writes_nothing(lifecycle):
    counts = {m: m.objects.count() for m in (RetentionRun, LogEntry, TimelineEvent, LegalHold, CaseAccess)}
    report = retention_dry_run()
    assert report["closed_cases"] == {"count": 1, "people": 2, "numbers": [lifecycle["old"].number]}
    assert report["access_log"] == {"count": 1}
    assert "Kourouma" not in str(report)
    assert {m: m.objects.count() for m in counts} == counts
    assert names_of(lifecycle["old"]) == [("Aïssatou", "Kourouma"), ("Ibrahima", "Kourouma")]
    out = __import__("io").StringIO()
    call_command("retention", "--dry-run", stdout=out)
    assert lifecycle["old"].number in out.getvalue() and RetentionRun.objects.count() == 0


def test_execution_refused_without_approval(lifecycle, dpo_a):
    run = retention_propose()
    with pytest.raises(ValidationError):
        retention_execute(run=run)
    assert names_of(lifecycle["old"])[0] == ("Aïssatou", "Kourouma")


def test_caseworker_and_supervisor_cannot_approve(lifecycle, caseworker_a, supervisor_a):
    run = retention_propose()
    for user in (caseworker_a, supervisor_a):
        with pytest.raises(PermissionDenied):
            retention_approve(run=run, actor=user)
    assert RetentionRun.objects.get(pk=run.pk).status == RetentionRun.Status.PROPOSED


def test_a_newer_proposal_supersedes_an_approved_one(lifecycle, dpo_a):
    run = approved_run(dpo_a)
    retention_propose()
    with pytest.raises(ValidationError):
        retention_execute(run=run)


def test_daily_task_executes_the_approved_run_and_proposes_the_next(lifecycle, dpo_a):
    first = retention_daily()
    assert first["executed"] is None
    retention_approve(run=RetentionRun.objects.get(pk=first["proposed"]), actor=dpo_a)
    second = retention_daily()
    assert second["executed"] == first["proposed"]
    assert names_of(lifecycle["old"])[0] == ("***", "")
    assert RetentionRun.objects.get(pk=second["proposed"]).report["closed_cases"]["count"] == 0


def test_command_proposes_and_executes(lifecycle, dpo_a):
    call_command("retention", "--propose", stdout=__import__("io").StringIO())
    run = RetentionRun.objects.get()
    call_command("retention", "--execute", stdout=__import__("io").StringIO())  # not approved: nothing
    assert RetentionRun.objects.get().status == RetentionRun.Status.PROPOSED
    retention_approve(run=run, actor=dpo_a)
    call_command("retention", "--execute", stdout=__import__("io").StringIO())
    assert RetentionRun.objects.get().status == RetentionRun.Status.EXECUTED
    assert names_of(lifecycle["old"])[0] == ("***", "")


def test_caseworker_cannot_place_a_legal_hold(lifecycle, caseworker_a):
    with pytest.raises(PermissionDenied):
        legal_hold_set(case=lifecycle["recent"], actor=caseworker_a, reason="no")


def test_person_still_in_an_open_case_keeps_the_record_but_not_the_old_case_notes(lifecycle, dpo_a):
    """A returnee of an old closed case who came back in an open case: her person record is the open
    case's too and stays; what the old case says about her goes with it."""
    old, open_ = lifecycle["old"], lifecycle["open"]
    CaseMember.objects.create(case=open_, person=old.principal, relationship="other_relative")
    run = retention_execute(run=approved_run(dpo_a), actor=dpo_a)
    assert run.result["closed_cases"]["people"] == 1  # the son only
    assert Person.objects.get(pk=old.principal.pk).family_name == "Kourouma"
    assert VulnerabilityFlag.objects.get(case=old).notes == ""
    assert ReturnRequest.objects.get(case=old).approval_note == ""


def test_daily_background_task_runs_the_same_service(lifecycle, dpo_a):
    from sankofa.privacy.tasks import retention_daily_run

    first = retention_daily_run.enqueue().return_value
    retention_approve(run=RetentionRun.objects.get(pk=first["proposed"]), actor=dpo_a)
    assert retention_daily_run.enqueue().return_value["executed"] == first["proposed"]
    assert names_of(lifecycle["old"])[0] == ("***", "")
