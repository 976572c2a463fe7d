"""What anonymisation does to every model that holds data about a person: which text fields are
cleared (or replaced) and which are kept, and for which models whole rows go.

The models are found generically (every model of the project with a foreign key path to Person or
Case, `related_models()`); what happens to each of their text fields is written here, explicitly.
tests/privacy/test_policy.py fails when a text field of such a model is in neither list, so a new
free-text field cannot escape anonymisation by being forgotten.

Kept: what indicators count and disaggregate by (sex, date of birth → age group on any date,
nationality, vulnerability kinds, services, dates, countries, statuses), choice codes, structured
codes (survey answers are option codes), case numbers and references, and names of organisations
and staff (not the data subject's). Cleared: names, contacts, document numbers, places below
country level, and every free-text note, which can hold anything."""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import models

# A neutral value for names the display needs: never personal, the same for everyone.
ANONYMISED = "***"


@dataclass(frozen=True)
class Rule:
    clear: dict = field(default_factory=dict)  # field → replacement value
    keep: frozenset = frozenset()
    delete: bool = False  # every row of the person goes (derived or purely personal rows)
    # The row is about one person (`person` path) or about the whole case (`case` path); generic.
    note: str = ""


def _blank(*names, value=""):
    return dict.fromkeys(names, value)


POLICY: dict[str, Rule] = {
    "people.Person": Rule(
        clear={
            "given_name": ANONYMISED,
            "family_name": "",
            "given_name_original": "",
            "family_name_original": "",
            "original_script": "",
            "phone": "",
            "phone_normalised": "",
            "name_folded": "",
            "languages": [],
        },
        keep=frozenset(
            {"sex"}
        ),  # with nationality and date_of_birth (not text): every indicator's disaggregations
    ),
    "people.PersonAlias": Rule(delete=True, keep=frozenset({"name", "kind"})),
    "people.PersonNameToken": Rule(delete=True, keep=frozenset({"token", "key", "skel"})),
    "people.IdentityDocument": Rule(clear=_blank("number", "number_normalised"), keep=frozenset({"kind"})),
    # Reasons quote name words, birth dates and document numbers.
    "people.MatchPair": Rule(clear={"reasons": []}, keep=frozenset({"band", "source", "status"})),
    "people.PersonMerge": Rule(keep=frozenset({"moved"})),  # primary keys only
    "cases.Case": Rule(keep=frozenset({"number", "status"})),
    "cases.CaseMember": Rule(keep=frozenset({"relationship"})),
    "cases.CaseShare": Rule(clear=_blank("reason")),
    "cases.Consent": Rule(keep=frozenset({"purpose"})),
    "cases.VulnerabilityFlag": Rule(clear=_blank("notes"), keep=frozenset({"kind"})),
    "cases.MigrationProfile": Rule(clear=_blank("reason_detail"), keep=frozenset({"reason_for_leaving"})),
    "cases.RouteStep": Rule(clear=_blank("place")),  # the countries of the route stay (profile report)
    # data["person"] (the name at the time) is replaced; the rest of data is codes, references,
    # organisations and usernames of staff, which the timeline sentences need.
    "cases.TimelineEvent": Rule(clear={"note": "", "data": {"person": ANONYMISED}}, keep=frozenset({"kind"})),
    "cases.CaseAccess": Rule(keep=frozenset({"channel", "record"})),
    # The reason for an emergency access may describe the person's situation.
    "cases.EmergencyAccess": Rule(clear=_blank("reason")),
    "assistance.AssistanceRecord": Rule(
        clear=_blank("place", "notes"), keep=frozenset({"modality", "currency", "stage"})
    ),
    "returns.ReturnRequest": Rule(
        clear=_blank("destination_place", "eligibility_reason", "approval_note", "withdrawal_reason"),
        keep=frozenset({"status"}),
    ),
    "returns.TravelDocument": Rule(
        clear=_blank("interview_notes", "number", "refusal_reason"),
        keep=frozenset({"kind", "consulate", "status"}),
    ),
    "returns.FitToTravel": Rule(clear=_blank("notes"), keep=frozenset({"result"})),
    "returns.Booking": Rule(keep=frozenset({"status"})),
    "returns.Handover": Rule(clear=_blank("note"), keep=frozenset({"status"})),
    "referrals.Referral": Rule(
        clear=_blank("reason", "snapshot", "outcome"),
        keep=frozenset({"priority", "shared_fields", "status", "decline_reason"}),  # field names, codes
    ),
    "referrals.ReferralEvent": Rule(clear=_blank("note"), keep=frozenset({"status"})),
    "referrals.ConsentScope": Rule(keep=frozenset({"fields"})),  # field names
    "reintegration.CaseClosure": Rule(
        clear=_blank("note", "decision_note", "reopen_reason"), keep=frozenset({"reason", "status"})
    ),
    # The border post or airport and the receiving officer (staff): not the returnee's data.
    "reintegration.Arrival": Rule(keep=frozenset({"point_of_entry", "place", "received_by"})),
    "reintegration.Assessment": Rule(
        clear=_blank(
            "economic_needs",
            "social_needs",
            "psychosocial_needs",
            "skills",
            "work_experience",
            "family_situation",
            "confidential_notes",
        ),
        keep=frozenset({"education"}),
    ),
    "reintegration.ReintegrationPlan": Rule(
        clear=_blank("economic_summary", "social_summary", "psychosocial_summary", "decision_note"),
        keep=frozenset({"status"}),
    ),
    "reintegration.PlanItem": Rule(
        clear=_blank("description"),
        keep=frozenset({"kind", "dimension", "currency", "provider_name", "status"}),
    ),
    "reintegration.PlanPurchase": Rule(clear=_blank("description")),
    "reintegration.PlanRevision": Rule(clear={"content": {}}),  # a copy of the plan's text
    "reintegration.ProjectParticipant": Rule(),
    "reintegration.SustainabilitySurvey": Rule(
        clear=_blank("notes"),
        keep=frozenset({"kind", "answers", "band"}),  # answers: option codes, scored
    ),
    "reintegration.SurveyScore": Rule(clear=_blank("reason"), keep=frozenset({"band"})),
    "programmes.ProgrammeCase": Rule(keep=frozenset({"source"})),
    "reports.IndicatorFact": Rule(keep=frozenset({"indicator", "country_id", "sex", "nationality_id"})),
    "privacy.LegalHold": Rule(keep=frozenset({"reason", "lift_reason"})),  # legal grounds, not the person
    "privacy.DataSubjectRequest": Rule(
        clear=_blank("details"), keep=frozenset({"kind", "status", "outcome"})
    ),  # the outcome stays as proof
    "privacy.Anonymisation": Rule(),
    "demo.SeededDuplicate": Rule(keep=frozenset({"variant"})),  # generated data: the variant's code
}

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def text_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]


