"""The world the permission matrix test runs in, built once through the services.

Offices: Niamey (NER, transit) and Tripoli (LBY, transit), Conakry (GIN, origin), a Dakar regional
office covering Niamey and Tripoli, and Croissant-Rouge (a partner organisation with a provider).

Niamey holds the family case of Aïssatou DIALLO (who consented to sharing with the origin office) and
her son Mamadou (who did not); its return was approved and handed over to Conakry, which
acknowledged it, recorded her arrival, her needs assessment, her reintegration plan and scheduled
her surveys. Niamey also has a travel document, a charter with a manifest, a referral to
Croissant-Rouge, an assistance record, a duplicate pair, a closure request and a community project of
Conakry. Tripoli holds Mohamed KEITA's case with its own return request, movement and assistance.

`World.params(scope)` gives the path parameters of each scope by object kind, so one URL pattern is
filled per scope by the names of its parameters.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from sankofa.access.models import Office, Organisation, Role
from sankofa.assistance.models import AssistanceRecord, Service
from sankofa.assistance.services import assistance_record
from sankofa.cases.models import Consent
from sankofa.cases.services import ConsentInput
from sankofa.cooperation import services as cooperation
from sankofa.cooperation.models import Institution, Theme
from sankofa.duplicates.services import pair_merge as merge_pair
from sankofa.people import matching
from sankofa.people.models import MatchPair
from sankofa.programmes.models import Programme
from sankofa.programmes.services import target_set
from sankofa.reintegration import services as reintegration
from sankofa.reintegration.models import CommunityProject, ScoringScheme, SustainabilitySurvey
from sankofa.reports.services import export_request
from sankofa.returns import services as returns
from sankofa.returns.models import Booking, TravelDocument
from tests import factories
from tests.referrals.conftest import consent as share_consent
from tests.referrals.conftest import make_provider, refer
from tests.returns.conftest import approved, movement

TODAY = timezone.localdate()
PAST = TODAY - datetime.timedelta(days=10)

#: The roles of the matrix. Each (but anonymous, partner and regional) has one user in Niamey (the
#: "own"/"other" scopes) and one in Conakry (the "shared" scopes: Conakry sees the Niamey case only
#: through the handover share).
ROLES = (
    "anonymous",
    "caseworker",
    "supervisor",
    "me_officer",
    "programme_manager",
    "data_protection",
    "administrator",
    "partner",
    "regional_supervisor",
)
OFFICE_ROLES = {
    "caseworker": Role.CASEWORKER,
    "supervisor": Role.SUPERVISOR,
    "me_officer": Role.ME_OFFICER,
    "programme_manager": Role.PROGRAMME_MANAGER,
    "data_protection": Role.DATA_PROTECTION,
    "administrator": Role.ADMINISTRATOR,
}

#: Scopes of object URLs. own: an object of the user's office (for the regional supervisor: of an
#: office it covers; for the partner: the referral addressed to its organisation). other: an object
#: of an office the user does not see. shared: the Niamey case seen from Conakry through the
#: handover share, at its consenting member (the mother); shared_refused: the same case at the member
#: who did not consent (the son); origin_own: an object of Conakry's own (its community project), seen
#: from Conakry.
SCOPES = ("own", "other", "shared", "shared_refused", "origin_own")
SCOPES_OF_ROLE = {
    "anonymous": ("own",),
    "partner": ("own", "other"),
    "regional_supervisor": ("own", "other"),
}


@dataclass
class World:
    users: dict = field(default_factory=dict)  # (role, "transit"|"origin") -> user
    son_name: str = "Mamadou"  # the member who did not consent to sharing with the origin office
    objects: dict = field(default_factory=dict)  # scope -> {kind: value}

    def user(self, role: str, scope: str):
        if role == "anonymous":
            return None
        if role in ("partner", "regional_supervisor"):
            return self.users[(role, "any")]
        return self.users[(role, "transit" if scope in ("own", "other") else "origin")]

    def params(self, role: str, scope: str) -> dict:
        """Object kind -> path value, for the scope as the role sees it."""
        if role == "regional_supervisor" and scope == "other":
            return self.objects["conakry"]  # Conakry is not covered by Dakar
        return self.objects[scope]


def build() -> World:
    """Everything through the services; the few rows no service writes are said so."""
    world = World()
    iom = factories.OrganisationFactory(name="IOM", kind=Organisation.Kind.IOM)
    ner = factories.OfficeFactory(
        organisation=iom,
        name="Niamey",
        code="NER",
        country=factories.country("NER"),
        kind=Office.Kind.TRANSIT,
    )
    lby = factories.OfficeFactory(
        organisation=iom,
        name="Tripoli",
        code="LBY",
        country=factories.country("LBY"),
        kind=Office.Kind.TRANSIT,
    )
    gin = factories.OfficeFactory(
        organisation=iom,
        name="Conakry",
        code="GIN",
        country=factories.country("GIN"),
        kind=Office.Kind.ORIGIN,
    )
    regional = factories.OfficeFactory(
        organisation=iom,
        name="Dakar regional office",
        code="ROD",
        country=factories.country("SEN"),
        kind=Office.Kind.REGIONAL,
        covers=[ner, lby],
    )
    for name, role in OFFICE_ROLES.items():
        sensitive = role in (Role.SUPERVISOR, Role.DATA_PROTECTION, Role.ADMINISTRATOR)
        world.users[(name, "transit")] = factories.user_in(
            ner, role, sensitive=sensitive, username=f"ner_{name}"
        )
        world.users[(name, "origin")] = factories.user_in(
            gin, role, sensitive=sensitive, username=f"gin_{name}"
        )
    world.users[("regional_supervisor", "any")] = factories.user_in(
        regional, Role.SUPERVISOR, sensitive=True, username="rod_supervisor"
    )
    cw, sup = world.users[("caseworker", "transit")], world.users[("supervisor", "transit")]
    gin_cw = world.users[("caseworker", "origin")]
    lby_cw = factories.user_in(lby, Role.CASEWORKER, username="lby_caseworker")
    lby_sup = factories.user_in(lby, Role.SUPERVISOR, username="lby_supervisor")

    # Partner organisation with a provider and its partner user.
    red_crescent = factories.OrganisationFactory(name="Croissant-Rouge", kind=Organisation.Kind.NGO)
    provider = make_provider(red_crescent, areas_served="Niamey")
    partner_office = factories.OfficeFactory(
        organisation=red_crescent, name="Croissant-Rouge Niamey", code="CRN", kind=Office.Kind.TRANSIT
    )
    world.users[("partner", "any")] = factories.user_in(partner_office, Role.PARTNER, username="crn_partner")

    # The family case in Niamey: the mother consents to sharing with the origin office, the son not.
    family = factories.register_case(
        actor=cw,
        office=ner,
        principal=factories.member("Aïssatou", "Diallo", date_of_birth=datetime.date(1994, 6, 15)),
        members=[factories.member("Mamadou", "Diallo", relationship="child", sex="M")],
        consents=[
            ConsentInput(0, Consent.Purpose.SHARE_ORIGIN, True, PAST),
            *(
                ConsentInput(member, purpose, True, PAST)
                for member in (0, 1)
                for purpose in (
                    Consent.Purpose.ASSISTANCE,
                    Consent.Purpose.RETURN,
                    Consent.Purpose.MONITORING,
                )
            ),
        ],
    )
    mother = family.principal
    son = family.members.exclude(person=mother).get().person
    service = Service.objects.get(code="shelter-temporary")
    (ner_assistance,) = assistance_record(
        actor=cw, case=family, people=[mother], service=service, delivered_on=PAST,
        country=ner.country, modality=AssistanceRecord.Modality.IN_KIND,
    )  # fmt: skip
    share_consent(family, provider, actor=cw)
    referral = refer(family, provider, actor=cw)
    request = approved(family, [mother, son], caseworker=cw, supervisor=sup)
    document = returns.travel_document_request(
        actor=cw, request=request, person=mother, kind=TravelDocument.Kind.LAISSEZ_PASSER,
        consulate="Consulat de Guinée à Niamey", requested_on=PAST,
    )  # fmt: skip
    charter = movement(ner, cw)
    booking = returns.movement_book(actor=cw, movement=charter, request=request)
    handover = returns.handover_send(actor=cw, request=request, to_office=gin)
    returns.handover_acknowledge(actor=gin_cw, handover=handover)
    arrival = reintegration.arrival_record(
        actor=gin_cw, case=family, person=mother, arrived_on=PAST, place="Aéroport de Conakry-Gbessia",
        received_by="Mariam Camara (OIM)",
    )  # fmt: skip
    assessment = reintegration.assessment_save(actor=gin_cw, case=family, person=mother, assessed_on=PAST)
    plan = reintegration.plan_create(
        actor=gin_cw, case=family, person=mother, economic_summary="Tissus à Labé"
    )
    item = reintegration.plan_item_add(
        actor=gin_cw, plan=plan, version=plan.version, kind="microbusiness", description="Stock de départ",
        budget=Decimal("500000"), currency="GNF", provider_name="Chambre de commerce de Labé",
    )  # fmt: skip
    plan.refresh_from_db()
    plan = reintegration.plan_submit(actor=gin_cw, plan=plan, version=plan.version)
    plan = reintegration.plan_approve(
        actor=world.users[("supervisor", "origin")], plan=plan, version=plan.version
    )  # revision 1
    reintegration.followups_schedule(case=family, person=mother)
    survey = SustainabilitySurvey.objects.filter(case=family, person=mother).order_by("due_on").first()
    scheme = ScoringScheme.objects.get(is_active=True)
    project = reintegration.project_create(
        actor=gin_cw, office=gin, name="Maraîchage de Labé", kind=CommunityProject.Kind.AGRICULTURE,
        country=gin.country, location="Labé", budget=Decimal("45000000"), currency="GNF", starts_on=PAST,
    )  # fmt: skip
    closure = reintegration.closure_request(actor=cw, case=family, reason="completed", note="")

    # A duplicate pair in Niamey (the batch job writes pairs; no service queues one by hand).
    twin = factories.register_case(
        actor=cw,
        office=ner,
        principal=factories.member("Aisha", "Jalloh", date_of_birth=datetime.date(1995, 1, 1)),
    )
    a, b = matching.pair_key(mother.pk, twin.principal_id)
    pair = MatchPair.objects.create(
        person_a_id=a, person_b_id=b, score=0.91, band="review",
        reasons=[{"code": "name_variant", "detail": "aisha ~ aissatou"}],
    )  # fmt: skip

    # A merge in Niamey of two registrations of Ibrahim MOUSSA, to be undone.
    one, two = (
        factories.register_case(actor=cw, office=ner, principal=factories.member(given, "Moussa", sex="M"))
        for given in ("Ibrahim", "Ibrahima")
    )
    a, b = matching.pair_key(one.principal_id, two.principal_id)
    merge = merge_pair(
        actor=sup, pair=MatchPair.objects.create(person_a_id=a, person_b_id=b, score=0.95, band="strong"),
        survivor=one.principal,
    )  # fmt: skip

    # Tripoli: Mohamed KEITA, his return request, movement and assistance.
    keita = factories.register_case(
        actor=lby_cw,
        office=lby,
        principal=factories.member("Mohamed", "Keita", sex="M", nationality="MLI"),
        consents=[
            ConsentInput(0, purpose, True, PAST)
            for purpose in (Consent.Purpose.ASSISTANCE, Consent.Purpose.RETURN)
        ],
    )
    lby_request = approved(keita, [keita.principal], caseworker=lby_cw, supervisor=lby_sup)
    lby_document = returns.travel_document_request(
        actor=lby_cw, request=lby_request, person=keita.principal, kind=TravelDocument.Kind.LAISSEZ_PASSER,
        consulate="Consulat du Mali à Tripoli", requested_on=PAST,
    )  # fmt: skip
    lby_movement = movement(lby, lby_cw, reference="CHR-LBY-GIN-01")
    (lby_assistance,) = assistance_record(
        actor=lby_cw, case=keita, people=[keita.principal], service=service, delivered_on=PAST,
        country=lby.country, modality=AssistanceRecord.Modality.IN_KIND,
    )  # fmt: skip
    lby_closure = reintegration.closure_request(actor=lby_cw, case=keita, reason="completed", note="")
    other_provider = make_provider(
        factories.OrganisationFactory(name="Libya Aid", kind=Organisation.Kind.NGO), "LBY"
    )
    share_consent(keita, other_provider, actor=lby_cw)
    lby_referral = refer(keita, other_provider, actor=lby_cw)

    # Conakry's own case: a spontaneous returnee with her plan.
    spontaneous = reintegration.spontaneous_arrival_register(
        actor=gin_cw, office=gin, principal=factories.member("Fanta", "Camara"), arrived_on=PAST,
        place="Gare routière de Conakry", received_by="Mariam Camara (OIM)",
        consents=[Consent.Purpose.ASSISTANCE, Consent.Purpose.MONITORING],
    )  # fmt: skip
    gin_plan = reintegration.plan_create(actor=gin_cw, case=spontaneous.case, person=spontaneous.person)
    reintegration.followups_schedule(case=spontaneous.case, person=spontaneous.person)
    gin_survey = SustainabilitySurvey.objects.filter(case=spontaneous.case).order_by("due_on").first()

    # Programme (managed in the admin: no service creates one), target, cooperation, export.
    programme = Programme.objects.create(
        code="mprr", name_en="Migrant protection, return and reintegration",
        name_fr="Protection, retour et réintégration", starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
    )  # fmt: skip
    programme.countries.set([ner.country, gin.country, lby.country])
    target_set(
        programme=programme, indicator=_an_indicator(), starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31), value=100, actor=world.users[("administrator", "transit")],
    )  # fmt: skip
    ministry = Institution.objects.create(
        name="Ministère de l'Intérieur", kind=Institution.Kind.MINISTRY, country=ner.country
    )
    framework = cooperation.framework_create(
        actor=sup, title_en="Niger–Guinea migration cooperation", title_fr="Coopération migratoire Niger–Guinée",
        kind="bilateral", countries=[ner.country, gin.country], institutions=[ministry],
        starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2027, 12, 31),
    )  # fmt: skip
    matrix = cooperation.matrix_create(
        actor=sup, framework=framework, theme=Theme.objects.get(code="trafficking"), title_en="Trafficking"
    )
    roadmap = cooperation.roadmap_create(
        actor=sup, framework=framework, title_en="Roadmap", first_year=2025, last_year=2027
    )
    priority = cooperation.priority_add(actor=sup, roadmap=roadmap, title_en="Data sharing")
    action = cooperation.action_add(actor=sup, matrix=matrix, description="Finalise the memorandum")
    meeting = cooperation.meeting_record(
        actor=sup,
        framework=framework,
        title="Joint committee",
        kind="steering",
        starts_on=datetime.date(2026, 2, 10),
    )
    resource = cooperation.resource_add(
        actor=sup, title="Guide", kind="guidance", language="fr", url="https://example.org/guide"
    )
    export = export_request(
        actor=world.users[("me_officer", "transit")], format="csv", language="en", params={}
    )

    shared_common = {
        "case": family.number,
        "request": request.pk,
        "handover": handover.pk,
        "movement": charter.pk,
        "booking": booking.pk,
        "consent": family.consents.get(person=mother, purpose=Consent.Purpose.SHARE_ORIGIN).pk,
        "closure": closure.pk,
    }
    common = {
        "programme": programme.code,
        "framework": framework.pk,
        "matrix": matrix.pk,
        "roadmap": roadmap.pk,
        "priority": priority.pk,
        "action": action.pk,
        "meeting": meeting.pk,
        "resource": resource.pk,
        "provider": provider.pk,
        "pathway": _pathway(provider, service).pk,
        "scheme": scheme.pk,
        "indicator": _an_indicator(),
        "export": export.pk,
    }
    world.objects["own"] = {
        **common,
        **shared_common,
        "person": mother.pk,
        "document": document.pk,
        "assistance": ner_assistance.pk,
        "referral": referral.pk,
        "pair": pair.pk,
        "merge": merge.pk,
        "arrival": arrival.pk,
        "assessment": assessment.pk,
        "plan": plan.pk,
        "item": item.pk,
        "survey": survey.pk,
    }
    world.objects["other"] = {
        **common,
        "case": keita.number,
        "person": keita.principal_id,
        "request": lby_request.pk,
        "document": lby_document.pk,
        "movement": lby_movement.pk,
        "assistance": lby_assistance.pk,
        "referral": lby_referral.pk,
        "closure": lby_closure.pk,
        "consent": keita.consents.first().pk,
        "project": project.pk,
    }
    world.objects["shared"] = {
        **common,
        **shared_common,
        "person": mother.pk,
        "document": document.pk,
        "assistance": ner_assistance.pk,
        "referral": referral.pk,
        "pair": pair.pk,
        "arrival": arrival.pk,
        "assessment": assessment.pk,
        "plan": plan.pk,
        "item": item.pk,
        "survey": survey.pk,
    }
    world.objects["shared_refused"] = {**common, **shared_common, "person": son.pk}
    world.objects["origin_own"] = {**common, "project": project.pk}
    world.objects["conakry"] = {
        **common,
        "case": spontaneous.case.number,
        "person": spontaneous.person_id,
        "arrival": spontaneous.pk,
        "plan": gin_plan.pk,
        "survey": gin_survey.pk,
        "project": project.pk,
    }
    assert Booking.objects.filter(pk=booking.pk).exists()
    for user in world.users.values():  # as real users of roles that require it have done
        factories.satisfy_mfa(user)
    return world


def _an_indicator() -> str:
    from sankofa.programmes.indicators import INDICATORS

    return next(iter(INDICATORS))


def _pathway(provider, service):
    """Pathways are reference data managed in the admin: no service creates one."""
    from sankofa.referrals.models import Pathway, PathwayStep

    pathway = Pathway.objects.create(
        country=factories.country("NER"), need="trafficking", name_en="Victim of trafficking — Niger",
        name_fr="Victime de traite — Niger",
    )  # fmt: skip
    PathwayStep.objects.create(
        pathway=pathway,
        order=1,
        title_en="Shelter",
        title_fr="Hébergement",
        provider=provider,
        service=service,
    )
    return pathway
