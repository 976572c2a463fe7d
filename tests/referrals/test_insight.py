"""Insight: counts and rates per country and pathway, only for the reader's offices."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sankofa.referrals import selectors, services

from ..factories import PASSWORD
from .conftest import consent, refer

pytestmark = pytest.mark.django_db


def test_insight_counts_acceptance_declines_and_overdue(
    case_a, provider, provider_user, pathway, caseworker_a, caseworker_b
):
    consent(case_a, provider, actor=caseworker_a)
    accepted = refer(case_a, provider, actor=caseworker_a, pathway=pathway)
    accepted = services.referral_accept(
        actor=provider_user, referral=services.referral_acknowledge(actor=provider_user, referral=accepted)
    )
    services.referral_complete(actor=provider_user, referral=accepted, outcome="Housed")
    declined = refer(case_a, provider, actor=caseworker_a, pathway=pathway)
    services.referral_decline(
        actor=provider_user,
        referral=services.referral_acknowledge(actor=provider_user, referral=declined),
        reason="capacity",
    )
    refer(case_a, provider, actor=caseworker_a, priority="emergency")  # no pathway, unanswered
    refer(case_a, provider, actor=caseworker_a, send=False)  # drafts are not referrals made

    later = timezone.now() + datetime.timedelta(days=2)
    insight = selectors.referral_insight(actor=caseworker_a, now=later)
    assert insight["total"] == 3
    niger = insight["by_country"][0]
    assert (niger.label, niger.made, niger.accepted, niger.declined) == ("Niger", 3, 1, 1)
    assert niger.acceptance_rate == 50.0
    assert niger.overdue == 1 and niger.overdue_share == pytest.approx(33.3)
    assert niger.hours_to_acknowledge is not None and niger.hours_to_complete >= 0
    pathways = {row.label: row.made for row in insight["by_pathway"]}
    assert pathways == {"Victim of trafficking — Niger": 2, "No pathway": 1}
    assert insight["declines"] == [("No capacity", 1)]
    assert selectors.referral_insight(actor=caseworker_b)["total"] == 0


def test_insight_page_renders_charts_data_in_french(client, caseworker_a, sent_referral):
    client.login(username=caseworker_a.username, password=PASSWORD)
    response = client.get("/fr" + reverse("referrals:insight"))
    page = response.content.decode()
    assert response.status_code == 200 and 'id="insight-data"' in page
    assert response.context["chart"]["made"] == [1]
