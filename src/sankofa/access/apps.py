from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "sankofa.access"
    label = "access"
    verbose_name = "Access"
