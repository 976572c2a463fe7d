from django.urls import path

from . import views

app_name = "reintegration"
urlpatterns = [
    path("", views.queues_view, name="queues"),
    path("arrivals/spontaneous/", views.spontaneous_view, name="spontaneous"),
    path("cases/<str:number>/arrival/", views.arrival_new_view, name="arrival-new"),
    path("cases/<str:number>/post-arrival/", views.post_arrival_view, name="post-arrival"),
    path("cases/<str:number>/assessment/<int:person_id>/", views.assessment_view, name="assessment"),
    path("cases/<str:number>/plan/<int:person_id>/", views.plan_new_view, name="plan-new"),
    path("cases/<str:number>/closure/", views.closure_new_view, name="closure-new"),
    path("plans/<int:pk>/", views.plan_view, name="plan"),
    path("plans/<int:pk>/edit/", views.plan_edit_view, name="plan-edit"),
    path("plans/<int:pk>/items/add/", views.item_add_view, name="item-add"),
    path("plans/<int:pk>/approval/", views.decide_view, name="plan-decide"),
    path("plans/<int:pk>/revisions/<int:number>/", views.revision_view, name="revision"),
    path("plans/<int:pk>/<slug:step>/", views.plan_step_view, name="plan-step"),
    path("items/<int:pk>/purchases/add/", views.purchase_add_view, name="purchase-add"),
    path("items/<int:pk>/deliver/", views.deliver_view, name="deliver"),
    path("items/<int:pk>/remove/", views.item_remove_view, name="item-remove"),
    path("projects/", views.projects_view, name="projects"),
    path("projects/new/", views.project_new_view, name="project-new"),
    path("projects/<int:pk>/", views.project_view, name="project"),
    path("projects/<int:pk>/edit/", views.project_edit_view, name="project-edit"),
    path("projects/<int:pk>/participants/", views.participant_add_view, name="participant-add"),
    path("closures/<int:pk>/decision/", views.closure_decide_view, name="closure-decide"),
    path("closures/<int:pk>/reopen/", views.reopen_view, name="reopen"),
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
