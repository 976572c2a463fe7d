"""Every read of providers, pathways and referrals, with the acting user (DESIGN.md §4).

Two doors: referrers reach referrals through the cases they may see (`referrals_visible_to`);
partner users reach only those addressed to their organisation, once sent (`portal_referrals`)."""

import dataclasses
import datetime
from collections import defaultdict

import rules
from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from sankofa.access.roles import CASE_READERS
from sankofa.access.selectors import office_ids_of
from sankofa.cases import read_log
from sankofa.cases.models import Case, CaseAccess, Consent, VulnerabilityFlag
from sankofa.cases.selectors import (
    cases_visible_to,
    members_visible_to,
    person_ids_visible,
    sees_cases_through_shares,
)
from sankofa.core.parsing import positive_int

from .models import ConsentScope, DeclineReason, Need, Pathway, Provider, Referral
from .rules import partner_organisation_ids

# Which pathways to suggest for a case, from its vulnerability flags.
FLAG_NEEDS = {
    VulnerabilityFlag.Kind.UASC: Need.UNACCOMPANIED_CHILD,
    VulnerabilityFlag.Kind.VOT_PRESUMED: Need.TRAFFICKING,
    VulnerabilityFlag.Kind.VOT_IDENTIFIED: Need.TRAFFICKING,
    VulnerabilityFlag.Kind.SURVIVOR_VIOLENCE: Need.VIOLENCE,
    VulnerabilityFlag.Kind.SERIOUS_MEDICAL: Need.HEALTH,
    VulnerabilityFlag.Kind.MENTAL_HEALTH: Need.MENTAL_HEALTH,
    VulnerabilityFlag.Kind.DISABILITY: Need.DISABILITY,
}


def _pk(value) -> int:
    """A primary key from a URL or a query: anything else is a 404, never a database error."""
    pk = positive_int(str(value))
    if pk is None:
        raise Http404
    return pk


# --- providers and pathways (reference data: staff only, never partner users) -----------------


@dataclasses.dataclass(frozen=True)
class ProviderFilters:
    q: str = ""
    country: str = ""
    service: int | None = None
    category: str = ""
    accepts_only: bool = False


def providers_directory(*, actor, filters: ProviderFilters = ProviderFilters()) -> QuerySet[Provider]:
    """The directory of service providers, searchable; staff who read cases only."""
    if not rules.has_perm("referrals.view_directory", actor):
        return Provider.objects.none()
    qs = Provider.objects.all()
    if filters.q:
        words = filters.q.split()
        for word in words:
            qs = qs.filter(
                Q(organisation__name__icontains=word)
                | Q(areas_served__icontains=word)
                | Q(eligibility__icontains=word)
                | Q(services__name_en__icontains=word)
                | Q(services__name_fr__icontains=word)
            )
    if filters.country:
        qs = qs.filter(country_id=filters.country)
    if filters.service:
        qs = qs.filter(services=filters.service)
    if filters.category:
        qs = qs.filter(services__category=filters.category)
    if filters.accepts_only:
        qs = qs.filter(accepts_referrals=True)
    ids = qs.values("pk")  # the service joins may repeat a provider
    return (
        Provider.objects.filter(pk__in=ids)
        .select_related("organisation", "country")
        .prefetch_related("services", "focal_points")
        .order_by("organisation__name")
    )


def provider_get(*, actor, pk) -> Provider:
    try:
        return providers_directory(actor=actor).get(pk=_pk(pk))
    except (Provider.DoesNotExist, ValueError):
        raise Http404 from None


def providers_per_country(*, actor) -> list[dict]:
    """For the map: number of providers per country, with the ISO 3166 numeric code."""
    rows = (
        providers_directory(actor=actor)
        .order_by()
        .values("country_id", "country__numeric", "country__name_en", "country__name_fr")
        .annotate(n=Count("pk"))
    )
    from sankofa.core.models import in_active_language

    return [
        {
            "iso3": r["country_id"],
            "numeric": r["country__numeric"],
            "name": in_active_language(r["country__name_en"], r["country__name_fr"]),
            "providers": r["n"],
        }
        for r in rows
    ]


def referral_targets(*, actor) -> QuerySet[Provider]:
    """Providers a referrer may address a referral to: those accepting referrals."""
    return providers_directory(actor=actor, filters=ProviderFilters(accepts_only=True))


def pathways_visible(*, actor, country: str = "", need: str = "") -> QuerySet[Pathway]:
    if not rules.has_perm("referrals.view_directory", actor):
        return Pathway.objects.none()
    qs = Pathway.objects.filter(is_active=True)
    if country:
        qs = qs.filter(country_id=country)
    if need:
        qs = qs.filter(need=need)
    return qs.select_related("country").prefetch_related("steps__provider__organisation", "steps__service")


