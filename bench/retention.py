"""Retention run: time to report (propose) and to execute over N closed cases past their period.

On a seeded database (`sankofa seed --people N`, no assistance records), every case is closed and
back-dated six years by SQL first (the seed closes ~20 %), so that all of them are due; a run is
proposed, approved by a generated data-protection focal point and executed. Destroys the seeded
people's names: use a database of its own.

    DATABASE_URL=postgres://…/sankofa_bench .venv/bin/python bench/retention.py
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sankofa.config.settings")
os.environ.setdefault("SANKOFA_ENV", "dev")
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402

from sankofa.access.models import Membership, Office, Role  # noqa: E402
from sankofa.cases.models import Case  # noqa: E402
from sankofa.people.models import PersonNameToken  # noqa: E402
from sankofa.privacy.services import retention_approve, retention_execute, retention_propose  # noqa: E402


def main() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_case SET status = 'closed', updated_at = now() - interval '6 years'"
            " WHERE status <> 'closed' OR updated_at > now() - interval '6 years'"
        )
        cursor.execute(
            "UPDATE cases_timelineevent SET at = now() - interval '6 years' WHERE at > now() - interval '6 years'"
        )
        cursor.execute("ANALYZE")
    user, _ = get_user_model().objects.get_or_create(username="bench_dpo")
    Membership.objects.get_or_create(user=user, office=Office.objects.first(), role=Role.DATA_PROTECTION)
    cases = Case.objects.count()
    tokens = PersonNameToken.objects.count()
    start = time.perf_counter()
    run = retention_propose()
    proposed = time.perf_counter() - start
    retention_approve(run=run, actor=user)
    start = time.perf_counter()
    run = retention_execute(run=run, actor=user)
    executed = time.perf_counter() - start
    done = run.result["closed_cases"]
    print(f"{cases:,} cases, {tokens:,} name tokens before")
    print(f"propose (dry-run report): {proposed:.1f} s, {run.report['closed_cases']['count']:,} cases due")
    print(f"execute: {executed:.1f} s, {done['cases']:,} cases, {done['people']:,} people")
    print(f"rows cleared per model: {done['rows']}")
    print(f"seconds per model: {run.result.get('seconds')}")
    print(f"name tokens left: {PersonNameToken.objects.count():,}")


if __name__ == "__main__":
    main()
