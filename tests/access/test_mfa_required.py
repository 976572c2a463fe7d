"""Two-factor authentication is required of users who see sensitive data or many offices: without an
authenticator app they reach only the set-up pages, and the API refuses them. The requirement is on
in the test settings; these tests keep their users' two-factor state as they made it (own_mfa)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.urls import reverse
from rest_framework.test import APIClient

from sankofa.access.models import ApiToken, Role
from sankofa.access.rules import mfa_missing, mfa_required
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.own_mfa]


def test_the_requirement_is_on_in_the_test_settings():
    assert settings.SANKOFA_MFA_REQUIRED is True


@pytest.mark.parametrize(
    ("role", "sensitive", "required"),
    [
        (Role.CASEWORKER, False, False),
        (Role.SUPERVISOR, False, False),
        (Role.ME_OFFICER, False, False),
        (Role.PARTNER, True, False),  # partners read no case file, whatever the flag says
        (Role.SUPERVISOR, True, True),
        (Role.CASEWORKER, True, True),
        (Role.DATA_PROTECTION, False, True),
        (Role.ADMINISTRATOR, False, True),
    ],
)
def test_who_must_use_two_factor_in_a_country_office(office_a, role, sensitive, required):
    assert mfa_required(factories.user_in(office_a, role, sensitive=sensitive)) is required


def test_regional_and_hq_staff_must_use_two_factor(regional_manager, office_a):
    assert mfa_required(regional_manager)
    assert not mfa_required(factories.user_in(office_a, Role.PROGRAMME_MANAGER))


def test_superusers_and_staff_must_use_two_factor(db):
    assert mfa_required(factories.UserFactory(is_superuser=True))
    assert mfa_required(factories.UserFactory(is_staff=True))
    assert not mfa_required(factories.UserFactory())


def test_an_inactive_membership_does_not_count(office_a):
    user = factories.user_in(office_a, Role.DATA_PROTECTION)
    user.memberships.update(is_active=False)
    assert not mfa_required(user)


def test_setting_up_totp_satisfies_the_requirement(supervisor_a):
    assert mfa_missing(supervisor_a)
    TOTP.activate(supervisor_a, generate_totp_secret())
    assert not mfa_missing(supervisor_a)


def test_a_supervisor_without_two_factor_is_sent_to_set_it_up_with_a_message(client, supervisor_a):
    response = client.post(reverse("account_login"), {"login": "sup_a", "password": factories.PASSWORD})
    assert response["Location"] == reverse("web:home")
    for url in [reverse("cases:list"), reverse("web:home"), reverse("access:api-tokens"), "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp"), url
    # allauth asks for the password again before activating an authenticator: that page stays open.
    page = client.get(reverse("mfa_activate_totp"), follow=True)
    assert page.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert page.content.decode().count("set up two-factor authentication") == 4  # one per refused page
    page = client.post(page.redirect_chain[-1][0], {"password": factories.PASSWORD}, follow=True)
    assert page.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert "data:image/svg+xml" in page.content.decode()  # the QR code to scan (CSP allows data: images)


def test_the_message_is_in_the_users_language(client, dpo_a):
    client.force_login(dpo_a)
    response = client.get("/fr/cases/", follow=True)
    assert response.redirect_chain[0][0] == "/fr/accounts/2fa/totp/activate/"
    assert response.redirect_chain[-1][0].startswith("/fr/accounts/reauthenticate/")
    assert "configurez l’authentification à deux facteurs" in response.content.decode()


def test_set_up_pages_and_sign_out_stay_open(client, supervisor_a):
    client.force_login(supervisor_a)
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get("/static/web/sankofa.css").status_code == 200
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302 and response["Location"] != reverse("mfa_activate_totp")
    assert not client.get(reverse("web:home")).wsgi_request.user.is_authenticated


def test_once_totp_is_set_up_the_pages_open(client, supervisor_a):
    TOTP.activate(supervisor_a, generate_totp_secret())
    client.force_login(supervisor_a)
    assert client.get(reverse("cases:list")).status_code == 200


def test_a_caseworker_without_sensitive_access_needs_no_second_factor(client, caseworker_a):
    client.force_login(caseworker_a)
    assert client.get(reverse("cases:list")).status_code == 200


def test_the_api_refuses_a_session_without_two_factor(supervisor_a):
    client = APIClient()
    client.force_login(supervisor_a)
    response = client.get("/api/v1/cases/")
    assert response.status_code == 403 and "two-factor" in response.json()["detail"]


def test_the_api_refuses_a_token_of_a_user_without_two_factor(supervisor_a):
    # A token issued before the role required two-factor authentication (the endpoint refuses now).
    _token, key = ApiToken.objects.create(supervisor_a, name="old laptop")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get("/api/v1/cases/")
    assert response.status_code == 403 and "two-factor" in response.json()["detail"]
    TOTP.activate(supervisor_a, generate_totp_secret())
    assert client.get("/api/v1/cases/").status_code == 200


def test_a_user_given_sensitive_access_must_set_up_two_factor_at_the_next_page(client, caseworker_a):
    client.force_login(caseworker_a)
    assert client.get(reverse("cases:list")).status_code == 200
    caseworker_a.memberships.update(sensitive_access=True)
    assert client.get(reverse("cases:list"))["Location"] == reverse("mfa_activate_totp")


def test_a_user_whose_role_requires_two_factor_cannot_turn_it_off(client, supervisor_a, caseworker_a):
    from allauth.mfa.models import Authenticator

    for user in (supervisor_a, caseworker_a):
        TOTP.activate(user, generate_totp_secret())
        client.force_login(user)
        # allauth asks for the password again before deactivating
        client.post(reverse("account_reauthenticate"), {"password": factories.PASSWORD})
        client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=supervisor_a, type=Authenticator.Type.TOTP).exists()
    assert not Authenticator.objects.filter(user=caseworker_a, type=Authenticator.Type.TOTP).exists()
