"""The audit trail (every write) and the access log (every opening of a case file) are hash chains:
altering, deleting or slipping in a row behind the chain's back is found and the row is named."""

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.db import connection

from sankofa.access import audit_chain
from sankofa.access.models import AuditChainHead, AuditSeal, AuditVerification
from sankofa.cases import read_log, services
from sankofa.cases.models import CaseAccess
from sankofa.cases.selectors import case_file_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(case_a, caseworker_a, dpo_a):
    """Writes (registration, a status change) and reads (two openings of the file)."""
    services.case_status_change(actor=caseworker_a, case=case_a, status="on_hold")
    case_file_open(actor=caseworker_a, number=case_a.number)
    case_file_open(actor=dpo_a, number=case_a.number)
    return case_a


def test_every_write_and_every_read_is_sealed_and_the_chains_verify_intact(history):
    writes, reads = LogEntry.objects.count(), CaseAccess.objects.count()
    assert writes >= 3 and reads == 2
    assert AuditSeal.objects.filter(kind="audit").count() == writes
    assert AuditSeal.objects.filter(kind="access").count() == reads
    result = audit_chain.verify()
    assert result.intact, result.first
    assert result.entries == writes + reads


def test_each_seal_covers_the_previous_hash(history):
    seals = list(AuditSeal.objects.filter(kind="audit").order_by("seq"))
    assert [s.seq for s in seals] == list(range(1, len(seals) + 1))
    assert seals[0].previous_hash == audit_chain.GENESIS
    for before, after in zip(seals, seals[1:], strict=False):
        assert after.previous_hash == before.hash
    assert AuditChainHead.objects.get(kind="audit").last_hash == seals[-1].hash


def test_a_log_entry_altered_in_the_database_is_found_and_named(history):
    entry = LogEntry.objects.order_by("pk")[1]
    LogEntry.objects.filter(pk=entry.pk).update(changes_text="nothing happened")
    result = audit_chain.verify()
    assert not result.intact
    assert (result.first.kind, result.first.entry_id, result.first.problem) == ("audit", entry.pk, "altered")


def test_an_access_entry_altered_by_raw_sql_is_found_and_named(history, dpo_a):
    access = CaseAccess.objects.get(user=dpo_a)
    with connection.cursor() as cursor:  # someone with database access hides that sensitive data was shown
        cursor.execute(
            f"UPDATE {CaseAccess._meta.db_table} SET sensitive_shown = %s WHERE id = %s",
            [not access.sensitive_shown, access.pk],
        )
    result = audit_chain.verify()
    assert (result.first.kind, result.first.entry_id, result.first.problem) == (
        "access",
        access.pk,
        "altered",
    )


def test_a_write_attributed_to_someone_else_afterwards_is_found(history, dpo_a):
    entry = LogEntry.objects.order_by("pk").last()
    LogEntry.objects.filter(pk=entry.pk).update(actor=dpo_a)
    assert audit_chain.verify().first.entry_id == entry.pk


def test_a_deleted_log_entry_is_found_and_named(history):
    entry = LogEntry.objects.order_by("pk")[1]
    LogEntry.objects.filter(pk=entry.pk).delete()
    result = audit_chain.verify()
    assert (result.first.kind, result.first.entry_id, result.first.problem) == ("audit", entry.pk, "deleted")


def test_an_access_entry_deleted_with_its_seal_leaves_a_gap(history, caseworker_a):
    access = CaseAccess.objects.get(user=caseworker_a)
    seal = AuditSeal.objects.get(kind="access", entry_id=access.pk)
    access.delete()
    seal.delete()
    result = audit_chain.verify()
    assert (result.first.kind, result.first.seq, result.first.problem) == ("access", seal.seq, "deleted")


def test_the_last_entries_deleted_with_their_seals_are_found_by_the_head(history, dpo_a):
    access = CaseAccess.objects.get(user=dpo_a)  # the last opening
    AuditSeal.objects.filter(kind="access", entry_id=access.pk).delete()
    access.delete()
    result = audit_chain.verify()
    assert (result.first.kind, result.first.problem) == ("access", "deleted")
    assert "head" in result.first.detail


def test_a_row_inserted_behind_the_chains_back_is_found(history, caseworker_a):
    # bulk_create sends no post_save: the way a row written by SQL, outside Sankofa, looks
    (slipped,) = CaseAccess.objects.bulk_create([CaseAccess(case=history, user=caseworker_a, channel="api")])
    result = audit_chain.verify()
    assert (result.first.kind, result.first.entry_id, result.first.problem) == (
        "access",
        slipped.pk,
        "unsealed",
    )


