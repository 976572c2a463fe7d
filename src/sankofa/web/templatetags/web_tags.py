from django import forms, template

register = template.Library()


@register.filter
def widget_type(bound_field) -> str:
    widget = bound_field.field.widget
    if isinstance(widget, forms.Select):  # includes our QuickSelect and multiple selects
        return "select"
    return widget.__class__.__name__.lower()


@register.filter
def with_class(bound_field, css: str):
    """Render a field with a CSS class, and mark it invalid for assistive tech when it has errors."""
    attrs = {"class": css + (" is-invalid" if bound_field.errors else "")}
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{bound_field.auto_id}_error"
    return bound_field.as_widget(attrs=attrs)


# The main menu's areas by URL namespace (web/_menu.html); the access log sits with administration.
MENU_AREAS = {
    "cases": "cases",
    "duplicates": "cases",
    "returns": "returns",
    "reintegration": "reintegration",
    "referrals": "referrals",
    "reports": "reports",
    "programmes": "reports",
    "cooperation": "cooperation",
    "privacy": "admin",
}


@register.simple_tag(takes_context=True)
def menu_area(context) -> str:
    """The menu area the current page belongs to, so the menu can mark it; "" outside any area."""
    match = getattr(context.get("request"), "resolver_match", None)
    if match is None:
        return ""
    if match.view_name == "cases:access-log":
        return "admin"
    return MENU_AREAS.get(match.namespace, "")
