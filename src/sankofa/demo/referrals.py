"""Demo data of the National Referral Mechanism: providers in several countries (ministries, NGOs,
UN agencies; fictional), pathways, and referrals in every state — some overdue, some addressed to
the demo partner NGO (`partner.ngo`). Referrals go through the referral services; only the dates
of a few are moved into the past afterwards, so that overdue ones exist. Runs once."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from sankofa.access.models import Organisation
from sankofa.assistance.models import Service
from sankofa.cases.models import Case
from sankofa.referrals import services
from sankofa.referrals.models import FocalPoint, Pathway, PathwayStep, Provider, Referral

from . import reference

K = Organisation.Kind
# (organisation, kind, country, areas served, service codes, languages, capacity, focal point)
PROVIDERS = [
    (reference.PARTNER_NGO, K.NGO, "NER", "Niamey, Tillabéri", ["shelter-temporary", "psychosocial-individual", "food"], ["fra", "hau"], 40, ("Mariama Abdou", "mariama.abdou@entraide-sahel.invalid")),
    ("Santé Pour Tous Agadez", K.NGO, "NER", "Agadez, Arlit", ["medical-consultation", "medical-treatment"], ["fra", "hau", "tmh"], 60, ("Dr Moussa Ibrahim", "moussa@spt-agadez.invalid")),
    ("Ministère de l'Intérieur — Direction de la Protection Civile (Niger)", K.GOVERNMENT, "NER", "Niger", ["civil-documentation"], ["fra"], None, ("Bureau d'accueil", "")),
    ("Agence onusienne pour l'enfance — Niamey (fictive)", K.UN, "NER", "Niger", ["family-tracing", "psychosocial-group"], ["fra", "eng"], 25, ("Child protection officer", "")),
    ("Ministère de la Femme, de la Famille et de l'Enfant (Côte d'Ivoire, fictif)", K.GOVERNMENT, "CIV", "Abidjan, Bouaké", ["social-protection", "psychosocial-individual"], ["fra"], 30, ("Cellule de lutte contre la traite", "")),
    ("Centre d'Accueil Espoir Abidjan", K.NGO, "CIV", "Abidjan", ["shelter-temporary", "psychosocial-individual", "legal-counselling"], ["fra", "dyu"], 20, ("Awa Koné", "awa.kone@espoir.invalid")),
    ("Formation Pro Bouaké", K.PRIVATE, "CIV", "Bouaké", ["vocational-training", "job-placement"], ["fra"], 15, ("Yao Kouamé", "")),
    ("Association des Retournés de Guinée", K.CSO, "GIN", "Conakry, Kindia", ["counselling-general", "income-generating-activity"], ["fra", "sus", "ful"], 50, ("Mamadou Camara", "")),
    ("Ministère de l'Action Sociale (Guinée, fictif)", K.GOVERNMENT, "GIN", "Guinée", ["social-protection", "family-tracing"], ["fra"], None, ("Direction de l'enfance", "")),
    ("Agence onusienne pour les réfugiés — Tripoli (fictive)", K.UN, "LBY", "Tripoli", ["legal-counselling", "medical-consultation"], ["arb", "eng"], 100, ("Protection desk", "")),
]  # fmt: skip

# (country, need, English, French, [(step en, step fr, provider name, service code)])
PATHWAYS = [
    ("CIV", "trafficking", "Victim of trafficking — Côte d'Ivoire", "Victime de traite — Côte d'Ivoire", [
        ("Safe shelter and first aid", "Hébergement sûr et premiers soins", "Centre d'Accueil Espoir Abidjan", "shelter-temporary"),
        ("Formal identification and protection order", "Identification formelle et mesure de protection", "Ministère de la Femme, de la Famille et de l'Enfant (Côte d'Ivoire, fictif)", "social-protection"),
        ("Legal counselling", "Conseil juridique", "Centre d'Accueil Espoir Abidjan", "legal-counselling"),
        ("Vocational training", "Formation professionnelle", "Formation Pro Bouaké", "vocational-training"),
    ]),
    ("GIN", "unaccompanied_child", "Unaccompanied child — Guinea", "Enfant non accompagné — Guinée", [
        ("Best-interest assessment", "Évaluation de l'intérêt supérieur", "Ministère de l'Action Sociale (Guinée, fictif)", "social-protection"),
        ("Family tracing", "Recherche familiale", "Ministère de l'Action Sociale (Guinée, fictif)", "family-tracing"),
        ("Community follow-up", "Suivi communautaire", "Association des Retournés de Guinée", "counselling-general"),
    ]),
    ("NER", "trafficking", "Victim of trafficking — Niger", "Victime de traite — Niger", [
        ("Shelter and psychosocial support", "Hébergement et soutien psychosocial", reference.PARTNER_NGO, "shelter-temporary"),
        ("Medical care", "Soins médicaux", "Santé Pour Tous Agadez", "medical-consultation"),
        ("Civil documents", "Documents d'état civil", "Ministère de l'Intérieur — Direction de la Protection Civile (Niger)", "civil-documentation"),
    ]),
    ("NER", "unaccompanied_child", "Unaccompanied child — Niger", "Enfant non accompagné — Niger", [
        ("Interim care", "Prise en charge temporaire", reference.PARTNER_NGO, "shelter-temporary"),
        ("Family tracing", "Recherche familiale", "Agence onusienne pour l'enfance — Niamey (fictive)", "family-tracing"),
    ]),
]  # fmt: skip

# The life of each demo referral: (office, provider, priority, steps, days ago sent). Steps are
# applied in order by the provider's user (or the caseworker when the provider is off-system).
PLAN = [
    ("NER", reference.PARTNER_NGO, "emergency", [], 3),  # overdue: no answer after 24 h
    ("NER", reference.PARTNER_NGO, "urgent", ["acknowledge"], 5),  # overdue: acknowledged only
    ("NER", reference.PARTNER_NGO, "normal", [], 0),  # just sent
    ("NER", reference.PARTNER_NGO, "normal", ["acknowledge", "accept"], 4),
    ("NER", reference.PARTNER_NGO, "urgent", ["acknowledge", "accept", "start"], 6),
    ("NER", reference.PARTNER_NGO, "normal", ["acknowledge", "accept", "start", "complete"], 20),
    ("NER", reference.PARTNER_NGO, "normal", ["acknowledge", "decline"], 10),
    ("NER", "Santé Pour Tous Agadez", "emergency", ["acknowledge", "accept", "close"], 12),
    ("NER", "Ministère de l'Intérieur — Direction de la Protection Civile (Niger)", "normal", ["revoke"], 8),
    ("NER", "Santé Pour Tous Agadez", "normal", None, 0),  # draft
    ("CIV", "Centre d'Accueil Espoir Abidjan", "urgent", ["acknowledge", "accept", "start", "complete"], 15),
    ("CIV", "Centre d'Accueil Espoir Abidjan", "emergency", [], 2),  # overdue
    ("CIV", "Formation Pro Bouaké", "normal", ["acknowledge", "decline"], 9),
    ("CIV", "Ministère de la Femme, de la Famille et de l'Enfant (Côte d'Ivoire, fictif)", "normal", ["acknowledge", "accept"], 3),
]  # fmt: skip
SERVICE_OF = {name: codes[0] for name, _k, _c, _a, codes, *_rest in PROVIDERS}
FIELDS = ["name", "sex", "date_of_birth", "nationality", "languages", "phone"]


@transaction.atomic
def providers_and_pathways_ensure() -> dict[str, Provider]:
    """The demo providers (by organisation name) and pathways (by English name), if missing."""
    services_by_code = {s.code: s for s in Service.objects.all()}
    providers = {}
    for name, kind, country, areas, codes, languages, capacity, (fp_name, fp_email) in PROVIDERS:
        organisation, _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "country_id": country}
        )
        provider, created = Provider.objects.get_or_create(
            organisation=organisation,
            defaults={
                "country_id": country,
                "areas_served": areas,
                "languages": languages,
                "capacity": capacity,
            },
        )
        if created:
            provider.services.set([services_by_code[c] for c in codes if c in services_by_code])
            FocalPoint.objects.create(provider=provider, name=fp_name, email=fp_email)
        providers[name] = provider
    for country, need, en, fr, steps in PATHWAYS:
        pathway, created = Pathway.objects.get_or_create(
            name_en=en, defaults={"country_id": country, "need": need, "name_fr": fr}
        )
        if created:
            for order, (step_en, step_fr, provider, code) in enumerate(steps, start=1):
                PathwayStep.objects.create(
                    pathway=pathway,
                    order=order,
                    title_en=step_en,
                    title_fr=step_fr,
                    provider=providers[provider],
                    service=services_by_code.get(code),
                )
    return providers


def _step(referral: Referral, step: str, *, provider_actor, referrer):
    actor = referrer if referral.off_system else provider_actor
    if step == "acknowledge":
        return services.referral_acknowledge(actor=actor, referral=referral)
    if step == "accept":
        return services.referral_accept(actor=actor, referral=referral, note="Rendez-vous fixé.")
    if step == "start":
        return services.referral_start(actor=actor, referral=referral)
    if step == "complete":
        return services.referral_complete(
            actor=actor, referral=referral, outcome="Service fourni ; suivi à 3 mois."
        )
    if step == "decline":
        return services.referral_decline(actor=actor, referral=referral, reason="capacity")
    if step == "close":
        return services.referral_close(
            actor=actor, referral=referral, note="La personne ne s'est pas présentée."
        )
    if step == "revoke":
        return services.referral_revoke(actor=referrer, referral=referral, note="Personne partie.")
    raise ValueError(step)


@transaction.atomic
def demo_referrals_ensure() -> int:
    """Referrals following PLAN, once (none if any referral exists or there are no cases)."""
    providers = providers_and_pathways_ensure()
    if Referral.objects.exists():
        return 0
    User = get_user_model()
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["supervisor.ner", "supervisor.civ", "partner.ngo"])
    }
    referrers = {"NER": users.get("supervisor.ner"), "CIV": users.get("supervisor.civ")}
    made = 0
    used: dict[str, int] = {}
    for office, provider_name, priority, steps, days_ago in PLAN:
        referrer = referrers.get(office)
        case = (
            Case.objects.filter(owning_office__code=office, status=Case.Status.OPEN)
            .order_by("id")[used.get(office, 0) : used.get(office, 0) + 1]
            .first()
        )
        if referrer is None or case is None:
            continue
        used[office] = used.get(office, 0) + 1
        provider = providers[provider_name]
        services.consent_to_share_record(
            actor=referrer,
            case=case,
            person=case.principal,
            organisation=provider.organisation,
            fields=FIELDS,
        )
        pathway = Pathway.objects.filter(country_id=provider.country_id, steps__provider=provider).first()
        referral = services.referral_create(
            actor=referrer,
            case=case,
            people=[case.principal],
            provider=provider,
            service=Service.objects.get(code=SERVICE_OF[provider_name]),
            pathway=pathway,
            reason="Orientation de démonstration : besoin identifié lors de l'entretien.",
            priority=priority,
            fields=FIELDS,
            send=steps is not None,
        )
        for step in steps or []:
            referral = _step(referral, step, provider_actor=users.get("partner.ngo"), referrer=referrer)
        if steps is not None and days_ago:
            _backdate(referral, datetime.timedelta(days=days_ago))
        made += 1
    return made


def _backdate(referral: Referral, delta: datetime.timedelta) -> None:
    """Demo only: move a referral's dates into the past (so that some are overdue), keeping the
    intervals between them. Never done to real data."""
    referral.refresh_from_db()
    fields = ["sent_at", "due_at", "acknowledged_at", "answered_at", "started_at", "finished_at"]
    # Later steps happen progressively: spread them over the elapsed time, one step per fifth.
    step = delta / 5
    values = {}
    for i, name in enumerate(fields):
        value = getattr(referral, name)
        if value is not None:
            values[name] = (
                value - delta + (step * i if name not in ("sent_at", "due_at") else datetime.timedelta())
            )
    if "due_at" in values:
        values["due_at"] = referral.due_at - delta
    Referral.objects.filter(pk=referral.pk).update(**values)
    referral.events.update(at=timezone.now() - delta)
