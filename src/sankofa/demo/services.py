"""Writes for the demo: the organisations and offices of the generated world, the demo accounts,
and a few assignments. Idempotent: running them twice changes nothing the second time."""

import dataclasses

from django.contrib.auth import get_user_model
from django.db import transaction

from sankofa.access.models import Membership, Office, Organisation, Role
from sankofa.cases.models import Case
from sankofa.cases.services import case_assign

from . import reference

# One password for every demo account, printed by `sankofa demo`. Demo databases only.
DEMO_PASSWORD = "sankofa-demo"


@dataclasses.dataclass(frozen=True)
class DemoUser:
    username: str
    office: str  # office code
    role: str
    first_name: str
    last_name: str
    sensitive: bool = False
    french: bool = False  # prefers French: the language switch is in the page header, nothing is stored
    sees: str = ""


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(
        "caseworker.ner", "NER", Role.CASEWORKER, "Halima", "Issoufou", french=True,
        sees="cases of Niger — Niamey; sensitive flags masked",
    ),
    DemoUser(
        "supervisor.ner", "NER", Role.SUPERVISOR, "Ibrahim", "Garba", sensitive=True, french=True,
        sees="cases of Niger — Niamey, sensitive details included; assigns, closes, shares",
    ),
    DemoUser(
        "caseworker.civ", "CIV", Role.CASEWORKER, "Aya", "Kouassi", french=True,
        sees="cases of Côte d'Ivoire and those handed over to it; sensitive flags masked",
    ),
    DemoUser(
        "supervisor.civ", "CIV", Role.SUPERVISOR, "Serge", "Konan", sensitive=True, french=True,
        sees="cases of Côte d'Ivoire and those handed over to it, sensitive details included",
    ),
    DemoUser(
        "supervisor.regional", reference.REGIONAL, Role.SUPERVISOR, "Khadija", "Bah", sensitive=True,
        sees="every office covered by the regional office; merges duplicates registered in two offices",
    ),
    DemoUser(
        "me.regional", reference.REGIONAL, Role.ME_OFFICER, "Awa", "Ndiaye",
        sees="every office covered by the regional office (read only); indicators",
    ),
    DemoUser(
        "manager.regional", reference.REGIONAL, Role.PROGRAMME_MANAGER, "Peter", "Mendy",
        sees="every office covered by the regional office (read only); dashboards",
    ),
    DemoUser(
        "dpo.regional", reference.REGIONAL, Role.DATA_PROTECTION, "Fatou", "Sarr", french=True,
        sees="every covered office's cases, audit trail and access log",
    ),
    DemoUser(
        "partner.ngo", reference.PARTNER_OFFICE[0], Role.PARTNER, "Mariama", "Abdou", french=True,
        sees="no case files: only referrals addressed to Réseau Entraide Sahel",
    ),
    DemoUser(
        "admin", reference.REGIONAL, Role.ADMINISTRATOR, "Sankofa", "Administrator", sensitive=True,
        sees="everything, and the Django admin at /admin/",
    ),
)  # fmt: skip


@transaction.atomic
def offices_ensure() -> dict[str, Office]:
    """Create the IOM-style organisation, the partners and the offices that do not exist yet (by
    organisation name and office code); the regional office covers every other IOM office."""
    iom, _ = Organisation.objects.get_or_create(name=reference.IOM, defaults={"kind": Organisation.Kind.IOM})
    organisations = {iom.name: iom}
    for name, kind, country in reference.PARTNERS:
        organisations[name], _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "country_id": country}
        )
    offices = {}
    for code, (name, kind, country, _city) in reference.OFFICES.items():
        offices[code], _ = Office.objects.get_or_create(
            code=code, defaults={"organisation": iom, "name": name, "kind": kind, "country_id": country}
        )
    regional = offices[reference.REGIONAL]
    covered = set(regional.covers.values_list("pk", flat=True))
    missing = [o for code, o in offices.items() if code != reference.REGIONAL and o.pk not in covered]
    if missing:
        regional.covers.add(*missing)
    code, name, kind, country = reference.PARTNER_OFFICE
    offices[code], _ = Office.objects.get_or_create(
        code=code,
        defaults={
            "organisation": organisations[reference.PARTNER_NGO],
            "name": name,
            "kind": kind,
            "country_id": country,
        },
    )
    return offices


@transaction.atomic
def demo_users_ensure(*, offices: dict[str, Office]) -> list[tuple[DemoUser, object, bool]]:
    """The demo accounts with their memberships; a new account gets DEMO_PASSWORD, an existing one
    keeps its password. Returns (spec, user, created) for each."""
    User = get_user_model()
    out = []
    for spec in DEMO_USERS:
        is_admin = spec.role == Role.ADMINISTRATOR
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": f"{spec.username}@demo.sankofa.invalid",
                "is_staff": is_admin,
                "is_superuser": is_admin,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user,
            office=offices[spec.office],
            role=spec.role,
            defaults={"sensitive_access": spec.sensitive},
        )
        out.append((spec, user, created))
    return out


def demo_cases_assign(*, users: dict[str, object], per_caseworker: int = 25) -> dict[str, int]:
    """Give each demo caseworker who has no case yet some open cases of their office, through
    cases.services.case_assign with the office's demo supervisor as the actor (so it is audited)."""
    assigned = {}
    for spec in DEMO_USERS:
        if spec.role != Role.CASEWORKER:
            continue
        caseworker = users[spec.username]
        supervisor = users.get(f"supervisor.{spec.username.split('.', 1)[1]}")
        if supervisor is None or Case.objects.filter(assigned_to=caseworker).exists():
            continue
        cases = Case.objects.filter(
            owning_office__code=spec.office, status=Case.Status.OPEN, assigned_to__isnull=True
        ).order_by("-registered_on", "-id")[:per_caseworker]
        for case in cases:
            case_assign(actor=supervisor, case=case, assignee=caseworker)
        assigned[spec.username] = len(cases)
    return assigned
