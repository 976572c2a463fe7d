"""Referral pages: what referrers do and see, and partner isolation on every page."""

import pytest
from django.urls import reverse

from sankofa.referrals.models import Referral, ShareField

from ..factories import PASSWORD
from .conftest import consent, refer

pytestmark = pytest.mark.django_db
S = Referral.Status


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


STAFF_PAGES = [
    ("referrals:list", []),
    ("referrals:overdue", []),
    ("referrals:insight", []),
    ("referrals:providers", []),
    ("referrals:provider-map", []),
    ("referrals:provider-template", []),
    ("referrals:pathways", []),
]


@pytest.mark.parametrize(("name", "args"), STAFF_PAGES)
def test_staff_pages_render_for_a_caseworker(client, caseworker_a, sent_referral, pathway, name, args):
    assert signed_in(client, caseworker_a).get(reverse(name, args=args)).status_code == 200


def test_case_page_shows_referrals_panel(client, caseworker_a, sent_referral):
    page = signed_in(client, caseworker_a).get(sent_referral.case.get_absolute_url()).content.decode()
    assert sent_referral.reference in page
    assert reverse("referrals:create", args=[sent_referral.case.number]) in page


def test_caseworker_refers_from_the_case_page(
    client, caseworker_a, case_a, provider, provider_user, service, mailoutbox
):
    consent(case_a, provider, actor=caseworker_a)
    url = reverse("referrals:create", args=[case_a.number])
    signed_in(client, caseworker_a)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "people": [case_a.principal.pk],
            "service": service.pk,
            "provider": provider.pk,
            "priority": "urgent",
            "reason": "Shelter needed",
            "fields": ["name", "sex"],
            "send": "on",
        },
    )
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == referral.get_absolute_url()
    assert referral.status == S.SENT and len(mailoutbox) == 1


def test_referral_form_shows_the_consent_refusal_beside_the_form(
    client, caseworker_a, case_a, provider, service
):
    consent(case_a, provider, [ShareField.NAME], actor=caseworker_a)
    response = signed_in(client, caseworker_a).post(
        reverse("referrals:create", args=[case_a.number]),
        {
            "people": [case_a.principal.pk],
            "service": service.pk,
            "provider": provider.pk,
            "priority": "normal",
            "reason": "x",
            "fields": ["name", "phone"],
        },
    )
    assert response.status_code == 200
    assert "has not consented to share" in response.content.decode()
    assert not Referral.objects.exists()


def test_consent_to_share_page_records_the_scope(client, caseworker_a, case_a, provider):
    response = signed_in(client, caseworker_a).post(
        reverse("referrals:consent", args=[case_a.number]),
        {
            "person": case_a.principal.pk,
            "provider": provider.pk,
            "fields": ["name", "phone"],
            "given_on": "2026-01-02",
        },
    )
    assert response.status_code == 302
    assert case_a.consents.get().share_scope.fields == ["name", "phone"]


