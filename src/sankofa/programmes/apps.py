from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "sankofa.programmes"
    label = "programmes"
    verbose_name = "Programmes"

    def ready(self):
        from django.utils.translation import gettext

        from sankofa.cases.extensions import register_case_event_hook, register_timeline_texts
        from sankofa.reintegration.schedule import register_follow_up_months

        from .models import follow_up_months_of_programmes

        register_follow_up_months(follow_up_months_of_programmes)

        from .services import on_case_event

        register_case_event_hook("programmes.attribution", on_case_event)

        register_timeline_texts(
            {
                "programme.linked": lambda data: (
                    gettext("Attributed to the programme %(code)s.") % {"code": data.get("programme", "")}
                )
            }
        )
