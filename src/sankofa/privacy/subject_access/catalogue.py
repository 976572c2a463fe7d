"""What a subject access report covers, and how each kind of record is written in it.

Which models hold data about a person is found generically: every relation to Person or to Case, in
any app, from `_meta` (`relations_to`). Each such relation is covered by one section builder below
(explicit formatting per model) or consciously excluded (`EXCLUDED`, with the reason). A relation
that is neither still reaches the report, as raw fields in "Other records" (`other_records`), and
tests/privacy/test_subject_access_coverage.py fails until it is given a builder or an exclusion."""

import dataclasses
from collections.abc import Callable

import rules
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sankofa.assistance.models import AssistanceRecord
from sankofa.cases.models import (
    Case,
    CaseAccess,
    CaseMember,
    CaseShare,
    Consent,
    MigrationProfile,
    TimelineEvent,
    VulnerabilityFlag,
)
from sankofa.core.fields import EncryptedTextField
from sankofa.core.languages import language_name
from sankofa.people.models import IdentityDocument, MatchPair, Person, PersonAlias, PersonMerge
from sankofa.programmes.models import ProgrammeCase
from sankofa.referrals.models import ConsentScope, Referral, ShareField
from sankofa.reintegration.models import (
    Arrival,
    Assessment,
    CaseClosure,
    ProjectParticipant,
    ReintegrationPlan,
    SustainabilitySurvey,
)
from sankofa.returns.models import Booking, FitToTravel, Handover, ReturnRequest, TravelDocument

from .records import Item, Record, Section, field, fields, plain, restricted_item


@dataclasses.dataclass
class Context:
    """The person, the producer and the cases of the person in the producer's scope."""

    actor: object
    person: Person
    cases: dict[int, Case]
    _sensitive: dict[int, bool] = dataclasses.field(default_factory=dict)

    @property
    def case_ids(self) -> list[int]:
        return list(self.cases)

    def sensitive_ok(self, case_id: int) -> bool:
        """Whether the producer may read the sensitive data of this case (cases.view_sensitive)."""
        if case_id not in self._sensitive:
            self._sensitive[case_id] = rules.has_perm("cases.view_sensitive", self.actor, self.cases[case_id])
        return self._sensitive[case_id]


def relations_to(target: type[models.Model]) -> list[models.Field]:
    """Every concrete foreign key, one-to-one or many-to-many of any model pointing to `target`,
    hidden ones ("+") included; not the automatic tables behind many-to-many fields."""
    found = []
    for rel in target._meta.get_fields(include_hidden=True):
        if not (rel.is_relation and rel.auto_created and not rel.concrete):
            continue
        if rel.related_model._meta.auto_created:  # the through table of a many-to-many
            continue
        found.append(rel.field)
    return found


def relation_label(f: models.Field) -> str:
    return f"{f.model._meta.label}.{f.name}"


# Relations to Person or Case left out of the report, and why.
EXCLUDED = {
    "people.PersonNameToken.person": "search keys derived from the names already in the identity section",
    "demo.SeededDuplicate.duplicate": "ground truth of generated demonstration data, never a real person",
    "demo.SeededDuplicate.original": "ground truth of generated demonstration data, never a real person",
    "reports.IndicatorFact.case": (
        "derived rows the indicators are counted from, rebuilt from the records the report already holds"
    ),
    "privacy.DataSubjectRequest.person": (
        "not in the report yet: the requests are listed on the data-protection pages (to be added)"
    ),
    "privacy.DataSubjectRequest.case": "as above",
    "privacy.LegalHold.case": "a hold is about the case's retention, not about the person",
    "cases.EmergencyAccess.case": (
        "every reading under an emergency access is in the access log section (flagged emergency)"
    ),
}


@dataclasses.dataclass(frozen=True)
class Builder:
    key: str
    title: object  # lazy translation
    covers: tuple[str, ...]  # relation labels ("app.Model.field") this builder reads
    build: Callable[[Context], list[Record]]


def _case_item(obj) -> Item:
    return field(obj, "case")


# --- builders, in the order of the report ---------------------------------------------------------


