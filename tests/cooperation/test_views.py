"""Pages: readers read, editors write, partners and anonymous users see nothing."""

import datetime

import pytest
from django.urls import reverse

from sankofa.cooperation import services
from sankofa.cooperation.models import Action

from .conftest import add_action

pytestmark = pytest.mark.django_db
PAST = datetime.date(2025, 2, 1)


@pytest.fixture
def action(matrix, editor, ministry_ner):
    return add_action(matrix, editor, responsible=[ministry_ner], due_on=PAST)


def pages(framework, matrix, action):
    return [
        reverse("cooperation:list"),
        reverse("cooperation:framework", args=[framework.pk]),
        reverse("cooperation:timeline", args=[framework.pk]),
        reverse("cooperation:action", args=[action.pk]),
        reverse("cooperation:late"),
        reverse("cooperation:library"),
        reverse("programmes:list"),
    ]


def test_reader_opens_every_page(client, reader, framework, matrix, action):
    client.force_login(reader)
    for url in pages(framework, matrix, action):
        assert client.get(url).status_code == 200, url


def test_partner_gets_404_everywhere(client, partner_user, framework, matrix, action):
    client.force_login(partner_user)
    for url in pages(framework, matrix, action):
        assert client.get(url).status_code == 404, url


def test_anonymous_is_sent_to_sign_in(client, framework, matrix, action):
    for url in pages(framework, matrix, action):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_reader_sees_no_edit_buttons_and_cannot_post(client, reader, framework, matrix, action):
    client.force_login(reader)
    page = client.get(reverse("cooperation:framework", args=[framework.pk])).content.decode()
    assert reverse("cooperation:action-add", args=[matrix.pk]) not in page
    assert client.get(reverse("cooperation:action-add", args=[matrix.pk])).status_code == 403
    response = client.post(
        reverse("cooperation:action-status", args=[action.pk]), {"status": "done", "version": action.version}
    )
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == Action.Status.PLANNED


def test_editor_adds_an_action_and_sees_it_late_first(client, editor, framework, matrix, action):
    client.force_login(editor)
    response = client.post(
        reverse("cooperation:action-add", args=[matrix.pk]),
        {"description": "Revise the cooperation agreement", "due_on": "2099-01-01"},
    )
    assert response.status_code == 302
    page = client.get(reverse("cooperation:framework", args=[framework.pk])).content.decode()
    assert page.index(action.description) < page.index("Revise the cooperation agreement")


def test_stale_status_form_shows_an_error_and_changes_nothing(client, editor, action):
    client.force_login(editor)
    services.action_status_change(actor=editor, action=action, status="in_progress", version=1)
    response = client.post(
        reverse("cooperation:action-status", args=[action.pk]), {"status": "done", "version": 1}
    )
    assert response.status_code == 200
    assert "Someone else changed this action" in response.content.decode()
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS


def test_late_actions_page_filters_by_country(client, reader, action):
    client.force_login(reader)
    assert action.description in client.get(reverse("cooperation:late"), {"country": "GIN"}).content.decode()
    assert (
        action.description not in client.get(reverse("cooperation:late"), {"country": "MAR"}).content.decode()
    )


def test_meeting_action_points_become_actions_from_the_page(client, editor, framework, matrix):
    meeting = services.meeting_record(
        actor=editor,
        framework=framework,
        title="Workshop",
        kind="workshop",
        starts_on=datetime.date(2026, 1, 5),
    )
    client.force_login(editor)
    client.post(
        reverse("cooperation:point-add", args=[meeting.pk]),
        {"description": "Draft the MoU", "target": f"m{matrix.pk}", "due_on": "2026-06-30"},
    )
    client.post(reverse("cooperation:meeting-convert", args=[meeting.pk]))
    assert Action.objects.get(source_meeting=meeting).description == "Draft the MoU"


def test_library_search_and_link(client, editor, reader):
    services.resource_add(
        actor=editor,
        title="Standard operating procedures",
        kind="guidance",
        language="en",
        url="https://example.org/sop",
    )
    client.force_login(reader)
    page = client.get(reverse("cooperation:library"), {"q": "operating"}).content.decode()
    assert "Standard operating procedures" in page
    assert (
        "Standard operating" not in client.get(reverse("cooperation:library"), {"q": "zzz"}).content.decode()
    )


