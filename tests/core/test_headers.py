"""Security headers: a Content-Security-Policy without inline script on every page, and nothing
shown to a signed-in user kept in a browser's or proxy's cache (static files keep theirs)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories

pytestmark = pytest.mark.django_db
SRC = Path(__file__).resolve().parents[2] / "src" / "sankofa"


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_pages_carry_a_policy_refusing_inline_and_foreign_scripts(client, caseworker_a):
    client.force_login(caseworker_a)
    policy = _policy(client.get(reverse("cases:list")))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]


def test_the_sign_in_page_carries_the_policy_too(client):
    assert "script-src 'self'" in client.get(reverse("account_login"))["Content-Security-Policy"]


def test_templates_hold_no_inline_script_or_event_handler():
    """What the policy would block: a <script> without src that is not a JSON data block, an on…=
    handler, a <style> element in a page (PDF templates, rendered by WeasyPrint, may have one)."""
    offenders = []
    for template in SRC.rglob("templates/**/*.html"):
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "application/json" not in tag:
                offenders.append((template.name, tag))
        offenders += [(template.name, h) for h in re.findall(r"\son[a-z]+\s*=", text)]
        if "<style" in text and not template.name.endswith("_pdf.html"):
            offenders.append((template.name, "<style>"))
        for trigger in re.findall(r'hx-trigger="([^"]*)"', text):  # htmx evaluates event[filter] as script
            if re.search(r"(^|[\s,])[a-zA-Z]+\[", trigger):
                offenders.append((template.name, trigger))
    assert not offenders, offenders


def test_case_pages_are_not_kept_in_caches(client, caseworker_a, case_a):
    client.force_login(caseworker_a)
    for url in [reverse("cases:list"), case_a.get_absolute_url(), reverse("web:home")]:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store, private", url


def test_api_answers_to_a_token_user_are_not_kept_in_caches(caseworker_a, case_a):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=factories.api_token(caseworker_a))
    response = client.get(f"/api/v1/cases/{case_a.number}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"


def test_static_files_keep_their_caching(client, caseworker_a):
    client.force_login(caseworker_a)
    response = client.get("/static/web/sankofa.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
