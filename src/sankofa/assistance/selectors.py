"""Reads of the service catalogue. Reference data, not personal data: no office scoping."""

from django.db.models import QuerySet

from .models import Service


def service_catalogue(*, category: str | None = None, include_inactive: bool = False) -> QuerySet[Service]:
    """Services a caseworker may pick, optionally of one category."""
    qs = Service.objects.all() if include_inactive else Service.objects.filter(is_active=True)
    return qs.filter(category=category) if category else qs
