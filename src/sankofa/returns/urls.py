from django.urls import path

from . import views

app_name = "returns"
urlpatterns = [
    path("", views.queues_view, name="queues"),
    path("cases/<str:number>/new/", views.request_new_view, name="request-new"),
    path("requests/<int:pk>/", views.request_view, name="request"),
    path("requests/<int:pk>/eligibility/", views.decide_view, name="decide"),
    path("requests/<int:pk>/approval/", views.approve_view, name="approve"),
    path("requests/<int:pk>/withdraw/", views.withdraw_view, name="withdraw"),
    path("requests/<int:pk>/documents/add/", views.document_add_view, name="document-add"),
    path("requests/<int:pk>/fitness/add/", views.fitness_add_view, name="fitness-add"),
    path("requests/<int:pk>/book/", views.book_view, name="book"),
    path("requests/<int:pk>/handover/", views.handover_send_view, name="handover-send"),
    path("documents/<int:pk>/", views.document_update_view, name="document"),
    path("handovers/<int:pk>/", views.handover_view, name="handover"),
    path("movements/", views.movements_view, name="movements"),
    path("movements/new/", views.movement_new_view, name="movement-new"),
    path("movements/<int:pk>/", views.movement_view, name="movement"),
    path("movements/<int:pk>/manifest.pdf", views.manifest_pdf_view, name="manifest-pdf"),
    path("movements/<int:pk>/manifest.xlsx", views.manifest_xlsx_view, name="manifest-xlsx"),
    path("movements/<int:pk>/<slug:action>/", views.movement_action_view, name="movement-action"),
    path("bookings/<int:pk>/<slug:status>/", views.booking_status_view, name="booking-status"),
]
