"""Lock-out and throttling behind a reverse proxy and across worker processes: one client address
rule (core.http.client_ip) for axes, allauth and the API; counters in the shared database cache;
API rates from settings, with a stricter one for the token endpoint."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import caches
from django.test import RequestFactory, override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from sankofa.core.http import client_ip
from tests import factories

pytestmark = pytest.mark.django_db


def rates(**overrides):
    """REST_FRAMEWORK with some throttle rates replaced."""
    return {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **overrides},
    }


def test_counters_live_in_a_cache_every_process_shares():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    caches["default"].set("shared", 1)  # its table exists (migration core.0003)
    assert caches["default"].get("shared") == 1


def test_a_signed_in_user_is_throttled_past_the_rate(caseworker_a):
    client = APIClient()
    client.force_authenticate(caseworker_a)
    with override_settings(REST_FRAMEWORK=rates(user="3/minute")):
        answers = [client.get("/api/v1/cases/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]


def test_anonymous_requests_are_throttled_past_the_rate(db):
    # Data endpoints refuse anonymous requests before counting them; the schema is open to all.
    with override_settings(REST_FRAMEWORK=rates(anon="2/minute")):
        answers = [APIClient().get("/api/schema/").status_code for _ in range(3)]
    assert answers == [200, 200, 429]


def test_the_token_endpoint_is_throttled_even_with_the_right_password(caseworker_a):
    body = {"username": "cw_a", "password": factories.PASSWORD, "device": "script"}
    with override_settings(REST_FRAMEWORK=rates(token="2/minute")):
        answers = [APIClient().post("/api/v1/auth/token/", body, format="json").status_code for _ in range(3)]
    assert answers == [201, 201, 429]


def test_token_guesses_for_one_user_from_many_addresses_are_throttled(caseworker_a):
    body = {"username": "cw_a", "password": "guess", "device": "script"}
    with override_settings(REST_FRAMEWORK=rates(token="2/minute"), SANKOFA_TRUSTED_PROXIES=1):
        answers = [
            APIClient()
            .post("/api/v1/auth/token/", body, format="json", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
            .status_code
            for n in range(3)
        ]
    assert answers == [400, 400, 429]


def test_behind_a_proxy_the_client_is_the_address_the_proxy_saw():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert client_ip(request) == "10.0.0.2"  # no trusted proxy: X-Forwarded-For is the client's word
    with override_settings(SANKOFA_TRUSTED_PROXIES=1):
        assert client_ip(request) == "203.0.113.9"  # what the client wrote on the left is ignored
    with override_settings(SANKOFA_TRUSTED_PROXIES=2):
        assert client_ip(request) == "1.2.3.4"
    with override_settings(SANKOFA_CLIENT_IP_HEADER="X-Real-IP"):
        assert client_ip(RequestFactory().get("/", HTTP_X_REAL_IP="198.51.100.7")) == "198.51.100.7"


def test_throttling_counts_each_client_behind_the_proxy_apart(db):
    body = {"username": "nobody", "password": "guess", "device": "script"}

    def ask(address, username):
        return APIClient().post(
            "/api/v1/auth/token/", {**body, "username": username}, format="json", HTTP_X_FORWARDED_FOR=address
        )

    with override_settings(REST_FRAMEWORK=rates(token="1/minute"), SANKOFA_TRUSTED_PROXIES=1):
        first, other, again = ask("203.0.113.1", "a"), ask("203.0.113.2", "b"), ask("203.0.113.1", "c")
    assert first.status_code == other.status_code == 400 and again.status_code == 429


@override_settings(AXES_ENABLED=True, SANKOFA_TRUSTED_PROXIES=1)
def test_lockout_records_the_client_address_not_the_proxys(client, caseworker_a):
    client.post(
        reverse("account_login"),
        {"login": "cw_a", "password": "wrong"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == settings.REST_FRAMEWORK["NUM_PROXIES"] == 0
