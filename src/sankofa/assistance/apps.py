from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "sankofa.assistance"
    label = "assistance"
    verbose_name = "Assistance"
