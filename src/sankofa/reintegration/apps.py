from django.apps import AppConfig


class ReintegrationConfig(AppConfig):
    name = "sankofa.reintegration"
    label = "reintegration"
    verbose_name = "Reintegration"