def test_an_entry_altered_and_resealed_breaks_the_next_seal(history):
    first, second = LogEntry.objects.order_by("pk")[:2]
    LogEntry.objects.filter(pk=first.pk).update(changes_text="forged")
    seal = AuditSeal.objects.get(kind="audit", entry_id=first.pk)
    row = LogEntry.objects.filter(pk=first.pk).values(*audit_chain._chains["audit"].fields).get()
    AuditSeal.objects.filter(pk=seal.pk).update(hash=audit_chain.entry_hash(seal.previous_hash, "audit", row))
    result = audit_chain.verify()
    assert (result.first.entry_id, result.first.problem) == (first.pk, "resealed")


def test_verification_streams_in_chunks_with_the_same_answer(history, monkeypatch):
    monkeypatch.setattr(audit_chain, "CHUNK", 2)
    assert audit_chain.verify().intact
    entry = LogEntry.objects.order_by("-pk").first()
    LogEntry.objects.filter(pk=entry.pk).update(object_repr="someone else")
    assert audit_chain.verify().first.entry_id == entry.pk


def test_entries_written_in_bulk_are_chained_in_id_order_by_seal_unsealed(history, caseworker_a):
    CaseAccess.objects.bulk_create(
        [CaseAccess(case=history, user=caseworker_a, channel="web") for _ in range(5)]
    )
    assert audit_chain.seal_unsealed("access") == 5
    assert audit_chain.verify().intact
    case_file_open(actor=caseworker_a, number=history.number)  # and the chain goes on after them
    assert audit_chain.verify().intact


def test_the_command_reports_intact_and_records_the_run(history, capsys):
    call_command("audit_verify")
    out = capsys.readouterr().out
    total = LogEntry.objects.count() + CaseAccess.objects.count()
    assert f"intact: {total} entries in" in out and " s" in out
    run = AuditVerification.objects.get()
    assert run.intact and run.entries == total and run.finished_at


def test_the_command_exits_1_naming_the_first_broken_entry(history):
    entry = LogEntry.objects.order_by("pk").first()
    LogEntry.objects.filter(pk=entry.pk).update(changes_text="forged")
    with pytest.raises(CommandError) as broken:
        call_command("audit_verify")
    assert broken.value.returncode == 1
    assert f"audit entry {entry.pk}" in str(broken.value) and "altered" in str(broken.value)
    run = AuditVerification.objects.get()
    assert (run.intact, run.kind, run.entry_id, run.problem) == (False, "audit", entry.pk, "altered")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite transactions serialise by themselves")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as the other transactional tests
def test_concurrent_writers_append_to_one_gapless_chain(case_a, caseworker_a):
    """Several connections at once (as web processes and workers): the head row serialises them."""
    import threading

    from django.db import connections

    errors = []

    def writer():
        try:
            for _ in range(15):
                read_log.read(actor=caseworker_a, cases=[case_a])
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    seqs = list(AuditSeal.objects.filter(kind="access").order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, 61))
    assert audit_chain.verify().intact


def test_a_lawful_redaction_keeps_the_chain_intact_and_a_forged_one_is_found(history, dpo_a):
    """Anonymisation changes sealed entries (names out of the audit history) and deletes old
    access-log rows: recorded as redactions, the chain verifies; without one, or with a redaction
    slipped in behind the redaction chain's back, it does not."""
    from sankofa.access.models import AuditRedaction

    entry = LogEntry.objects.order_by("pk")[1]
    LogEntry.objects.filter(pk=entry.pk).update(changes_text="[anonymised]")
    audit_chain.redactions_record(kind="audit", entry_ids=[entry.pk], reason="retention run 1")
    access = CaseAccess.objects.get(user=dpo_a)
    audit_chain.redactions_record(
        kind="access", entry_ids=[access.pk], reason="retention run 1", deleted=True
    )
    CaseAccess.objects.filter(pk=access.pk).delete()
    result = audit_chain.verify()
    assert result.intact, result.first
    assert result.redacted == 2

    LogEntry.objects.filter(pk=entry.pk).update(changes_text="something else")  # after the redaction
    result = audit_chain.verify()
    assert (result.first.kind, result.first.entry_id, result.first.problem) == ("audit", entry.pk, "altered")

    other = LogEntry.objects.order_by("pk")[0]
    LogEntry.objects.filter(pk=entry.pk).update(changes_text="[anonymised]")
    LogEntry.objects.filter(pk=other.pk).update(changes_text="forged")
    forged = audit_chain.content_digest(
        "audit", LogEntry.objects.filter(pk=other.pk).values(*audit_chain._chains["audit"].fields).get()
    )
    AuditRedaction.objects.bulk_create(
        [AuditRedaction(kind="audit", entry_id=other.pk, digest=forged, reason="x")]
    )
    result = audit_chain.verify()
    assert not result.intact and result.first.problem == "unsealed" and result.first.kind == "redaction"
