from django.urls import path

from .subject_access import views as subject_access_views

app_name = "privacy"

urlpatterns = [
    path("subject-access/", subject_access_views.subject_access_view, name="subject-access"),
    path(
        "subject-access/<int:person_id>/<str:fmt>/",
        subject_access_views.subject_access_produce_view,
        name="subject-access-produce",
    ),
]