def _identity(ctx: Context) -> list[Record]:
    p = ctx.person
    record = Record(
        fields(
            p,
            [
                "given_name",
                "family_name",
                "given_name_original",
                "family_name_original",
                "original_script",
                "sex",
                "date_of_birth",
                "birth_date_estimated",
                "nationality",
                "languages",
                "phone",
                "created_at",
            ],
        )
    )
    record.items.insert(0, plain("id", _("Sankofa identifier"), p.pk))
    for item in record.items:
        if item.key == "languages":  # ISO 639-3 codes in the JSON, their names in the PDF
            item.display = ", ".join(language_name(code) for code in p.languages or []) or "—"
    aliases = [
        Record(fields(a, ["name", "kind"])) for a in PersonAlias.objects.filter(person=p).order_by("id")
    ]
    documents = [
        Record(fields(d, ["kind", "number", "issuing_country", "expires_on", "created_at"]))
        for d in IdentityDocument.objects.filter(person=p).select_related("issuing_country").order_by("id")
    ]
    record.children = [
        Section("aliases", _("Other names"), aliases),
        Section("documents", _("Identity documents"), documents),
    ]
    return [record]


def _cases(ctx: Context) -> list[Record]:
    out = []
    members = (
        CaseMember.objects.filter(person=ctx.person, case_id__in=ctx.case_ids)
        .select_related("case__owning_office", "case__assigned_to", "case__registered_by")
        .order_by("case__registered_on", "case_id")
    )
    for m in members:
        case = m.case
        record = Record(
            [
                field(case, "number"),
                field(case, "owning_office"),
                field(case, "status"),
                field(case, "registered_on"),
                field(case, "registered_by"),
                field(case, "assigned_to"),
                field(m, "relationship"),
                plain("is_principal", _("principal applicant"), case.principal_id == ctx.person.pk),
                field(m, "added_at", key="member_since"),
            ]
        )
        shares = [
            Record(fields(s, ["office", "reason", "shared_by", "shared_at"]))
            for s in CaseShare.objects.filter(case=case).select_related("office", "shared_by").order_by("id")
        ]
        profiles = []
        for profile in MigrationProfile.objects.filter(case=case).select_related(
            "return_from", "intended_destination"
        ):
            route = [
                Record(fields(step, ["order", "country", "place", "arrived_on", "left_on"]))
                for step in profile.route.select_related("country")
            ]
            profiles.append(
                Record(
                    fields(
                        profile,
                        [
                            "reason_for_leaving",
                            "reason_detail",
                            "left_home_on",
                            "return_from",
                            "intended_destination",
                        ],
                    ),
                    [Section("route", _("Route"), route)],
                )
            )
        closures = [
            Record(
                fields(
                    c, ["reason", "note", "status", "requested_by", "decided_by", "decided_at", "reopened_at"]
                )
            )
            for c in CaseClosure.objects.filter(case=case).order_by("id")
        ]
        programmes = [
            Record(
                [
                    plain("programme", _("programme"), link.programme.code),
                    plain("name", _("name"), link.programme.name),
                ]
            )
            for link in ProgrammeCase.objects.filter(case=case).select_related("programme").order_by("id")
        ]
        record.children = [
            Section("shared_with", _("Shared with"), shares),
            Section("migration_profile", _("Migration profile and route"), profiles),
            Section("closures", _("Case closures"), closures),
            Section("programmes", _("Programmes funding the case"), programmes),
        ]
        out.append(record)
    return out


def _consents(ctx: Context) -> list[Record]:
    out = []
    rows = (
        Consent.objects.filter(person=ctx.person, case_id__in=ctx.case_ids)
        .select_related("case", "partner", "recorded_by")
        .order_by("case_id", "purpose", "recorded_at", "id")
    )
    scopes = {s.consent_id: s for s in ConsentScope.objects.filter(consent__in=rows)}
    labels = dict(ShareField.choices)
    for c in rows:
        record = Record(
            [
                _case_item(c),
                *fields(
                    c,
                    [
                        "purpose",
                        "partner",
                        "granted",
                        "given_on",
                        "withdrawn_on",
                        "recorded_by",
                        "recorded_at",
                    ],
                ),
                plain("in_force", _("in force"), c.in_force),
            ]
        )
        scope = scopes.get(c.pk)
        if scope is not None:
            record.items.append(
                Item(
                    "shared_fields",
                    _("data the partner may receive"),
                    list(scope.fields),
                    ", ".join(str(labels.get(f, f)) for f in scope.fields) or "—",
                )
            )
        out.append(record)
    return out


