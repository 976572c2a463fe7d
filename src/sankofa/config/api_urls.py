from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import DefaultRouter

from sankofa.cases.api import INVALID, CaseViewSet, PersonViewSet
from sankofa.duplicates.api import MergeViewSet, PairViewSet

router = DefaultRouter()
router.register("cases", CaseViewSet, basename="case")
router.register("people", PersonViewSet, basename="person")
router.register("duplicates/pairs", PairViewSet, basename="duplicate-pair")
router.register("duplicates/merges", MergeViewSet, basename="duplicate-merge")

TOKEN = inline_serializer("AuthToken", {"token": serializers.CharField()})
token_view = extend_schema_view(
    post=extend_schema(
        responses={200: TOKEN, 400: INVALID}, description="Exchange a username and password for a token."
    )
)(ObtainAuthToken).as_view()

urlpatterns = [path("auth/token/", token_view, name="api-token"), *router.urls]
