"""Read-mostly admin views of reintegration records (writes go through the pages and the API, where
the rules are); sensitive assessment fields are not shown here."""

from django.contrib import admin

from .models import Arrival, CaseClosure, CommunityProject, ReintegrationPlan


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