def _vulnerabilities(ctx: Context) -> list[Record]:
    out = []
    rows = VulnerabilityFlag.objects.filter(person=ctx.person, case_id__in=ctx.case_ids).select_related(
        "case"
    )
    for flag in rows.order_by("identified_on", "id"):
        hidden = (
            frozenset({"kind", "identified_on", "notes"})
            if flag.sensitive and not ctx.sensitive_ok(flag.case_id)
            else frozenset()
        )
        out.append(
            Record(
                [
                    _case_item(flag),
                    *fields(
                        flag,
                        ["kind", "identified_on", "notes", "recorded_by", "recorded_at"],
                        restricted=hidden,
                    ),
                    plain("sensitive", _("sensitive"), flag.sensitive),
                ]
            )
        )
    return out


def _assistance(ctx: Context) -> list[Record]:
    rows = AssistanceRecord.objects.filter(person=ctx.person, case_id__in=ctx.case_ids).select_related(
        "case", "service", "country", "partner", "recorded_by"
    )
    return [
        Record(
            [
                _case_item(r),
                *fields(
                    r,
                    [
                        "service",
                        "stage",
                        "delivered_on",
                        "country",
                        "place",
                        "partner",
                        "modality",
                        "amount",
                        "currency",
                        "notes",
                    ],
                ),
            ]
        )
        for r in rows.order_by("delivered_on", "id")
    ]


def _return_requests(ctx: Context) -> list[Record]:
    rows = ReturnRequest.objects.filter(people=ctx.person, case_id__in=ctx.case_ids).select_related(
        "case", "destination_country"
    )
    return [
        Record(
            [
                plain("id", _("identifier"), r.pk),
                _case_item(r),
                *fields(
                    r,
                    [
                        "requested_on",
                        "voluntary",
                        "informed_consent_on",
                        "destination_country",
                        "destination_place",
                        "status",
                        "eligibility_reason",
                        "approved_at",
                        "withdrawn_on",
                        "withdrawal_reason",
                        "departed_on",
                        "arrived_on",
                    ],
                ),
            ]
        )
        for r in rows.order_by("requested_on", "id").distinct()
    ]


def _travel_documents(ctx: Context) -> list[Record]:
    rows = TravelDocument.objects.filter(person=ctx.person, request__case_id__in=ctx.case_ids)
    return [
        Record(
            [
                plain("return_request", _("return request"), d.request_id),
                *fields(
                    d,
                    [
                        "kind",
                        "consulate",
                        "requested_on",
                        "status",
                        "interview_on",
                        "interview_notes",
                        "number",
                        "issued_on",
                        "expires_on",
                        "refusal_reason",
                    ],
                ),
            ]
        )
        for d in rows.order_by("requested_on", "id")
    ]


def _fit_to_travel(ctx: Context) -> list[Record]:
    rows = FitToTravel.objects.filter(person=ctx.person, request__case_id__in=ctx.case_ids).select_related(
        "request"
    )
    out = []
    for check in rows.order_by("checked_on", "id"):
        hidden = frozenset() if ctx.sensitive_ok(check.request.case_id) else frozenset({"notes"})
        out.append(
            Record(
                [
                    plain("return_request", _("return request"), check.request_id),
                    *fields(
                        check,
                        [
                            "checked_on",
                            "result",
                            "wheelchair",
                            "child_escort",
                            "vulnerable_escort",
                            "notes",
                            "checked_by",
                        ],
                        restricted=hidden,
                    ),
                ]
            )
        )
    return out


def _movements(ctx: Context) -> list[Record]:
    """Bookings of a return request the person travels on; the movement's other passengers never."""
    rows = (
        Booking.objects.filter(request__people=ctx.person, request__case_id__in=ctx.case_ids)
        .select_related("movement__destination_country", "movement__office")
        .order_by("booked_at", "id")
        .distinct()
    )
    out = []
    for b in rows:
        m = b.movement
        legs = [
            Record(fields(leg, ["from_place", "to_place", "carrier", "departs_at", "arrives_at"]))
            for leg in m.legs.all()
        ]
        out.append(
            Record(
                [
                    plain("return_request", _("return request"), b.request_id),
                    *fields(m, ["reference", "kind", "office", "destination_country", "departure_on"]),
                    field(m, "status", key="movement_status"),
                    *fields(b, ["status", "booked_at"]),
                ],
                [Section("legs", _("Legs"), legs)],
            )
        )
    return out


