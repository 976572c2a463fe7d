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
