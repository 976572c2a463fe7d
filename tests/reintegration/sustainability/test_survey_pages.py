"""Sustainability pages, in English and French: what each user sees, and what another office cannot."""

import pytest
from django.urls import reverse
from django.utils import timezone

from sankofa.reintegration import services
from sankofa.reintegration.models import SustainabilitySurvey

from .conftest import answers_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(family, mother, son):
    services.followups_schedule(case=family, person=mother)
    services.followups_schedule(case=family, person=son)
    return SustainabilitySurvey.objects.filter(person=mother).order_by("due_on")


def _post_answers(scheme, pick):
    data = {f"q-{code}": option for code, option in answers_all(scheme, pick).items()}
    return {**data, "conducted_on": timezone.localdate().isoformat(), "notes": ""}


def test_caseworker_conducts_a_survey_through_the_form(client, origin_caseworker, scheduled, scheme):
    client.force_login(origin_caseworker)
    baseline = scheduled[0]
    url = reverse("reintegration:survey-conduct", args=[baseline.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b'id="scheme-data"' in page.content and b"reintegration/survey.js" in page.content
    answers = _post_answers(scheme, lambda opts: opts[-1])
    del answers["q-psy-help"]
    refused = client.post(url, answers)
    assert refused.status_code == 200 and b"invalid-feedback" in refused.content
    answers["q-psy-help"] = "yes"
    response = client.post(url, answers)
    assert response.status_code == 302
    baseline.refresh_from_db()
    assert baseline.composite == 1 and baseline.conducted_by == origin_caseworker
    detail = client.get(reverse("reintegration:survey", args=[baseline.pk]))
    assert b'id="composite-score">1.000' in detail.content


def test_pages_in_french(client, origin_caseworker, family, mother, scheduled, scheme):
    client.force_login(origin_caseworker)
    services.survey_conduct(
        actor=origin_caseworker,
        survey=scheduled[0],
        answers=answers_all(scheme, lambda o: o[0]),
        conducted_on=timezone.localdate(),
    )
    pages = {
        f"/fr/reintegration/surveys/{scheduled[0].pk}/": "Composite",
        "/fr/reintegration/surveys/": "Enquêtes de durabilité à réaliser",
        f"/fr/reintegration/cases/{family.number}/people/{mother.pk}/sustainability/": "Scores dans le temps",
        "/fr/reintegration/schemes/": "Barèmes de notation",
        f"/fr/cases/{family.number}/": "Durabilité",
        "/fr/": "Enquêtes de durabilité",
    }
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url


def test_overdue_list_shows_the_consenting_member_only(client, origin_caseworker, scheduled, son):
    client.force_login(origin_caseworker)
    page = client.get(reverse("reintegration:surveys-due"), {"overdue": "on"}).content.decode()
    assert "Aïssatou" in page and "Mamadou" not in page


def test_due_list_and_survey_read_without_an_assigned_caseworker_or_a_surveyor(
    client, origin_caseworker, family, scheduled, scheme
):
    from sankofa.reintegration.models import SustainabilitySurvey

    family.__class__.objects.filter(pk=family.pk).update(assigned_to=None)
    SustainabilitySurvey.objects.filter(pk=scheduled[0].pk).update(
        conducted_on=scheduled[0].due_on, conducted_by=None, scheme=scheme, answers={}
    )
    client.force_login(origin_caseworker)
    assert client.get(reverse("reintegration:surveys-due")).status_code == 200
    assert client.get(reverse("reintegration:survey", args=[scheduled[0].pk])).status_code == 200


def test_scheme_pages(client, origin_caseworker, scheme):
    client.force_login(origin_caseworker)
    page = client.get(reverse("reintegration:scheme", args=[scheme.pk])).content.decode()
    assert "eco-income" in page and "psy-remigrate" in page


def test_another_office_gets_404_on_every_survey_page(client, caseworker_b, family, mother, son, scheduled):
    client.force_login(caseworker_b)
    survey = scheduled[0]
    for url in (
        reverse("reintegration:survey", args=[survey.pk]),
        reverse("reintegration:survey-conduct", args=[survey.pk]),
        reverse("reintegration:returnee-sustainability", args=[family.number, mother.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("reintegration:survey-rescore", args=[survey.pk])).status_code == 404


def test_shared_office_gets_404_for_the_member_who_did_not_consent(client, origin_caseworker, family, son):
    services.followups_schedule(case=family, person=son)
    client.force_login(origin_caseworker)
    survey = SustainabilitySurvey.objects.filter(person=son).first()
    assert client.get(reverse("reintegration:survey", args=[survey.pk])).status_code == 404
    url = reverse("reintegration:returnee-sustainability", args=[family.number, son.pk])
    assert client.get(url).status_code == 404


def test_rescore_through_the_page(client, origin_caseworker, origin_me, scheduled, scheme):
    from sankofa.reintegration.scheme_files import DEFAULT_FILE, read_scheme_file

    survey = services.survey_conduct(
        actor=origin_caseworker,
        survey=scheduled[0],
        answers=answers_all(scheme, lambda o: o[0]),
        conducted_on=timezone.localdate(),
    )
    v2 = services.scheme_load(parsed=read_scheme_file(DEFAULT_FILE))
    client.force_login(origin_caseworker)
    assert b"rescore_scheme" not in client.get(reverse("reintegration:survey", args=[survey.pk])).content
    client.force_login(origin_me)
    assert b"rescore_scheme" in client.get(reverse("reintegration:survey", args=[survey.pk])).content
    client.post(reverse("reintegration:survey-rescore", args=[survey.pk]), {"scheme": v2.pk, "reason": "v2"})
    survey.refresh_from_db()
    assert survey.scheme == v2 and survey.scores.count() == 2


def test_an_unscheduled_follow_up_through_the_page(client, origin_caseworker, family, mother, scheme):
    client.force_login(origin_caseworker)
    returnee = reverse("reintegration:returnee-sustainability", args=[family.number, mother.pk])
    url = reverse("reintegration:survey-new", args=[family.number, mother.pk])
    assert url.encode() in client.get(returnee).content
    response = client.post(url, {**_post_answers(scheme, lambda opts: opts[0]), "kind": "follow_up"})
    assert response.status_code == 302
    survey = SustainabilitySurvey.objects.get(person=mother)
    assert (survey.kind, survey.month, survey.composite) == ("follow_up", None, 0)


def test_an_unscheduled_survey_is_refused_to_another_office(client, caseworker_b, family, mother):
    client.force_login(caseworker_b)
    assert client.get(reverse("reintegration:survey-new", args=[family.number, mother.pk])).status_code == 404