def _handovers(ctx: Context) -> list[Record]:
    rows = (
        Handover.objects.filter(people=ctx.person, case_id__in=ctx.case_ids)
        .select_related("case", "from_office", "to_office")
        .order_by("sent_at", "id")
        .distinct()
    )
    return [
        Record(
            [
                _case_item(h),
                plain("return_request", _("return request"), h.request_id),
                *fields(
                    h, ["from_office", "to_office", "status", "note", "sent_by", "sent_at", "acknowledged_at"]
                ),
            ]
        )
        for h in rows
    ]


def _arrivals(ctx: Context) -> list[Record]:
    rows = Arrival.objects.filter(person=ctx.person, case_id__in=ctx.case_ids).select_related(
        "case", "office"
    )
    return [
        Record(
            [
                _case_item(a),
                plain("return_request", _("return request"), a.return_request_id),
                *fields(a, ["office", "arrived_on", "point_of_entry", "place", "received_by"]),
            ]
        )
        for a in rows.order_by("arrived_on", "id")
    ]


def _assessments(ctx: Context) -> list[Record]:
    rows = Assessment.objects.filter(person=ctx.person, case_id__in=ctx.case_ids).select_related("case")
    out = []
    for a in rows.order_by("assessed_on", "id"):
        hidden = (
            frozenset()
            if ctx.sensitive_ok(a.case_id)
            else frozenset({"psychosocial_needs", "confidential_notes"})
        )
        names = [
            "assessed_on",
            "economic_needs",
            "social_needs",
            "psychosocial_needs",
            "skills",
            "education",
            "work_experience",
            "family_situation",
            "confidential_notes",
            "assessed_by",
        ]
        out.append(Record([_case_item(a), *fields(a, names, restricted=hidden)]))
    return out


def _plans(ctx: Context) -> list[Record]:
    rows = ReintegrationPlan.objects.filter(person=ctx.person, case_id__in=ctx.case_ids).select_related(
        "case"
    )
    out = []
    for plan in rows.order_by("created_at", "id"):
        items = []
        for item in plan.items.select_related("provider").order_by("id"):
            purchases = [
                Record(fields(p, ["description", "quantity", "unit_cost"]))
                for p in item.purchases.order_by("id")
            ]
            items.append(
                Record(
                    fields(
                        item,
                        [
                            "kind",
                            "dimension",
                            "description",
                            "budget",
                            "currency",
                            "provider",
                            "provider_name",
                            "status",
                            "delivered_on",
                        ],
                    ),
                    [Section("purchases", _("Purchases"), purchases)],
                )
            )
        revisions = [
            Record(fields(r, ["number", "approved_by", "approved_at"]))
            for r in plan.revisions.order_by("number")
        ]
        out.append(
            Record(
                [
                    _case_item(plan),
                    *fields(
                        plan,
                        [
                            "status",
                            "revision",
                            "due_on",
                            "economic_summary",
                            "social_summary",
                            "psychosocial_summary",
                            "approved_by",
                            "approved_at",
                            "decision_note",
                            "completed_on",
                        ],
                    ),
                ],
                [
                    Section("items", _("Items"), items),
                    Section("revisions", _("Approved revisions"), revisions),
                ],
            )
        )
    return out


def _community_projects(ctx: Context) -> list[Record]:
    rows = ProjectParticipant.objects.filter(person=ctx.person, case_id__in=ctx.case_ids).select_related(
        "case", "project__country", "project__office"
    )
    return [
        Record(
            [
                _case_item(p),
                *fields(
                    p.project,
                    ["name", "kind", "office", "country", "location", "starts_on", "ends_on", "status"],
                ),
                field(p, "joined_on"),
            ]
        )
        for p in rows.order_by("joined_on", "id")
    ]


