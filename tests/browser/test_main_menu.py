"""The main menu fits on one line of a laptop screen in French, opens like a menu, and leaves out the
areas a role may not use."""

import pytest

from sankofa.access.models import Role
from tests import factories
from tests.browser.conftest import sign_in as browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def niamey():
    return factories.OfficeFactory(name="Niamey", code="NER", country=factories.country("NER"))


def account(office, role, username):
    user = factories.user_in(office, role, username=username)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(page, url, username, totp_secret=None):
    browser_sign_in(page, url, username, PASSWORD, totp_secret=totp_secret)


def test_caseworker_uses_the_grouped_menu_on_one_line(page, live_server, niamey):
    account(niamey, Role.CASEWORKER, "cw.niamey")
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, live_server.url, "cw.niamey")

    menu = page.locator("nav.navbar")
    areas = menu.locator("#main-menu > ul > li.nav-item")
    assert areas.count() == 6
    tops = {round(areas.nth(i).bounding_box()["y"]) for i in range(areas.count())}
    account_box = menu.get_by_role("button", name="cw.niamey").bounding_box()
    assert len(tops) == 1 and account_box["y"] < menu.bounding_box()["y"] + 30  # one row, account included
    assert not menu.get_by_role("button", name="Administration").count()  # no audit role, not staff

    cases = menu.get_by_role("button", name="Dossiers")
    cases.click()
    assert cases.get_attribute("aria-expanded") == "true"
    menu.get_by_role("link", name="Liste des dossiers").click()
    page.wait_for_url(f"{live_server.url}/fr/cases/")
    assert menu.get_by_role("button", name="Dossiers").get_attribute("aria-current") == "true"

    returns = menu.get_by_role("button", name="Retours")  # by keyboard, as with a screen reader
    returns.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/fr/returns/movements/")


def test_the_access_log_is_under_administration_for_data_protection_only(page, live_server, niamey):
    dpo = account(niamey, Role.DATA_PROTECTION, "dpo.niamey")  # two-factor authentication required
    sign_in(page, live_server.url, "dpo.niamey", factories.satisfy_mfa(dpo))
    page.get_by_role("button", name="Administration").click()
    page.locator("nav.navbar").get_by_role("link", name="Journal des accès").click()
    page.wait_for_url(f"{live_server.url}/fr/cases/access-log/")
