"""Every write to cooperation frameworks. Keyword-only, one transaction, permission first (STYLE.md)."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sankofa.access.models import Organisation
from sankofa.access.permissions import ensure
from sankofa.core.uploads import validate_field_file
from sankofa.programmes.indicators import INDICATORS

from .models import (
    Action,
    ActionMatrix,
    ActionPoint,
    Framework,
    Meeting,
    Priority,
    ProgressNote,
    Resource,
    Roadmap,
    ValidationEvent,
)
from .rules import editor_organisation_ids


class StaleEdit(ValidationError):
    """Someone else saved the action since this form was opened."""


def _check_version(action: Action, version: int) -> None:
    if action.version != version:
        raise StaleEdit(
            _("Someone else changed this action while you were editing it. Reload the page and try again.")
        )


def _check_dates(starts_on, due_on, *, message=None) -> None:
    if starts_on and due_on and due_on < starts_on:
        raise ValidationError(message or _("The due date cannot be before the start date."))


def _check_place(*, framework: Framework, matrix: ActionMatrix | None, priority: Priority | None) -> None:
    """An action (or action point) sits in exactly one matrix or priority of its framework."""
    if (matrix is None) == (priority is None):
        raise ValidationError(_("Choose either an action matrix or a roadmap priority."))
    owner = matrix.framework_id if matrix else priority.roadmap.framework_id
    if owner != framework.pk:
        raise ValidationError(_("The matrix or priority belongs to another framework."))


# --- frameworks, matrices, roadmaps ------------------------------------------------------------


@transaction.atomic
def framework_create(
    *,
    actor,
    title_en: str,
    title_fr: str,
    kind: str,
    countries: Iterable,
    starts_on: datetime.date,
    ends_on: datetime.date,
    institutions: Iterable = (),
    programmes: Iterable = (),
    editor_organisations: Iterable[Organisation] | None = None,
    description: str = "",
) -> Framework:
    """Create a framework. Its editors are the given organisations, by default the actor's own."""
    ensure(actor, "cooperation.add_framework")
    if ends_on < starts_on:
        raise ValidationError(_("The end date cannot be before the start date."))
    countries = list(countries)
    if not countries:
        raise ValidationError(_("A framework covers at least one country."))
    framework = Framework.objects.create(
        title_en=title_en,
        title_fr=title_fr or title_en,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        description=description,
    )
    framework.countries.set(countries)
    framework.institutions.set(list(institutions))
    framework.programmes.set(list(programmes))
    editors = (
        list(editor_organisations)
        if editor_organisations is not None
        else list(Organisation.objects.filter(pk__in=editor_organisation_ids(actor)))
    )
    framework.editor_organisations.set(editors)
    return framework


@transaction.atomic
def matrix_create(*, actor, framework: Framework, theme, title_en: str, title_fr: str = "") -> ActionMatrix:
    """Add an action matrix on one theme to a framework."""
    ensure(actor, "cooperation.change_framework", framework)
    return ActionMatrix.objects.create(
        framework=framework, theme=theme, title_en=title_en, title_fr=title_fr or title_en
    )


@transaction.atomic
def roadmap_create(
    *, actor, framework: Framework, title_en: str, title_fr: str = "", first_year: int, last_year: int
) -> Roadmap:
    """Add a multi-year roadmap to a framework."""
    ensure(actor, "cooperation.change_framework", framework)
    if last_year < first_year:
        raise ValidationError(_("The last year cannot be before the first year."))
    return Roadmap.objects.create(
        framework=framework,
        title_en=title_en,
        title_fr=title_fr or title_en,
        first_year=first_year,
        last_year=last_year,
    )


@transaction.atomic
def priority_add(
    *, actor, roadmap: Roadmap, title_en: str, title_fr: str = "", country=None, order: int = 0
) -> Priority:
    """Add a priority to a roadmap: for one of the framework's countries, or cross-country."""
    ensure(actor, "cooperation.change_framework", roadmap.framework)
    if country is not None and not roadmap.framework.countries.filter(pk=country.pk).exists():
        raise ValidationError(_("This country is not part of the framework."))
    return Priority.objects.create(
        roadmap=roadmap, title_en=title_en, title_fr=title_fr or title_en, country=country, order=order
    )


