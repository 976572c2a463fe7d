"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

import os

import pytest
from django.db import connections

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def page():
    """A French-speaking browser page. Playwright starts and stops with each test: while its event
    loop lives, Django hands this thread a different database connection object, which would lose
    the serialized test data that the next transactional test restores."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install the Debian package 'chromium'.")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
            ],
        )
        context = browser.new_context(locale="fr-FR")
        page = context.new_page()
        page.set_default_timeout(15_000)
        # Whatever a test does, the Content-Security-Policy must not have blocked anything: a blocked
        # script or style would be a broken page for real users.
        refused = []
        page.on(
            "console",
            lambda message: (
                refused.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        yield page
        assert not refused, refused
        context.close()
        browser.close()
        # Queries the test body ran while Playwright's loop lived used connections of that loop's
        # context; close them, or the test database cannot be dropped at the end of the run.
        connections.close_all()


def sign_in(page, url, username, password, *, totp_secret=None):
    """Sign in through the French login page, with the authenticator app's code when the user has
    two-factor authentication (as every user whose role requires it has)."""
    from tests import factories

    page.goto(f"{url}/fr/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    if totp_secret:
        page.wait_for_url(f"{url}/fr/accounts/2fa/authenticate/")
        page.fill("#id_code", factories.totp_code(totp_secret))
        page.click("button[type=submit]")
    page.wait_for_url(f"{url}/fr/")
