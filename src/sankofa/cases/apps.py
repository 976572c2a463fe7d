from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "sankofa.cases"
    label = "cases"
    verbose_name = "Cases"
