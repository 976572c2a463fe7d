from django.apps import AppConfig

# The fields of an audit entry covered by its hash (access.audit_chain), fixed: django-auditlog 3.x.
LOG_ENTRY_CHAIN_FIELDS = (
    "id",
    "content_type_id",
    "object_pk",
    "object_id",
    "object_repr",
    "serialized_data",
    "action",
    "changes_text",
    "changes",
    "actor_id",
    "cid",
    "remote_addr",
    "remote_port",
    "timestamp",
    "additional_data",
    "actor_email",
)


class AccessConfig(AppConfig):
    name = "sankofa.access"
    label = "access"
    verbose_name = "Access"

    def ready(self):
        from auditlog.models import LogEntry

        from . import audit_chain

        audit_chain.register("audit", LogEntry, LOG_ENTRY_CHAIN_FIELDS)
