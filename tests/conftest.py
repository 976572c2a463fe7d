"""Shared fixtures: two transit offices (Niger, Libya), an origin office (Guinea), a regional office
covering both transit offices, and people with each role. Cases are registered through services."""

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from sankofa.access.models import Office, Organisation, Role

from . import factories


@pytest.fixture(autouse=True)
def english_by_default():
    """LocaleMiddleware leaves the last request's language active in the thread; reverse() would
    then build /fr/ URLs in the next test."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def iom(db):
    return factories.OrganisationFactory(name="IOM", kind=Organisation.Kind.IOM)


@pytest.fixture
def office_a(iom):
    return factories.OfficeFactory(
        organisation=iom,
        name="Niamey",
        code="NER",
        country=factories.country("NER"),
        kind=Office.Kind.TRANSIT,
    )


@pytest.fixture
def office_b(iom):
    return factories.OfficeFactory(
        organisation=iom,
        name="Tripoli",
        code="LBY",
        country=factories.country("LBY"),
        kind=Office.Kind.TRANSIT,
    )


@pytest.fixture
def origin_office(iom):
    return factories.OfficeFactory(
        organisation=iom,
        name="Conakry",
        code="GIN",
        country=factories.country("GIN"),
        kind=Office.Kind.ORIGIN,
    )


@pytest.fixture
def regional_office(iom, office_a, office_b):
    return factories.OfficeFactory(
        organisation=iom,
        name="Dakar regional office",
        code="ROD",
        country=factories.country("SEN"),
        kind=Office.Kind.REGIONAL,
        covers=[office_a, office_b],
    )


@pytest.fixture
def partner_org(db):
    return factories.OrganisationFactory(name="Croissant-Rouge", kind=Organisation.Kind.NGO)


@pytest.fixture
def caseworker_a(office_a):
    return factories.user_in(office_a, Role.CASEWORKER, username="cw_a")


@pytest.fixture
def sensitive_caseworker_a(office_a):
    return factories.user_in(office_a, Role.CASEWORKER, sensitive=True, username="cw_a_sensitive")


@pytest.fixture
def supervisor_a(office_a):
    return factories.user_in(office_a, Role.SUPERVISOR, sensitive=True, username="sup_a")


@pytest.fixture
def me_officer_a(office_a):
    return factories.user_in(office_a, Role.ME_OFFICER, username="me_a")


@pytest.fixture
def dpo_a(office_a):
    return factories.user_in(office_a, Role.DATA_PROTECTION, username="dpo_a")


@pytest.fixture
def caseworker_b(office_b):
    return factories.user_in(office_b, Role.CASEWORKER, username="cw_b")


@pytest.fixture
def supervisor_b(office_b):
    return factories.user_in(office_b, Role.SUPERVISOR, username="sup_b")


@pytest.fixture
def origin_caseworker(origin_office):
    return factories.user_in(origin_office, Role.CASEWORKER, username="cw_origin")


@pytest.fixture
def regional_manager(regional_office):
    return factories.user_in(regional_office, Role.PROGRAMME_MANAGER, username="pm_regional")


@pytest.fixture
def partner_user(office_a):
    return factories.user_in(office_a, Role.PARTNER, username="partner")


@pytest.fixture
def outsider(db):
    """An account with no membership anywhere."""
    return factories.UserFactory(username="outsider")


@pytest.fixture
def case_a(caseworker_a, office_a):
    """A family case in Niamey: Aïssatou DIALLO and her son."""
    return factories.register_case(
        actor=caseworker_a,
        office=office_a,
        principal=factories.member("Aïssatou", "Diallo"),
        members=[factories.member("Mamadou", "Diallo", relationship="child", sex="M")],
    )


@pytest.fixture
def case_b(caseworker_b, office_b):
    """A case in Tripoli: Mohamed KEITA."""
    return factories.register_case(
        actor=caseworker_b,
        office=office_b,
        principal=factories.member("Mohamed", "Keita", sex="M", nationality="MLI"),
    )


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture(autouse=True)
def mfa_set_up_when_signed_in(request, monkeypatch):
    """The test settings require two-factor authentication of the roles that need it (as
    production does). A test not about it signs its users in as they would be in real life, past
    that step: signing a user in (force_login, login, force_authenticate) first gives them an
    authenticator app when their role requires one. Tests marked `own_mfa` (the tests of the
    requirement itself) see their users exactly as they made them."""
    if request.node.get_closest_marker("own_mfa"):
        return
    from django.contrib.auth import get_user_model
    from django.test.client import ClientMixin

    force_login, login = ClientMixin.force_login, ClientMixin.login
    force_authenticate = APIClient.force_authenticate

    def force_login_past_mfa(self, user, backend=None):
        factories.satisfy_mfa(user)
        return force_login(self, user, backend)

    def login_past_mfa(self, **credentials):
        user = get_user_model().objects.filter(username=credentials.get("username")).first()
        if user is not None:
            factories.satisfy_mfa(user)
        return login(self, **credentials)

    def force_authenticate_past_mfa(self, user=None, token=None):
        if user is not None:
            factories.satisfy_mfa(user)
        return force_authenticate(self, user, token)

    monkeypatch.setattr(ClientMixin, "force_login", force_login_past_mfa)
    monkeypatch.setattr(ClientMixin, "login", login_past_mfa)
    monkeypatch.setattr(APIClient, "force_authenticate", force_authenticate_past_mfa)
