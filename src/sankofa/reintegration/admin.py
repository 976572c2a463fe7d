"""Read-only admin views of reintegration records: every write goes through the pages and the API,
where the services hold the rules (core.admin.ReadOnlyAdmin). Encrypted fields are not shown, and the
needs assessment is not registered at all."""

from django.contrib import admin

from sankofa.core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Arrival, CaseClosure, CommunityProject, ReintegrationPlan
from .models.surveys import SchemeBand, SchemeDimension, SchemeQuestion, ScoringScheme, SustainabilitySurvey


@admin.register(Arrival)
class ArrivalAdmin(ReadOnlyAdmin):
    list_display = ("case", "person", "office", "arrived_on", "point_of_entry", "return_request")
    list_filter = ("office", "point_of_entry")
    raw_id_fields = ("case", "person", "return_request")


@admin.register(ReintegrationPlan)
class ReintegrationPlanAdmin(ReadOnlyAdmin):
    list_display = ("pk", "case", "person", "status", "revision", "due_on", "approved_at")
    list_filter = ("status",)
    raw_id_fields = ("case", "person", "arrival")


@admin.register(CommunityProject)
class CommunityProjectAdmin(ReadOnlyAdmin):
    list_display = ("name", "office", "kind", "status", "budget", "currency", "starts_on")
    list_filter = ("office", "kind", "status")


@admin.register(CaseClosure)
class CaseClosureAdmin(ReadOnlyAdmin):
    list_display = ("case", "reason", "status", "decided_at", "reopened_at")
    list_filter = ("status", "reason")
    raw_id_fields = ("case",)


# --- Sustainability surveys ---------------------------------------------------------------------------


class BandInline(ReadOnlyInline):
    model = SchemeBand
    fields = ["code", "label_en", "label_fr", "lower"]


class DimensionInline(ReadOnlyInline):
    model = SchemeDimension
    fields = ["key", "weight"]


class QuestionInline(ReadOnlyInline):
    model = SchemeQuestion
    fields = ["code", "dimension", "weight", "text_en", "text_fr"]


@admin.register(ScoringScheme)
class ScoringSchemeAdmin(ReadOnlyAdmin):
    """Scheme versions are read here, never edited: a change is a new version loaded from a file
    (`sankofa load_scoring_scheme`), so that scores already given stay reproducible."""

    list_display = ["code", "version", "title_en", "is_active", "created_at"]
    list_filter = ["code", "is_active"]
    inlines = [DimensionInline, BandInline, QuestionInline]


@admin.register(SustainabilitySurvey)
class SustainabilitySurveyAdmin(ReadOnlyAdmin):
    """Surveys are scheduled, conducted and rescored through the services (pages, API, `sankofa
    schedule_surveys`); here they are only read."""

    list_display = ["case", "person", "kind", "month", "due_on", "conducted_on", "composite", "scheme"]
    list_filter = ["kind", "month"]
    raw_id_fields = ["case", "person", "conducted_by"]
