"""Writes of the programmes app: which cases a programme funds, and targets."""

import datetime

from django.db import transaction
from django.db.models import Q

from sankofa.access.permissions import ensure
from sankofa.cases.models import Case
from sankofa.cases.services import timeline_record

from .models import Programme, ProgrammeCase, Target


@transaction.atomic
def programme_attribute_cases(*, programme: Programme, actor) -> int:
    """Default attribution rule (docs/indicators.md): link every case owned by an office the programme
    covers, or by an office in a country it covers, registered before the programme ended. Existing
    links (manual ones included) are kept; running it twice adds nothing. Returns the links added."""
    ensure(actor, "programmes.manage_programme", programme)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)  # one attribution at a time
    covered = Case.objects.filter(
        Q(owning_office__in=programme.offices.all())
        | Q(owning_office__country__in=programme.countries.all()),
        registered_on__lte=programme.ends_on,
    )
    linked = ProgrammeCase.objects.filter(programme=programme).values("case_id")
    new = covered.exclude(pk__in=linked).values_list("pk", flat=True)
    links = [
        ProgrammeCase(programme=programme, case_id=pk, source=ProgrammeCase.Source.COVERAGE) for pk in new
    ]
    ProgrammeCase.objects.bulk_create(links, batch_size=5000)
    return len(links)


def _covering(*, case: Case):
    """Programmes whose coverage takes the case by the default rule: they cover its owning office, or
    that office's country, and had not ended when it was registered."""
    office = case.owning_office
    return Programme.objects.filter(
        Q(offices=office) | Q(countries=office.country_id), ends_on__gte=case.registered_on
    ).distinct()


# Timeline events after which a case is attributed again: its registration, and a change of its
# owning office (recorded under this kind by whichever service moves a case).
ATTRIBUTION_EVENTS = frozenset({"case.registered", "case.office_changed"})


@transaction.atomic
def programme_attribute_case(*, case: Case) -> int:
    """Attribute one case to every programme whose coverage takes it (the rule of
    `programme_attribute_cases`, for a single case). A system rule, not a user's act: it runs from
    the case timeline hook when a case is registered or changes office, whoever did that. Existing
    links are kept. Returns the links added."""
    linked = set(ProgrammeCase.objects.filter(case=case).values_list("programme_id", flat=True))
    new = [p for p in _covering(case=case) if p.pk not in linked]
    ProgrammeCase.objects.bulk_create(
        [ProgrammeCase(programme=p, case=case, source=ProgrammeCase.Source.COVERAGE) for p in new]
    )
    return len(new)


def on_case_event(*, case: Case, kind: str) -> None:
    """Case timeline hook (cases.extensions): attribution follows registrations and office changes."""
    if kind in ATTRIBUTION_EVENTS:
        programme_attribute_case(case=case)


@transaction.atomic
def programme_case_link(*, programme: Programme, case: Case, actor) -> ProgrammeCase:
    """Attribute one case to a programme by hand (e.g. a case of an office the programme does not cover)."""
    ensure(actor, "programmes.manage_programme", programme)
    link, created = ProgrammeCase.objects.get_or_create(
        programme=programme, case=case, defaults={"source": ProgrammeCase.Source.MANUAL}
    )
    if created:
        timeline_record(case=case, actor=actor, kind="programme.linked", data={"programme": programme.code})
    return link


@transaction.atomic
def target_set(
    *, programme: Programme, indicator: str, starts_on: datetime.date, ends_on: datetime.date, value: int,
    country=None, actor,
) -> Target:  # fmt: skip
    """Create or update the target of one indicator for a programme, country and period."""
    ensure(actor, "programmes.manage_programme", programme)
    target = Target.objects.select_for_update().filter(
        programme=programme, indicator=indicator, country=country, starts_on=starts_on, ends_on=ends_on
    ).order_by("pk").first() or Target(
        programme=programme, indicator=indicator, country=country, starts_on=starts_on, ends_on=ends_on
    )
    target.value = value
    target.full_clean()
    target.save()
    return target
