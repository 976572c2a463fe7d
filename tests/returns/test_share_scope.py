"""Seeing a case through a share (the origin office after a handover) is neither writing nor
supervising it, and never shows the members who did not consent to the share: the mother consented
to sharing with the origin office, her son did not."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sankofa.cases import selectors as case_selectors
from sankofa.cases import services as case_services
from sankofa.cases.models import Case, Consent, VulnerabilityFlag
from sankofa.returns import services
from sankofa.returns.models import ReturnRequest
from tests import factories

from .conftest import PAST, request_for


@pytest.fixture
def shared(family, supervisor_a, origin_office):
    case_services.case_share(actor=supervisor_a, case=family, office=origin_office, reason="Handover")
    return family


@pytest.fixture
def eligible(shared, mother, son, caseworker_a):
    request = request_for(shared, [mother, son], actor=caseworker_a)
    return services.return_request_decide(
        actor=caseworker_a, request=request, eligible=True, reason="Guinean"
    )


def test_origin_supervisor_cannot_approve_or_reject_the_transit_offices_return_request(
    eligible, origin_supervisor, api_client
):
    with pytest.raises(PermissionDenied):
        services.return_request_approve(actor=origin_supervisor, request=eligible)
    with pytest.raises(PermissionDenied):
        services.return_request_reject(actor=origin_supervisor, request=eligible, note="No")
    api_client.force_authenticate(origin_supervisor)
    for action in ("approve", "reject"):
        response = api_client.post(f"/api/v1/return-requests/{eligible.pk}/{action}/", {"note": "No"})
        assert response.status_code in (403, 404)
    assert ReturnRequest.objects.get(pk=eligible.pk).status == ReturnRequest.Status.ELIGIBLE


def test_origin_caseworker_cannot_change_the_status_or_add_flags_of_a_shared_case(
    shared, mother, origin_caseworker, api_client
):
    with pytest.raises(PermissionDenied):
        case_services.case_status_change(actor=origin_caseworker, case=shared, status="on_hold")
    with pytest.raises(PermissionDenied):
        case_services.flag_add(
            actor=origin_caseworker,
            case=shared,
            person=mother,
            flag=case_services.FlagInput(0, VulnerabilityFlag.Kind.OLDER_PERSON, PAST, ""),
        )
    api_client.force_authenticate(origin_caseworker)
    response = api_client.post(f"/api/v1/cases/{shared.number}/status/", {"status": "on_hold", "version": 1})
    assert response.status_code == 403
    shared.refresh_from_db()
    assert shared.status == Case.Status.OPEN and not shared.flags.exists()


def test_origin_office_records_consent_of_a_visible_member_but_not_of_a_hidden_one(
    shared, mother, son, origin_caseworker
):
    def record(person):
        return case_services.consent_record(
            actor=origin_caseworker,
            case=shared,
            person=person,
            consent=case_services.ConsentInput(0, Consent.Purpose.MONITORING, True, PAST),
        )

    assert record(mother).recorded_by == origin_caseworker
    with pytest.raises(ValidationError):
        record(son)  # giving himself visibility, or learning the son is there, is not the origin's to do


def test_timeline_about_a_hidden_member_stays_masked_after_his_name_is_corrected(
    shared, son, caseworker_a, origin_caseworker, client
):
    case_services.case_document_add(
        actor=caseworker_a,
        case=shared,
        person=son,
        document=case_services.DocumentInput("birth_certificate", "NIA-88120", factories.country("GIN")),
    )
    case_services.case_person_update(actor=caseworker_a, case=shared, person=son, given_name="Mahmoud")
    events = case_selectors.case_timeline(actor=origin_caseworker, case=shared)
    about_son = [e for e in events if e.person_id == son.pk]
    assert about_son and all(e.masked and e.data == {} for e in about_son)
    client.force_login(origin_caseworker)
    page = client.get(reverse("cases:detail", args=[shared.number])).content.decode()
    assert "Mamadou" not in page and "Mahmoud" not in page
    # the owning office still reads the event under the name he had then
    owner = case_selectors.case_timeline(actor=caseworker_a, case=shared)
    added = next(e for e in owner if e.kind == "document.added" and e.person_id == son.pk)
    assert not added.masked and added.data["person"] == "Mamadou DIALLO"


def test_timeline_masks_a_legacy_event_naming_someone_not_visible(shared, origin_caseworker):
    from sankofa.cases.models import TimelineEvent

    TimelineEvent.objects.create(
        case=shared, kind="person.updated", data={"person": "Old Name", "fields": []}
    )
    legacy = next(
        e
        for e in case_selectors.case_timeline(actor=origin_caseworker, case=shared)
        if e.person_id is None and e.kind == "person.updated"
    )
    assert legacy.masked


def test_searching_by_a_hidden_members_document_number_does_not_find_the_shared_case(
    shared, son, caseworker_a, origin_caseworker
):
    case_services.case_document_add(
        actor=caseworker_a,
        case=shared,
        person=son,
        document=case_services.DocumentInput("passport", "GN7731902", factories.country("GIN")),
    )
    found = case_selectors.case_list(actor=caseworker_a, filters=case_selectors.CaseFilters(q="GN7731902"))
    assert list(found) == [shared]
    probe = case_selectors.case_list(
        actor=origin_caseworker, filters=case_selectors.CaseFilters(q="GN7731902")
    )
    assert list(probe) == []


def test_sensitive_flag_kind_is_not_copied_into_the_timeline(shared, mother, caseworker_a):
    flag = case_services.flag_add(
        actor=caseworker_a,
        case=shared,
        person=mother,
        flag=case_services.FlagInput(0, VulnerabilityFlag.Kind.VOT_PRESUMED, PAST, ""),
    )
    event = shared.timeline.get(kind="flag.added")
    assert event.data == {"flag_id": flag.pk, "person": "Aïssatou DIALLO"}
    sensitive_reader = factories.user_in(
        shared.owning_office, "supervisor", username="sup_sens", sensitive=True
    )
    shown = next(
        e for e in case_selectors.case_timeline(actor=sensitive_reader, case=shared) if e.pk == event.pk
    )
    assert not shown.masked and shown.data["flag"] == flag.get_kind_display()


def test_manifest_hides_a_passenger_of_another_offices_case(
    family_approved, regional_office, office_b, caseworker_b, supervisor_a, api_client, client
):
    """A regional supervisor books a Niamey family on a Tripoli charter: Tripoli's caseworker runs
    the movement but may not see the family (their case is a 404 for her)."""
    import io

    import openpyxl
    from pypdf import PdfReader

    from sankofa.returns import selectors

    from .conftest import movement, prepared

    regional = factories.user_in(regional_office, "supervisor", username="sup_regional")
    prepared(family_approved, actor=supervisor_a)
    charter = movement(office_b, caseworker_b, reference="CHR-LBY-GIN-01")
    services.movement_book(actor=regional, movement=charter, request=family_approved)

    rows = selectors.manifest(actor=caseworker_b, movement=charter)
    assert len(rows) == 2  # the head count stays right
    assert all(r.name == "Passenger of a case you may not see" and r.case_number == "" for r in rows)
    assert all(r.date_of_birth is None and r.document == "" for r in rows)
    assert [r.name for r in selectors.manifest(actor=regional, movement=charter)] == [
        "Aïssatou DIALLO",
        "Mamadou DIALLO",
    ]

    number = family_approved.case.number
    api_client.force_authenticate(caseworker_b)
    answer = api_client.get(f"/api/v1/movements/{charter.pk}/manifest/").content.decode()
    assert "DIALLO" not in answer and number not in answer
    client.force_login(caseworker_b)
    page = client.get(reverse("returns:movement", args=[charter.pk])).content.decode()
    assert "DIALLO" not in page and number not in page
    xlsx = client.get(reverse("returns:manifest-xlsx", args=[charter.pk])).content
    cells = [str(c.value) for row in openpyxl.load_workbook(io.BytesIO(xlsx)).active.iter_rows() for c in row]
    assert not any("DIALLO" in c or number in c for c in cells)
    pdf = client.get(reverse("returns:manifest-pdf", args=[charter.pk])).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "DIALLO" not in text and number not in text


def test_reads_of_personal_data_are_logged_once_per_case_and_request(
    family_approved, caseworker_a, supervisor_a, api_client, client
):
    """Beyond the case file: the people API, a return request, a manifest (page, PDF) are logged
    (cases.read_log), one row per case, record kind and request."""
    from sankofa.cases.models import CaseAccess

    from .conftest import movement, prepared

    case = family_approved.case
    prepared(family_approved, actor=supervisor_a)
    charter = movement(case.owning_office, caseworker_a)
    services.movement_book(actor=caseworker_a, movement=charter, request=family_approved)
    CaseAccess.objects.all().delete()

    api_client.force_authenticate(caseworker_a)
    assert api_client.get("/api/v1/people/").status_code == 200  # two people of one case: one row
    assert api_client.get(f"/api/v1/people/{case.principal_id}/").status_code == 200
    client.force_login(caseworker_a)
    assert client.get(reverse("returns:request", args=[family_approved.pk])).status_code == 200
    assert client.get(reverse("returns:manifest-pdf", args=[charter.pk])).status_code == 200
    rows = list(CaseAccess.objects.values_list("case_id", "user_id", "channel", "record").order_by("id"))
    assert rows == [
        (case.pk, caseworker_a.pk, "api", "person"),
        (case.pk, caseworker_a.pk, "api", "person"),
        (case.pk, caseworker_a.pk, "web", "return_request"),
        (case.pk, caseworker_a.pk, "web", "manifest"),
    ]


def test_case_list_through_a_share_hides_a_principal_who_did_not_consent(
    case_a, caseworker_a, supervisor_a, origin_office, origin_caseworker, api_client, client
):
    case_services.flag_add(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        flag=case_services.FlagInput(0, VulnerabilityFlag.Kind.OLDER_PERSON, PAST, ""),
    )
    case_services.case_share(actor=supervisor_a, case=case_a, office=origin_office, reason="Handover")
    (listed,) = case_selectors.case_list(actor=origin_caseworker)
    assert listed == case_a and not listed.principal_visible
    for probe in (
        case_selectors.CaseFilters(nationality=case_a.principal.nationality_id),
        case_selectors.CaseFilters(flag=VulnerabilityFlag.Kind.OLDER_PERSON),
    ):
        assert list(case_selectors.case_list(actor=origin_caseworker, filters=probe)) == []
        assert list(case_selectors.case_list(actor=caseworker_a, filters=probe)) == [case_a]
    api_client.force_authenticate(origin_caseworker)
    (row,) = api_client.get("/api/v1/cases/").json()["results"]
    assert row["principal"] is None and row["nationality"] is None
    client.force_login(origin_caseworker)
    for url in (reverse("cases:list"), reverse("cases:detail", args=[case_a.number])):
        assert "DIALLO" not in client.get(url).content.decode()


def test_departure_blockers_never_name_a_member_hidden_from_the_reader(
    family_approved, origin_caseworker, caseworker_a, supervisor_a, origin_office
):
    from sankofa.returns import selectors

    case_services.case_share(
        actor=supervisor_a, case=family_approved.case, office=origin_office, reason="Handover"
    )
    shown = selectors.request_view(actor=origin_caseworker, request=family_approved)
    text = " ".join(str(b) for b in shown.blockers)
    assert "Mamadou" not in text and "a person not shared with your office is not ready to travel" in text
    owner = " ".join(
        str(b) for b in selectors.request_view(actor=caseworker_a, request=family_approved).blockers
    )
    assert "Mamadou DIALLO has no valid travel document" in owner


def test_case_api_detail_through_a_share_hides_a_principal_who_did_not_consent(
    case_a, supervisor_a, origin_office, origin_caseworker, api_client
):
    case_services.case_share(actor=supervisor_a, case=case_a, office=origin_office, reason="Handover")
    api_client.force_authenticate(origin_caseworker)
    body = api_client.get(f"/api/v1/cases/{case_a.number}/").json()
    assert body["principal"] is None and body["nationality"] is None and "Diallo" not in str(body).title()
