"""Demo (and benchmark) data for indicators: what `sankofa seed` does not generate.

`sankofa seed` writes people, cases, flags and migration profiles but no assistance and no returns,
so most indicators would read zero. `indicator_records_generate` adds, in bulk and
deterministically (a random generator seeded by the case id), a plausible share of them:

- cases of transit offices: ~60 % of them get 1–3 protection (transit) services per member, and
  ~30 % return voluntarily (a return request that arrived, 1–8 months after registration, to the
  principal's country of nationality);
- returnees then get reception and post-arrival assistance (~85 %) on arrival and, for ~55 %, a
  reintegration service 2–10 months later (often in a later period than the return);
- cases of origin offices get post-arrival and reintegration services.

Rows are written with bulk_create (no signals, so no audit entries, as for all generated data), and
only where the services would allow them: assistance for people whose consent to assistance is in
force, returns for those whose consent to return is (demo.consents).
Dates never pass today. `demo_indicators_ensure` also attributes cases to the demo programmes by
the default rule and sets targets, so the dashboard and the targets page show meaningful figures."""

import datetime
import random

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from sankofa.assistance.models import AssistanceRecord, Service, ServiceCategory
from sankofa.cases.models import Case, CaseMember, Consent
from sankofa.programmes import services as programme_services
from sankofa.programmes.indicators import INDICATORS, IndicatorFilters, indicator_total
from sankofa.programmes.models import Programme
from sankofa.returns.models import ReturnRequest

from .consents import consenting

BATCH = 5000
TRANSIT_CATEGORIES = [
    ServiceCategory.FOOD_NFI,
    ServiceCategory.SHELTER,
    ServiceCategory.HEALTH,
    ServiceCategory.MHPSS,
]
ARRIVAL_CATEGORIES = [ServiceCategory.TRANSPORT, ServiceCategory.CASH, ServiceCategory.FOOD_NFI]
REINTEGRATION_CATEGORIES = [ServiceCategory.LIVELIHOODS, ServiceCategory.EDUCATION, ServiceCategory.CASH]


def _services_by_category(categories) -> list[int]:
    ids = list(Service.objects.filter(category__in=categories, is_active=True).values_list("pk", flat=True))
    return ids or list(Service.objects.values_list("pk", flat=True)[:3])


def _day(start: datetime.date, days: int, today: datetime.date) -> datetime.date | None:
    day = start + datetime.timedelta(days=days)
    return day if day <= today else None