def pathway_get(*, actor, pk) -> Pathway:
    try:
        return pathways_visible(actor=actor).get(pk=_pk(pk))
    except (Pathway.DoesNotExist, ValueError):
        raise Http404 from None


def pathway_suggestions(*, actor, case: Case) -> list[Pathway]:
    """Pathways of the case office's country, those matching the case's needs first."""
    if not rules.has_perm("cases.view_case", actor, case):
        return []
    # Ordered by the needs the actor may know of: a sensitive flag (trafficking, violence…) put
    # first without the sensitive-data permission would reveal it; flags of hidden members never.
    flags = case.flags.filter(person_id__in=person_ids_visible(actor=actor, case=case))
    if not rules.has_perm("cases.view_sensitive", actor, case):
        flags = flags.exclude(kind__in=VulnerabilityFlag.SENSITIVE)
    kinds = set(flags.values_list("kind", flat=True))
    needs = {FLAG_NEEDS[k] for k in kinds if k in FLAG_NEEDS}
    pathways = list(pathways_visible(actor=actor, country=case.owning_office.country_id))
    return sorted(pathways, key=lambda p: (p.need not in needs, p.name))


# --- consent ----------------------------------------------------------------------------------


def consent_to_share(*, case: Case, person, organisation) -> tuple[Consent | None, set[str]]:
    """The person's latest consent to share with this organisation, if in force, and the fields it
    covers (none without a recorded scope). Same rule as cases.selectors.consent_in_force."""
    latest = (
        Consent.objects.filter(
            case=case, person=person, purpose=Consent.Purpose.SHARE_PARTNER, partner=organisation
        )
        .order_by("-recorded_at", "-id")
        .first()
    )
    if latest is None or not latest.in_force:
        return None, set()
    scope = ConsentScope.objects.filter(consent=latest).first()
    return latest, set(scope.fields) if scope else set()


# --- referrals: the referrer's side ----------------------------------------------------------


def referrals_visible_to(actor) -> QuerySet[Referral]:
    """Referrals of the cases the actor may see, and through a share only those whose every person
    is a member visible to the actor (cases.selectors.members_visible_to): a referral of a hidden
    member would show who they are and which service they needed."""
    qs = Referral.objects.filter(case__in=cases_visible_to(actor))
    if not sees_cases_through_shares(actor):
        return qs
    visible = members_visible_to(actor).filter(
        case_id=OuterRef("referral__case_id"), person_id=OuterRef("person_id")
    )
    hidden_person = Referral.people.through.objects.filter(referral_id=OuterRef("pk")).exclude(
        Exists(visible)
    )
    return qs.exclude(Exists(hidden_person))


def _with_relations(qs: QuerySet[Referral]) -> QuerySet[Referral]:
    return qs.select_related("case", "office", "provider__organisation", "provider__country", "service")


@dataclasses.dataclass(frozen=True)
class ReferralFilters:
    status: str = ""
    office: int | None = None
    provider: int | None = None
    overdue: bool = False


def referral_list(*, actor, filters: ReferralFilters = ReferralFilters(), now=None) -> QuerySet[Referral]:
    qs = referrals_visible_to(actor)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.office:
        qs = qs.filter(office_id=filters.office)
    if filters.provider:
        qs = qs.filter(provider_id=filters.provider)
    if filters.overdue:
        qs = overdue(qs, now=now)
    return _with_relations(qs).order_by("-id")


def referral_get(*, actor, pk) -> Referral:
    try:
        referral = _with_relations(referrals_visible_to(actor)).get(pk=_pk(pk))
    except (Referral.DoesNotExist, ValueError):
        raise Http404 from None
    read_log.read(actor=actor, cases=[referral.case_id], record=CaseAccess.Record.REFERRAL)
    return referral


def referral_shared_data(*, actor, referral: Referral) -> dict:
    """The snapshot as the referrer's side may read it: sensitive details only with the
    sensitive-data permission on the case (the provider reads the snapshot as sent)."""
    read_log.read(actor=actor, cases=[referral.case_id], record=CaseAccess.Record.REFERRAL)
    data = referral.shared_data
    if data and not rules.has_perm("cases.view_sensitive", actor, referral.case):
        for person in data.get("people", []):
            if "sensitive" in person:
                person["sensitive"] = None
    return data


