from django.contrib import admin

from .models import FocalPoint, Pathway, PathwayStep, Provider


class FocalPointInline(admin.TabularInline):
    model = FocalPoint
    extra = 1


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["organisation", "country", "accepts_referrals", "capacity"]
    list_filter = ["country", "accepts_referrals", "organisation__kind"]
    search_fields = ["organisation__name", "areas_served"]
    filter_horizontal = ["services"]
    inlines = [FocalPointInline]


class PathwayStepInline(admin.TabularInline):
    model = PathwayStep
    extra = 1
    autocomplete_fields = ["provider"]


@admin.register(Pathway)
class PathwayAdmin(admin.ModelAdmin):
    """Administrators define the pathways; caseworkers see them as suggestions when they refer."""

    list_display = ["name_en", "country", "need", "is_active"]
    list_filter = ["country", "need", "is_active"]
    search_fields = ["name_en", "name_fr"]
    inlines = [PathwayStepInline]
