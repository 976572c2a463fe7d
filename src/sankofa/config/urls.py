from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("sankofa.config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
]
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("cases/", include("sankofa.cases.urls")),
    path("programmes/", include("sankofa.programmes.urls")),
    path("reports/", include("sankofa.reports.urls")),
    path("cooperation/", include("sankofa.cooperation.urls")),
    path("referrals/", include("sankofa.referrals.urls")),
    path("assistance/", include("sankofa.assistance.urls")),
    path("returns/", include("sankofa.returns.urls")),
    path("reintegration/", include("sankofa.reintegration.urls")),
    path("duplicates/", include("sankofa.duplicates.urls")),
    path("privacy/", include("sankofa.privacy.urls")),
    path("", include("sankofa.web.urls")),
    prefix_default_language=False,
)
