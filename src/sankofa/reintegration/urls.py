from django.urls import path

from . import views

app_name = "reintegration"
urlpatterns = [
    # Sustainability surveys
    path("surveys/", views.surveys_due_view, name="surveys-due"),
    path("surveys/<int:pk>/", views.survey_view, name="survey"),
    path("surveys/<int:pk>/conduct/", views.survey_conduct_view, name="survey-conduct"),
    path("surveys/<int:pk>/rescore/", views.survey_rescore_view, name="survey-rescore"),
    path("schemes/", views.schemes_view, name="schemes"),
    path("schemes/<int:pk>/", views.scheme_view, name="scheme"),
    path(
        "cases/<str:number>/people/<int:person_id>/sustainability/",
        views.returnee_view,
        name="returnee-sustainability",
    ),
    path("cases/<str:number>/people/<int:person_id>/surveys/new/", views.survey_new_view, name="survey-new"),
]
