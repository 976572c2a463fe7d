from django.urls import path

from . import views

app_name = "cooperation"
urlpatterns = [
    path("", views.framework_list_view, name="list"),
    path("frameworks/add/", views.framework_add_view, name="framework-add"),
    path("frameworks/<int:pk>/", views.framework_detail_view, name="framework"),
    path("frameworks/<int:pk>/timeline/", views.framework_timeline_view, name="timeline"),
    path("frameworks/<int:pk>/matrices/add/", views.matrix_add_view, name="matrix-add"),
    path("frameworks/<int:pk>/roadmaps/add/", views.roadmap_add_view, name="roadmap-add"),
    path("frameworks/<int:pk>/validations/add/", views.validation_add_view, name="validation-add"),
    path("frameworks/<int:pk>/meetings/add/", views.meeting_add_view, name="meeting-add"),
    path("roadmaps/<int:roadmap_pk>/priorities/add/", views.priority_add_view, name="priority-add"),
    path("matrices/<int:pk>/export/", views.matrix_export_view, name="matrix-export"),
    path("matrices/<int:pk>/actions/add/", views.action_add_view, {"kind": "matrix"}, name="action-add"),
    path(
        "priorities/<int:pk>/actions/add/",
        views.action_add_view,
        {"kind": "priority"},
        name="priority-action-add",
    ),
    path("actions/late/", views.late_actions_view, name="late"),
    path("actions/<int:pk>/", views.action_detail_view, name="action"),
    path("actions/<int:pk>/edit/", views.action_edit_view, name="action-edit"),
    path("actions/<int:pk>/status/", views.action_status_view, name="action-status"),
    path("actions/<int:pk>/notes/", views.action_note_view, name="action-note"),
    path("meetings/<int:pk>/", views.meeting_detail_view, name="meeting"),
    path("meetings/<int:pk>/points/", views.action_point_add_view, name="point-add"),
    path("meetings/<int:pk>/convert/", views.meeting_convert_view, name="meeting-convert"),
    path("library/", views.library_view, name="library"),
    path("library/add/", views.resource_add_view, name="resource-add"),
    path("library/<int:pk>/", views.resource_download_view, name="resource"),
]
