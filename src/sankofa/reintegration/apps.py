from django.apps import AppConfig


class ReintegrationConfig(AppConfig):
    name = "sankofa.reintegration"
    label = "reintegration"
    verbose_name = "Reintegration"

    def ready(self):
        from . import rules  # noqa: F401  (registers the permissions)
        from .panels import register

        register()
