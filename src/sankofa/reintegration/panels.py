"""Sections of the case page and timeline sentences of the reintegration app."""

from django.utils.translation import gettext as _

from sankofa.cases.extensions import CasePanel, register_case_panel, register_timeline_texts

# --- Sustainability surveys ---------------------------------------------------------------------------


def _sustainability_context(*, actor, case) -> dict:
    from .selectors import case_sustainability

    return {"returnees": case_sustainability(actor=actor, case=case)}


def _survey_texts() -> dict:
    return {
        "survey.conducted": lambda d: (
            _("Sustainability survey of %(person)s conducted: composite score %(composite)s.")
            % {"person": d["person"], "composite": d.get("composite") or "—"}
        ),
        "survey.rescored": lambda d: _("Sustainability survey of %(person)s rescored under %(to)s.") % d,
    }


def register() -> None:
    register_case_panel(
        CasePanel(
            "sustainability", "reintegration/_sustainability_panel.html", _sustainability_context, order=80
        )
    )
    register_timeline_texts(_survey_texts())
