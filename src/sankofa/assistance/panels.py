"""The "Assistance" section of the case page and the timeline sentence of its events."""

from django.utils.translation import gettext as _

from sankofa.cases.extensions import CasePanel, register_case_panel, register_timeline_texts


def _context(*, actor, case) -> dict:
    from .selectors import case_assistance

    return {
        "records": list(case_assistance(actor=actor, case=case)[:50]),
        "can_record": actor.has_perm("assistance.record", case),
    }


def _service_name(code: str) -> str:
    from .models import Service

    service = Service.objects.filter(code=code).first()
    return service.name if service else code


def register() -> None:
    register_case_panel(CasePanel("assistance", "assistance/_case_panel.html", _context, order=50))
    register_timeline_texts(
        {
            "assistance.recorded": lambda d: (
                _("Assistance recorded for %(person)s: %(service)s.")
                % {"person": d["person"], "service": _service_name(d["service"])}
            )
        }
    )
