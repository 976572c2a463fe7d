"""Fixtures of cooperation frameworks: a bilateral framework edited by IOM, with one matrix and a
roadmap; institutions of Niger and Guinea; an editor (IOM supervisor), a reader (IOM caseworker),
and a supervisor of another organisation who may read but not edit."""

import datetime

import pytest

from sankofa.access.models import Office, Role
from sankofa.cooperation import services
from sankofa.cooperation.models import Institution, Theme

from .. import factories

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def editor(supervisor_a):
    return supervisor_a


@pytest.fixture
def reader(caseworker_a):
    return caseworker_a


@pytest.fixture
def other_org_supervisor(partner_org):
    office = factories.OfficeFactory(
        organisation=partner_org, name="Croissant-Rouge Niamey", code="CRN", country=factories.country("NER"),
        kind=Office.Kind.TRANSIT,
    )  # fmt: skip
    return factories.user_in(office, Role.SUPERVISOR, username="sup_other_org")


@pytest.fixture
def ministry_ner(db):
    return Institution.objects.create(
        name="Ministère de l'Intérieur", kind=Institution.Kind.MINISTRY, country=factories.country("NER")
    )


@pytest.fixture
def embassy_gin(db):
    return Institution.objects.create(
        name="Ambassade de Guinée à Niamey", kind=Institution.Kind.EMBASSY, country=factories.country("GIN")
    )


@pytest.fixture
def framework(editor, iom, ministry_ner, embassy_gin):
    return services.framework_create(
        actor=editor,
        title_en="Niger–Guinea migration cooperation",
        title_fr="Coopération migratoire Niger–Guinée",
        kind="bilateral",
        countries=[factories.country("NER"), factories.country("GIN")],
        institutions=[ministry_ner, embassy_gin],
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
    )


@pytest.fixture
def matrix(framework, editor):
    return services.matrix_create(
        actor=editor,
        framework=framework,
        theme=Theme.objects.get(code="trafficking"),
        title_en="Fight against trafficking in persons",
        title_fr="Lutte contre la traite des personnes",
    )


@pytest.fixture
def roadmap(framework, editor):
    return services.roadmap_create(
        actor=editor, framework=framework, title_en="Roadmap 2025–2027", title_fr="Feuille de route 2025–2027",
        first_year=2025, last_year=2027,
    )  # fmt: skip


def add_action(matrix, actor, description="Finalise the memorandum of understanding", **kwargs):
    return services.action_add(actor=actor, matrix=matrix, description=description, **kwargs)
