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
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_out
        from django.db.models.signals import post_save

        from .services import tokens_revoke_all

        def revoke_on_password_change(sender, instance, created, **kwargs):
            # set_password() leaves the new password in _password until save() has run; every way of
            # changing a password (allauth's pages, reset, the admin, `changepassword`) goes through it.
            # Django itself signs out the user's other sessions (their session hash no longer matches).
            if not created and getattr(instance, "_password", None) is not None:
                tokens_revoke_all(user=instance)

        def revoke_on_sign_out(sender, request, user, **kwargs):
            if user is not None:
                tokens_revoke_all(user=user)

        post_save.connect(
            revoke_on_password_change, sender=get_user_model(), weak=False, dispatch_uid="access-pw-tokens"
        )
        user_logged_out.connect(revoke_on_sign_out, weak=False, dispatch_uid="access-logout-tokens")

        from auditlog.models import LogEntry

        from . import audit_chain

        audit_chain.register("audit", LogEntry, LOG_ENTRY_CHAIN_FIELDS)
        from .models import AuditRedaction

        audit_chain.register("redaction", AuditRedaction, audit_chain.REDACTION_FIELDS)
