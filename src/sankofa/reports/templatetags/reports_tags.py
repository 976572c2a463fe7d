from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from ..disclosure import threshold

register = template.Library()


@register.filter
def sdc(value):
    """A protected count as shown: '<5' when suppressed, else the number with thousands separators."""
    return f"<{threshold()}" if value is None else intcomma(value)
