from django.contrib import admin

from .models import Country


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    """Countries come from ISO 3166 (pycountry); they are looked at, not edited."""

    list_display = ["iso3", "iso2", "name_en", "name_fr"]
    search_fields = ["iso3", "name_en", "name_fr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