def _surveys(ctx: Context) -> list[Record]:
    rows = SustainabilitySurvey.objects.filter(person=ctx.person, case_id__in=ctx.case_ids).select_related(
        "case"
    )
    out = []
    for s in rows.order_by("due_on", "id"):
        scores = [
            Record(
                fields(
                    sc,
                    [
                        "economic",
                        "social",
                        "psychosocial",
                        "composite",
                        "band",
                        "is_current",
                        "scored_at",
                        "reason",
                    ],
                )
            )
            for sc in s.scores.order_by("scored_at", "id")
        ]
        out.append(
            Record(
                [
                    _case_item(s),
                    *fields(
                        s,
                        [
                            "kind",
                            "month",
                            "due_on",
                            "conducted_on",
                            "conducted_by",
                            "answers",
                            "notes",
                            "economic",
                            "social",
                            "psychosocial",
                            "composite",
                            "band",
                        ],
                    ),
                ],
                [Section("scores", _("Scores"), scores)],
            )
        )
    return out


def _referrals(ctx: Context) -> list[Record]:
    """Referrals of the person, with what was shared about THEM (their part of the frozen snapshot;
    the other people of a family referral are not theirs to read)."""
    rows = (
        Referral.objects.filter(people=ctx.person, case_id__in=ctx.case_ids)
        .select_related("case", "provider__organisation", "service")
        .order_by("created_at", "id")
        .distinct()
    )
    labels = dict(ShareField.choices)
    out = []
    for r in rows:
        ids = list(r.people.order_by("pk").values_list("pk", flat=True))
        people = r.shared_data.get("people", [])
        mine = (
            dict(people[ids.index(ctx.person.pk)]) if ctx.person.pk in ids and len(people) == len(ids) else {}
        )
        record = Record(
            [
                _case_item(r),
                plain("provider", _("service provider"), str(r.provider.organisation)),
                *fields(
                    r,
                    [
                        "service",
                        "reason",
                        "priority",
                        "status",
                        "sent_at",
                        "answered_at",
                        "decline_reason",
                        "outcome",
                    ],
                ),
                Item(
                    "shared_fields",
                    _("data shared"),
                    list(r.shared_fields),
                    ", ".join(str(labels.get(f, f)) for f in r.shared_fields) or "—",
                ),
            ]
        )
        if "sensitive" in mine and not ctx.sensitive_ok(r.case_id):
            mine.pop("sensitive")
            record.items.append(plain("shared_data", _("data shared about the person"), mine))
            record.items.append(restricted_item("shared_sensitive", _("sensitive details shared")))
        else:
            record.items.append(plain("shared_data", _("data shared about the person"), mine))
        events = [Record(fields(e, ["status", "at", "note"])) for e in r.events.order_by("at", "id")]
        record.children = [Section("events", _("History"), events)]
        out.append(record)
    return out


def _duplicates(ctx: Context) -> list[Record]:
    """Possible duplicates and merges involving the person. The other registration is given by its
    identifier only: whether it is the same person is what the pair asks."""
    p = ctx.person
    out = []
    for pair in MatchPair.objects.filter(models.Q(person_a=p) | models.Q(person_b=p)).order_by("id"):
        other = pair.person_b_id if pair.person_a_id == p.pk else pair.person_a_id
        out.append(
            Record(
                [
                    plain("record", _("record"), "match_pair"),
                    plain("other_registration", _("other registration"), other),
                    *fields(pair, ["score", "band", "source", "status", "decided_at", "created_at"]),
                ]
            )
        )
    for merge in PersonMerge.objects.filter(models.Q(survivor=p) | models.Q(merged=p)).order_by("id"):
        out.append(
            Record(
                [
                    plain("record", _("record"), "merge"),
                    plain("survivor", _("registration kept"), merge.survivor_id),
                    plain("merged", _("registration merged into it"), merge.merged_id),
                    *fields(merge, ["merged_at", "undone_at"]),
                ]
            )
        )
    for merged in Person.objects.filter(merged_into=p).order_by("id"):
        out.append(
            Record(
                [
                    plain("record", _("record"), "merged_registration"),
                    plain("merged", _("registration merged into it"), merged.pk),
                ]
            )
        )
    return out


