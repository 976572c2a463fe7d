"""Demo cooperation data: two programmes with donors and funding, a bilateral framework with three
action matrices (actions in every status, some late), a regional roadmap adopted by a workshop of
21 countries, meetings with action points, and a few library links. Written through the
cooperation services by the demo administrator; dates are relative to today so that some actions
are always late. Idempotent: nothing is created when the bilateral framework already exists."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sankofa.access.models import Office
from sankofa.cooperation import services
from sankofa.cooperation.models import Action, Framework, Institution, Theme
from sankofa.core.models import Country
from sankofa.programmes.models import Donor, Funding, Programme

BILATERAL_TITLE = "Côte d'Ivoire – Morocco cooperation on migration"
REGIONAL_COUNTRIES = (
    "BEN", "BFA", "CMR", "CIV", "GMB", "GHA", "GIN", "GNB", "LBR", "MLI", "MRT",
    "NER", "NGA", "SEN", "SLE", "TGO", "TCD", "MAR", "TUN", "LBY", "ETH",
)  # fmt: skip

# (name, kind, country): fictional-sounding generic names, so nobody mistakes them for real contacts.
INSTITUTIONS = {
    "interior_civ": ("Ministère de l'Intérieur — Côte d'Ivoire", "ministry", "CIV"),
    "higher_ed_civ": ("Ministère de l'Enseignement supérieur — Côte d'Ivoire", "ministry", "CIV"),
    "anti_trafficking_civ": ("Commission nationale de lutte contre la traite — Côte d'Ivoire", "national_commission", "CIV"),
    "labour_mar": ("Ministère de l'Emploi — Maroc", "ministry", "MAR"),
    "employment_agency_mar": ("Agence nationale de l'emploi — Maroc", "agency", "MAR"),
    "university_agency_mar": ("Agence de coopération universitaire — Maroc", "agency", "MAR"),
    "embassy_mar_in_civ": ("Ambassade du Maroc à Abidjan", "embassy", "MAR"),
    "embassy_civ_in_mar": ("Ambassade de Côte d'Ivoire à Rabat", "embassy", "CIV"),
    "iom": ("IOM", "international", None),
    "regional_body": ("Regional Migration Dialogue Secretariat", "regional_body", None),
}  # fmt: skip

D = datetime.timedelta


def _institutions() -> dict[str, Institution]:
    out = {}
    for key, (name, kind, country) in INSTITUTIONS.items():
        out[key], _ = Institution.objects.get_or_create(
            name=name, country_id=country, defaults={"kind": kind}
        )
    return out


def _programmes(today: datetime.date) -> tuple[Programme, Programme]:
    eu, _ = Donor.objects.get_or_create(name="European Union", defaults={"short_name": "EU"})
    deu, _ = Donor.objects.get_or_create(name="Germany", defaults={"country_id": "DEU"})
    nld, _ = Donor.objects.get_or_create(name="Netherlands", defaults={"country_id": "NLD"})
    regional, created = Programme.objects.get_or_create(
        code="mprr-wca",
        defaults={
            "name_en": "Migrant Protection, Return and Reintegration — West and Central Africa",
            "name_fr": "Protection, retour et réintégration des migrants — Afrique de l'Ouest et du Centre",
            "kind": Programme.Kind.PROGRAMME,
            "starts_on": datetime.date(today.year - 2, 1, 1),
            "ends_on": datetime.date(today.year + 2, 12, 31),
        },
    )
    if created:
        regional.countries.set(Country.objects.filter(iso3__in=REGIONAL_COUNTRIES))
        regional.offices.set(Office.objects.filter(organisation__kind="iom"))
        Funding.objects.create(programme=regional, donor=eu, amount=Decimal("98000000"), currency="EUR")
        Funding.objects.create(programme=regional, donor=deu, amount=Decimal("12500000"), currency="EUR")
        Funding.objects.create(programme=regional, donor=nld, amount=Decimal("7000000"), currency="USD")
    bilateral, created = Programme.objects.get_or_create(
        code="civ-mar-coop",
        defaults={
            "name_en": "Côte d'Ivoire – Morocco migration cooperation project",
            "name_fr": "Projet de coopération migratoire Côte d'Ivoire – Maroc",
            "kind": Programme.Kind.PROJECT,
            "starts_on": datetime.date(today.year - 1, 1, 1),
            "ends_on": datetime.date(today.year + 1, 12, 31),
        },
    )
    if created:
        bilateral.countries.set(Country.objects.filter(iso3__in=["CIV", "MAR"]))
        bilateral.offices.set(Office.objects.filter(code__in=["CIV", "MAR"]))
        Funding.objects.create(programme=bilateral, donor=eu, amount=Decimal("4500000"), currency="EUR")
    return regional, bilateral


def _action(actor, *, path: list[tuple[str, str]], **kwargs) -> Action:
    """Add an action and walk it through `path`: (status, note) pairs, one progress note each."""
    action = services.action_add(actor=actor, **kwargs)
    day = kwargs.get("starts_on") or timezone.localdate()
    for status, note in path:
        day = min(day + D(days=20), timezone.localdate())
        action = services.action_status_change(
            actor=actor, action=action, status=status, version=action.version, note=note, on=day
        )
    return action


def _bilateral(actor, today, inst, programme) -> Framework:
    framework = services.framework_create(
        actor=actor,
        title_en=BILATERAL_TITLE,
        title_fr="Coopération migratoire Côte d'Ivoire – Maroc",
        kind=Framework.Kind.BILATERAL,
        countries=Country.objects.filter(iso3__in=["CIV", "MAR"]),
        institutions=[inst[k] for k in INSTITUTIONS if k not in ("regional_body",)],
        programmes=[programme],
        starts_on=today - D(days=400),
        ends_on=today + D(days=700),
        description="Three action matrices validated by both governments at a joint workshop in Abidjan.",
    )
    validation = services.meeting_record(
        actor=actor, framework=framework, title="Bilateral validation workshop", kind="validation",
        starts_on=today - D(days=380), ends_on=today - D(days=379), place="Abidjan",
        countries=Country.objects.filter(iso3__in=["CIV", "MAR"]),
        institutions=[inst["interior_civ"], inst["labour_mar"], inst["embassy_mar_in_civ"], inst["iom"]],
        participants_women=14, participants_men=22, participants_unspecified=2,
        outcomes="The three action matrices are validated; a joint technical committee meets twice a year.",
    )  # fmt: skip
    themes = {
        t.code: t
        for t in Theme.objects.filter(code__in=["trafficking", "migrant-workers", "regular-pathways"])
    }
    trafficking = services.matrix_create(
        actor=actor, framework=framework, theme=themes["trafficking"],
        title_en="Fight against trafficking in persons", title_fr="Lutte contre la traite des personnes",
    )  # fmt: skip
    workers = services.matrix_create(
        actor=actor, framework=framework, theme=themes["migrant-workers"],
        title_en="Protection of migrant workers", title_fr="Protection des travailleurs migrants",
    )  # fmt: skip
    students = services.matrix_create(
        actor=actor, framework=framework, theme=themes["regular-pathways"],
        title_en="Regular pathways for students", title_fr="Voies régulières pour les étudiants",
    )  # fmt: skip
    for matrix in (trafficking, workers, students):
        services.validation_record(
            actor=actor, matrix=matrix, validated_on=validation.starts_on + D(days=1),
            validated_by="Ministers of the Interior and of Employment of both countries",
            institutions=[inst["interior_civ"], inst["labour_mar"]], meeting=validation,
        )  # fmt: skip
    start = today - D(days=360)
    # Trafficking in persons
    _action(actor, matrix=trafficking, description="Finalise the memorandum of understanding on the identification and referral of victims of trafficking",
            responsible=[inst["anti_trafficking_civ"], inst["labour_mar"]], supporting=[inst["iom"]],
            starts_on=start, due_on=today - D(days=200), path=[("in_progress", "Draft shared by both ministries."), ("done", "Signed at the joint committee.")])  # fmt: skip
    _action(
        actor,
        matrix=trafficking,
        description="Train 60 border and labour inspectors on identifying victims of trafficking",
        responsible=[inst["interior_civ"]],
        supporting=[inst["iom"]],
        starts_on=start + D(days=30),
        due_on=today - D(days=45),
        indicator="VOT1",
        path=[("in_progress", "First session held with 25 inspectors.")],
    )  # fmt: skip  (late)
    _action(actor, matrix=trafficking, description="Set up a joint hotline for victims and their families",
            responsible=[inst["anti_trafficking_civ"]], supporting=[inst["embassy_civ_in_mar"]],
            starts_on=today - D(days=120), due_on=today + D(days=90), path=[("delayed", "Telecom operator contract not signed yet.")])  # fmt: skip
    _action(actor, matrix=trafficking, description="Publish a joint annual report on trafficking cases",
            responsible=[inst["anti_trafficking_civ"], inst["labour_mar"]], starts_on=today + D(days=60),
            due_on=today + D(days=240), path=[])  # fmt: skip
    # Migrant workers
    _action(
        actor,
        matrix=workers,
        description="Revise the bilateral labour agreement to include social security portability",
        responsible=[inst["labour_mar"], inst["interior_civ"]],
        supporting=[inst["iom"]],
        starts_on=start,
        due_on=today - D(days=20),
        path=[],
    )  # fmt: skip  (late while still planned)
    _action(actor, matrix=workers, description="Pre-departure orientation for workers recruited through the employment agency",
            responsible=[inst["employment_agency_mar"]], supporting=[inst["embassy_civ_in_mar"]],
            starts_on=start + D(days=60), due_on=today + D(days=150), path=[("in_progress", "Curriculum agreed; two sessions held.")])  # fmt: skip
    _action(actor, matrix=workers, description="Register private recruitment agencies in a shared list",
            responsible=[inst["employment_agency_mar"]], starts_on=start + D(days=30), due_on=today - D(days=60),
            path=[("dropped", "Replaced by the national licensing reform.")])  # fmt: skip
    _action(actor, matrix=workers, description="Consular days for Ivorian workers in Casablanca and Tangier",
            responsible=[inst["embassy_civ_in_mar"]], starts_on=start + D(days=90), due_on=today - D(days=90),
            path=[("in_progress", "Casablanca done."), ("done", "Tangier done; 430 workers met.")])  # fmt: skip
    # Students
    _action(actor, matrix=students, description="Publish a joint guide on student visas and residence permits",
            responsible=[inst["university_agency_mar"], inst["higher_ed_civ"]], starts_on=start,
            due_on=today - D(days=100), path=[("in_progress", "Text drafted."), ("done", "Guide published in French.")])  # fmt: skip
    _action(actor, matrix=students, description="Create a desk for Ivorian students at the embassy in Rabat",
            responsible=[inst["embassy_civ_in_mar"]], starts_on=today - D(days=90), due_on=today + D(days=30),
            path=[("delayed", "Premises not available before next term.")])  # fmt: skip
    _action(actor, matrix=students, description="Agree on the recognition of diplomas for returning graduates",
            responsible=[inst["higher_ed_civ"], inst["university_agency_mar"]], starts_on=today - D(days=30),
            due_on=today + D(days=365), path=[("in_progress", "Working group created.")])  # fmt: skip
    committee = services.meeting_record(
        actor=actor, framework=framework, title="Joint technical committee", kind="coordination",
        starts_on=today - D(days=30), place="Rabat", countries=Country.objects.filter(iso3__in=["CIV", "MAR"]),
        institutions=[inst["interior_civ"], inst["labour_mar"], inst["embassy_civ_in_mar"], inst["iom"]],
        participants_women=9, participants_men=11,
        outcomes="Progress reviewed: two actions late; the hotline is delayed by the operator contract.",
    )  # fmt: skip
    services.action_point_add(
        actor=actor, meeting=committee, matrix=trafficking, responsible=[inst["interior_civ"]],
        description="Hold the second training session for inspectors before the end of the quarter",
        due_on=today + D(days=60),
    )  # fmt: skip
    services.meeting_action_points_convert(actor=actor, meeting=committee)
    services.action_point_add(
        actor=actor,
        meeting=committee,
        matrix=workers,
        responsible=[inst["labour_mar"]],
        description="Share the draft revised labour agreement with the workers' unions",
        due_on=today + D(days=45),
    )  # fmt: skip  (left as an action point: the page offers to turn it into an action)
    return framework


def _regional(actor, today, inst, programme) -> Framework:
    countries = Country.objects.filter(iso3__in=REGIONAL_COUNTRIES)
    framework = services.framework_create(
        actor=actor,
        title_en="Cross-regional dialogue on return and reintegration",
        title_fr="Dialogue interrégional sur le retour et la réintégration",
        kind=Framework.Kind.REGIONAL,
        countries=countries,
        institutions=[inst["regional_body"], inst["iom"]],
        programmes=[programme],
        starts_on=datetime.date(today.year, 1, 1),
        ends_on=datetime.date(today.year + 2, 12, 31),
    )
    workshop = services.meeting_record(
        actor=actor, framework=framework, title="Cross-regional workshop on return and reintegration",
        kind="workshop", starts_on=datetime.date(today.year, 1, 1) + D(days=40), place="Dakar",
        countries=countries, institutions=[inst["regional_body"], inst["iom"]],
        participants_women=38, participants_men=51, participants_unspecified=4,
        outcomes="21 countries adopt a three-year roadmap of national and cross-country priorities.",
    )  # fmt: skip
    roadmap = services.roadmap_create(
        actor=actor, framework=framework, title_en="Return and reintegration roadmap",
        title_fr="Feuille de route retour et réintégration", first_year=today.year, last_year=today.year + 2,
    )  # fmt: skip
    services.validation_record(
        actor=actor, roadmap=roadmap, validated_on=workshop.starts_on, meeting=workshop,
        validated_by="Delegations of the 21 participating countries", institutions=[inst["regional_body"]],
    )  # fmt: skip
    cross = [
        ("Harmonise reintegration data collection across countries", "Harmoniser la collecte de données sur la réintégration"),
        ("Strengthen cross-border referral of vulnerable returnees", "Renforcer l'orientation transfrontalière des retournés vulnérables"),
    ]  # fmt: skip
    per_country = {
        "GIN": ("Community reintegration projects in Kankan and Labé", "Projets communautaires de réintégration à Kankan et Labé"),
        "CIV": ("Reception centre capacity in Abidjan", "Capacité du centre d'accueil d'Abidjan"),
        "NER": ("Voluntary return counselling in Agadez", "Conseil au retour volontaire à Agadez"),
        "SEN": ("Psychosocial support for returnees", "Soutien psychosocial aux retournés"),
    }  # fmt: skip
    start = workshop.starts_on
    for order, (en, fr) in enumerate(cross):
        priority = services.priority_add(actor=actor, roadmap=roadmap, title_en=en, title_fr=fr, order=order)
        _action(actor, priority=priority, description=f"{en}: agree on a common framework", starts_on=start,
                due_on=max(start + D(days=30), today - D(days=10)), path=[("in_progress", "Technical group met twice.")])  # fmt: skip
        _action(actor, priority=priority, description=f"{en}: pilot in three countries", starts_on=today,
                due_on=datetime.date(today.year + 1, 12, 31), path=[])  # fmt: skip
    for order, (iso3, (en, fr)) in enumerate(per_country.items(), start=10):
        priority = services.priority_add(
            actor=actor,
            roadmap=roadmap,
            title_en=en,
            title_fr=fr,
            country=Country.objects.get(iso3=iso3),
            order=order,
        )
        path = [[("in_progress", "Started.")], [("delayed", "Funding arrives late.")], [], [("in_progress", "Started."), ("done", "Completed.")]][order % 4]  # fmt: skip
        _action(actor, priority=priority, description=f"{en}: first phase", starts_on=start,
                due_on=datetime.date(today.year + 1, 6, 30), path=path)  # fmt: skip
    return framework


def _library(actor) -> int:
    themes = {t.code: t for t in Theme.objects.all()}
    items = [
        ("Protocol to Prevent, Suppress and Punish Trafficking in Persons", "policy", "en", ["trafficking"],
         "https://www.ohchr.org/en/instruments-mechanisms/instruments/protocol-prevent-suppress-and-punish-trafficking-persons"),
        ("Reintegration Handbook: practical guidance on the design, implementation and monitoring of reintegration assistance",
         "guidance", "en", ["return-reintegration"], "https://publications.iom.int/books/reintegration-handbook"),
        ("Global Compact for Safe, Orderly and Regular Migration", "policy", "mul", ["governance"],
         "https://www.un.org/en/migration2022/global-compact-for-migration"),
        ("Principes généraux et directives opérationnelles concernant le recrutement équitable", "guidance", "fr",
         ["migrant-workers", "labour-migration"], "https://www.ilo.org/fr/publications"),
    ]  # fmt: skip
    for title, kind, language, codes, url in items:
        services.resource_add(
            actor=actor, title=title, kind=kind, language=language, url=url,
            themes=[themes[c] for c in codes if c in themes],
        )  # fmt: skip
    return len(items)


@transaction.atomic
def cooperation_demo_ensure(*, actor) -> str:
    """Create the demo programmes, frameworks, meetings and library once; say what was done."""
    today = timezone.localdate()
    regional_programme, bilateral_programme = _programmes(today)
    if Framework.objects.filter(title_en=BILATERAL_TITLE).exists():
        return "Cooperation demo data already there."
    inst = _institutions()
    bilateral = _bilateral(actor, today, inst, bilateral_programme)
    _regional(actor, today, inst, regional_programme)
    resources = _library(actor)
    late = Action.objects.filter(Action.late_q(today)).count()
    return (
        f"Cooperation: 2 programmes, 2 frameworks ({bilateral.matrices.count()} matrices, 1 roadmap), "
        f"{Action.objects.count()} actions ({late} late), {resources} library links."
    )
