"""Demo data for duplicate detection: one batch search over the generated people, so that the
review queue has pairs to adjudicate (the generator plants near-duplicates)."""

from sankofa.people.models import MatchRun, Person

MIN_PEOPLE = 500  # below this the unsupervised model has too little to learn from


def demo_duplicates_ensure(*, stdout) -> None:
    """Run the batch search once, in process, if there are people and no search has run yet."""
    from sankofa.duplicates.services import match_run_execute

    if MatchRun.objects.exists() or Person.objects.count() < MIN_PEOPLE:
        return
    run = match_run_execute(run=MatchRun.objects.create())
    stdout.write(f"Duplicate search: {run.people_count:,} people, {run.queued_count} pair(s) to review.")
