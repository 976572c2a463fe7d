"""The API documentation renders under the Content-Security-Policy (the page fixture fails on any
violation): Swagger UI's start-up script is a file, not inline."""

import pytest

from sankofa.access.models import Role
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_swagger_ui_lists_the_operations(page, live_server, office_a):
    factories.user_in(office_a, Role.CASEWORKER, username="awa.caseworker")
    sign_in(page, live_server.url, "awa.caseworker", factories.PASSWORD)
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector("text=/api/v1/auth/token/")
    assert page.locator(".opblock").count() > 10
