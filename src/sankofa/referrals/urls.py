from django.urls import path

from . import views

app_name = "referrals"
urlpatterns = [
    path("", views.referral_list_view, name="list"),
    path("overdue/", views.overdue_view, name="overdue"),
    path("insight/", views.insight_view, name="insight"),
    path("providers/", views.provider_list_view, name="providers"),
    path("providers/map/", views.provider_map_view, name="provider-map"),
    path("providers/import/", views.provider_import_view, name="provider-import"),
    path("providers/template.xlsx", views.provider_template_view, name="provider-template"),
    path("providers/<int:pk>/", views.provider_detail_view, name="provider"),
    path("pathways/", views.pathway_list_view, name="pathways"),
    path("pathways/<int:pk>/", views.pathway_detail_view, name="pathway"),
    path("case/<str:number>/new/", views.referral_create_view, name="create"),
    path("case/<str:number>/consent/", views.consent_to_share_view, name="consent"),
    path("<int:pk>/", views.referral_detail_view, name="detail"),
    path("<int:pk>/<slug:action>/", views.referral_action_view, name="action"),
    path("portal/", views.portal_list_view, name="portal"),
    path("portal/<int:pk>/", views.portal_detail_view, name="portal-detail"),
    path("portal/<int:pk>/<slug:action>/", views.portal_action_view, name="portal-action"),
]