def _roots():
    from sankofa.cases.models import Case
    from sankofa.people.models import Person

    return {Person: "person", Case: "case"}


def related_models(max_depth: int = 3) -> dict:
    """Every concrete model of the project reachable from Person or Case by foreign keys (the model
    points to a person or a case, or to a row that does, up to `max_depth` hops), with its paths:
    {model: {"person": [paths], "case": path or None}}. A model may reach a person by several keys
    (a pair of duplicates: person_a, person_b); it reaches its case by one."""
    from sankofa.cases.models import Case
    from sankofa.people.models import Person

    found: dict = {Person: {"person": ["pk"], "case": None}, Case: {"person": [], "case": "pk"}}
    frontier = [Person, Case]
    for _depth in range(max_depth):
        reached = []
        for model in apps.get_models():
            if not model.__module__.startswith("sankofa.") or model in (Person, Case):
                continue
            for f in model._meta.concrete_fields:
                if not isinstance(f, models.ForeignKey) or f.related_model not in frontier:
                    continue
                if f.related_model is model:
                    continue
                target = found[f.related_model]
                paths = found.setdefault(model, {"person": [], "case": None})
                join = lambda p, name=f.name: name if p == "pk" else f"{name}__{p}"  # noqa: E731
                if target["person"] and (not paths["person"] or f.related_model is Person):
                    if f.related_model is Person:
                        paths["person"] = [*(p for p in paths["person"] if "__" not in p), f.name]
                    else:
                        paths["person"] = paths["person"] or [join(target["person"][0])]
                    reached.append(model)
                if target["case"] and not paths["case"]:
                    paths["case"] = join(target["case"])
                    reached.append(model)
        frontier = reached
    return found


def unclassified() -> list[str]:
    """Text fields of person-related models that the policy neither clears nor keeps."""
    missing = []
    for model in related_models():
        label = model._meta.label
        rule = POLICY.get(label)
        for name in text_fields(model):
            if rule is None or (name not in rule.clear and name not in rule.keep):
                missing.append(f"{label}.{name}")
    return missing


def rule_for(model) -> Rule:
    return POLICY[model._meta.label]
