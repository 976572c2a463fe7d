from django.apps import AppConfig

# The fields of an access-log entry covered by its hash (access.audit_chain), fixed.
CASE_ACCESS_CHAIN_FIELDS = (
    "id",
    "case_id",
    "user_id",
    "at",
    "channel",
    "record",
    "sensitive_shown",
    "emergency",
)


class CasesConfig(AppConfig):
    name = "sankofa.cases"
    label = "cases"
    verbose_name = "Cases"

    def ready(self):
        from sankofa.access import audit_chain

        from .models import CaseAccess

        audit_chain.register("access", CaseAccess, CASE_ACCESS_CHAIN_FIELDS)