def indicator_records_generate(*, today: datetime.date | None = None, progress=None) -> dict[str, int]:
    """Generate assistance records and arrived returns for cases that have none. Idempotent: cases
    that already have a return request or an assistance record are left alone."""
    today = today or timezone.localdate()
    transit_services = _services_by_category(TRANSIT_CATEGORIES)
    arrival_services = _services_by_category(ARRIVAL_CATEGORIES)
    reintegration_services = _services_by_category(REINTEGRATION_CATEGORIES)
    if not transit_services:
        return {}
    counts = {"assistance records": 0, "returns": 0}
    cases = (
        # NOT EXISTS per case (an index lookup), not NOT IN over every record: the chunks below
        # would otherwise each re-read all records written so far (20 s per chunk at 1 M cases).
        Case.objects.exclude(Exists(AssistanceRecord.objects.filter(case_id=OuterRef("pk"))))
        .exclude(Exists(ReturnRequest.objects.filter(case_id=OuterRef("pk"))))
        .order_by("pk")
        .values_list(
            "pk",
            "registered_on",
            "owning_office__kind",
            "owning_office__country_id",
            "principal__nationality_id",
        )
    )
    last = 0
    while True:
        chunk = list(cases.filter(pk__gt=last)[:BATCH])
        if not chunk:
            break
        last = chunk[-1][0]
        members: dict[int, list[int]] = {}
        for case_id, person_id in CaseMember.objects.filter(case_id__in=[c[0] for c in chunk]).values_list(
            "case_id", "person_id"
        ):
            members.setdefault(case_id, []).append(person_id)
        chunk_ids = [c[0] for c in chunk]
        assisted = consenting(Consent.Purpose.ASSISTANCE, cases=chunk_ids)
        returnable = consenting(Consent.Purpose.RETURN, cases=chunk_ids)
        records, requests, returning = [], [], []
        for case_id, registered_on, kind, office_country, nationality in chunk:
            rng = random.Random(case_id)
            people = members.get(case_id, [])
            if not people:
                continue

            def record(
                person,
                on,
                stage,
                service_ids,
                country,
                case_id=case_id,
                rng=rng,
                records=records,
                assisted=assisted,
            ):
                if (case_id, person) not in assisted:
                    return  # no consent to assistance: the service would refuse it
                records.append(
                    AssistanceRecord(
                        case_id=case_id, person_id=person, service_id=rng.choice(service_ids), delivered_on=on,
                        country_id=country, modality=AssistanceRecord.Modality.IN_KIND, stage=stage,
                    )
                )  # fmt: skip

            if kind == "transit":
                if rng.random() < 0.6:
                    for person in people:
                        for _n in range(rng.randint(1, 3)):
                            on = _day(registered_on, rng.randint(0, 60), today)
                            if on:
                                record(
                                    person,
                                    on,
                                    AssistanceRecord.Stage.TRANSIT,
                                    transit_services,
                                    office_country,
                                )
                if rng.random() < 0.3 and nationality and nationality != office_country:
                    departed = _day(registered_on, rng.randint(30, 240), today)
                    # only those who consented to return go (the service requires it of each)
                    returnees = [p for p in people if (case_id, p) in returnable]
                    if departed and returnees:
                        requests.append(
                            ReturnRequest(
                                case_id=case_id, requested_on=departed - datetime.timedelta(days=25),
                                informed_consent_on=departed - datetime.timedelta(days=25), voluntary=True,
                                destination_country_id=nationality, status=ReturnRequest.Status.ARRIVED,
                                departed_on=departed, arrived_on=departed, version=4,
                                eligibility_reason="National of the country of return",
                            )
                        )  # fmt: skip
                        returning.append(returnees)
                        for person in returnees:
                            if rng.random() < 0.85:
                                record(
                                    person,
                                    departed,
                                    AssistanceRecord.Stage.POST_ARRIVAL,
                                    arrival_services,
                                    nationality,
                                )
                            if rng.random() < 0.55:
                                on = _day(departed, rng.randint(60, 300), today)
                                if on:
                                    record(
                                        person,
                                        on,
                                        AssistanceRecord.Stage.REINTEGRATION,
                                        reintegration_services,
                                        nationality,
                                    )
            elif kind == "origin":
                for person in people:
                    if rng.random() < 0.7:
                        record(
                            person,
                            registered_on,
                            AssistanceRecord.Stage.POST_ARRIVAL,
                            arrival_services,
                            office_country,
                        )
                    if rng.random() < 0.5:
                        on = _day(registered_on, rng.randint(60, 300), today)
                        if on:
                            record(
                                person,
                                on,
                                AssistanceRecord.Stage.REINTEGRATION,
                                reintegration_services,
                                office_country,
                            )
        with transaction.atomic():
            AssistanceRecord.objects.bulk_create(records, batch_size=BATCH)
            created = ReturnRequest.objects.bulk_create(requests, batch_size=BATCH)
            Through = ReturnRequest.people.through
            Through.objects.bulk_create(
                [Through(returnrequest_id=r.pk, person_id=p) for r, people in zip(created, returning, strict=True) for p in people],
                batch_size=BATCH,
            )  # fmt: skip
        counts["assistance records"] += len(records)
        counts["returns"] += len(requests)
        if progress:
            progress(counts)
    return counts


# Targets of the regional demo programme: indicator → share of the value reached so far that the
# target asks for (so progress bars show a realistic 60–90 %).
TARGET_FACTORS = {"PA1": 1.25, "AVR1": 1.4, "RE1": 1.3, "RI1": 1.6, "VOT1": 1.2, "UASC1": 1.2, "REF1": 1.5}


def _round_target(value: float) -> int:
    step = 50 if value > 500 else 10
    return max(step, int(round(value / step)) * step)


def demo_indicators_ensure(*, actor) -> dict[str, int]:
    """Generated records, programme links (default attribution rule) and targets for the demo."""
    counts = indicator_records_generate()
    for programme in Programme.objects.filter(code__in=["mprr-wca", "civ-mar-coop"]):
        counts[f"cases attributed to {programme.code}"] = programme_services.programme_attribute_cases(
            programme=programme, actor=actor
        )
    regional = Programme.objects.filter(code="mprr-wca").first()
    if regional and not regional.targets.exists():
        countries = [None, *regional.countries.filter(iso3__in=["NER", "LBY", "GIN"])]
        for code, factor in TARGET_FACTORS.items():
            for country in countries:
                filters = IndicatorFilters(
                    date_from=regional.starts_on, date_to=timezone.localdate(), programme=regional.code,
                    country=country.iso3 if country else None,
                )  # fmt: skip
                reached = indicator_total(actor=actor, indicator=INDICATORS[code], filters=filters)
                if reached or country is None:
                    programme_services.target_set(
                        programme=regional, indicator=code, country=country, starts_on=regional.starts_on,
                        ends_on=regional.ends_on, value=_round_target(reached * factor), actor=actor,
                    )  # fmt: skip
        counts["targets"] = regional.targets.count()
    return counts
