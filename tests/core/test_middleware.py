"""A NUL character anywhere in a request is a 400, never a database error (PostgreSQL refuses NUL)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_nul_in_api_json_body_is_a_400(api_client, caseworker_a):
    api_client.force_authenticate(caseworker_a)
    response = api_client.post("/api/v1/cases/", {"office": "NER\u0000", "members": []}, format="json")
    assert response.status_code == 400 and "NUL" in response.json()["detail"]


def test_nul_in_query_string_is_a_400(client, caseworker_a):
    client.force_login(caseworker_a)
    assert client.get(reverse("cases:list"), {"nationality": "GIN\x00"}).status_code == 400


def test_nul_in_form_post_is_a_400(client, caseworker_a):
    client.force_login(caseworker_a)
    assert client.post(reverse("cases:register"), {"office": "1\x00"}).status_code == 400


def test_ordinary_requests_pass(client, caseworker_a):
    client.force_login(caseworker_a)
    assert client.get(reverse("cases:list"), {"q": "Aïssatou"}).status_code == 200
