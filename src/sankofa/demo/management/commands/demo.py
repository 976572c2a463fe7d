"""`sankofa demo [--people N]`: a working demo database in one command. Idempotent."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from sankofa.access.models import Role
from sankofa.cases.models import Case
from sankofa.demo.cooperation import cooperation_demo_ensure
from sankofa.demo.duplicates import demo_duplicates_ensure
from sankofa.demo.indicators import demo_indicators_ensure
from sankofa.demo.loader import SeedResult, seed_caseload
from sankofa.demo.referrals import demo_referrals_ensure
from sankofa.demo.reintegration import demo_reintegration_ensure
from sankofa.demo.returns import demo_returns_ensure
from sankofa.demo.services import DEMO_PASSWORD, demo_cases_assign, demo_users_ensure, offices_ensure
from sankofa.demo.sustainability import demo_sustainability_ensure
from sankofa.reports.services import indicator_facts_refresh


class Command(BaseCommand):
    help = (
        "Prepare a demo: apply migrations, create the demo offices and one account per role, generate "
        "people if the database has no case yet, and print the logins. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=3000, help="People to generate (default 3000).")
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed of the generated people (default 1)."
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with SANKOFA_ENV=prod (never on real data).",
        )

    def handle(self, *args, people, seed, allow_production, **options):
        if getattr(settings, "PRODUCTION", False) and not allow_production:
            raise CommandError("Refusing to create demo accounts with a published password in production.")
        self.verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(0, self.verbosity - 1))
        offices = offices_ensure()
        accounts = demo_users_ensure(offices=offices)
        created = sum(1 for _spec, _user, new in accounts if new)
        self.stdout.write(
            f"Demo offices ready; {created} new demo account(s), {len(accounts) - created} already there."
        )
        if Case.objects.exists():
            self.stdout.write("The database already has cases: no people generated.")
        elif people > 0:
            self.stdout.write(f"Generating {people:,} people (seed {seed})…")
            result = seed_caseload(people=people, seed=seed, progress=self.progress)
            self.stdout.write(
                f"{result.people:,} people in {result.cases:,} cases, {result.rate:,.0f} people/s "
                f"({result.duplicates} deliberate near-duplicates among them)."
            )
        demo_duplicates_ensure(stdout=self.stdout)
        users = {spec.username: user for spec, user, _new in accounts}
        for username, count in demo_cases_assign(users=users).items():
            self.stdout.write(f"Assigned {count} open case(s) to {username}.")
        self.stdout.write(cooperation_demo_ensure(actor=users["admin"]))
        self.stdout.write(f"{demo_referrals_ensure()} demo referral(s) made.")
        for what, count in demo_returns_ensure(users=users).items():
            self.stdout.write(f"Voluntary returns: {count} {what}.")
        for what, count in demo_reintegration_ensure(users=users).items():
            self.stdout.write(f"Reintegration: {count} {what}.")
        for what, count in demo_sustainability_ensure(users=users).items():
            self.stdout.write(f"Sustainability monitoring: {count} {what}.")
        self.stdout.write(f"Indicators: {demo_indicators_ensure(actor=users['admin'])}")
        facts = indicator_facts_refresh(full=True)
        self.stdout.write(f"Indicator facts: {facts.rows:,} rows in {facts.seconds:.1f} s.")
        self.print_logins(accounts)

    def progress(self, result: SeedResult) -> None:
        if self.verbosity > 1:
            self.stdout.write(
                f"  {result.people:>8,} people  {result.cases:>7,} cases  {result.rate:>6,.0f} people/s"
            )

    def print_logins(self, accounts) -> None:
        from django.conf import settings

        from sankofa.access.rules import mfa_required

        header = ("username", "password", "role", "office", "lang", "2FA", "can see")
        rows = [
            (
                spec.username,
                DEMO_PASSWORD if new or user.check_password(DEMO_PASSWORD) else "(changed)",
                Role(spec.role).label + (" + sensitive" if spec.sensitive else ""),
                spec.office,
                "fr" if spec.french else "en",
                "required" if mfa_required(user) else "",
                spec.sees,
            )
            for spec, user, new in accounts
        ]
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header) - 1)]

        def line(row) -> str:
            return (
                "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=False))
                + "  "
                + row[-1]
            )

        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Sankofa demo is ready."))
        self.stdout.write(
            "Start it with `sankofa runserver` (or `make demo`) and open http://127.0.0.1:8000/"
        )
        self.stdout.write("Django admin: http://127.0.0.1:8000/admin/ (user admin). API docs: /api/docs/")
        self.stdout.write("Users marked fr prefer French: the language switch is in the page header.")
        if settings.SANKOFA_MFA_REQUIRED:
            self.stdout.write(
                "Users marked 2FA must set up an authenticator app (TOTP) at their first sign-in, "
                "then give its code at every sign-in."
            )
        else:
            self.stdout.write(
                "Users marked 2FA need two-factor authentication in production; this development "
                "server does not ask for it (SANKOFA_MFA_REQUIRED=true turns the requirement on)."
            )
        self.stdout.write("")
        self.stdout.write(line(header))
        self.stdout.write(line(tuple("-" * w for w in widths) + ("-" * 7,)))
        for row in rows:
            self.stdout.write(line(row))
