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
        "person.duplicate_review": lambda: (
            _("Possible earlier registration(s) of %(person)s sent for review: %(count)s.") % d
        ),
        "person.merged": lambda: _("Two registrations of %(person)s merged.") % d,
        "person.merge_undone": lambda: _("Merge of two registrations of %(person)s undone.") % d,
    }
    registered = timeline_text_for(event.kind)
    try:
        if registered is not None:
            return registered(d)
        return texts[event.kind]() if event.kind in texts else event.kind
    except KeyError:
        return event.kind


@register.simple_tag
def match_reason(reason) -> str:
    """One reason two registrations look alike, in the user's language."""
    code = reason["code"] if isinstance(reason, dict) else reason.code
    detail = reason.get("detail", "") if isinstance(reason, dict) else reason.detail
    texts = {
        "same_document": _("same identity document number"),
        "same_phone": _("same phone number"),
        "phone_differs": _("different phone numbers"),
        "name_exact": _("same name (%(detail)s)"),
        "name_sound": _("same name, other spelling (%(detail)s)"),
        "name_variant": _("name variant (%(detail)s)"),
        "name_script": _("same name in another script (%(detail)s)"),
        "name_similar": _("similar spelling (%(detail)s)"),
        "name_words": _("two name words in common (order, script or extra names differ)"),
        "name_missing": _("name not found (%(detail)s)"),
        "names_swapped": _("given and family names swapped"),
        "same_birth_date": _("same date of birth"),
        "birth_year_close": _("birth year ±1 (%(detail)s)"),
        "birth_year_near": _("estimated birth years 2 apart (%(detail)s)"),
        "birth_date_far": _("different birth years (%(detail)s)"),
        "same_sex": _("same sex"),
        "sex_differs": _("different sex"),
        "same_nationality": _("same nationality"),
        "nationality_differs": _("different nationality"),
    }
    text = texts.get(code, code)
    if "%(detail)s" not in text:
        return text
    return text % {"detail": detail} if detail else text.split(" (%(detail)s)")[0]


@register.simple_tag
def match_band(band: str) -> str:
    from sankofa.people.models import Band

    return Band(band).label if band in Band.values else band