@transaction.atomic
def validation_record(
    *,
    actor,
    validated_on: datetime.date,
    validated_by: str,
    matrix: ActionMatrix | None = None,
    roadmap: Roadmap | None = None,
    institutions: Iterable = (),
    meeting: Meeting | None = None,
    note: str = "",
) -> ValidationEvent:
    """Record that a matrix or a roadmap was adopted, when and by whom."""
    if (matrix is None) == (roadmap is None):
        raise ValidationError(_("Choose either an action matrix or a roadmap."))
    framework = (matrix or roadmap).framework
    ensure(actor, "cooperation.change_framework", framework)
    if meeting is not None and meeting.framework_id != framework.pk:
        raise ValidationError(_("The meeting belongs to another framework."))
    event = ValidationEvent.objects.create(
        matrix=matrix,
        roadmap=roadmap,
        validated_on=validated_on,
        validated_by=validated_by,
        meeting=meeting,
        note=note,
        recorded_by=actor,
    )
    event.institutions.set(list(institutions))
    return event


# --- actions ---------------------------------------------------------------------------------


@transaction.atomic
def action_add(
    *,
    actor,
    description: str,
    matrix: ActionMatrix | None = None,
    priority: Priority | None = None,
    responsible: Iterable = (),
    supporting: Iterable = (),
    starts_on: datetime.date | None = None,
    due_on: datetime.date | None = None,
    source_meeting: Meeting | None = None,
    indicator: str = "",
) -> Action:
    """Add a planned action to a matrix or a roadmap priority."""
    framework = matrix.framework if matrix else priority.roadmap.framework if priority else None
    if framework is None:
        raise ValidationError(_("Choose either an action matrix or a roadmap priority."))
    ensure(actor, "cooperation.change_framework", framework)
    _check_place(framework=framework, matrix=matrix, priority=priority)
    _check_dates(starts_on, due_on)
    _check_indicator(indicator)
    if not description.strip():
        raise ValidationError(_("Describe the action."))
    action = Action.objects.create(
        framework=framework,
        matrix=matrix,
        priority=priority,
        description=description.strip(),
        starts_on=starts_on,
        due_on=due_on,
        source_meeting=source_meeting,
        indicator=indicator,
        created_by=actor,
    )
    action.responsible.set(list(responsible))
    action.supporting.set(list(supporting))
    return action


def _check_indicator(code: str) -> None:
    """An action may name an indicator of the registry (programmes.indicators), nothing else."""
    if code and code not in INDICATORS:
        raise ValidationError(_("“%(code)s” is not an indicator code.") % {"code": code})


def _locked(action: Action) -> Action:
    return Action.objects.select_for_update(of=("self",)).select_related("framework").get(pk=action.pk)


@transaction.atomic
def action_update(
    *,
    actor,
    action: Action,
    version: int,
    description: str,
    responsible: Iterable,
    supporting: Iterable,
    starts_on: datetime.date | None,
    due_on: datetime.date | None,
    indicator: str = "",
) -> Action:
    """Edit an action's description, institutions, dates and indicator. A stale version is refused."""
    action = _locked(action)
    ensure(actor, "cooperation.change_framework", action.framework)
    _check_version(action, version)
    _check_dates(starts_on, due_on)
    _check_indicator(indicator)
    if not description.strip():
        raise ValidationError(_("Describe the action."))
    action.description, action.starts_on, action.due_on = description.strip(), starts_on, due_on
    action.indicator = indicator
    action.version += 1
    action.save(update_fields=["description", "starts_on", "due_on", "indicator", "version", "updated_at"])
    action.responsible.set(list(responsible))
    action.supporting.set(list(supporting))
    return action


@transaction.atomic
def action_status_change(
    *, actor, action: Action, status: str, version: int, note: str = "", on: datetime.date | None = None
) -> Action:
    """Move an action to another status (the model guards legal moves) and leave a dated progress
    note. Done stamps the completion date; reopening clears it. A stale version is refused."""
    action = _locked(action)
    ensure(actor, "cooperation.change_framework", action.framework)
    _check_version(action, version)
    action.check_transition(status)
    on = on or timezone.localdate()
    action.status = status
    action.completed_on = on if status == Action.Status.DONE else None
    action.version += 1
    action.save(update_fields=["status", "completed_on", "version", "updated_at"])
    ProgressNote.objects.create(
        action=action,
        written_on=on,
        status=status,
        text=note.strip() or _("Status changed to “%(status)s”.") % {"status": action.get_status_display()},
        author=actor,
    )
    return action


