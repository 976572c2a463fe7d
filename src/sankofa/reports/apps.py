from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sankofa.reports"
    label = "reports"
    verbose_name = "Reports"
