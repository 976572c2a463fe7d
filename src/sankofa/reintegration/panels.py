"""The "Reintegration" and "Sustainability" sections of the case page and the timeline sentences of
reintegration."""

from django.utils.translation import gettext as _

from sankofa.cases.extensions import CasePanel, register_case_panel, register_timeline_texts


def _context(*, actor, case) -> dict:
    from .selectors import case_closures, case_reintegration

    return {
        "returnees": case_reintegration(actor=actor, case=case),
        "closures": list(case_closures(actor=actor, case=case)[:5]),
        "can_receive": actor.has_perm("reintegration.receive", case),
        "can_work": actor.has_perm("reintegration.work", case),
        "can_request_closure": actor.has_perm("reintegration.request_closure", case),
    }


def _reason(d: dict) -> str:
    from .models import CaseClosure

    try:
        return str(CaseClosure.Reason(d.get("reason")).label)
    except ValueError:
        return ""


def _item_kind(d: dict) -> str:
    from .models import ItemKind

    try:
        return str(ItemKind(d.get("kind")).label)
    except ValueError:
        return ""


def _texts() -> dict:
    return {
        "reintegration.arrived": lambda d: (
            _("%(person)s arrived at %(place)s on %(on)s (received by %(office)s).") % d
        ),
        "reintegration.assessed": lambda d: _("Needs and skills of %(person)s assessed.") % d,
        "reintegration.assessment_updated": lambda d: (
            _("Needs and skills assessment of %(person)s updated.") % d
        ),
        "reintegration.plan_created": lambda d: _("Reintegration plan of %(person)s started.") % d,
        "reintegration.plan_revised": lambda d: (
            _("Reintegration plan of %(person)s reopened for changes (revision %(revision)s).") % d
        ),
        "reintegration.plan_submitted": lambda d: (
            _("Reintegration plan of %(person)s submitted for approval.") % d
        ),
        "reintegration.plan_approved": lambda d: (
            _("Reintegration plan of %(person)s approved (revision %(revision)s).") % d
        ),
        "reintegration.plan_returned": lambda d: (
            _("Reintegration plan of %(person)s returned for changes.") % d
        ),
        "reintegration.item_delivered": lambda d: (
            _("%(item)s delivered to %(person)s.") % {**d, "item": _item_kind(d)}
        ),
        "reintegration.plan_completed": lambda d: _("Reintegration plan of %(person)s completed.") % d,
        "reintegration.project_joined": lambda d: (
            _("%(person)s joined the community project “%(project)s”.") % d
        ),
        "reintegration.closure_requested": lambda d: (
            _("Closure requested: %(reason)s.") % {"reason": _reason(d)}
        ),
        "reintegration.closed": lambda d: _("Case closed: %(reason)s.") % {"reason": _reason(d)},
        "reintegration.closure_refused": lambda d: _("Closure refused; the case stays open."),
        "reintegration.reopened": lambda d: _("Case reopened by a supervisor."),
    }


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
    register_case_panel(CasePanel("reintegration", "reintegration/_case_panel.html", _context, order=70))
    register_timeline_texts(_texts())
    register_case_panel(
        CasePanel(
            "sustainability", "reintegration/_sustainability_panel.html", _sustainability_context, order=80
        )
    )
    register_timeline_texts(_survey_texts())
