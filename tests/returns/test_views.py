"""The return pages through Django's test client: each step reachable from the case page, refusals
shown as messages with nothing changed, other offices get 404, manifests parsed back."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from sankofa.returns import services
from sankofa.returns.models import Handover, Movement, ReturnRequest

from .conftest import PAST, request_for

pytestmark = pytest.mark.django_db


def test_case_page_shows_assistance_and_return_panels_with_links_to_each_step(
    client, family_approved, caseworker_a
):
    client.force_login(caseworker_a)
    html = client.get(family_approved.case.get_absolute_url()).content.decode()
    assert reverse("returns:request-new", args=[family_approved.case.number]) in html
    assert reverse("assistance:add", args=[family_approved.case.number]) in html
    assert reverse("returns:request", args=[family_approved.pk]) in html
    page = client.get(reverse("returns:request", args=[family_approved.pk])).content.decode()
    for step in ("document-add", "fitness-add", "book", "handover-send", "withdraw"):
        assert reverse(f"returns:{step}", args=[family_approved.pk]) in page, step


def test_caseworker_requests_a_return_through_the_form(client, family, mother, son, caseworker_a):
    client.force_login(caseworker_a)
    response = client.post(
        reverse("returns:request-new", args=[family.number]),
        {
            "people": [mother.pk, son.pk],
            "destination_country": "GIN",
            "destination_place": "Labé",
            "voluntary": "on",
            "informed_consent_on": PAST.isoformat(),
        },
    )
    request = ReturnRequest.objects.get()
    assert response.status_code == 302 and response.url == request.get_absolute_url()
    assert set(request.people.all()) == {mother, son}


def test_form_refuses_a_return_that_is_not_voluntary_and_creates_nothing(
    client, family, mother, caseworker_a
):
    client.force_login(caseworker_a)
    response = client.post(
        reverse("returns:request-new", args=[family.number]),
        {"people": [mother.pk], "destination_country": "GIN", "informed_consent_on": PAST.isoformat()},
    )
    assert response.status_code == 200
    assert "voluntary" in response.content.decode()
    assert not ReturnRequest.objects.exists()


def test_illegal_approval_is_shown_in_french_and_changes_nothing(client, family, mother, supervisor_a):
    request = request_for(family, [mother])
    client.force_login(supervisor_a)
    response = client.post(
        "/fr" + reverse("returns:approve", args=[request.pk]),
        {"decision": "approve", "version": request.version},
    )
    assert response.status_code == 200
    assert "ne peut pas passer de « Soumise » à « Approuvée »" in response.content.decode()
    request.refresh_from_db()
    assert request.status == ReturnRequest.Status.SUBMITTED


def test_supervisor_approves_through_the_form(client, family, mother, caseworker_a, supervisor_a):
    request = request_for(family, [mother])
    services.return_request_decide(actor=caseworker_a, request=request, eligible=True, reason="ok")
    client.force_login(supervisor_a)
    request.refresh_from_db()
    client.post(
        reverse("returns:approve", args=[request.pk]), {"decision": "approve", "version": request.version}
    )
    request.refresh_from_db()
    assert request.status == ReturnRequest.Status.APPROVED


def test_other_office_gets_404_on_every_return_page(
    client, family_ready, charter, caseworker_a, caseworker_b, origin_office
):
    services.movement_book(actor=caseworker_a, movement=charter, request=family_ready)
    handover = services.handover_send(actor=caseworker_a, request=family_ready, to_office=origin_office)
    client.force_login(caseworker_b)
    pk = family_ready.pk
    urls = [
        reverse("returns:request", args=[pk]),
        reverse("returns:approve", args=[pk]),
        reverse("returns:withdraw", args=[pk]),
        reverse("returns:document-add", args=[pk]),
        reverse("returns:handover-send", args=[pk]),
        reverse("returns:request-new", args=[family_ready.case.number]),
        reverse("assistance:add", args=[family_ready.case.number]),
        reverse("returns:movement", args=[charter.pk]),
        reverse("returns:manifest-pdf", args=[charter.pk]),
        reverse("returns:manifest-xlsx", args=[charter.pk]),
        reverse("returns:handover", args=[handover.pk]),
        reverse("returns:document", args=[family_ready.documents.first().pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("returns:movement-action", args=[charter.pk, "depart"])).status_code == 404
    assert Movement.objects.get(pk=charter.pk).status == Movement.Status.BOOKED


def test_departure_refusal_is_a_message_and_changes_nothing(client, family_approved, charter, caseworker_a):
    services.movement_book(actor=caseworker_a, movement=charter, request=family_approved)
    client.force_login(caseworker_a)
    response = client.post(reverse("returns:movement-action", args=[charter.pk, "depart"]), follow=True)
    assert "The movement cannot depart" in response.content.decode()
    assert Movement.objects.get(pk=charter.pk).status == Movement.Status.BOOKED


def test_manifest_xlsx_and_pdf_list_every_passenger(client, family_ready, charter, caseworker_a, mother, son):
    services.movement_book(actor=caseworker_a, movement=charter, request=family_ready)
    client.force_login(caseworker_a)
    xlsx = client.get(reverse("returns:manifest-xlsx", args=[charter.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert {r[2] for r in rows} == {mother.full_name, son.full_name}
    assert {r[1] for r in rows} == {family_ready.case.number}
    assert all(r[6].startswith("Laissez-passer LP-") for r in rows)
    pdf = client.get(reverse("returns:manifest-pdf", args=[charter.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert charter.reference in text and mother.full_name in text and son.full_name in text


def test_origin_office_sees_minimal_handover_then_acknowledges_and_opens_the_case(
    client, family_approved, caseworker_a, origin_caseworker, mother, son
):
    handover = services.handover_send(
        actor=caseworker_a,
        request=family_approved,
        to_office=family_approved.case.owning_office.__class__.objects.get(code="GIN"),
    )
    client.force_login(origin_caseworker)
    assert client.get(family_approved.case.get_absolute_url()).status_code == 404
    queues = client.get(reverse("returns:queues")).content.decode()
    assert reverse("returns:handover", args=[handover.pk]) in queues
    page = client.get(reverse("returns:handover", args=[handover.pk])).content.decode()
    assert mother.full_name in page and son.full_name not in page
    response = client.post(reverse("returns:handover", args=[handover.pk]))
    assert response.status_code == 302 and response.url == family_approved.case.get_absolute_url()
    assert Handover.objects.get().status == Handover.Status.ACKNOWLEDGED
    case_page = client.get(family_approved.case.get_absolute_url()).content.decode()
    assert mother.full_name in case_page and son.full_name not in case_page


def test_home_page_summarises_the_queues(client, family, mother, caseworker_a, supervisor_a):
    request = request_for(family, [mother])
    services.return_request_decide(actor=caseworker_a, request=request, eligible=True, reason="ok")
    client.force_login(supervisor_a)
    html = client.get(reverse("web:home")).content.decode()
    assert 'id="return-queues"' in html
    assert reverse("returns:queues") + "#awaiting-approval" in html


def test_manifest_xlsx_writes_a_formula_looking_name_as_quoted_text(
    client, family_ready, charter, caseworker_a, mother
):
    formula = '=HYPERLINK("http://x","y")'
    type(mother).objects.filter(pk=mother.pk).update(given_name=formula)
    services.movement_book(actor=caseworker_a, movement=charter, request=family_ready)
    client.force_login(caseworker_a)
    xlsx = client.get(reverse("returns:manifest-xlsx", args=[charter.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [row[2] for row in sheet.iter_rows(min_row=4) if formula in str(row[2].value)]
    assert len(cells) == 1
    assert cells[0].data_type == "s"  # a string cell, not "f"
    assert cells[0].value.startswith("'=HYPERLINK")
    assert isinstance(sheet.cell(row=4, column=1).value, int)  # numbers stay numbers
