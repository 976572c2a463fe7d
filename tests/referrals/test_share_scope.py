"""Referrals seen through a share (the origin office after a handover): only those whose every person
is a member visible to that office, never acted on by it, and consent panels limited the same way.
In case_a the mother consented to sharing with the origin office; her son did not."""

import datetime

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from sankofa.cases import services as case_services
from sankofa.cases.models import Consent, VulnerabilityFlag
from sankofa.referrals import selectors
from sankofa.referrals.models import Pathway, PathwayStep
from tests import factories

from .conftest import consent, refer

PAST = timezone.localdate() - datetime.timedelta(days=3)


@pytest.fixture
def son(case_a):
    return case_a.members.exclude(person=case_a.principal).get().person


@pytest.fixture
def shared(case_a, supervisor_a, caseworker_a, origin_office):
    case_services.consent_record(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        consent=case_services.ConsentInput(0, Consent.Purpose.SHARE_ORIGIN, True, PAST),
    )
    case_services.case_share(actor=supervisor_a, case=case_a, office=origin_office, reason="Handover")
    return case_a


@pytest.fixture
def son_referral(shared, son, provider, provider_user, caseworker_a):
    consent(shared, provider, actor=caseworker_a, person=son)
    return refer(shared, provider, actor=caseworker_a, people=[son])


@pytest.fixture
def mother_referral(shared, provider, provider_user, caseworker_a):
    consent(shared, provider, actor=caseworker_a)
    return refer(shared, provider, actor=caseworker_a)


def test_referral_of_a_hidden_member_is_invisible_through_the_share(
    son_referral, mother_referral, origin_caseworker, caseworker_a, api_client, client
):
    assert set(selectors.referral_list(actor=caseworker_a)) == {son_referral, mother_referral}
    assert list(selectors.referral_list(actor=origin_caseworker)) == [mother_referral]
    with pytest.raises(Http404):
        selectors.referral_get(actor=origin_caseworker, pk=son_referral.pk)

    api_client.force_authenticate(origin_caseworker)
    listed = api_client.get("/api/v1/referrals/").json()["results"]
    assert [r["id"] for r in listed] == [mother_referral.pk]
    assert api_client.get(f"/api/v1/referrals/{son_referral.pk}/").status_code == 404
    assert api_client.post(f"/api/v1/referrals/{son_referral.pk}/revoke/", {"note": "x"}).status_code == 404

    client.force_login(origin_caseworker)
    assert client.get(reverse("referrals:detail", args=[son_referral.pk])).status_code == 404


def test_consent_to_share_panel_lists_only_visible_members(son_referral, shared, son, origin_caseworker):
    rows = selectors.share_consents_in_force(actor=origin_caseworker, case=shared)
    assert rows == []  # only the son consented to share with the provider
    owner_rows = selectors.share_consents_in_force(actor=shared.assigned_to, case=shared)
    assert [r["consent"].person for r in owner_rows] == [son]


def test_origin_office_cannot_revoke_the_transit_offices_referral(
    mother_referral, origin_caseworker, api_client
):
    assert not origin_caseworker.has_perm("referrals.change_referral", mother_referral)
    api_client.force_authenticate(origin_caseworker)
    response = api_client.post(f"/api/v1/referrals/{mother_referral.pk}/revoke/", {"note": "x"})
    assert response.status_code == 403
    mother_referral.refresh_from_db()
    assert mother_referral.status == "sent"


def test_pathway_order_does_not_reveal_a_sensitive_flag(case_a, caseworker_a, pathway, provider, service):
    child = Pathway.objects.create(
        country=factories.country("NER"), need="unaccompanied_child", name_en="Child protection — Niger"
    )
    PathwayStep.objects.create(pathway=child, order=1, title_en="Care", provider=provider, service=service)
    case_services.flag_add(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        flag=case_services.FlagInput(0, VulnerabilityFlag.Kind.VOT_PRESUMED, PAST, ""),
    )
    without = selectors.pathway_suggestions(actor=caseworker_a, case=case_a)
    assert [p.pk for p in without] == [child.pk, pathway.pk]  # by name only
    reader = factories.user_in(case_a.owning_office, "caseworker", sensitive=True, username="cw_sens")
    assert [p.pk for p in selectors.pathway_suggestions(actor=reader, case=case_a)] == [pathway.pk, child.pk]
