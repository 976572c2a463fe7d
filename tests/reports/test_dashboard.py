"""Dashboard, targets and profile pages: scoped to the user's offices, hidden from partners."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sankofa.programmes.models import Programme, ProgrammeCase, Target
from sankofa.reports.facts import facts_refresh
from tests.programmes.builders import assist, case_with

pytestmark = pytest.mark.django_db
PERIOD = {"date_from": "2024-01-01", "date_to": "2024-12-31"}


def headline(response, code):
    board = response.context["board"]
    return next(value for indicator, value in board.headlines if indicator.code == code)


def test_office_user_dashboard_excludes_other_offices(client, caseworker_a, caseworker_b, assisted):
    client.force_login(caseworker_a)
    response = client.get(reverse("reports:dashboard"), PERIOD)
    assert response.status_code == 200
    assert headline(response, "PA1") == 15  # 15 in Niamey, none of Tripoli's 7
    countries = {row["iso3"] for row in response.context["board"].by_country}
    assert countries == {"NER"}
    client.force_login(caseworker_b)
    response = client.get(reverse("reports:dashboard"), PERIOD)
    assert headline(response, "PA1") == 5  # Tripoli's 7, rounded


def test_regional_manager_dashboard_covers_both_offices(client, regional_manager, assisted):
    client.force_login(regional_manager)
    response = client.get(reverse("reports:dashboard"), {**PERIOD, "indicator": "PA1"})
    assert headline(response, "PA1") == 20  # 22 rounded
    assert {row["iso3"] for row in response.context["board"].by_country} == {"NER", "LBY"}


def test_dashboard_filters_by_country(client, regional_manager, assisted):
    client.force_login(regional_manager)
    response = client.get(reverse("reports:dashboard"), {**PERIOD, "country": "LBY"})
    assert headline(response, "PA1") == 5


def test_dashboard_shows_suppressed_cells_as_below_threshold(client, caseworker_a, assisted):
    client.force_login(caseworker_a)
    response = client.get(reverse("reports:dashboard"), PERIOD)
    html = response.content.decode()
    assert "&lt;5" in html
    for woman in assisted:
        assert woman.principal.family_name not in html or not woman.principal.family_name
        assert woman.number not in html  # no case numbers, no names: aggregated only


def test_partner_and_outsider_get_404(client, partner_user, outsider):
    for user in (partner_user, outsider):
        client.force_login(user)
        assert client.get(reverse("reports:dashboard")).status_code == 404
        assert client.get(reverse("reports:profile")).status_code == 404


def test_targets_page_shows_progress_against_target(client, regional_manager, caseworker_a, assisted):
    programme = Programme.objects.create(
        code="mprr",
        name_en="MPRR",
        name_fr="MPRR",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
    )
    for case in assisted:
        ProgrammeCase.objects.create(programme=programme, case=case)
    facts_refresh()  # what the background task does after the links are written
    Target.objects.create(
        programme=programme,
        indicator="PA1",
        starts_on=programme.starts_on,
        ends_on=programme.ends_on,
        value=20,
    )
    client.force_login(regional_manager)
    response = client.get(reverse("reports:targets"))
    [progress] = response.context["progress"]
    assert progress.achieved == 10  # 12 linked women, rounded
    assert progress.percent == 50


def test_profile_counts_returns_and_main_country_of_departure(client, caseworker_a, assisted):
    client.force_login(caseworker_a)
    response = client.get(reverse("reports:profile"), {**PERIOD, "nationality": "GIN"})
    profile = response.context["profile"]
    assert profile.returns_total == 10  # 8 returned, rounded
    assert profile.main_departure[1] == 10
    assert profile.by_year == [(2024, 10, 0)]
    response = client.get(reverse("reports:profile"), {**PERIOD, "nationality": "MLI"})
    assert response.context["profile"].returns_total == 0


def test_profile_pyramid_chart_gets_only_protected_cells(client, caseworker_a, assisted):
    """The 8 returned women are all 30-34 (born 1990): one cell of 8 → 10; no exact small count."""
    import json

    client.force_login(caseworker_a)
    response = client.get(reverse("reports:profile"), {**PERIOD, "nationality": "GIN"})
    assert b'id="pyramid-chart"' in response.content
    chart = response.context["chart"]
    assert chart["values"] == [row["values"] for row in response.context["profile"].pyramid]
    data = json.loads(response.content.split(b'id="profile-data" type="application/json">')[1].split(b"<")[0])
    assert data["values"] == [[10]] and data["sexes"] == ["Female"]


def test_dashboard_says_as_of_when_the_figures_were_counted(client, caseworker_a, assisted):
    client.force_login(caseworker_a)
    response = client.get(reverse("reports:dashboard"), PERIOD)
    assert response.context["board"].refreshed_at is not None
    assert b"Records counted as of" in response.content


def test_figures_are_counted_once_per_refresh_and_scope(
    client, caseworker_a, supervisor_a, caseworker_b, assisted
):
    """The second view of the same figures reads the cache (same offices, another user); another
    office never gets them; a refresh of the fact table counts again."""
    url = reverse("reports:dashboard")
    client.force_login(caseworker_a)
    assert headline(client.get(url, PERIOD), "PA1") == 15
    client.force_login(supervisor_a)  # same office: the same entry, no counting
    with CaptureQueriesContext(connection) as counted:
        assert headline(client.get(url, PERIOD), "PA1") == 15
    counting = ('"reports_indicatorfact"', '"reports_indicatorfactday"')  # not the state row
    assert not any(table in q["sql"] for q in counted.captured_queries for table in counting)
    client.force_login(caseworker_b)  # another office: its own figures, never the cached ones
    assert headline(client.get(url, PERIOD), "PA1") == 5
    for n in range(5):
        assist(
            case_with(actor=caseworker_a, office=assisted[0].owning_office, sex="M", nationality="MLI",
                      given_name=f"N{n}"),
            on=datetime.date(2024, 9, 1),
        )  # fmt: skip
    client.force_login(caseworker_a)
    assert headline(client.get(url, PERIOD), "PA1") == 15  # not refreshed yet: the same count
    facts_refresh()
    assert headline(client.get(url, PERIOD), "PA1") == 20
