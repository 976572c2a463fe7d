"""REST API for reception and reintegration, scoped like the pages (through selectors). Plan and
closure steps are actions taking the version the client last saw; a refusal is a 400 with the
message, a record out of scope a 404.

One module per part (reception, plans, community, closure, surveys); config/api_urls.py registers
the viewsets re-exported here."""

from .closure import ClosureViewSet
from .community import CommunityProjectViewSet
from .plans import AssessmentViewSet, PlanViewSet
from .reception import ArrivalViewSet
from .surveys import ScoringSchemeViewSet, SustainabilitySurveyViewSet

__all__ = [
    "ArrivalViewSet",
    "AssessmentViewSet",
    "ClosureViewSet",
    "CommunityProjectViewSet",
    "PlanViewSet",
    "ScoringSchemeViewSet",
    "SustainabilitySurveyViewSet",
]
