"""Fixtures of the reports tests: assistance in two offices (Niamey and Tripoli), enough people for
some cells to pass the disclosure threshold and some not to."""

import datetime

import pytest

from sankofa.reports.facts import facts_rebuild
from tests.programmes.builders import assist, case_with, returned

D = datetime.date


@pytest.fixture
def assisted(caseworker_a, caseworker_b, office_a, office_b):
    """Niamey: 12 women of Guinea and 3 men of Mali assisted in 2024 (one woman five times), 8 of the
    women returned in 2024. Tripoli: 7 people assisted in 2024."""
    women = []
    for n in range(12):
        case = case_with(actor=caseworker_a, office=office_a, sex="F", nationality="GIN", given_name=f"W{n}")
        assist(case, on=D(2024, 1 + n % 6, 10))
        women.append(case)
    for day in range(2, 6):
        assist(women[0], on=D(2024, 2, day))
    for n in range(3):
        assist(
            case_with(actor=caseworker_a, office=office_a, sex="M", nationality="MLI", given_name=f"M{n}"),
            on=D(2024, 3, 1),
        )
    for case in women[:8]:
        returned(case, on=D(2024, 8, 1))
    for n in range(7):
        assist(
            case_with(actor=caseworker_b, office=office_b, sex="M", nationality="NGA", given_name=f"T{n}"),
            on=D(2024, 4, 1),
        )
    facts_rebuild()  # what the background task does after writes
    return women
