from django.apps import AppConfig


class DuplicatesConfig(AppConfig):
    """Duplicate detection across offices: the batch job, the review queue, merges and their undoing.
    The models live in `people` (MatchRun, MatchPair, PersonMerge); this app adds what needs case
    scoping (who may review what), so it sits right of `cases`."""

    name = "sankofa.duplicates"
    label = "duplicates"
    verbose_name = "Duplicates"

    def ready(self):
        from . import rules  # noqa: F401  (registers the permissions)
