from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "sankofa.referrals"
    label = "referrals"
    verbose_name = "Referrals"

    def ready(self):
        from sankofa.cases.extensions import CasePanel, register_case_panel, register_timeline_texts

        from . import selectors, timeline

        register_case_panel(
            CasePanel(
                key="referrals", template="referrals/_case_panel.html", context=selectors.case_panel, order=50
            )
        )
        register_timeline_texts(timeline.TEXTS)
