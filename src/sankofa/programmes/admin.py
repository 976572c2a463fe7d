from django.contrib import admin

from .models import Donor, Funding, Programme


class FundingInline(admin.TabularInline):
    model = Funding
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    """Programmes are managed by administrators (issue 7 will add targets and indicators)."""

    list_display = ["code", "name_en", "kind", "status", "starts_on", "ends_on"]
    list_filter = ["kind", "status"]
    search_fields = ["code", "name_en", "name_fr"]
    filter_horizontal = ["countries", "offices"]
    inlines = [FundingInline]


@admin.register(Donor)
class DonorAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "country"]
    search_fields = ["name", "short_name"]
