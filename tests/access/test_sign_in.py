"""Signing in: password, then a TOTP code for users who turned two-factor authentication on."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture
def caseworker(office_a):
    user = factories.user_in(office_a, "caseworker", username="awa")
    user.set_password(PASSWORD)
    user.save()
    return user


def test_sign_in_with_password_lands_on_home(client, caseworker):
    response = client.post(reverse("account_login"), {"login": "awa", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("web:home")
    assert client.get(reverse("web:home")).context["user"] == caseworker


def test_wrong_password_is_refused_with_a_message(client, caseworker):
    response = client.post(reverse("account_login"), {"login": "awa", "password": "wrong"})
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated


def test_pages_need_sign_in(client):
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_self_sign_up_is_closed(client):
    response = client.post(reverse("account_signup"), {"username": "x", "password1": PASSWORD})
    assert not response.wsgi_request.user.is_authenticated
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="x").exists()


def test_two_factor_user_must_give_a_code_after_the_password(client, caseworker):
    secret = generate_totp_secret()
    TOTP.activate(caseworker, secret)
    response = client.post(reverse("account_login"), {"login": "awa", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert not client.get(reverse("web:home")).wsgi_request.user.is_authenticated

    assert client.post(reverse("mfa_authenticate"), {"code": "000000"}).status_code == 200
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("web:home")).context["user"] == caseworker
