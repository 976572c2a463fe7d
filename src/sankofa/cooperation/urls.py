from django.urls import path

from . import views

app_name = "cooperation"
urlpatterns = [
    path("", views.framework_list_view, name="list"),
]
