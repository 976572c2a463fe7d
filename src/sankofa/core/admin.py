"""The admin site's shared pieces. Case and person data are read here, never written: a write in the
admin would bypass the services (permissions, office scoping, state machines, timeline, consent), so
every admin of such data uses `ReadOnlyAdmin`. Reference data administrators manage (offices,
memberships, the service catalogue, providers, pathways, programmes) stay editable in their own
app's admin; docs/architecture.md lists the decision per model."""

from django.contrib import admin

from .fields import EncryptedTextField
from .models import Country


def secret_field_names(model) -> set[str]:
    """Fields the admin must never display: those encrypted at rest (notes on flags, medical notes,
    needs-assessment details, referral snapshots)."""
    return {f.name for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)}


class ReadOnlyAdminMixin:
    """No add, change or delete for anyone, superusers included; encrypted fields are left out of
    the page. Works for a ModelAdmin and for an inline."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        secret = secret_field_names(self.model)
        return [f for f in super().get_fields(request, obj) if f not in secret]


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The admin of case or person data: lists and read-only pages, nothing else."""


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False


@admin.register(Country)
class CountryAdmin(ReadOnlyAdmin):
    """Countries come from ISO 3166 (pycountry); they are looked at, not edited."""

    list_display = ["iso3", "iso2", "name_en", "name_fr"]
    search_fields = ["iso3", "name_en", "name_fr"]
