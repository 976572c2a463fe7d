import rules
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .indicators import INDICATORS
from .models import Donor, Funding, Programme, Target


class FundingInline(admin.TabularInline):
    model = Funding
    extra = 0


def _indicator_field(db_field):
    """Targets name an indicator of the registry: offer them as a list."""
    if db_field.name != "indicator":
        return None
    from django import forms

    choices = [(code, f"{code} — {ind.label}") for code, ind in INDICATORS.items()]
    return forms.ChoiceField(choices=choices, label=db_field.verbose_name)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ["indicator", "country", "starts_on", "ends_on", "value"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return _indicator_field(db_field) or super().formfield_for_dbfield(db_field, request, **kwargs)


class ManagedByProgrammeManagers:
    """Programmes, funding and targets are reference data edited in the admin (there is no other page
    for them), by the people `programmes.services` lets manage programmes: a staff account without a
    programme-manager or administrator membership only reads them. The form's model validation is
    the targets' rule (Target.clean, constraints), the same one `target_set` applies."""

    def _may_manage(self, request) -> bool:
        return rules.has_perm("programmes.manage_programme", request.user)

    def has_add_permission(self, request):
        return self._may_manage(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._may_manage(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_manage(request) and super().has_delete_permission(request, obj)


@admin.action(description=_("Attribute the cases of the offices and countries covered"))
def attribute_cases(modeladmin, request, queryset):
    for programme in queryset:
        try:
            added = services.programme_attribute_cases(programme=programme, actor=request.user)
        except PermissionDenied as error:
            modeladmin.message_user(request, str(error), messages.ERROR)
            return
        modeladmin.message_user(
            request,
            ngettext("%(code)s: %(n)d case attributed.", "%(code)s: %(n)d cases attributed.", added)
            % {"code": programme.code, "n": added},
        )
    # Links written in bulk record no case event, so no refresh is queued for them.
    modeladmin.message_user(
        request,
        _(
            "Programme figures include newly attributed cases from the next refresh of the indicator "
            "figures (the next change to a case, or sankofa refresh_indicator_facts)."
        ),
    )


@admin.register(Programme)
class ProgrammeAdmin(ManagedByProgrammeManagers, admin.ModelAdmin):
    """Programmes, their funding and targets are managed by administrators."""

    list_display = ["code", "name_en", "kind", "status", "starts_on", "ends_on"]
    list_filter = ["kind", "status"]
    search_fields = ["code", "name_en", "name_fr"]
    filter_horizontal = ["countries", "offices"]
    inlines = [FundingInline, TargetInline]
    actions = [attribute_cases]


@admin.register(Target)
class TargetAdmin(ManagedByProgrammeManagers, admin.ModelAdmin):
    list_display = ["programme", "indicator", "country", "starts_on", "ends_on", "value"]
    list_filter = ["programme", "indicator"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return _indicator_field(db_field) or super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Donor)
class DonorAdmin(ManagedByProgrammeManagers, admin.ModelAdmin):
    list_display = ["name", "short_name", "country"]
    search_fields = ["name", "short_name"]
