from django.urls import path
from rest_framework.routers import DefaultRouter

from sankofa.access.api import ApiTokenViewSet, ObtainTokenView
from sankofa.assistance.api import AssistanceViewSet
from sankofa.cases.api import CaseViewSet, PersonViewSet
from sankofa.cooperation import api as cooperation_api
from sankofa.duplicates.api import MergeViewSet, PairViewSet
from sankofa.privacy.subject_access.api import SubjectAccessView
from sankofa.programmes.api import ProgrammeViewSet
from sankofa.referrals.api import PartnerReferralViewSet, PathwayViewSet, ProviderViewSet, ReferralViewSet
from sankofa.reintegration import api as reintegration_api
from sankofa.reintegration.api import ScoringSchemeViewSet, SustainabilitySurveyViewSet
from sankofa.reports.api import CaseExportViewSet, ExportJobViewSet, IndicatorViewSet, TargetViewSet
from sankofa.returns.api import HandoverViewSet, MovementViewSet, ReturnRequestViewSet, TravelDocumentViewSet

router = DefaultRouter()
router.register("cases", CaseViewSet, basename="case")
router.register("people", PersonViewSet, basename="person")
router.register("programmes", ProgrammeViewSet, basename="programme")
cooperation_api.register(router)
for prefix, viewset in [
    ("providers", ProviderViewSet),
    ("pathways", PathwayViewSet),
    ("referrals", ReferralViewSet),
    ("partner-referrals", PartnerReferralViewSet),
]:
    router.register(prefix, viewset, basename=prefix.rstrip("s"))
router.register("assistance", AssistanceViewSet, basename="assistance")
router.register("return-requests", ReturnRequestViewSet, basename="return-request")
router.register("travel-documents", TravelDocumentViewSet, basename="travel-document")
router.register("movements", MovementViewSet, basename="movement")
router.register("handovers", HandoverViewSet, basename="handover")
for prefix, viewset, basename in [
    ("arrivals", reintegration_api.ArrivalViewSet, "arrival"),
    ("assessments", reintegration_api.AssessmentViewSet, "assessment"),
    ("reintegration-plans", reintegration_api.PlanViewSet, "reintegration-plan"),
    ("community-projects", reintegration_api.CommunityProjectViewSet, "community-project"),
    ("case-closures", reintegration_api.ClosureViewSet, "case-closure"),
]:
    router.register(prefix, viewset, basename=basename)
router.register("sustainability/schemes", ScoringSchemeViewSet, basename="sustainability-scheme")
router.register("sustainability/surveys", SustainabilitySurveyViewSet, basename="sustainability-survey")
router.register("duplicates/pairs", PairViewSet, basename="duplicate-pair")
router.register("duplicates/merges", MergeViewSet, basename="duplicate-merge")
for prefix, viewset in [
    ("indicators", IndicatorViewSet),
    ("targets", TargetViewSet),
    ("exports", ExportJobViewSet),
    ("case-exports", CaseExportViewSet),
]:
    router.register(prefix, viewset, basename=prefix.rstrip("s"))

router.register("auth/tokens", ApiTokenViewSet, basename="api-token-own")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("subject-access/<str:person_id>/", SubjectAccessView.as_view(), name="subject-access"),
    *router.urls,
]
