from django.contrib import admin

from sankofa.core.admin import ReadOnlyAdmin

from .models import SeededDuplicate


@admin.register(SeededDuplicate)
class SeededDuplicateAdmin(ReadOnlyAdmin):
    """Read-only: the rows are the ground truth the seed command wrote."""

    list_display = ["duplicate", "original", "variant"]
    list_select_related = ["duplicate", "original"]
    raw_id_fields = ["original", "duplicate"]
