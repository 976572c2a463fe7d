"""The Django admin never writes case or person data: it would bypass every service rule (office
scoping, permissions, state machines, consent, timeline). Every registered model is read-only unless
it is in the explicit list of reference data that administrators manage there."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import RequestFactory

from sankofa.access.models import Role
from sankofa.core.admin import secret_field_names

from .. import factories

# Models an administrator may add or change in the admin, and why. Anything else registered is
# read-only: a newly registered case-data model fails this test until it is made read-only.
EDITABLE = {
    "auth.User": "accounts (no self sign-up)",
    "auth.Group": "accounts",
    "account.EmailAddress": "accounts",
    "mfa.Authenticator": "resetting a lost second factor",
    "axes.AccessAttempt": "unlocking accounts",
    "axes.AccessLog": "sign-in log housekeeping",
    "axes.AccessFailureLog": "sign-in log housekeeping",
    "access.ApiToken": "revoking API tokens (never added or changed here; value and hash not shown)",
    "access.Organisation": "reference data",
    "access.Office": "reference data",
    "access.Membership": "who works where, with which role",
    "assistance.Service": "service catalogue",
    "referrals.Provider": "service mapping",
    "referrals.Pathway": "referral pathways",
    "programmes.Programme": "programmes (programme managers, administrators)",
    "programmes.Target": "targets (programme managers, administrators)",
    "programmes.Donor": "donors",
    "cooperation.Theme": "reference data",
    "cooperation.Institution": "reference data",
    "cooperation.Framework": "framework settings",
}


@pytest.fixture
def superuser(office_a):
    user = get_user_model().objects.create_superuser("root", "root@example.org", factories.PASSWORD)
    factories.MembershipFactory(user=user, office=office_a, role=Role.ADMINISTRATOR, sensitive_access=True)
    return user


@pytest.fixture
def admin_request(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    return request


def _registered():
    return [(model._meta.label, model_admin) for model, model_admin in admin.site._registry.items()]


def test_the_editable_list_names_only_registered_models():
    labels = {label for label, _ in _registered()}
    assert set(EDITABLE) <= labels, set(EDITABLE) - labels


def _read_only():
    return [(label, model_admin) for label, model_admin in _registered() if label not in EDITABLE]


@pytest.mark.parametrize("label,model_admin", _read_only(), ids=[label for label, _ in _read_only()])
def test_a_superuser_cannot_add_change_or_delete_case_data_in_the_admin(label, model_admin, admin_request):
    assert not model_admin.has_add_permission(admin_request)
    assert not model_admin.has_change_permission(admin_request)
    assert not model_admin.has_delete_permission(admin_request)
    for inline in model_admin.get_inline_instances(admin_request):
        assert not inline.has_add_permission(admin_request, None)
        assert not inline.has_change_permission(admin_request)
        assert not inline.has_delete_permission(admin_request)


@pytest.mark.parametrize("label,model_admin", _registered(), ids=[label for label, _ in _registered()])
def test_the_admin_never_shows_an_encrypted_field(label, model_admin, admin_request):
    secret = secret_field_names(model_admin.model)
    shown = {
        *model_admin.get_list_display(admin_request),
        *model_admin.get_search_fields(admin_request),
        *model_admin.get_fields(admin_request),
    }
    assert not shown & secret
    for inline in model_admin.get_inline_instances(admin_request):
        assert not set(inline.get_fields(admin_request)) & secret_field_names(inline.model)


def test_a_staff_account_without_a_manager_role_only_reads_programmes(office_a):
    staff = factories.user_in(office_a, Role.CASEWORKER, username="staff_cw")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    request = RequestFactory().get("/admin/")
    request.user = staff
    from sankofa.programmes.models import Target

    target_admin = admin.site._registry[Target]
    assert not target_admin.has_change_permission(request)
    assert not target_admin.has_add_permission(request)


def test_a_programme_manager_sets_targets_in_the_admin(office_a):
    from sankofa.programmes.models import Target

    manager = factories.user_in(office_a, Role.PROGRAMME_MANAGER, username="pm")
    manager.is_staff = True
    manager.save()
    manager.user_permissions.add(*Permission.objects.filter(codename__in=["add_target", "change_target"]))
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(pk=manager.pk)  # fresh permission cache
    target_admin = admin.site._registry[Target]
    assert target_admin.has_change_permission(request) and target_admin.has_add_permission(request)


def test_api_token_values_are_not_shown_in_the_admin(admin_request):
    from sankofa.access.models import ApiToken

    model_admin = admin.site._registry[ApiToken]
    shown = set(model_admin.get_list_display(admin_request)) | set(model_admin.get_fields(admin_request))
    assert not shown & {"digest", "token_key", "key"}
    assert not model_admin.has_add_permission(admin_request)
    assert not model_admin.has_change_permission(admin_request)
