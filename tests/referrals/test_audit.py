"""Every referral change is in the audit trail; the frozen snapshot never appears there in clear."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from sankofa.referrals import services
from sankofa.referrals.models import ConsentScope, Referral

pytestmark = pytest.mark.django_db


def entries(model, **filters):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), **filters)


def test_referral_changes_are_audited_and_the_snapshot_is_masked(sent_referral, provider_user):
    services.referral_acknowledge(actor=provider_user, referral=sent_referral)
    updates = entries(Referral, object_pk=str(sent_referral.pk), action=LogEntry.Action.UPDATE)
    statuses = [e.changes_dict["status"] for e in updates.order_by("timestamp") if "status" in e.changes_dict]
    assert statuses == [["draft", "sent"], ["sent", "acknowledged"]]
    sent = next(e for e in updates if "snapshot" in e.changes_dict)
    assert sent.changes_dict["snapshot"][1] == "[redacted]"
    logged = [value for e in updates if "snapshot" in e.changes_dict for value in e.changes_dict["snapshot"]]
    assert set(logged) <= {"", "None", "[redacted]"}  # the frozen data never in clear
    assert entries(ConsentScope, action=LogEntry.Action.CREATE).count() == 1
