from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "sankofa.assistance"
    label = "assistance"
    verbose_name = "Assistance"

    def ready(self):
        from . import rules  # noqa: F401  (registers the permissions)
        from .panels import register

        register()
