from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "sankofa.programmes"
    label = "programmes"
    verbose_name = "Programmes"