def _timeline(ctx: Context) -> list[Record]:
    """Events about the person, each as the case page words it; a sensitive event's sentence and
    note are restricted without sensitive access (as case_timeline masks them)."""
    from sankofa.cases.templatetags.case_tags import timeline_text

    rows = list(
        TimelineEvent.objects.filter(person=ctx.person, case_id__in=ctx.case_ids)
        .select_related("case", "actor")
        .order_by("at", "id")
    )
    flag_ids = [e.data["flag_id"] for e in rows if isinstance(e.data, dict) and "flag_id" in e.data]
    flag_kinds = {f.pk: f.get_kind_display() for f in VulnerabilityFlag.objects.filter(pk__in=flag_ids)}
    out = []
    for e in rows:
        e.masked = e.sensitive and not ctx.sensitive_ok(e.case_id)
        if e.masked:
            e.data = {}
        elif "flag_id" in e.data:
            e.data = {**e.data, "flag": flag_kinds.get(e.data["flag_id"], "")}
        text = timeline_text(e)
        hidden = frozenset({"note"}) if e.masked else frozenset()
        out.append(
            Record(
                [
                    _case_item(e),
                    Item("kind", _("event"), e.kind, text, code_label=text),
                    *fields(e, ["at", "actor", "note"], restricted=hidden),
                ]
            )
        )
    return out


def _accesses(ctx: Context) -> list[Record]:
    rows = (
        CaseAccess.objects.filter(case_id__in=ctx.case_ids)
        .select_related("case", "user")
        .order_by("at", "id")
    )
    return [
        Record(
            [
                _case_item(a),
                plain("at", _("when"), a.at),
                field(a, "user"),
                field(a, "channel"),
                plain("sensitive_shown", _("sensitive data shown"), a.sensitive_shown),
            ]
        )
        for a in rows
    ]


