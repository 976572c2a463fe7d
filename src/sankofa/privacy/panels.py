"""The "Data protection" line of the case page: legal hold in force, and links for those who may
place or lift it and record requests."""

from sankofa.cases.extensions import CasePanel, register_case_panel


def _context(*, actor, case) -> dict:
    from .selectors import legal_hold_of

    return {
        "hold": legal_hold_of(case=case),
        "can_hold": actor.has_perm("privacy.set_legal_hold", case),
        "can_request": actor.has_perm("privacy.decide_request", case),
    }


def register() -> None:
    register_case_panel(CasePanel("privacy", "privacy/_case_panel.html", _context, order=95))
