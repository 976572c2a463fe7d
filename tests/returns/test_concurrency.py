"""Two supervisors approving the same request at the same moment approve it once: the row is locked
(select_for_update on PostgreSQL, an IMMEDIATE transaction on SQLite) and the second one finds it
already approved and is refused."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from sankofa.cases.models import TimelineEvent
from sankofa.returns import services
from sankofa.returns.models import ReturnRequest

from .conftest import request_for


@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # leaves the database as the browser tests expect
def test_concurrent_approval_does_not_double_approve(
    family, mother, caseworker_a, supervisor_a, supervisor_a2
):
    request = request_for(family, [mother])
    services.return_request_decide(actor=caseworker_a, request=request, eligible=True, reason="ok")
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(supervisor):
        try:
            barrier.wait()
            services.return_request_approve(actor=supervisor, request=request)
            outcomes.append("approved")
        except ValidationError as exc:
            outcomes.append(" ".join(exc.messages))
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(s,)) for s in (supervisor_a, supervisor_a2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert outcomes.count("approved") == 1
    assert "cannot go from “Approved” to “Approved”" in [o for o in outcomes if o != "approved"][0]
    assert ReturnRequest.objects.get(pk=request.pk).version == request.version + 2  # decided, approved once
    assert TimelineEvent.objects.filter(case=family, kind="return.approved").count() == 1
