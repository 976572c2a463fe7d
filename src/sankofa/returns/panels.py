"""The "Voluntary return" section of the case page and the timeline sentences of the return journey."""

from django.utils.translation import gettext as _

from sankofa.cases.extensions import CasePanel, register_case_panel, register_timeline_texts


def _context(*, actor, case) -> dict:
    from .selectors import case_returns

    return {
        "returns": case_returns(actor=actor, case=case),
        "can_request": actor.has_perm("returns.request_return", case),
    }


def _texts() -> dict:
    return {
        "return.requested": lambda d: (
            _("Voluntary return requested for %(count)s person(s) to %(country)s.") % d
        ),
        "return.eligible": lambda d: _("Return request found eligible."),
        "return.ineligible": lambda d: _("Return request found not eligible."),
        "return.approved": lambda d: _("Return request approved."),
        "return.rejected": lambda d: _("Return request not approved."),
        "return.withdrawn": lambda d: _("Return request withdrawn: consent to return withdrawn."),
        "return.document_requested": lambda d: (
            _("%(document)s requested for %(person)s from %(consulate)s.") % d
        ),
        "return.document_interview": lambda d: _("Consular interview held for %(person)s.") % d,
        "return.document_issued": lambda d: _("%(document)s issued for %(person)s.") % d,
        "return.document_refused": lambda d: _("%(document)s refused for %(person)s.") % d,
        "return.fit_checked": lambda d: _("Fit-to-travel check of %(person)s: %(result)s.") % d,
        "return.booked": lambda d: _("Booked on movement %(movement)s (%(on)s).") % d,
        "return.no_show": lambda d: _("Did not show up for movement %(movement)s.") % d,
        "return.booking_cancelled": lambda d: _("Booking on movement %(movement)s cancelled.") % d,
        "return.departed": lambda d: _("Departed on movement %(movement)s.") % d,
        "return.arrived": lambda d: _("Arrived in the country of origin (movement %(movement)s).") % d,
        "return.handover_sent": lambda d: (
            _("Case handed over to office %(office)s (%(count)s person(s)).") % d
        ),
        "return.handover_acknowledged": lambda d: _("Handover acknowledged by office %(office)s.") % d,
    }


def register() -> None:
    register_case_panel(CasePanel("returns", "returns/_case_panel.html", _context, order=60))
    register_timeline_texts(_texts())
