from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sankofa.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self):
        from sankofa.cases.extensions import register_case_event_hook

        from .services import on_case_event

        register_case_event_hook("reports.facts", on_case_event)
