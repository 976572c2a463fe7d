from django.contrib import admin

from .models import Service


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    """Administrators manage the catalogue. Services in use are retired (inactive), not deleted."""

    list_display = ["code", "category", "name_en", "name_fr", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["code", "name_en", "name_fr"]

    def has_delete_permission(self, request, obj=None):
        return False
