"""Found by django-rules' autodiscovery; each part of the app keeps its own predicates."""

from .subject_access import rules as subject_access_rules  # noqa: F401
