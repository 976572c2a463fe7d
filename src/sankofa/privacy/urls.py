from django.urls import path

from . import views
from .subject_access import views as subject_access_views

app_name = "privacy"

urlpatterns = [
    path("subject-access/", subject_access_views.subject_access_view, name="subject-access"),
    path(
        "subject-access/<int:person_id>/<str:fmt>/",
        subject_access_views.subject_access_produce_view,
        name="subject-access-produce",
    ),
    path("retention/", views.retention_view, name="retention"),
    path("retention/propose/", views.retention_propose_view, name="retention-propose"),
    path("retention/<int:pk>/approve/", views.retention_approve_view, name="retention-approve"),
    path("requests/", views.requests_view, name="requests"),
    path("requests/<int:pk>/", views.request_decide_view, name="request-decide"),
    path("cases/<str:number>/requests/new/", views.request_new_view, name="request-new"),
    path("cases/<str:number>/hold/", views.hold_view, name="hold"),
]
