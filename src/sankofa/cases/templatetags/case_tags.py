"""Turn timeline events into readable sentences in the user's language."""

from django import template
from django.utils.translation import gettext as _

from sankofa.cases.extensions import timeline_text_for
from sankofa.cases.models import Case

register = template.Library()


def _status(value: str) -> str:
    return Case.Status(value).label if value in Case.Status.values else value


@register.simple_tag
def timeline_text(event) -> str:
    d = event.data
    if getattr(event, "masked", False):
        return _("Sensitive information recorded (restricted).")
    texts = {
        "case.registered": lambda: _("Case registered at %(office)s with %(members)s member(s).") % d,
        "case.assigned": lambda: _("Case assigned to %(to)s.") % d,
        "case.status": lambda: (
            _("Status changed from “%(from)s” to “%(to)s”.")
            % {"from": _status(d.get("from", "")), "to": _status(d.get("to", ""))}
        ),
        "case.shared": lambda: _("Case shared with office %(office)s.") % d,
        "member.added": lambda: _("%(person)s added to the case (%(relationship)s).") % d,
        "person.updated": lambda: _("Details of %(person)s corrected.") % d,
        "document.added": lambda: _("%(kind)s recorded for %(person)s.") % d,
        "consent.given": lambda: _("%(person)s gave consent: %(purpose)s.") % d,
        "consent.refused": lambda: _("%(person)s refused consent: %(purpose)s.") % d,
        "consent.withdrawn": lambda: _("%(person)s withdrew consent: %(purpose)s.") % d,
        "flag.added": lambda: _("Vulnerability identified for %(person)s: %(flag)s.") % d,
        "profile.updated": lambda: _("Migration profile updated."),
    }
    registered = timeline_text_for(event.kind)
    try:
        if registered is not None:
            return registered(d)
        return texts[event.kind]() if event.kind in texts else event.kind
    except KeyError:
        return event.kind
