from django.contrib import admin

from .models import SeededDuplicate


@admin.register(SeededDuplicate)
class SeededDuplicateAdmin(admin.ModelAdmin):
    """Read-only: the rows are the ground truth the seed command wrote."""

    list_display = ["duplicate", "original", "variant"]
    list_select_related = ["duplicate", "original"]
    raw_id_fields = ["original", "duplicate"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
