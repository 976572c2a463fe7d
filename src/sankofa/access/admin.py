"""Administrators manage organisations, offices and memberships here. Case files are deliberately
not in the admin: the admin bypasses office scoping and the access log."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import ApiToken, Membership, Office, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind"]
    search_fields = ["name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "country", "kind", "organisation"]
    list_filter = ["kind", "country"]
    search_fields = ["code", "name"]
    filter_horizontal = ["covers"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "office", "role", "sensitive_access", "is_active"]
    list_filter = ["role", "sensitive_access", "is_active", "office"]
    search_fields = ["user__username", "office__code"]
    autocomplete_fields = ["user", "office"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Administrators see whose tokens exist and revoke them (delete, one or many); a token's value
    and hash are never shown, and tokens are not created here (only through the token endpoint,
    after the user's second factor)."""

    list_display = ["user", "name", "created", "expiry"]
    list_filter = ["created", "expiry"]
    search_fields = ["user__username", "name"]
    fields = ["user", "name", "created", "expiry"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected API tokens"), permissions=["delete"])
    def revoke(self, request, queryset):
        count, _rows = queryset.delete()
        self.message_user(request, ngettext("%d token revoked.", "%d tokens revoked.", count) % count)
