"""Demo reception and reintegration at the Abidjan office, through the services (audited, on the
timeline, every rule applied), with the demo accounts caseworker.civ and supervisor.civ as actors.

The handed-over returnees Abidjan acknowledged are received (arrival and post-arrival assistance);
a dozen spontaneous returnees (no handover, consenting to assistance and monitoring) are registered at the airport or a land border and
taken to every stage: arrived only, overdue to design a plan, assessed, plan in draft, submitted, returned for
changes, approved, in progress with a delivered item, completed, closed, closure awaiting decision
and closed then reopened. Two community projects link several of them. A few seconds; idempotent
(nothing is done once a reintegration plan exists)."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sankofa.access.models import Office
from sankofa.assistance.models import AssistanceRecord, Service
from sankofa.cases.models import Consent
from sankofa.cases.selectors import consent_in_force
from sankofa.cases.services import MemberInput
from sankofa.core.models import Country
from sankofa.reintegration import services
from sankofa.reintegration.models import Arrival, Assessment, CommunityProject, ReintegrationPlan
from sankofa.reintegration.selectors import queue_expected_arrivals

# (given name, family name, sex, days since arrival, stage reached)
RETURNEES = (
    ("Konan", "Yao", "M", 3, "arrived"),
    ("Adjoua", "Kouamé", "F", 45, "overdue"),
    ("Souleymane", "Coulibaly", "M", 12, "assessed"),
    ("Aminata", "Traoré", "F", 15, "draft"),
    ("Yves", "N'Guessan", "M", 20, "submitted"),
    ("Mariam", "Ouattara", "F", 22, "returned"),
    ("Brice", "Kouassi", "M", 40, "approved"),
    ("Fatoumata", "Diabaté", "F", 70, "in_progress"),
    ("Jean-Marc", "Aka", "M", 120, "completed"),
    ("Awa", "Bamba", "F", 200, "closed"),
    ("Ismaël", "Touré", "M", 160, "closure_requested"),
    ("Christelle", "Gnagne", "F", 240, "reopened"),
)
STAGES = ("arrived", "overdue", "assessed", "draft", "submitted", "returned", "approved", "in_progress",
          "completed", "closed", "closure_requested", "reopened")  # fmt: skip


def demo_reintegration_ensure(*, users: dict) -> dict[str, int]:
    """Create the demo reintegration once; returns counts of what was made."""
    caseworker, supervisor = users.get("caseworker.civ"), users.get("supervisor.civ")
    office = Office.objects.filter(code="CIV").first()
    if not (caseworker and supervisor and office) or ReintegrationPlan.objects.exists():
        return {}
    with transaction.atomic():
        received = _receive_handovers(caseworker, office)
        arrivals = _spontaneous(caseworker, supervisor, office)
        projects = _projects(caseworker, office, arrivals)
    return {
        "handed-over returnees received": received,
        "spontaneous returnees registered": len(arrivals),
        "plans": ReintegrationPlan.objects.count(),
        "community projects": projects,
    }


def _receive_handovers(caseworker, office) -> int:
    today = timezone.localdate()
    shelter = Service.objects.filter(code="shelter-temporary").first()
    count = 0
    for waiting in queue_expected_arrivals(actor=caseworker)[:20]:
        arrival = services.arrival_record(
            actor=caseworker, case=waiting.case, person=waiting.person, arrived_on=today,
            place="Aéroport Félix-Houphouët-Boigny", received_by="Aya Kouassi (OIM)",
        )  # fmt: skip
        # Assistance only for those who consented to it (the service refuses the others).
        assisted = consent_in_force(
            case=arrival.case, person=arrival.person, purpose=Consent.Purpose.ASSISTANCE
        )
        if shelter is not None and assisted:
            services.post_arrival_assistance_record(
                actor=caseworker, case=arrival.case, people=[arrival.person], service=shelter,
                delivered_on=today, modality=AssistanceRecord.Modality.IN_KIND, place="Abidjan",
            )  # fmt: skip
        count += 1
    return count


def _spontaneous(caseworker, supervisor, office) -> list[Arrival]:
    """Returnees who arrived without a handover, registered at Abidjan at arrival (a new case each,
    through cases.services.case_register): their arrivals carry no return request."""
    today = timezone.localdate()
    civ = Country.objects.get(iso3="CIV")
    pocket = Service.objects.filter(code="cash-pocket-money").first()
    arrivals = []
    for given, family, sex, days, stage in RETURNEES:
        arrived_on = today - datetime.timedelta(days=days)
        land = days % 2 == 1
        arrival = services.spontaneous_arrival_register(
            actor=caseworker,
            office=office,
            principal=MemberInput(
                person={"given_name": given, "family_name": family, "sex": sex, "nationality": civ},
                relationship="principal",
            ),
            arrived_on=arrived_on,
            place="Poste frontière de Noé" if land else "Aéroport Félix-Houphouët-Boigny",
            received_by="Aya Kouassi (OIM)",
            point_of_entry=Arrival.PointOfEntry.LAND_BORDER if land else Arrival.PointOfEntry.AIRPORT,
            consents=[Consent.Purpose.ASSISTANCE, Consent.Purpose.MONITORING],
        )
        if pocket is not None:
            services.post_arrival_assistance_record(
                actor=caseworker, case=arrival.case, people=[arrival.person], service=pocket,
                delivered_on=arrived_on, modality=AssistanceRecord.Modality.CASH, amount=Decimal("50000"),
                currency="XOF",
            )  # fmt: skip
        _to_stage(arrival, stage, caseworker=caseworker, supervisor=supervisor)
        arrival.stage = stage
        arrivals.append(arrival)
    return arrivals


def _to_stage(arrival: Arrival, stage: str, *, caseworker, supervisor) -> None:
    reached = STAGES.index(stage)
    if reached < STAGES.index("assessed"):
        return
    case, person = arrival.case, arrival.person
    services.assessment_save(
        actor=caseworker, case=case, person=person, assessed_on=arrival.arrived_on,
        economic_needs="Sans revenu depuis le retour ; souhaite reprendre une activité.",
        social_needs="Logé chez un parent ; pièces d'identité à refaire.",
        skills="Commerce, couture", education=Assessment.Education.PRIMARY,
        work_experience="Vendeur·se au marché d'Adjamé avant le départ.",
        family_situation="Deux enfants à charge.",
    )  # fmt: skip
    if reached < STAGES.index("draft"):
        return
    plan = services.plan_create(
        actor=caseworker, case=case, person=person,
        economic_summary="Petit commerce de pagnes à Abidjan, avec formation en gestion.",
        social_summary="Carte nationale d'identité ; scolarisation des enfants.",
        psychosocial_summary="Entretiens individuels pendant trois mois.",
    )  # fmt: skip
    items = [
        services.plan_item_add(
            actor=caseworker, plan=plan, version=None, kind="microbusiness", description="Stock de pagnes et étal",
            budget=Decimal("450000"), currency="XOF", provider_name="Chambre de commerce d'Abidjan",
            purchases=[services.PurchaseInput("Pagnes (pièces)", Decimal("60"), Decimal("5000")),
                       services.PurchaseInput("Étal démontable", Decimal("1"), Decimal("120000"))],
        ),
        services.plan_item_add(
            actor=caseworker, plan=plan, version=None, kind="vocational_training",
            description="Formation en gestion de petite entreprise", budget=Decimal("350"), currency="EUR",
            referral_needed=True,
        ),
        services.plan_item_add(
            actor=caseworker, plan=plan, version=None, kind="counselling", description="Soutien psychosocial",
            budget=Decimal("90000"), currency="XOF", provider_name="Centre d'écoute de Treichville",
        ),
    ]  # fmt: skip
    if reached < STAGES.index("submitted"):
        return
    plan = services.plan_submit(actor=caseworker, plan=plan, version=None)
    if stage == "submitted":
        return
    if stage == "returned":
        services.plan_return(
            actor=supervisor, plan=plan, version=None, note="Préciser le fournisseur de l'étal."
        )
        return
    plan = services.plan_approve(actor=supervisor, plan=plan, version=None, note="Approuvé")
    if stage == "approved":
        return
    delivered_on = min(timezone.localdate(), arrival.arrived_on + datetime.timedelta(days=35))
    services.plan_item_deliver(
        actor=caseworker, item=items[0], version=None, delivered_on=delivered_on, modality="in_kind"
    )
    if stage == "in_progress":
        return
    for item in items[1:]:
        services.plan_item_deliver(actor=caseworker, item=item, version=None, delivered_on=delivered_on)
    services.plan_complete(actor=caseworker, plan=plan, version=None)
    if stage == "completed":
        return
    closure = services.closure_request(actor=caseworker, case=case, reason="completed", note="Plan achevé")
    if stage == "closure_requested":
        return
    closure = services.closure_approve(
        actor=supervisor, closure=closure, version=None, note="Clôture approuvée"
    )
    if stage == "reopened":
        services.case_reopen(
            actor=supervisor,
            closure=closure,
            version=None,
            reason="Nouvelle demande d'appui après une inondation.",
        )


def _projects(caseworker, office, arrivals: list[Arrival]) -> int:
    today = timezone.localdate()
    garden = services.project_create(
        actor=caseworker, office=office, name="Coopérative maraîchère de Bingerville",
        kind=CommunityProject.Kind.AGRICULTURE, country=office.country, location="Bingerville",
        budget=Decimal("12500000"), currency="XOF", starts_on=today - datetime.timedelta(days=90),
        community_members=18, description="Maraîchage collectif de personnes de retour et de jeunes du quartier.",
    )  # fmt: skip
    garden = services.project_update(actor=caseworker, project=garden, version=None, status="ongoing")
    workshop = services.project_create(
        actor=caseworker, office=office, name="Atelier de couture d'Adjamé",
        kind=CommunityProject.Kind.COLLECTIVE_BUSINESS, country=office.country, location="Adjamé",
        budget=Decimal("9000"), currency="EUR", starts_on=today - datetime.timedelta(days=30),
        community_members=6,
    )  # fmt: skip
    by_stage = {a.stage: a for a in arrivals}
    for project, stages in (
        (garden, ("approved", "in_progress", "completed")),
        (workshop, ("in_progress", "draft")),
    ):
        for stage in stages:  # the in-progress returnee is in both: counted once among beneficiaries
            a = by_stage.get(stage)
            if a is None:
                continue
            services.project_participant_add(actor=caseworker, project=project, case=a.case, person=a.person)
    return 2
