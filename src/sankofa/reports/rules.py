"""Who may read dashboards and reports (programme staff), and who may download an export (only the
user who asked for it)."""

import rules

from sankofa.access.models import Role
from sankofa.access.selectors import office_ids_of
from sankofa.programmes.rules import is_programme_staff

# Case lists with personal data leave the system: supervisors, administrators and data-protection
# focal points only, for the cases they may see.
PERSONAL_EXPORTERS = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR, Role.DATA_PROTECTION})


@rules.predicate
def requested_the_export(user, job) -> bool:
    return job is not None and job.requested_by_id == user.pk


rules.add_perm("reports.view_dashboard", is_programme_staff)
rules.add_perm("reports.request_export", is_programme_staff)


@rules.predicate
def may_export_case_lists(user) -> bool:
    return bool(office_ids_of(user, roles=PERSONAL_EXPORTERS))


@rules.predicate
def not_expired(user, job) -> bool:
    return job is not None and not job.expired


rules.add_perm("reports.download_export", is_programme_staff & requested_the_export & not_expired)
rules.add_perm("reports.export_case_list", may_export_case_lists)
