from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sankofa.core"
    label = "core"
    verbose_name = "Core"
