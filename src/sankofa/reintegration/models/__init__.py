"""Reintegration in the country of origin (docs/reintegration.md). One module per part of the work:
reception (arrivals), plans (assessment, plans, community projects), closure, surveys (sustainability)."""

from .closure import CaseClosure
from .plans import (
    Assessment,
    CommunityProject,
    Dimension,
    ItemKind,
    PlanItem,
    PlanPurchase,
    PlanRevision,
    ProjectParticipant,
    ReintegrationPlan,
)
from .reception import Arrival
from .surveys import (
    SchemeBand,
    SchemeDimension,
    SchemeOption,
    SchemeQuestion,
    ScoringScheme,
    SurveyScore,
    SustainabilitySurvey,
)

__all__ = [
    "Arrival",
    "Assessment",
    "CaseClosure",
    "CommunityProject",
    "Dimension",
    "ItemKind",
    "PlanItem",
    "PlanPurchase",
    "PlanRevision",
    "ProjectParticipant",
    "ReintegrationPlan",
    "SchemeBand",
    "SchemeDimension",
    "SchemeOption",
    "SchemeQuestion",
    "ScoringScheme",
    "SurveyScore",
    "SustainabilitySurvey",
]