def test_caseworker_of_another_office_gets_404_on_referral_and_case_referral_pages(
    client, caseworker_b, sent_referral
):
    signed_in(client, caseworker_b)
    number = sent_referral.case.number
    for url in (
        sent_referral.get_absolute_url(),
        reverse("referrals:create", args=[number]),
        reverse("referrals:consent", args=[number]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("referrals:action", args=[sent_referral.pk, "revoke"])).status_code == 404
    assert sent_referral.reference not in client.get(reverse("referrals:list")).content.decode()


def test_provider_acts_through_the_portal(client, provider_user, sent_referral):
    signed_in(client, provider_user)
    assert client.get(reverse("referrals:portal")).status_code == 200
    page = client.get(sent_referral.get_portal_url()).content.decode()
    assert "Aïssatou DIALLO" in page and "Needs a safe place" in page
    for action in ("acknowledge", "accept", "start"):
        client.post(reverse("referrals:portal-action", args=[sent_referral.pk, action]))
    client.post(reverse("referrals:portal-action", args=[sent_referral.pk, "complete"]), {"note": "Housed"})
    sent_referral.refresh_from_db()
    assert sent_referral.status == S.COMPLETED and sent_referral.outcome == "Housed"


def test_portal_shows_only_the_shared_fields(client, provider_user, case_a, provider, caseworker_a):
    case_a.principal.phone = "+227 90 00 00 01"
    case_a.principal.save()
    consent(case_a, provider, [ShareField.SEX], actor=caseworker_a)
    referral = refer(case_a, provider, actor=caseworker_a, fields=[ShareField.SEX])
    page = signed_in(client, provider_user).get(referral.get_portal_url()).content.decode()
    assert "Female" in page
    assert "Aïssatou" not in page and "DIALLO" not in page and "90 00 00 01" not in page
    assert case_a.number not in page


def test_portal_decline_error_is_shown_as_a_message(client, provider_user, sent_referral):
    signed_in(client, provider_user)
    client.post(reverse("referrals:portal-action", args=[sent_referral.pk, "acknowledge"]))
    response = client.post(
        reverse("referrals:portal-action", args=[sent_referral.pk, "decline"]), {"reason": ""}, follow=True
    )
    assert "Give the reason for declining." in response.content.decode()


# --- partner isolation: every page --------------------------------------------------------------


def _every_staff_url(referral, pathway, provider):
    number = referral.case.number
    return [
        reverse("referrals:list"),
        reverse("referrals:overdue"),
        reverse("referrals:insight"),
        reverse("referrals:providers"),
        reverse("referrals:provider-map"),
        reverse("referrals:provider-import"),
        reverse("referrals:provider-template"),
        reverse("referrals:provider", args=[provider.pk]),
        reverse("referrals:pathways"),
        reverse("referrals:pathway", args=[pathway.pk]),
        reverse("referrals:create", args=[number]),
        reverse("referrals:consent", args=[number]),
        referral.get_absolute_url(),
    ]


def test_partner_cannot_reach_any_referrer_page(client, provider_user, sent_referral, pathway, provider):
    signed_in(client, provider_user)
    for url in _every_staff_url(sent_referral, pathway, provider):
        assert client.get(url).status_code in (403, 404), url
    for action in ("send", "revoke", "accept"):
        assert client.post(reverse("referrals:action", args=[sent_referral.pk, action])).status_code in (
            403,
            404,
        )


def test_partner_cannot_reach_case_pages(client, provider_user, sent_referral):
    signed_in(client, provider_user)
    number = sent_referral.case.number
    person = sent_referral.case.principal.pk
    for url in (
        reverse("cases:detail", args=[number]),
        reverse("cases:edit", args=[number]),
        reverse("cases:person-edit", args=[number, person]),
        reverse("cases:member-add", args=[number]),
        reverse("cases:consent-add", args=[number]),
        reverse("cases:flag-add", args=[number]),
        reverse("cases:profile-edit", args=[number]),
        reverse("cases:register"),
        reverse("cases:access-log"),
        reverse("cases:list"),
    ):
        assert client.get(url).status_code in (403, 404), url


def test_partner_of_another_organisation_sees_nothing_of_the_referral(client, other_partner, sent_referral):
    signed_in(client, other_partner)
    assert sent_referral.reference not in client.get(reverse("referrals:portal")).content.decode()
    assert client.get(sent_referral.get_portal_url()).status_code == 404
    for action in ("acknowledge", "accept", "decline", "start", "complete", "close", "note"):
        url = reverse("referrals:portal-action", args=[sent_referral.pk, action])
        assert client.post(url, {"note": "x", "reason": "capacity"}).status_code == 404
    sent_referral.refresh_from_db()
    assert sent_referral.status == S.SENT


def test_staff_without_partner_membership_cannot_use_the_portal(client, caseworker_a, sent_referral):
    signed_in(client, caseworker_a)
    assert client.get(reverse("referrals:portal")).status_code == 403
    assert client.get(sent_referral.get_portal_url()).status_code == 404


def test_partner_nav_shows_only_the_portal_and_home_leads_there(client, provider_user):
    signed_in(client, provider_user)
    response = client.get(reverse("web:home"))
    assert response.status_code == 302 and response["Location"] == reverse("referrals:portal")
    nav = client.get(reverse("referrals:portal")).content.decode().split("</nav>")[0]
    assert reverse("referrals:portal") in nav
    assert reverse("cases:list") not in nav and reverse("cases:register") not in nav


def test_staff_nav_links_to_referrals(client, caseworker_a):
    page = signed_in(client, caseworker_a).get(reverse("web:home")).content.decode()
    assert reverse("referrals:list") in page.split("</nav>")[0]


def test_map_data_is_keyed_by_iso_numeric(client, caseworker_a, provider, other_provider):
    response = signed_in(client, caseworker_a).get(reverse("referrals:provider-map"))
    rows = {r["iso3"]: r for r in response.context["per_country"]}
    assert rows["NER"]["numeric"] == "562" and rows["NER"]["providers"] == 1
    assert rows["LBY"]["numeric"] == "434"


def test_directory_search_by_service_and_country(client, caseworker_a, provider, other_provider):
    signed_in(client, caseworker_a)
    page = client.get(reverse("referrals:providers"), {"country": "LBY"}).content.decode()
    assert "Libya Aid" in page and "Croissant-Rouge" not in page
    page = client.get(reverse("referrals:providers"), {"q": "Niamey"}).content.decode()
    assert "Croissant-Rouge" in page and "Libya Aid" not in page


def test_off_system_referral_offers_follow_up_to_the_caseworker(client, caseworker_a, case_a, ministry):
    consent(case_a, ministry, actor=caseworker_a)
    referral = refer(case_a, ministry, actor=caseworker_a)
    signed_in(client, caseworker_a)
    assert "Acknowledge receipt" in client.get(referral.get_absolute_url()).content.decode()
    client.post(reverse("referrals:action", args=[referral.pk, "acknowledge"]))
    referral.refresh_from_db()
    assert referral.status == S.ACKNOWLEDGED


def test_french_portal(client, provider_user, sent_referral):
    signed_in(client, provider_user)
    page = client.get("/fr" + sent_referral.get_portal_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Accuser réception" in page


def test_sensitive_details_in_a_referral_are_masked_for_a_referrer_without_the_permission(
    client, case_a, provider, provider_user, caseworker_a, sensitive_caseworker_a
):
    from django.utils import timezone

    from sankofa.cases.services import FlagInput, flag_add

    flag_add(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        flag=FlagInput(0, "vot_identified", timezone.localdate(), "Exploited in Tamanrasset"),
    )
    consent(case_a, provider, [ShareField.NAME, ShareField.SENSITIVE], actor=caseworker_a)
    referral = refer(
        case_a, provider, actor=sensitive_caseworker_a, fields=[ShareField.NAME, ShareField.SENSITIVE]
    )
    assert (
        "Tamanrasset"
        in signed_in(client, sensitive_caseworker_a).get(referral.get_absolute_url()).content.decode()
    )
    assert (
        "Tamanrasset" not in signed_in(client, caseworker_a).get(referral.get_absolute_url()).content.decode()
    )
    assert "Tamanrasset" in signed_in(client, provider_user).get(referral.get_portal_url()).content.decode()


def test_case_timeline_tells_the_referral_in_french(client, caseworker_a, sent_referral):
    page = signed_in(client, caseworker_a).get("/fr" + sent_referral.case.get_absolute_url()).content.decode()
    assert f"Orientation {sent_referral.reference} préparée vers Croissant-Rouge pour Hébergement" in page
    assert f"Orientation {sent_referral.reference} vers Croissant-Rouge : Envoyée." in page


def test_case_panel_lists_consents_to_share_in_force(client, caseworker_a, case_a, provider):
    consent(case_a, provider, [ShareField.NAME, ShareField.PHONE], actor=caseworker_a)
    page = signed_in(client, caseworker_a).get(case_a.get_absolute_url()).content.decode()
    assert "Aïssatou DIALLO → Croissant-Rouge: Name, Phone number" in page


def test_suggested_pathway_step_prefills_the_referral_form(
    client, caseworker_a, case_a, pathway, provider, service
):
    signed_in(client, caseworker_a)
    url = reverse("referrals:create", args=[case_a.number])
    page = client.get(url).content.decode()
    assert "Victim of trafficking — Niger" in page
    form = client.get(url, {"pathway": pathway.pk, "provider": provider.pk, "service": service.pk}).context[
        "form"
    ]
    assert (form.initial["pathway"], form.initial["provider"], form.initial["service"]) == (
        pathway.pk,
        provider.pk,
        service.pk,
    )


def test_referral_page_warns_when_consent_was_withdrawn_after_sending(client, caseworker_a, case_a, provider):
    from sankofa.cases.services import consent_withdraw

    given = consent(case_a, provider, actor=caseworker_a)
    referral = refer(case_a, provider, actor=caseworker_a)
    signed_in(client, caseworker_a)
    assert 'id="consent-lapsed"' not in client.get(referral.get_absolute_url()).content.decode()
    consent_withdraw(actor=caseworker_a, case=case_a, consent=given)
    assert 'id="consent-lapsed"' in client.get(referral.get_absolute_url()).content.decode()


def test_overdue_page_drills_down_to_one_provider(client, caseworker_a, case_a, provider, other_provider):
    import datetime

    from django.utils import timezone

    for p in (provider, other_provider):
        consent(case_a, p, actor=caseworker_a)
        refer(case_a, p, actor=caseworker_a, priority="emergency")
    Referral.objects.update(due_at=timezone.now() - datetime.timedelta(hours=1))
    signed_in(client, caseworker_a)
    assert len(client.get(reverse("referrals:overdue")).context["referrals"]) == 2
    rows = client.get(reverse("referrals:overdue"), {"provider": provider.pk}).context["referrals"]
    assert [r.provider for r in rows] == [provider]
