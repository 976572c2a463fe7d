"""`sankofa audit_verify`: walk the audit and access-log hash chains and recompute every hash."""

from django.core.management.base import BaseCommand, CommandError

from sankofa.access.audit_chain import verify_and_record


class Command(BaseCommand):
    help = (
        "Verify the hash chains of the audit trail (every write) and the access log (every opening of "
        "a case file). Exit 0 if intact, 1 with the first broken entry otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-record", action="store_true", help="Do not keep the result for the page.")

    def handle(self, *args, no_record=False, **options):
        if no_record:
            from sankofa.access.audit_chain import verify

            run, result = None, verify()
        else:
            run, result = verify_and_record()
        for kind, (length, last_hash) in sorted(result.heads.items()):
            self.stdout.write(f"{kind}: {length} entries, head {last_hash}")
        if result.intact:
            self.stdout.write(
                self.style.SUCCESS(f"intact: {result.entries} entries in {result.seconds:.2f} s")
            )
            return
        b = result.first
        where = f"{b.kind} entry {b.entry_id}" if b.entry_id is not None else f"{b.kind} chain"
        at = f" (position {b.seq})" if b.seq is not None else ""
        raise CommandError(
            f"broken: {where}{at}: {b.problem}: {b.detail}. "
            f"{result.problems} problem(s) in {result.entries} entries, {result.seconds:.2f} s",
            returncode=1,
        )
