from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "sankofa.returns"
    label = "returns"
    verbose_name = "Voluntary return"

    def ready(self):
        from . import rules  # noqa: F401  (registers the permissions)
        from .panels import register

        register()
