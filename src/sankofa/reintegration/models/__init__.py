"""Reintegration in the country of origin (docs/reintegration.md). One module per part of the work:
reception (arrivals), plans (assessment, plans, community projects), surveys (sustainability)."""

from .reception import Arrival
from .surveys import (
    Dimension,
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
    "Dimension",
    "SchemeBand",
    "SchemeDimension",
    "SchemeOption",
    "SchemeQuestion",
    "ScoringScheme",
    "SurveyScore",
    "SustainabilitySurvey",
]
