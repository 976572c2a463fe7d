"""Community project writes: projects and the returnees taking part."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sankofa.access.models import Office
from sankofa.access.permissions import ensure
from sankofa.cases.models import Case
from sankofa.cases.services import timeline_record
from sankofa.people.models import Person

from ..models import (
    CommunityProject,
    ProjectParticipant,
)
from .common import _known_fields, _lock, _member_or_refuse, _money, _not_future, _save

PROJECT_FIELDS = (
    "name",
    "kind",
    "description",
    "country",
    "location",
    "budget",
    "currency",
    "starts_on",
    "ends_on",
    "community_members",
)


def _project_check(fields: dict) -> None:
    if not (fields.get("name") or "").strip() or not (fields.get("location") or "").strip():
        raise ValidationError(_("Give the project a name and a location."))
    if fields.get("kind") not in CommunityProject.Kind.values:
        raise ValidationError(_("Choose a kind of project."))
    _money(fields.get("budget"), fields.get("currency") or "", _("The budget"))
    if fields.get("ends_on") and fields["ends_on"] < fields["starts_on"]:
        raise ValidationError(_("A project cannot end before it starts."))
    if (fields.get("community_members") or 0) < 0:
        raise ValidationError(_("The number of community members cannot be negative."))


@transaction.atomic
def project_create(*, actor, office: Office, **fields) -> CommunityProject:
    """Create a community project of an office (its caseworkers and supervisors run it)."""
    ensure(actor, "reintegration.create_project", office)
    _known_fields(fields, PROJECT_FIELDS)
    _project_check(fields)
    return CommunityProject.objects.create(office=office, created_by=actor, **fields)


@transaction.atomic
def project_update(
    *, actor, project: CommunityProject, version: int | None, status: str | None = None, **fields
) -> CommunityProject:
    """Change a project's details and, optionally, move its status along."""
    ensure(actor, "reintegration.manage_project", project)
    project = _lock(CommunityProject, project, version)
    _known_fields(fields, PROJECT_FIELDS)
    for key, value in fields.items():
        setattr(project, key, value)
    _project_check({f: getattr(project, f) for f in PROJECT_FIELDS})
    if status and status != project.status:
        project.transition_to(status)
    _save(project, "status", *fields)
    return project


@transaction.atomic
def project_participant_add(
    *, actor, project: CommunityProject, case: Case, person: Person, joined_on: datetime.date | None = None
) -> ProjectParticipant:
    """Link a returnee (a person of a case the actor sees) to a community project, once."""
    ensure(actor, "reintegration.manage_project", project)
    ensure(actor, "reintegration.work", case)
    _member_or_refuse(actor=actor, case=case, person=person)
    joined_on = joined_on or timezone.localdate()
    _not_future(joined_on, _("The date of joining"))
    if ProjectParticipant.objects.filter(project=project, person=person).exists():
        raise ValidationError(_("This returnee already takes part in the project."))
    try:
        with transaction.atomic():
            participant = ProjectParticipant.objects.create(
                project=project, case=case, person=person, joined_on=joined_on, added_by=actor
            )
    except IntegrityError:
        raise ValidationError(_("This returnee already takes part in the project.")) from None
    timeline_record(
        case=case,
        actor=actor,
        kind="reintegration.project_joined",
        person=person,
        data={"project": project.name},
    )
    return participant


@transaction.atomic
def project_participant_remove(*, actor, participant: ProjectParticipant) -> None:
    """Unlink a returnee from a project (added by mistake)."""
    ensure(actor, "reintegration.manage_project", participant.project)
    participant.delete()