def consent_lapsed(*, actor, referral: Referral) -> list:
    """People of an open referral whose consent no longer covers what was shared (withdrawn since):
    the referrer should consider revoking it."""
    if referral.status not in Referral.OPEN or not rules.has_perm("cases.view_case", actor, referral.case):
        return []
    lapsed = []
    for person in referral.people.all():
        _consent, covered = consent_to_share(
            case=referral.case, person=person, organisation=referral.provider.organisation
        )
        if not set(referral.shared_fields) <= covered:
            lapsed.append(person)
    return lapsed


def case_referrals(*, actor, case: Case) -> QuerySet[Referral]:
    if not rules.has_perm("cases.view_case", actor, case):
        return Referral.objects.none()
    return _with_relations(case.referrals.all()).prefetch_related("people").order_by("-id")


def case_panel(*, actor, case: Case) -> dict:
    """Context of the referrals section of the case page."""
    now = timezone.now()
    referrals = list(case_referrals(actor=actor, case=case))
    for r in referrals:
        r.overdue = r.is_overdue(now)
    return {
        "referrals": referrals,
        "can_refer": rules.has_perm("cases.work_on_case", actor, case),
        "share_consents": share_consents_in_force(actor=actor, case=case),
    }


def share_consents_in_force(*, actor, case: Case) -> list[dict]:
    """For each person and partner, the latest consent to share if in force, with its fields."""
    if not rules.has_perm("cases.view_case", actor, case):
        return []
    consents = (
        Consent.objects.filter(
            case=case,
            purpose=Consent.Purpose.SHARE_PARTNER,
            person_id__in=person_ids_visible(actor=actor, case=case),
        )
        .select_related("person", "partner")
        .order_by("-recorded_at", "-id")
    )
    scopes = dict(ConsentScope.objects.filter(consent__case=case).values_list("consent_id", "fields"))
    latest, rows = set(), []
    for consent in consents:
        key = (consent.person_id, consent.partner_id)
        if key in latest:
            continue
        latest.add(key)
        if consent.in_force:
            rows.append({"consent": consent, "fields": scopes.get(consent.pk, [])})
    return rows


def overdue(qs: QuerySet[Referral], *, now=None) -> QuerySet[Referral]:
    """Referrals still waiting for the provider's answer after their due date."""
    return qs.filter(status__in=Referral.AWAITING_ANSWER, due_at__lt=now or timezone.now())


OVERDUE_SHOWN = 100


def overdue_by_office_and_provider(
    *, actor, now=None, office: int | None = None, provider: int | None = None, limit: int = OVERDUE_SHOWN
) -> dict:
    """Overdue referrals the actor may see: counts per referring office and per provider (all of
    them), and the `limit` most overdue (optionally of one office or provider)."""
    qs = overdue(referrals_visible_to(actor), now=now)
    per_office = list(
        qs.order_by()
        .values("office_id", "office__code", "office__name")
        .annotate(n=Count("pk"))
        .order_by("office__code")
    )
    per_provider = list(
        qs.order_by()
        .values("provider_id", "provider__organisation__name")
        .annotate(n=Count("pk"))
        .order_by("provider__organisation__name")
    )
    if office:
        qs = qs.filter(office_id=office)
    if provider:
        qs = qs.filter(provider_id=provider)
    # The most overdue by a narrow query first, then only those rows with their relations.
    ids = list(qs.order_by("due_at", "id").values_list("pk", flat=True)[:limit])
    rows = list(_with_relations(Referral.objects.filter(pk__in=ids)).order_by("due_at", "id"))
    return {
        "referrals": rows,
        "per_office": per_office,
        "per_provider": per_provider,
        "total": sum(row["n"] for row in per_office),
        "limit": limit,
    }


# --- referrals: the provider's side (partner portal) ----------------------------------------


def portal_referrals(actor) -> QuerySet[Referral]:
    """Referrals addressed to the actor's partner organisation(s), once sent; nothing else."""
    organisations = partner_organisation_ids(actor)
    return (
        Referral.objects.filter(provider__organisation_id__in=organisations)
        .exclude(status=Referral.Status.DRAFT)
        .select_related("provider__organisation", "service")
        .order_by("-sent_at", "-id")
    )


def portal_referral_get(*, actor, pk) -> Referral:
    try:
        referral = portal_referrals(actor).get(pk=_pk(pk))
    except (Referral.DoesNotExist, ValueError):
        raise Http404 from None
    read_log.read(actor=actor, cases=[referral.case_id], record=CaseAccess.Record.REFERRAL)
    return referral


# --- insight -----------------------------------------------------------------------------------