def test_library_file_is_uploaded_through_storage_and_downloaded_by_staff_only(
    client, editor, reader, partner_user
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sankofa.cooperation.models import Resource

    client.force_login(editor)
    upload = SimpleUploadedFile(
        "sop.pdf", b"%PDF-1.4 standard operating procedures", content_type="application/pdf"
    )
    response = client.post(
        reverse("cooperation:resource-add"),
        {"title": "SOP", "kind": "guidance", "language": "fr", "file": upload},
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    try:
        client.force_login(reader)
        download = client.get(reverse("cooperation:resource", args=[resource.pk]))
        assert b"".join(download.streaming_content) == b"%PDF-1.4 standard operating procedures"
        client.force_login(partner_user)
        assert client.get(reverse("cooperation:resource", args=[resource.pk])).status_code == 404
    finally:
        resource.file.delete(save=False)


def test_timeline_draws_a_red_bar_for_a_late_action(client, reader, framework, action):
    client.force_login(reader)
    page = client.get(reverse("cooperation:timeline", args=[framework.pk])).content.decode()
    assert 'class="gantt-bar planned late' in page


def test_editor_builds_a_framework_through_the_forms(client, editor, reader, ministry_ner):
    from sankofa.cooperation.models import Framework, Theme

    client.force_login(reader)
    assert client.get(reverse("cooperation:framework-add")).status_code == 403
    client.force_login(editor)
    response = client.post(
        reverse("cooperation:framework-add"),
        {
            "title_en": "Regional dialogue", "title_fr": "Dialogue régional", "kind": "regional",
            "countries": ["NER", "MLI", "GIN"], "institutions": [ministry_ner.pk],
            "starts_on": "2026-01-01", "ends_on": "2028-12-31",
        },
    )  # fmt: skip
    framework = Framework.objects.get(title_en="Regional dialogue")
    assert response["Location"] == framework.get_absolute_url()
    pk = framework.pk
    theme = Theme.objects.get(code="return-reintegration").pk
    client.post(reverse("cooperation:matrix-add", args=[pk]), {"theme": theme, "title_en": "Return"})
    client.post(
        reverse("cooperation:roadmap-add", args=[pk]),
        {"title_en": "Roadmap", "first_year": 2026, "last_year": 2028},
    )
    roadmap = framework.roadmaps.get()
    client.post(
        reverse("cooperation:priority-add", args=[roadmap.pk]), {"title_en": "Mali", "country": "MLI"}
    )
    client.post(
        reverse("cooperation:meeting-add", args=[pk]),
        {"title": "Workshop", "kind": "workshop", "starts_on": "2026-02-10", "countries": ["NER", "MLI"],
         "participants_women": 5, "participants_men": 6, "participants_unspecified": 0},
    )  # fmt: skip
    meeting = framework.meetings.get()
    client.post(
        reverse("cooperation:validation-add", args=[pk]),
        {
            "target": f"r{roadmap.pk}",
            "validated_on": "2026-02-11",
            "validated_by": "Delegations",
            "meeting": meeting.pk,
        },
    )
    assert framework.matrices.get().title_fr == "Return"  # French title defaults to the English one
    assert roadmap.priorities.get().country_id == "MLI"
    assert (meeting.participants_total, meeting.countries.count()) == (11, 2)
    assert roadmap.validations.get().meeting == meeting


def test_library_form_refuses_an_executable_with_a_message_and_saves_nothing(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sankofa.cooperation.models import Resource

    client.force_login(editor)
    upload = SimpleUploadedFile("setup.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(
        reverse("cooperation:resource-add"),
        {"title": "Tool", "kind": "tool", "language": "en", "file": upload},
    )
    assert response.status_code == 200
    assert "Files of type “exe” are not accepted" in response.content.decode()
    assert not Resource.objects.exists()


def test_library_form_refuses_a_file_over_the_limit_with_a_message(client, editor, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sankofa.cooperation.models import Resource

    settings.SANKOFA_MAX_UPLOAD_MB = 1
    client.force_login(editor)
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.7 " + b"0" * 3 * 1024 * 1024)
    response = client.post(
        reverse("cooperation:resource-add"),
        {"title": "Big", "kind": "report", "language": "en", "file": upload},
    )
    assert response.status_code == 200
    assert "The file is too large" in response.content.decode()
    assert not Resource.objects.exists()