def _history(ctx: Context) -> list[Record]:
    """The audit trail of the person's identity records (person, other names, documents): every
    change with its old and new values, and every earlier subject access production."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    p = ctx.person
    targets = [
        (Person, [p.pk]),
        (PersonAlias, list(PersonAlias.objects.filter(person=p).values_list("pk", flat=True))),
        (IdentityDocument, list(IdentityDocument.objects.filter(person=p).values_list("pk", flat=True))),
    ]
    query = models.Q(pk__in=[])
    for model, ids in targets:
        query |= models.Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    actions = dict(LogEntry.Action.choices)
    out = []
    for entry in (
        LogEntry.objects.filter(query).select_related("content_type", "actor").order_by("timestamp", "id")
    ):
        model = entry.content_type.model_class()
        kind = str(model._meta.verbose_name) if model else entry.content_type.model
        action = str(actions.get(entry.action, entry.action))
        record = Record(
            [
                Item("record", _("kind of record"), entry.content_type.model, kind, code_label=kind),
                plain("at", _("when"), entry.timestamp),
                Item("action", _("action"), entry.action, action, code_label=action),
                Item(
                    "actor",
                    _("done by"),
                    entry.actor.get_username() if entry.actor else None,
                    (entry.actor.get_full_name() or entry.actor.get_username()) if entry.actor else "—",
                ),
                plain("changes", _("changes"), entry.changes_dict or {}),
            ]
        )
        if entry.additional_data:
            record.items.append(plain("details", _("details"), entry.additional_data))
        out.append(record)
    return out


BUILDERS = [
    Builder(
        "identity",
        gettext_lazy("Identity"),
        ("people.PersonAlias.person", "people.IdentityDocument.person"),
        _identity,
    ),
    Builder(
        "cases",
        gettext_lazy("Cases"),
        (
            "cases.Case.principal",
            "cases.CaseMember.person",
            "cases.CaseMember.case",
            "cases.CaseShare.case",
            "cases.MigrationProfile.case",
            "reintegration.CaseClosure.case",
            "programmes.ProgrammeCase.case",
        ),
        _cases,
    ),
    Builder("consents", gettext_lazy("Consents"), ("cases.Consent.person", "cases.Consent.case"), _consents),
    Builder(
        "vulnerabilities",
        gettext_lazy("Vulnerabilities"),
        ("cases.VulnerabilityFlag.person", "cases.VulnerabilityFlag.case"),
        _vulnerabilities,
    ),
    Builder(
        "assistance",
        gettext_lazy("Assistance received"),
        ("assistance.AssistanceRecord.person", "assistance.AssistanceRecord.case"),
        _assistance,
    ),
    Builder(
        "return_requests",
        gettext_lazy("Return requests"),
        ("returns.ReturnRequest.people", "returns.ReturnRequest.case"),
        _return_requests,
    ),
    Builder(
        "travel_documents",
        gettext_lazy("Travel documents"),
        ("returns.TravelDocument.person",),
        _travel_documents,
    ),
    Builder(
        "fit_to_travel", gettext_lazy("Fit-to-travel checks"), ("returns.FitToTravel.person",), _fit_to_travel
    ),
    Builder("movements", gettext_lazy("Movements booked"), (), _movements),
    Builder(
        "handovers",
        gettext_lazy("Handovers"),
        ("returns.Handover.people", "returns.Handover.case"),
        _handovers,
    ),
    Builder(
        "arrivals",
        gettext_lazy("Arrivals"),
        ("reintegration.Arrival.person", "reintegration.Arrival.case"),
        _arrivals,
    ),
    Builder(
        "needs_assessments",
        gettext_lazy("Needs assessments"),
        ("reintegration.Assessment.person", "reintegration.Assessment.case"),
        _assessments,
    ),
    Builder(
        "reintegration_plans",
        gettext_lazy("Reintegration plans"),
        ("reintegration.ReintegrationPlan.person", "reintegration.ReintegrationPlan.case"),
        _plans,
    ),
    Builder(
        "community_projects",
        gettext_lazy("Community projects"),
        ("reintegration.ProjectParticipant.person", "reintegration.ProjectParticipant.case"),
        _community_projects,
    ),
    Builder(
        "sustainability_surveys",
        gettext_lazy("Sustainability surveys"),
        ("reintegration.SustainabilitySurvey.person", "reintegration.SustainabilitySurvey.case"),
        _surveys,
    ),
    Builder(
        "referrals",
        gettext_lazy("Referrals"),
        ("referrals.Referral.people", "referrals.Referral.case"),
        _referrals,
    ),
    Builder(
        "duplicates",
        gettext_lazy("Possible duplicates and merges"),
        (
            "people.MatchPair.person_a",
            "people.MatchPair.person_b",
            "people.PersonMerge.survivor",
            "people.PersonMerge.merged",
            "people.Person.merged_into",
        ),
        _duplicates,
    ),
    Builder(
        "timeline",
        gettext_lazy("Timeline events about the person"),
        ("cases.TimelineEvent.person", "cases.TimelineEvent.case"),
        _timeline,
    ),
    Builder(
        "case_accesses", gettext_lazy("Who opened the case files"), ("cases.CaseAccess.case",), _accesses
    ),
    Builder("change_history", gettext_lazy("History of changes to the identity"), (), _history),
]

COVERED = {label for b in BUILDERS for label in b.covers}


def uncovered_relations() -> list[models.Field]:
    """Relations to Person or Case that no builder reads and no exclusion names."""
    return [
        f
        for f in relations_to(Person) + relations_to(Case)
        if relation_label(f) not in COVERED and relation_label(f) not in EXCLUDED
    ]


def other_records(ctx: Context) -> list[Record]:
    """Records of relations nobody described yet (see the module's docstring), field by field;
    encrypted fields are withheld, since nobody decided whether they are sensitive."""
    out = []
    for f in uncovered_relations():
        model = f.model
        if f.related_model is Person:
            qs = model._base_manager.filter(**{f.name: ctx.person})
            case_fields = [
                g for g in model._meta.concrete_fields if g.is_relation and g.related_model is Case
            ]
            for g in case_fields:
                qs = qs.filter(**{f"{g.name}__in": ctx.case_ids})
        else:
            qs = model._base_manager.filter(**{f"{f.name}__in": ctx.case_ids})
        for obj in qs.order_by("pk").distinct():
            items = [plain("model", _("kind of record"), model._meta.label)]
            for g in model._meta.concrete_fields:
                if g.primary_key:
                    continue
                items.append(
                    restricted_item(g.name, str(g.verbose_name))
                    if isinstance(g, EncryptedTextField)
                    else field(obj, g.name)
                )
            out.append(Record(items))
    return out


def build_sections(ctx: Context) -> list[Section]:
    sections = [Section(b.key, str(b.title), b.build(ctx)) for b in BUILDERS]
    others = other_records(ctx)
    if others:
        sections.append(Section("other_records", _("Other records"), others))
    return sections
