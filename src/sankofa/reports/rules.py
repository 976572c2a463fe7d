"""Who may read dashboards and reports (programme staff), and who may download an export (only the
user who asked for it)."""

import rules

from sankofa.programmes.rules import is_programme_staff


@rules.predicate
def requested_the_export(user, job) -> bool:
    return job is not None and job.requested_by_id == user.pk


rules.add_perm("reports.view_dashboard", is_programme_staff)
rules.add_perm("reports.request_export", is_programme_staff)
rules.add_perm("reports.download_export", is_programme_staff & requested_the_export)
