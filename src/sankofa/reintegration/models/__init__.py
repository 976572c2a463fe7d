"""Reintegration in the country of origin (docs/reintegration.md). One module per part of the work:
reception (arrivals), plans (assessment, plans, community projects), surveys (sustainability)."""

from .reception import Arrival

__all__ = ["Arrival"]