def _hours(duration) -> float | None:
    return round(duration.total_seconds() / 3600, 1) if duration is not None else None


@dataclasses.dataclass
class InsightRow:
    label: str
    made: int = 0
    accepted: int = 0
    declined: int = 0
    overdue: int = 0
    hours_to_acknowledge: float | None = None
    hours_to_complete: float | None = None

    @property
    def answered(self) -> int:
        return self.accepted + self.declined

    @property
    def acceptance_rate(self) -> float | None:
        return round(100 * self.accepted / self.answered, 1) if self.answered else None

    @property
    def overdue_share(self) -> float | None:
        return round(100 * self.overdue / self.made, 1) if self.made else None


def _insight_groups(qs: QuerySet[Referral], now) -> list[dict]:
    """One GROUP BY (country of the provider, pathway) over the referrals, without joining names:
    counts, late answers, and sums of delays (sums, not averages, so that groups can be merged)."""
    S = Referral.Status
    hours = DurationField()
    late = Q(answered_at__gt=F("due_at")) | Q(status__in=Referral.AWAITING_ANSWER, due_at__lt=now)
    acknowledged, completed = Q(acknowledged_at__isnull=False), Q(status=S.COMPLETED)
    return list(
        qs.order_by()
        .values("provider__country_id", "pathway_id")
        .annotate(
            made=Count("pk"),
            declined=Count("pk", filter=Q(status=S.DECLINED)),
            accepted=Count("pk", filter=Q(answered_at__isnull=False) & ~Q(status=S.DECLINED)),
            late=Count("pk", filter=late),
            ack_n=Count("pk", filter=acknowledged),
            ack_sum=Sum(
                ExpressionWrapper(F("acknowledged_at") - F("sent_at"), output_field=hours),
                filter=acknowledged,
            ),
            done_n=Count("pk", filter=completed),
            done_sum=Sum(
                ExpressionWrapper(F("finished_at") - F("sent_at"), output_field=hours), filter=completed
            ),
        )
    )


def _merge(groups: list[dict], key: str, label) -> list[InsightRow]:
    merged: dict = {}
    for g in groups:
        m = merged.setdefault(g[key], defaultdict(lambda: 0))
        for field in ("made", "declined", "accepted", "late", "ack_n", "done_n"):
            m[field] += g[field]
        for field in ("ack_sum", "done_sum"):
            if g[field] is not None:
                m[field] = m[field] + g[field] if m[field] else g[field]
    rows = [
        InsightRow(
            label=label(k),
            made=m["made"],
            accepted=m["accepted"],
            declined=m["declined"],
            overdue=m["late"],
            hours_to_acknowledge=_hours(m["ack_sum"] / m["ack_n"]) if m["ack_n"] else None,
            hours_to_complete=_hours(m["done_sum"] / m["done_n"]) if m["done_n"] else None,
        )
        for k, m in merged.items()
    ]
    return sorted(rows, key=lambda r: r.label)


def referral_insight(*, actor, since: datetime.date | None = None, now=None) -> dict:
    """How the mechanism works, per country of the provider and per pathway, for referrals sent
    from the offices the actor reads: referrals made, acceptance rate, average hours to
    acknowledge and to complete, share answered late or still overdue, declines by reason.
    Aggregates computed by the database in one pass; no personal data."""
    from django.utils.translation import gettext as _

    from sankofa.core.models import Country

    now = now or timezone.now()
    offices = office_ids_of(actor, roles=CASE_READERS)
    qs = Referral.objects.filter(office_id__in=offices, sent_at__isnull=False)
    if since:
        qs = qs.filter(sent_at__date__gte=since)
    groups = _insight_groups(qs, now)
    countries = Country.objects.in_bulk({g["provider__country_id"] for g in groups})
    pathways = Pathway.objects.in_bulk({g["pathway_id"] for g in groups if g["pathway_id"]})
    by_country = _merge(groups, "provider__country_id", lambda k: countries[k].name if k in countries else k)
    by_pathway = _merge(
        groups, "pathway_id", lambda k: pathways[k].name if k in pathways else _("No pathway")
    )
    declines = (
        qs.filter(status=Referral.Status.DECLINED)
        .order_by()
        .values("decline_reason")
        .annotate(n=Count("pk"))
        .order_by("-n", "decline_reason")
    )
    return {
        "by_country": by_country,
        "by_pathway": by_pathway,
        "declines": [
            (
                DeclineReason(d["decline_reason"]).label
                if d["decline_reason"] in DeclineReason.values
                else "?",
                d["n"],
            )
            for d in declines
        ],
        "total": sum(r.made for r in by_country),
    }
