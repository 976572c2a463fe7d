from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from sankofa.cases.api import CaseViewSet, PersonViewSet

router = DefaultRouter()
router.register("cases", CaseViewSet, basename="case")
router.register("people", PersonViewSet, basename="person")

urlpatterns = [path("auth/token/", obtain_auth_token, name="api-token"), *router.urls]
