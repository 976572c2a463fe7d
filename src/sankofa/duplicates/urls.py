from django.urls import path

from . import views

app_name = "duplicates"
urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("runs/", views.runs_view, name="runs"),
    path("<int:pk>/", views.pair_view, name="pair"),
    path("<int:pk>/merge/", views.pair_merge_view, name="merge"),
    path("<int:pk>/distinct/", views.pair_distinct_view, name="distinct"),
    path("merges/<int:pk>/undo/", views.merge_undo_view, name="undo"),
]
