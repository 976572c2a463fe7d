"""Schemathesis on the subject access endpoint as a data-protection focal point (the project-wide
fuzz test calls it as a caseworker, who is refused before anything is read): whatever the path and
query, the answer is one the schema documents, never a server error."""

import pytest
from hypothesis import HealthCheck, given, settings

from tests import factories
from tests.cases.test_api_fuzz import CHECKS, api_schema  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_subject_access_answers_as_documented_to_a_dpo(api_schema, dpo_a, case_a):  # noqa: F811
    header = {"Authorization": factories.api_token(dpo_a)}
    operations = [r.ok() for r in api_schema.get_all_operations()]
    operations = [o for o in operations if o.path.startswith("/api/v1/subject-access/")]
    assert len(operations) == 1
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=60,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=True,
        )
        def check(case):
            case.call_and_validate(headers=header, checks=CHECKS)

        check()
