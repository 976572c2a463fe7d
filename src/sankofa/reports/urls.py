from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("targets/", views.targets_view, name="targets"),
    path("profile/", views.profile_view, name="profile"),
    path("exports/", views.export_create_view, name="export-create"),
    path("exports/<int:pk>/", views.export_view, name="export"),
    path("exports/<int:pk>/download/", views.export_download_view, name="export-download"),
    path("case-exports/", views.case_export_view, name="case-export"),
]
