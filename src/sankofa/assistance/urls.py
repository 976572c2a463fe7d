from django.urls import path

from . import views

app_name = "assistance"
urlpatterns = [path("cases/<str:number>/add/", views.assistance_add_view, name="add")]