@transaction.atomic
def action_note_add(
    *, actor, action: Action, text: str, written_on: datetime.date | None = None
) -> ProgressNote:
    """Add a dated progress note to an action."""
    ensure(actor, "cooperation.change_framework", action.framework)
    if not text.strip():
        raise ValidationError(_("Write the progress note."))
    written_on = written_on or timezone.localdate()
    if written_on > timezone.localdate():
        raise ValidationError(_("A progress note cannot be dated in the future."))
    return ProgressNote.objects.create(action=action, written_on=written_on, text=text.strip(), author=actor)


# --- meetings --------------------------------------------------------------------------------


@transaction.atomic
def meeting_record(
    *,
    actor,
    framework: Framework,
    title: str,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    place: str = "",
    countries: Iterable = (),
    institutions: Iterable = (),
    participants_women: int = 0,
    participants_men: int = 0,
    participants_unspecified: int = 0,
    outcomes: str = "",
) -> Meeting:
    """Record a meeting or workshop held under a framework."""
    ensure(actor, "cooperation.change_framework", framework)
    if ends_on and ends_on < starts_on:
        raise ValidationError(_("The last day cannot be before the first."))
    if min(participants_women, participants_men, participants_unspecified) < 0:
        raise ValidationError(_("Participant counts cannot be negative."))
    meeting = Meeting.objects.create(
        framework=framework,
        title=title,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        place=place,
        participants_women=participants_women,
        participants_men=participants_men,
        participants_unspecified=participants_unspecified,
        outcomes=outcomes,
    )
    meeting.countries.set(list(countries))
    meeting.institutions.set(list(institutions))
    return meeting


@transaction.atomic
def action_point_add(
    *,
    actor,
    meeting: Meeting,
    description: str,
    matrix: ActionMatrix | None = None,
    priority: Priority | None = None,
    responsible: Iterable = (),
    due_on: datetime.date | None = None,
) -> ActionPoint:
    """Record an action point agreed at a meeting, aimed at a matrix or roadmap priority."""
    ensure(actor, "cooperation.change_framework", meeting.framework)
    _check_place(framework=meeting.framework, matrix=matrix, priority=priority)
    if not description.strip():
        raise ValidationError(_("Describe the action point."))
    point = ActionPoint.objects.create(
        meeting=meeting, description=description.strip(), matrix=matrix, priority=priority, due_on=due_on
    )
    point.responsible.set(list(responsible))
    return point


@transaction.atomic
def meeting_action_points_convert(*, actor, meeting: Meeting) -> list[Action]:
    """Turn every action point of the meeting that has no action yet into a planned action, starting
    on the meeting's date. Points are locked, so two clicks never create an action twice."""
    ensure(actor, "cooperation.change_framework", meeting.framework)
    points = list(
        ActionPoint.objects.select_for_update().filter(meeting=meeting, action__isnull=True).order_by("id")
    )
    created = []
    for point in points:
        action = action_add(
            actor=actor,
            description=point.description,
            matrix=point.matrix,
            priority=point.priority,
            responsible=point.responsible.all(),
            starts_on=meeting.starts_on if not point.due_on or point.due_on >= meeting.starts_on else None,
            due_on=point.due_on,
            source_meeting=meeting,
        )
        point.action = action
        point.save(update_fields=["action"])
        created.append(action)
    return created


# --- resource library ------------------------------------------------------------------------


@transaction.atomic
def resource_add(
    *,
    actor,
    title: str,
    kind: str,
    language: str,
    summary: str = "",
    countries: Iterable = (),
    themes: Iterable = (),
    file=None,
    url: str = "",
    framework: Framework | None = None,
) -> Resource:
    """Add a file (saved through Django's storage API) or a link to the resource library."""
    ensure(actor, "cooperation.add_resource")
    if bool(file) == bool(url):
        raise ValidationError(_("Give either a file or a link, not both."))
    resource = Resource(
        title=title.strip(),
        kind=kind,
        language=language,
        summary=summary,
        url=url,
        framework=framework,
        added_by=actor,
    )
    if file:
        validate_field_file(Resource, "file", file)  # FieldFile.save does not validate
        resource.file.save(file.name, file, save=False)
    resource.save()
    resource.countries.set(list(countries))
    resource.themes.set(list(themes))
    return resource
