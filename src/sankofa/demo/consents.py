"""Which generated people consented to what: the rule of cases.selectors.consent_in_force (the latest
consent for the purpose, given and not withdrawn), for many people at once. The demo writers that
bypass the services for speed use it so that generated returns, assistance and surveys exist only
where the services would have allowed them."""

from django.db.models import Exists, OuterRef, Q

from sankofa.cases.models import CaseMember, Consent


def consenting(purpose: str, *, cases=None) -> set[tuple[int, int]]:
    """(case id, person id) pairs whose latest consent for `purpose` (no partner) is in force."""
    rows = Consent.objects.filter(purpose=purpose, partner__isnull=True)
    if cases is not None:
        rows = rows.filter(case__in=cases)
    latest = {}
    for case_id, person_id, granted, withdrawn in rows.order_by("recorded_at", "id").values_list(
        "case_id", "person_id", "granted", "withdrawn_on"
    ):
        latest[(case_id, person_id)] = granted and withdrawn is None
    return {key for key, ok in latest.items() if ok}


def every_member_consents(purpose: str):
    """A filter on cases: every member has a consent for `purpose` given and not withdrawn, and no
    refusal or withdrawal for it was ever recorded (so the latest one is in force)."""
    given = Consent.objects.filter(
        case=OuterRef("case"),
        person=OuterRef("person"),
        purpose=purpose,
        granted=True,
        withdrawn_on__isnull=True,
    )
    without = CaseMember.objects.filter(case=OuterRef("pk")).exclude(Exists(given))
    refused = Consent.objects.filter(case=OuterRef("pk"), purpose=purpose).filter(
        Q(granted=False) | Q(withdrawn_on__isnull=False)
    )
    return ~Exists(without) & ~Exists(refused)
