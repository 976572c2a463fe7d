"""Read-mostly admin views of reintegration records (writes go through the pages and the API, where
the rules are); sensitive assessment fields are not shown here."""

from django.contrib import admin

from .models import Arrival, CaseClosure, CommunityProject, ReintegrationPlan
from .models.surveys import SchemeBand, SchemeDimension, SchemeQuestion, ScoringScheme, SustainabilitySurvey


@admin.register(Arrival)
class ArrivalAdmin(admin.ModelAdmin):
    list_display = ("case", "person", "office", "arrived_on", "point_of_entry", "return_request")
    list_filter = ("office", "point_of_entry")
    raw_id_fields = ("case", "person", "return_request")


@admin.register(ReintegrationPlan)
class ReintegrationPlanAdmin(admin.ModelAdmin):
    list_display = ("pk", "case", "person", "status", "revision", "due_on", "approved_at")
    list_filter = ("status",)
    raw_id_fields = ("case", "person", "arrival")
    readonly_fields = ("status", "revision", "approved_by", "approved_at", "submitted_by", "submitted_at")


@admin.register(CommunityProject)
class CommunityProjectAdmin(admin.ModelAdmin):
    list_display = ("name", "office", "kind", "status", "budget", "currency", "starts_on")
    list_filter = ("office", "kind", "status")


@admin.register(CaseClosure)
class CaseClosureAdmin(admin.ModelAdmin):
    list_display = ("case", "reason", "status", "decided_at", "reopened_at")
    list_filter = ("status", "reason")
    raw_id_fields = ("case",)
    readonly_fields = ("status",)


# --- Sustainability surveys ---------------------------------------------------------------------------


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class BandInline(_ReadOnlyInline):
    model = SchemeBand
    fields = ["code", "label_en", "label_fr", "lower"]


class DimensionInline(_ReadOnlyInline):
    model = SchemeDimension
    fields = ["key", "weight"]


class QuestionInline(_ReadOnlyInline):
    model = SchemeQuestion
    fields = ["code", "dimension", "weight", "text_en", "text_fr"]


@admin.register(ScoringScheme)
class ScoringSchemeAdmin(admin.ModelAdmin):
    """Scheme versions are read here, never edited: a change is a new version loaded from a file
    (`sankofa load_scoring_scheme`), so that scores already given stay reproducible."""

    list_display = ["code", "version", "title_en", "is_active", "created_at"]
    list_filter = ["code", "is_active"]
    inlines = [DimensionInline, BandInline, QuestionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SustainabilitySurvey)
class SustainabilitySurveyAdmin(admin.ModelAdmin):
    """Surveys are conducted and rescored through the pages or the API; an administrator may delete a
    survey not yet conducted (e.g. after correcting an arrival date, then `sankofa schedule_surveys`)."""

    list_display = ["case", "person", "kind", "month", "due_on", "conducted_on", "composite", "scheme"]
    list_filter = ["kind", "month"]
    raw_id_fields = ["case", "person", "conducted_by"]
    readonly_fields = [f.name for f in SustainabilitySurvey._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_conducted
