"""The duplicate check while registering: ranked candidates with score and reasons, scoped to what
the caseworker may see, and the request for review that follows registration."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from sankofa.cases import services
from sankofa.cases.models import Case
from sankofa.cases.selectors import registration_candidates
from sankofa.people import matching
from sankofa.people.matching import DUPLICATE_AT, REVIEW_AT, Record, band_of, score_pair
from sankofa.people.models import Band, MatchPair
from tests.factories import country, member, register_case

pytestmark = pytest.mark.django_db

DOB = datetime.date(1994, 6, 15)


@pytest.fixture
def aissatou(caseworker_a, office_a):
    """Aïssatou Diallo, registered in Niamey with a phone and a passport."""
    return register_case(
        actor=caseworker_a,
        office=office_a,
        principal=member(
            "Aïssatou",
            "Diallo",
            date_of_birth=DOB,
            phone="+227 90 12 34 56",
            documents=[services.DocumentInput("passport", "GN 0012-345", country("GIN"))],
        ),
    )


@pytest.fixture
def mohamed_in_tripoli(caseworker_b, office_b):
    """Mohamed Keita, registered in Tripoli: an office caseworker_a cannot see."""
    return register_case(
        actor=caseworker_b,
        office=office_b,
        principal=member(
            "Mohamed", "Keita", sex="M", nationality="MLI", date_of_birth=datetime.date(1990, 1, 1)
        ),
    )


def probe(**fields) -> Record:
    fields.setdefault("sex", "F")
    fields.setdefault("nationality", "GIN")
    return Record.build(**fields)


def codes(candidate) -> set[str]:
    return {r.code for r in candidate.reasons}


def test_a_variant_spelling_born_a_year_apart_is_a_candidate_with_reasons(aissatou, caseworker_a):
    found = registration_candidates(
        actor=caseworker_a,
        probe=probe(given_name="Aisha", family_name="Jalloh", date_of_birth=datetime.date(1995, 1, 1)),
    )
    assert [c.person for c in found] == [aissatou.principal]
    (candidate,) = found
    assert candidate.visible and candidate.case_numbers == (aissatou.number,)
    assert {"name_variant", "birth_year_close", "same_nationality", "same_sex"} <= codes(candidate)
    assert candidate.band in (Band.REVIEW, Band.DUPLICATE)


def test_the_same_document_number_makes_a_duplicate_whatever_the_name(aissatou, caseworker_a):
    (candidate,) = registration_candidates(
        actor=caseworker_a, probe=probe(given_name="Awa", family_name="Bah", documents=["gn0012345"])
    )
    assert candidate.person == aissatou.principal
    assert "same_document" in codes(candidate)
    assert candidate.band == Band.DUPLICATE


def test_the_same_phone_is_a_reason(aissatou, caseworker_a):
    (candidate,) = registration_candidates(
        actor=caseworker_a,
        probe=probe(given_name="Aissatou", family_name="Dialo", phone="0022790123456"),
    )
    assert "same_phone" in codes(candidate)


def test_an_arabic_script_registration_meets_its_latin_spelling(caseworker_a, office_a):
    case = register_case(
        actor=caseworker_a,
        office=office_a,
        principal=member(
            "Mohamed",
            "Jalloh",
            sex="M",
            nationality="SDN",
            date_of_birth=datetime.date(1988, 3, 1),
        ),
    )
    (candidate,) = registration_candidates(
        actor=caseworker_a,
        probe=probe(
            given_name_original="محمد",
            family_name_original="جالو",
            sex="M",
            nationality="SDN",
            date_of_birth=datetime.date(1988, 1, 1),
        ),
    )
    assert candidate.person == case.principal


def test_a_different_person_with_a_common_name_is_not_a_candidate(aissatou, caseworker_a):
    found = registration_candidates(
        actor=caseworker_a,
        probe=probe(given_name="Aissatou", family_name="Diallo", date_of_birth=datetime.date(1970, 1, 1)),
    )
    assert found == []  # same name, born 24 years earlier: below the review band


def test_candidates_of_offices_the_user_cannot_see_carry_only_the_office(mohamed_in_tripoli, caseworker_a):
    (candidate,) = registration_candidates(
        actor=caseworker_a,
        probe=probe(
            given_name="Mouhamed",
            family_name="Keïta",
            sex="M",
            nationality="MLI",
            date_of_birth=datetime.date(1990, 1, 1),
        ),
    )
    assert not candidate.visible
    assert candidate.office == "Tripoli"
    assert candidate.person is None and candidate.case_numbers == () and candidate.reasons == ()


def test_the_office_that_registered_them_sees_the_full_candidate(mohamed_in_tripoli, caseworker_b):
    (candidate,) = registration_candidates(
        actor=caseworker_b,
        probe=probe(
            given_name="Mouhamed",
            family_name="Keita",
            sex="M",
            nationality="MLI",
            date_of_birth=datetime.date(1990, 6, 1),
        ),
    )
    assert candidate.visible and candidate.person == mohamed_in_tripoli.principal


def test_a_case_shared_with_my_office_shows_a_member_only_with_consent_to_share(
    mohamed_in_tripoli, caseworker_a, supervisor_b, office_a
):
    """The candidates' visibility is decided inside one query; it must keep members_visible_to's
    rule: through a share, only members whose consent to sharing with the origin office is in force."""
    services.case_share(actor=supervisor_b, case=mohamed_in_tripoli, office=office_a, reason="handover")
    typed = probe(
        given_name="Mohamed",
        family_name="Keita",
        sex="M",
        nationality="MLI",
        date_of_birth=datetime.date(1990, 1, 1),
    )
    (candidate,) = registration_candidates(actor=caseworker_a, probe=typed)
    assert not candidate.visible and candidate.office == "Tripoli"
    assert candidate.person is None and candidate.case_numbers == () and candidate.reasons == ()
    consent = services.consent_record(
        actor=supervisor_b,
        case=mohamed_in_tripoli,
        person=mohamed_in_tripoli.principal,
        consent=services.ConsentInput(0, "share_origin", True, datetime.date(2025, 3, 10)),
    )
    (candidate,) = registration_candidates(actor=caseworker_a, probe=typed)
    assert candidate.visible and candidate.person == mohamed_in_tripoli.principal
    assert candidate.case_numbers == (mohamed_in_tripoli.number,)
    services.consent_withdraw(actor=supervisor_b, case=mohamed_in_tripoli, consent=consent)
    (candidate,) = registration_candidates(actor=caseworker_a, probe=typed)
    assert not candidate.visible and candidate.person is None


def test_a_user_who_may_not_register_gets_no_candidates_even_from_their_own_office(aissatou, me_officer_a):
    """The check "may register" is part of the one classification query: none of its rows without it."""
    typed = probe(given_name="Aisha", family_name="Jalloh", date_of_birth=datetime.date(1995, 1, 1))
    assert registration_candidates(actor=me_officer_a, probe=typed) == []


def test_the_api_gives_no_personal_data_of_another_office(mohamed_in_tripoli, caseworker_a, api_client):
    api_client.force_authenticate(caseworker_a)
    body = api_client.post(
        "/api/v1/people/duplicate-check/",
        {
            "given_name": "Mohamed",
            "family_name": "Keita",
            "sex": "M",
            "nationality": "MLI",
            "date_of_birth": "1990-01-01",
        },
        format="json",
    ).json()
    (candidate,) = body["results"]
    assert candidate["visible"] is False and candidate["office"] == "Tripoli"
    assert candidate["person"] is None and candidate["reasons"] == [] and candidate["case_numbers"] == []
    assert candidate["score"] is None
    assert "Keita" not in str(body) and "1990" not in str(body)


def test_the_api_refuses_a_check_with_nothing_to_compare(caseworker_a, api_client):
    api_client.force_authenticate(caseworker_a)
    response = api_client.post("/api/v1/people/duplicate-check/", {"sex": "F"}, format="json")
    assert response.status_code == 400


def test_asking_for_review_sends_the_pair_to_the_other_offices_supervisors(
    mohamed_in_tripoli, caseworker_a, office_a, office_b
):
    (candidate,) = registration_candidates(
        actor=caseworker_a,
        probe=probe(
            given_name="Mohamed",
            family_name="Keita",
            sex="M",
            nationality="MLI",
            date_of_birth=datetime.date(1990, 1, 1),
        ),
    )
    case = register_case(
        actor=caseworker_a,
        office=office_a,
        principal=member("Mouhamed", "Keita", sex="M", nationality="MLI"),
    )
    (pair,) = services.duplicate_review_request(
        actor=caseworker_a, case=case, person=case.principal, tokens=[candidate.token, "forged:token"]
    )
    assert {pair.person_a, pair.person_b} == {case.principal, mohamed_in_tripoli.principal}
    assert pair.confirm_office == office_b and pair.requested_by == caseworker_a
    assert pair.source == MatchPair.Source.REGISTRATION and pair.status == MatchPair.Status.OPEN
    # Asking twice does not queue the pair twice.
    assert (
        services.duplicate_review_request(
            actor=caseworker_a, case=case, person=case.principal, tokens=[candidate.token]
        )
        == []
    )


def test_the_registration_page_shows_the_live_warning(aissatou, caseworker_a, client):
    client.force_login(caseworker_a)
    response = client.post(
        reverse("cases:duplicates"),
        {
            "principal-given_name": "Aissatou",
            "principal-family_name": "Jallow",
            "principal-sex": "F",
            "principal-nationality": "GIN",
            "principal-date_of_birth": "1994-01-01",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This person may already be registered" in html
    assert aissatou.number in html and "name variant" in html


def test_the_live_warning_is_for_users_who_may_register(aissatou, me_officer_a, client):
    client.force_login(me_officer_a)
    response = client.post(reverse("cases:duplicates"), {"principal-given_name": "Aissatou"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0.999, Band.DUPLICATE),
        (DUPLICATE_AT, Band.DUPLICATE),
        (DUPLICATE_AT - 0.001, Band.REVIEW),
        (REVIEW_AT, Band.REVIEW),
        (REVIEW_AT - 0.001, Band.UNIQUE),
        (0.0, Band.UNIQUE),
    ],
)
def test_band_thresholds(score, band):
    assert band_of(score) == band


def test_scores_rise_with_evidence():
    base = dict(given_name="Fatoumata", family_name="Camara", sex="F", nationality="GIN")
    a = Record.build(**base, date_of_birth=DOB)
    names_only, _ = score_pair(a, Record.build(**base))
    with_year, _ = score_pair(a, Record.build(**base, date_of_birth=datetime.date(1995, 1, 1)))
    with_phone, _ = score_pair(
        Record.build(**base, date_of_birth=DOB, phone="620 00 00 00"),
        Record.build(**base, date_of_birth=datetime.date(1995, 1, 1), phone="620000000"),
    )
    other_sex, _ = score_pair(a, Record.build(**{**base, "sex": "M"}, date_of_birth=DOB))
    assert other_sex < names_only < with_year < with_phone
    assert band_of(with_phone) == Band.DUPLICATE and band_of(other_sex) == Band.UNIQUE


@pytest.mark.parametrize("year", [1, 9999])
def test_birth_dates_at_the_ends_of_the_calendar_are_compared_without_error(aissatou, caseworker_a, year):
    found = registration_candidates(
        actor=caseworker_a,
        probe=probe(given_name="Aissatou", family_name="Diallo", date_of_birth=datetime.date(year, 1, 1)),
    )
    assert found == []


def test_family_members_are_checked_and_sent_for_review_with_their_own_registration(
    caseworker_a, office_a, client
):
    from tests.cases.test_views import registration_post

    earlier = register_case(
        actor=caseworker_a,
        office=office_a,
        principal=member("Ibrahim", "Kamara", sex="M", date_of_birth=datetime.date(2019, 3, 1)),
    )
    client.force_login(caseworker_a)
    data = registration_post(office_a)
    html = client.post(
        reverse("cases:duplicates"), {**data, "duplicate_prefix": "members-0"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert earlier.number in html and 'name="review_candidate-members-0"' in html
    (candidate,) = registration_candidates(
        actor=caseworker_a,
        probe=Record.build(
            given_name="Ibrahima", family_name="Camara", sex="M", date_of_birth=datetime.date(2019, 1, 1)
        ),
    )
    client.post(reverse("cases:register"), {**data, "review_candidate-members-0": candidate.token})
    new_case = Case.objects.exclude(pk=earlier.pk).get()
    child = new_case.members.get(relationship="child").person
    (pair,) = MatchPair.objects.all()
    assert {pair.person_a_id, pair.person_b_id} == {child.pk, earlier.principal_id}


def test_the_live_check_refuses_an_unknown_form_prefix(aissatou, caseworker_a, client):
    client.force_login(caseworker_a)
    response = client.post(
        reverse("cases:duplicates"),
        {
            "duplicate_prefix": "profile",
            "profile-given_name": "Aissatou",
            "principal-given_name": "Aisha",
            "principal-family_name": "Jalloh",
            "principal-date_of_birth": "1994-01-01",
            "principal-sex": "F",
            "principal-nationality": "GIN",
        },
    )
    assert 'name="review_candidate-principal"' in response.content.decode()


def test_on_postgresql_a_typo_the_keys_miss_is_retrieved_by_trigram(aissatou):
    """The pg_trgm fallback runs after the one retrieval query found nobody (PostgreSQL only)."""
    if not matching.trigram_available():
        pytest.skip("pg_trgm: PostgreSQL only")
    typed = probe(given_name="Aissatoux", family_name="Dialloux")
    sql, params = matching._retrieval_sql(typed)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert cursor.fetchall() == []  # the keys miss it
    assert aissatou.principal_id in matching.retrieve(typed)


def test_the_check_is_no_oracle_for_people_of_another_office(mohamed_in_tripoli, caseworker_a, caseworker_b):
    """Probing Tripoli's Mohamed Keita from Niamey: a weaker match says nothing, a strong one says
    the same whatever was probed (no score, no reasons), and the token neither shows his id nor
    stays the same from one answer to the next."""
    near = probe(given_name="Mouhamed", family_name="Keita", sex="M", date_of_birth=datetime.date(1990, 6, 1))
    assert registration_candidates(actor=caseworker_a, probe=near) == []  # review band: nothing
    exact = dict(given_name="Mohamed", family_name="Keita", sex="M", nationality="MLI")
    answers = [
        registration_candidates(
            actor=caseworker_a, probe=probe(**exact, date_of_birth=datetime.date(1990, 1, 1))
        ),
        registration_candidates(actor=caseworker_a, probe=probe(**exact, phone="+223 70 00 00 00")),
        registration_candidates(
            actor=caseworker_a, probe=probe(**exact, date_of_birth=datetime.date(1990, 1, 1))
        ),
    ]
    shown = [[(c.visible, c.score, c.band, c.office, c.person, c.reasons) for c in a] for a in answers]
    strong = [s for s in shown if s]
    assert strong and all(s == [(False, None, "duplicate", "Tripoli", None, ())] for s in strong)
    tokens = [a[0].token for a in answers if a]
    assert len(set(tokens)) == len(tokens)  # a new token every time
    import base64

    readable = f":{mohamed_in_tripoli.principal_id}".encode()
    assert all(readable not in base64.urlsafe_b64decode(t + "==") for t in tokens)  # encrypted, not signed
    from sankofa.cases.selectors import candidate_person_id

    assert {candidate_person_id(t) for t in tokens} == {mohamed_in_tripoli.principal_id}
    assert candidate_person_id("forged") is None


def test_duplicate_checks_are_limited_per_hour(aissatou, caseworker_a, settings):
    from django.core.cache import cache
    from django.core.exceptions import PermissionDenied

    cache.clear()
    settings.DUPLICATE_CHECKS_PER_HOUR = 3
    typed = probe(given_name="Aisha", family_name="Jalloh", date_of_birth=datetime.date(1995, 1, 1))
    for _ in range(3):
        registration_candidates(actor=caseworker_a, probe=typed)
    with pytest.raises(PermissionDenied):
        registration_candidates(actor=caseworker_a, probe=typed)
    cache.clear()
