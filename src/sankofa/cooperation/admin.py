"""Reference data of cooperation (themes, institutions) and framework settings (editor
organisations) are managed by administrators; actions, meetings and the library go through the
pages and the API, where the services apply the rules."""

from django.contrib import admin

from .models import Framework, Institution, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_fr"]
    search_fields = ["code", "name_en", "name_fr"]


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    """Title, period, countries, funding programmes and editor organisations of a framework."""

    list_display = ["title_en", "kind", "starts_on", "ends_on"]
    list_filter = ["kind"]
    search_fields = ["title_en", "title_fr"]
    filter_horizontal = ["countries", "institutions", "programmes", "editor_organisations"]
