from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "sankofa.privacy"
    verbose_name = _("Data protection")

    def ready(self):
        from django.utils.translation import gettext

        from sankofa.cases.extensions import register_timeline_texts

        from . import panels

        panels.register()

        from . import rules  # noqa: F401  (rules.add_perm at import)

        register_timeline_texts(
            {
                "privacy.anonymised": lambda d: (
                    gettext("Personal data anonymised (%(why)s).") % {"why": _why(d.get("why", ""))}
                ),
                "privacy.hold_set": lambda d: gettext("Legal hold placed on the case."),
                "privacy.hold_lifted": lambda d: gettext("Legal hold lifted."),
            }
        )


def _why(code: str) -> str:
    from django.utils.translation import gettext

    return {
        "retention": gettext("retention period over"),
        "erasure": gettext("erasure request"),
    }.get(code, code)
