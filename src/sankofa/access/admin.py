"""Administrators manage organisations, offices and memberships here. Case files are deliberately
not in the admin: the admin bypasses office scoping and the access log."""

from django.contrib import admin
from rest_framework.authtoken.admin import TokenAdmin as BaseTokenAdmin
from rest_framework.authtoken.models import TokenProxy

from .models import Membership, Office, Organisation


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


# API tokens are secrets: DRF's admin lists the keys themselves. Administrators still issue and revoke
# tokens here, but the list shows whose token it is and when it was made, never the key.
admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class TokenAdmin(BaseTokenAdmin):
    list_display = ["user", "created"]
    search_fields = ["user__username"]
