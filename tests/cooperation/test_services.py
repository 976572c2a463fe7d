"""Writes to frameworks: who may write, version checks, status side effects, meetings to actions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from sankofa.cooperation import services
from sankofa.cooperation.models import Action, ActionPoint, ProgressNote, Resource, Theme

from .. import factories
from .conftest import add_action

pytestmark = pytest.mark.django_db
S = Action.Status


def test_framework_editors_default_to_the_creators_organisation(framework, iom):
    assert list(framework.editor_organisations.all()) == [iom]


def test_caseworker_cannot_create_a_framework(reader):
    with pytest.raises(PermissionDenied):
        services.framework_create(
            actor=reader, title_en="x", title_fr="x", kind="bilateral", countries=[factories.country("NER")],
            starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2025, 12, 31),
        )  # fmt: skip


def test_reader_cannot_add_an_action(matrix, reader):
    with pytest.raises(PermissionDenied):
        add_action(matrix, reader)


def test_supervisor_of_another_organisation_cannot_edit_the_framework(matrix, other_org_supervisor, editor):
    with pytest.raises(PermissionDenied):
        add_action(matrix, other_org_supervisor)
    action = add_action(matrix, editor)
    with pytest.raises(PermissionDenied):
        services.action_status_change(actor=other_org_supervisor, action=action, status=S.DONE, version=1)


def test_partner_cannot_edit_even_in_an_editor_organisation(matrix, partner_user):
    with pytest.raises(PermissionDenied):
        add_action(matrix, partner_user)


def test_action_takes_its_framework_from_its_matrix(matrix, editor, ministry_ner):
    action = add_action(matrix, editor, responsible=[ministry_ner], due_on=datetime.date(2026, 3, 1))
    assert action.framework_id == matrix.framework_id
    assert action.status == S.PLANNED
    assert list(action.responsible.all()) == [ministry_ner]


def test_due_date_before_start_is_refused(matrix, editor):
    with pytest.raises(ValidationError):
        add_action(matrix, editor, starts_on=datetime.date(2026, 3, 1), due_on=datetime.date(2026, 2, 1))


def test_priority_of_another_framework_is_refused(matrix, editor, iom):
    other = services.framework_create(
        actor=editor, title_en="Other", title_fr="Autre", kind="regional", countries=[factories.country("MLI")],
        starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2025, 12, 31),
    )  # fmt: skip
    roadmap = services.roadmap_create(
        actor=editor, framework=other, title_en="R", first_year=2025, last_year=2026
    )
    priority = services.priority_add(actor=editor, roadmap=roadmap, title_en="P")
    meeting = services.meeting_record(
        actor=editor,
        framework=matrix.framework,
        title="M",
        kind="workshop",
        starts_on=datetime.date(2025, 5, 1),
    )
    with pytest.raises(ValidationError):
        services.action_point_add(actor=editor, meeting=meeting, description="x", priority=priority)


def test_priority_country_must_belong_to_the_framework(roadmap, editor):
    with pytest.raises(ValidationError):
        services.priority_add(actor=editor, roadmap=roadmap, title_en="P", country=factories.country("MAR"))


def test_stale_edit_is_refused_and_nothing_is_overwritten(matrix, editor):
    action = add_action(matrix, editor)
    services.action_update(
        actor=editor, action=action, version=1, description="First edit", responsible=[], supporting=[],
        starts_on=None, due_on=None,
    )  # fmt: skip
    with pytest.raises(services.StaleEdit):
        services.action_update(
            actor=editor, action=action, version=1, description="Second, stale edit", responsible=[],
            supporting=[], starts_on=None, due_on=None,
        )  # fmt: skip
    with pytest.raises(services.StaleEdit):
        services.action_status_change(actor=editor, action=action, status=S.DONE, version=1)
    action.refresh_from_db()
    assert (action.description, action.status, action.version) == ("First edit", S.PLANNED, 2)


def test_status_change_leaves_a_dated_note_and_done_stamps_completion(matrix, editor):
    action = add_action(matrix, editor)
    on = datetime.date(2026, 4, 2)
    action = services.action_status_change(
        actor=editor, action=action, status=S.DONE, version=1, note="Signed in Conakry", on=on
    )
    assert (action.status, action.completed_on, action.version) == (S.DONE, on, 2)
    note = ProgressNote.objects.get(action=action)
    assert (note.written_on, note.status, note.text) == (on, S.DONE, "Signed in Conakry")
    action = services.action_status_change(actor=editor, action=action, status=S.IN_PROGRESS, version=2)
    assert action.completed_on is None


def test_illegal_status_change_is_refused(matrix, editor):
    action = add_action(matrix, editor)
    action = services.action_status_change(actor=editor, action=action, status=S.DROPPED, version=1)
    with pytest.raises(ValidationError):
        services.action_status_change(actor=editor, action=action, status=S.DONE, version=2)


def test_progress_note_cannot_be_dated_in_the_future(matrix, editor):
    action = add_action(matrix, editor)
    with pytest.raises(ValidationError):
        services.action_note_add(
            actor=editor,
            action=action,
            text="Soon",
            written_on=datetime.date.today() + datetime.timedelta(days=2),
        )


def test_meeting_action_points_become_actions_once(matrix, roadmap, editor, ministry_ner):
    meeting = services.meeting_record(
        actor=editor, framework=matrix.framework, title="Joint committee", kind="steering",
        starts_on=datetime.date(2026, 2, 10), participants_women=7, participants_men=12,
    )  # fmt: skip
    services.action_point_add(
        actor=editor, meeting=meeting, description="Revise the cooperation agreement", matrix=matrix,
        responsible=[ministry_ner], due_on=datetime.date(2026, 9, 30),
    )  # fmt: skip
    priority = services.priority_add(actor=editor, roadmap=roadmap, title_en="Cross-country data sharing")
    services.action_point_add(
        actor=editor, meeting=meeting, description="Share return data", priority=priority
    )
    created = services.meeting_action_points_convert(actor=editor, meeting=meeting)
    assert len(created) == 2
    first = created[0]
    assert (first.matrix, first.source_meeting, first.starts_on) == (matrix, meeting, meeting.starts_on)
    assert list(first.responsible.all()) == [ministry_ner]
    assert created[1].priority == priority
    assert services.meeting_action_points_convert(actor=editor, meeting=meeting) == []
    assert Action.objects.count() == 2
    assert not ActionPoint.objects.filter(action__isnull=True).exists()
    assert meeting.participants_total == 19


def test_validation_event_records_adoption_of_a_matrix(matrix, editor, ministry_ner):
    event = services.validation_record(
        actor=editor, matrix=matrix, validated_on=datetime.date(2025, 3, 3), validated_by="Joint steering committee",
        institutions=[ministry_ner],
    )  # fmt: skip
    assert matrix.validations.get() == event
    with pytest.raises(ValidationError):
        services.validation_record(actor=editor, validated_on=datetime.date(2025, 3, 3), validated_by="x")


def test_resource_needs_a_file_or_a_link_and_the_file_goes_through_storage(editor, reader):
    theme = Theme.objects.get(code="migrant-workers")
    with pytest.raises(ValidationError):
        services.resource_add(actor=editor, title="Nothing", kind="tool", language="en")
    resource = services.resource_add(
        actor=editor, title="Guide", kind="guidance", language="fr", themes=[theme],
        file=ContentFile(b"%PDF-1.4 guide", name="guide.pdf"),
    )  # fmt: skip
    try:
        assert default_storage.exists(resource.file.name)
        assert list(resource.themes.all()) == [theme]
    finally:
        resource.file.delete(save=False)
    with pytest.raises(PermissionDenied):
        services.resource_add(
            actor=reader, title="Link", kind="tool", language="en", url="https://example.org/"
        )


def test_an_action_may_name_an_indicator_of_the_registry(matrix, editor):
    action = add_action(matrix, editor, indicator="AVR1")
    assert action.indicator == "AVR1"
    updated = services.action_update(
        actor=editor,
        action=action,
        version=action.version,
        description=action.description,
        responsible=[],
        supporting=[],
        starts_on=None,
        due_on=None,
        indicator="",
    )
    assert updated.indicator == ""


def test_an_unknown_indicator_code_is_refused_and_nothing_is_written(matrix, editor):
    with pytest.raises(ValidationError):
        add_action(matrix, editor, indicator="NOPE")
    assert not Action.objects.filter(matrix=matrix).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00", "not accepted"),
        ("guide.pdf", b"MZ\x90\x00 an executable named .pdf", "not a valid PDF"),
        ("photo.png", b"\xff\xd8\xff\xe0 a JPEG named .png", "not a valid PNG"),
        ("notes.docx", b"PK\x03\x04 not an office document", "not a valid DOCX"),
    ],
)
def test_resource_file_of_a_type_not_allowed_or_not_what_it_claims_is_refused(editor, name, content, message):
    with pytest.raises(ValidationError, match=message):
        services.resource_add(
            actor=editor, title="Bad", kind="tool", language="en", file=ContentFile(content, name=name)
        )
    assert not Resource.objects.exists()


def test_resource_file_over_the_size_limit_is_refused(editor, settings):
    settings.SANKOFA_MAX_UPLOAD_MB = 0.5
    with pytest.raises(ValidationError, match="too large"):
        services.resource_add(
            actor=editor, title="Big", kind="report", language="en",
            file=ContentFile(b"%PDF-1.4 " + b"x" * 1024 * 1024, name="report.pdf"),
        )  # fmt: skip
    assert not Resource.objects.exists()
