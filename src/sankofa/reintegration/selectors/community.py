"""Community project reads: projects, participants and their unique beneficiaries."""

import dataclasses

import rules
from django.db.models import QuerySet

from sankofa.access.roles import CASE_READERS
from sankofa.access.selectors import office_ids_of

from ..models import (
    CommunityProject,
    ProjectParticipant,
)
from .common import _get, _visible


def projects_visible_to(actor) -> QuerySet[CommunityProject]:
    """Projects of the offices the actor works in or covers."""
    return (
        CommunityProject.objects.filter(office_id__in=office_ids_of(actor, roles=CASE_READERS))
        .select_related("office", "country")
        .order_by("-id")
    )


def project_get(*, actor, pk) -> CommunityProject:
    return _get(projects_visible_to(actor), pk)


def project_participants(*, actor, project: CommunityProject) -> QuerySet[ProjectParticipant]:
    """The returnees of a project the actor may see (members_visible_to)."""
    if not rules.has_perm("reintegration.view_project", actor, project):
        return ProjectParticipant.objects.none()
    return _visible(actor, project.participants.all()).select_related("case", "person").order_by("id")


def project_beneficiary_ids(projects) -> set[int]:
    """Unique returnees of the projects: a person linked twice (two projects, or twice through two
    cases) counts once. Aggregate only: no personal data leaves this function."""
    return set(
        ProjectParticipant.objects.filter(project__in=projects).values_list("person_id", flat=True).distinct()
    )


@dataclasses.dataclass
class Beneficiaries:
    returnees: int
    community_members: int

    @property
    def total(self) -> int:
        return self.returnees + self.community_members


def project_beneficiaries(*, actor, projects=None) -> Beneficiaries:
    """Beneficiaries of the projects the actor sees (or of the given ones among them): unique
    returnees plus the community members each project declares."""
    visible = projects_visible_to(actor)
    if projects is not None:
        visible = visible.filter(pk__in=[p.pk for p in projects])
    return Beneficiaries(
        returnees=len(project_beneficiary_ids(visible)),
        community_members=sum(visible.values_list("community_members", flat=True)),
    )
