"""API tokens (django-rest-knox): issued only after the second factor, hashed, expiring, per device,
listed and revoked by their user and by administrators, revoked by a password change and a sign-out."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from sankofa.access.models import ApiToken, Role
from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = factories.PASSWORD
TOKEN_URL = "/api/v1/auth/token/"
REFUSED = (401, 403)  # 403 because session authentication comes first (it sends no WWW-Authenticate)


@pytest.fixture
def two_factor_user(office_a):
    """A caseworker who turned two-factor authentication on: returns (user, TOTP secret)."""
    user = factories.user_in(office_a, Role.CASEWORKER, username="awa")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return user, secret


def ask(**body):
    return APIClient().post(TOKEN_URL, {"device": "laptop", **body}, format="json")


def test_two_factor_user_gets_no_token_with_the_password_alone(two_factor_user):
    response = ask(username="awa", password=PASSWORD)
    assert response.status_code == 400 and "token" not in response.json()
    assert not ApiToken.objects.exists()


def test_a_wrong_code_is_answered_like_a_wrong_password(two_factor_user):
    wrong_code = ask(username="awa", password=PASSWORD, otp="000000")
    wrong_password = ask(username="awa", password="not the password", otp="000000")
    no_code = ask(username="awa", password=PASSWORD)
    assert wrong_code.status_code == wrong_password.status_code == no_code.status_code == 400
    assert wrong_code.json() == wrong_password.json() == no_code.json()
    assert not ApiToken.objects.exists()


def test_two_factor_user_gets_a_token_with_a_totp_code(two_factor_user):
    user, secret = two_factor_user
    response = ask(username="awa", password=PASSWORD, otp=factories.totp_code(secret))
    assert response.status_code == 201
    body = response.json()
    assert body["device"] == "laptop" and body["expiry"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    assert client.get("/api/v1/cases/").status_code == 200


def test_a_recovery_code_works_once(two_factor_user):
    user, _secret = two_factor_user
    code = RecoveryCodes.activate(user).get_unused_codes()[0]
    assert ask(username="awa", password=PASSWORD, otp=code).status_code == 201
    assert ask(username="awa", password=PASSWORD, otp=code).status_code == 400


def test_the_database_keeps_only_a_hash_of_the_token(caseworker_a):
    response = ask(username="cw_a", password=PASSWORD)
    key = response.json()["token"]
    row = ApiToken.objects.get()
    assert row.user == caseworker_a and row.name == "laptop"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table}")
        stored = [str(value) for value in cursor.fetchone()]
    assert all(key not in value for value in stored)


def test_tokens_expire(caseworker_a):
    key = ask(username="cw_a", password=PASSWORD).json()["token"]
    row = ApiToken.objects.get()
    assert settings.REST_KNOX["TOKEN_TTL"] == datetime.timedelta(hours=10)
    assert abs(row.expiry - row.created - datetime.timedelta(hours=10)) < datetime.timedelta(seconds=5)
    ApiToken.objects.update(expiry=timezone.now() - datetime.timedelta(seconds=1))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/cases/").status_code in REFUSED


def test_drf_authtoken_is_gone():
    assert "rest_framework.authtoken" not in settings.INSTALLED_APPS
    assert "authtoken_token" not in connection.introspection.table_names()


def test_the_migration_drops_an_old_authtoken_table_with_its_keys():
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    migration = importlib.import_module("sankofa.access.migrations.0002_api_tokens")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id integer)")
        cursor.execute("INSERT INTO authtoken_token VALUES ('0123456789abcdef0123456789abcdef01234567', 1)")
        ContentType.objects.create(app_label="authtoken", model="token")
        # What the function uses of a schema editor (SQLite's cannot open inside the test's transaction).
        editor = SimpleNamespace(
            connection=connection, execute=cursor.execute, quote_name=connection.ops.quote_name
        )
        migration.drop_drf_authtoken(apps, editor)
        migration.drop_drf_authtoken(apps, editor)  # and again: nothing left to drop is fine
    assert "authtoken_token" not in connection.introspection.table_names()
    assert not ContentType.objects.filter(app_label="authtoken").exists()


def _client_with(header: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    return client


def test_a_user_lists_their_tokens_without_keys_and_revokes_one(caseworker_a, caseworker_b):
    laptop = factories.api_token(caseworker_a, "laptop")
    phone = factories.api_token(caseworker_a, "phone")
    factories.api_token(caseworker_b, "someone else's")
    client = _client_with(laptop)
    listed = client.get("/api/v1/auth/tokens/").json()["results"]
    assert sorted(t["device"] for t in listed) == ["laptop", "phone"]
    assert all(set(t) == {"id", "device", "created", "expiry", "current"} for t in listed)
    raw = client.get("/api/v1/auth/tokens/").content.decode()
    assert laptop.split()[1] not in raw and phone.split()[1] not in raw
    phone_id = next(t["id"] for t in listed if t["device"] == "phone")
    assert client.delete(f"/api/v1/auth/tokens/{phone_id}/").status_code == 204
    assert _client_with(phone).get("/api/v1/cases/").status_code in REFUSED
    assert client.get("/api/v1/cases/").status_code == 200


def test_a_user_cannot_revoke_another_users_token(caseworker_a, caseworker_b):
    factories.api_token(caseworker_b, "theirs")
    theirs = ApiToken.objects.get(user=caseworker_b)
    client = _client_with(factories.api_token(caseworker_a))
    assert client.delete(f"/api/v1/auth/tokens/{theirs.pk}/").status_code == 404
    assert ApiToken.objects.filter(pk=theirs.pk).exists()


def test_revoking_all_tokens_revokes_every_device(caseworker_a, caseworker_b):
    laptop, phone = factories.api_token(caseworker_a), factories.api_token(caseworker_a)
    other = factories.api_token(caseworker_b)
    assert _client_with(laptop).delete("/api/v1/auth/tokens/all/").status_code == 204
    assert _client_with(phone).get("/api/v1/cases/").status_code in REFUSED
    assert _client_with(laptop).get("/api/v1/cases/").status_code in REFUSED
    assert _client_with(other).get("/api/v1/cases/").status_code == 200


def test_a_password_change_revokes_every_token_and_other_session(client, caseworker_a):
    token = factories.api_token(caseworker_a)
    elsewhere = APIClient()
    elsewhere.force_login(caseworker_a)
    client.force_login(caseworker_a)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a new long passphrase 42",
            "password2": "a new long passphrase 42",
        },
    )
    assert response.status_code == 302, response.content
    assert response["Location"] != reverse("account_reauthenticate"), response["Location"]
    assert _client_with(token).get("/api/v1/cases/").status_code in REFUSED
    assert elsewhere.get("/api/v1/cases/").status_code == 403  # that session is signed out
    assert client.get(reverse("cases:list")).status_code == 200  # this one goes on


def test_a_password_set_by_an_administrator_revokes_the_tokens(caseworker_a):
    token = factories.api_token(caseworker_a)
    # The admin's password form and `changepassword` both end in set_password() and save().
    user = get_user_model().objects.get(pk=caseworker_a.pk)
    user.set_password("another long passphrase 7")
    user.save()
    assert _client_with(token).get("/api/v1/cases/").status_code in REFUSED


def test_signing_out_of_the_web_revokes_the_tokens(client, caseworker_a):
    token = factories.api_token(caseworker_a)
    client.force_login(caseworker_a)
    client.post(reverse("account_logout"))
    assert _client_with(token).get("/api/v1/cases/").status_code in REFUSED


def test_the_token_page_lists_and_revokes_in_french(client, caseworker_a):
    factories.api_token(caseworker_a, "ordinateur du bureau")
    key = factories.api_token(caseworker_a, "téléphone")
    client.force_login(caseworker_a)
    page = client.get("/fr/accounts/api-tokens/")
    html = page.content.decode()
    assert page.status_code == 200 and "Jetons d’API" in html
    assert "ordinateur du bureau" in html and key.split()[1] not in html
    phone = ApiToken.objects.get(name="téléphone")
    client.post("/fr/accounts/api-tokens/", {"token": phone.pk})
    assert not ApiToken.objects.filter(pk=phone.pk).exists()
    client.post("/fr/accounts/api-tokens/", {"all": "1"})
    assert not ApiToken.objects.filter(user=caseworker_a).exists()


def test_the_admin_lists_tokens_without_keys_and_revokes_them(client, office_a, caseworker_a):
    key = factories.api_token(caseworker_a, "laptop").split()[1]
    token = ApiToken.objects.get()
    root = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    listing = client.get(reverse("admin:access_apitoken_changelist")).content.decode()
    assert "laptop" in listing and "cw_a" in listing
    assert key not in listing and token.digest not in listing and token.token_key not in listing
    detail = client.get(reverse("admin:access_apitoken_change", args=[token.pk])).content.decode()
    assert token.digest not in detail and token.token_key not in detail
    assert client.get(reverse("admin:access_apitoken_add")).status_code == 403
    assert (
        client.get("/admin/knox/").status_code == 404
    )  # knox's own admin (which shows digests) is not there
    client.post(
        reverse("admin:access_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert not ApiToken.objects.exists()


@pytest.mark.own_mfa
def test_a_role_that_needs_two_factor_gets_no_token_before_setting_it_up(supervisor_a):
    response = ask(username="sup_a", password=PASSWORD)
    assert response.status_code == 403 and "two-factor" in response.json()["detail"]
    assert not ApiToken.objects.exists()
    assert not Authenticator.objects.exists()


def test_the_schema_documents_the_token_scheme(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert schema["components"]["securitySchemes"]["tokenAuth"]["type"] == "apiKey"
    assert {"tokenAuth": []} in schema["paths"]["/api/v1/cases/"]["get"]["security"]
