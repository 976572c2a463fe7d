from csp.decorators import csp_update
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

# The API documentation pages run their scripts from files (the split Swagger view serves its start-up
# script as one), but Swagger UI and ReDoc add <style> elements and ReDoc starts a worker from a blob:
# those two pages, which show only the schema, allow that; no other page does.
api_docs_csp = csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]})

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("sankofa.config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", api_docs_csp(SpectacularSwaggerSplitView.as_view(url_name="schema")), name="api-docs"),
    path("api/redoc/", api_docs_csp(SpectacularRedocView.as_view(url_name="schema")), name="api-redoc"),
]
urlpatterns += i18n_patterns(
    path("accounts/", include("sankofa.access.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("cases/", include("sankofa.cases.urls")),
    path("programmes/", include("sankofa.programmes.urls")),
    path("reports/", include("sankofa.reports.urls")),
    path("privacy/", include("sankofa.privacy.urls")),
    path("cooperation/", include("sankofa.cooperation.urls")),
    path("referrals/", include("sankofa.referrals.urls")),
    path("assistance/", include("sankofa.assistance.urls")),
    path("returns/", include("sankofa.returns.urls")),
    path("reintegration/", include("sankofa.reintegration.urls")),
    path("duplicates/", include("sankofa.duplicates.urls")),
    path("", include("sankofa.web.urls")),
    prefix_default_language=False,
)
