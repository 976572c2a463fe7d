from django import template

register = template.Library()

BADGES = {
    "planned": "text-bg-secondary",
    "in_progress": "text-bg-primary",
    "done": "text-bg-success",
    "delayed": "text-bg-warning",
    "dropped": "text-bg-light border",
}


@register.filter
def status_badge(status: str) -> str:
    """The Bootstrap badge class of an action status (the same colours as the exports)."""
    return BADGES.get(status, "text-bg-secondary")
