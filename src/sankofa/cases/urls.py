from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list_view, name="list"),
    path("register/", views.case_register_view, name="register"),
    path("register/duplicates/", views.duplicate_check_view, name="duplicates"),
    path("access-log/", views.access_log_view, name="access-log"),
    path("access-log/audit/", views.audit_view, name="audit"),
    path("emergency-access/", views.emergency_access_view, name="emergency-access"),
    path("<str:number>/", views.case_detail_view, name="detail"),
    path("<str:number>/edit/", views.case_edit_view, name="edit"),
    path("<str:number>/people/<int:person_id>/edit/", views.person_edit_view, name="person-edit"),
    path("<str:number>/members/add/", views.member_add_view, name="member-add"),
    path("<str:number>/consents/add/", views.consent_add_view, name="consent-add"),
    path(
        "<str:number>/consents/<int:consent_id>/withdraw/",
        views.consent_withdraw_view,
        name="consent-withdraw",
    ),
    path("<str:number>/flags/add/", views.flag_add_view, name="flag-add"),
    path("<str:number>/profile/", views.profile_edit_view, name="profile-edit"),
]
