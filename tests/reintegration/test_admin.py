"""The admin reads reintegration records, it never writes them (tests/core/test_admin.py walks every
registered model; this one drives the pages)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from sankofa.reintegration.models import ReintegrationPlan


def test_a_reintegration_plan_cannot_be_changed_through_the_admin(client, plan):
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(superuser)
    url = reverse("admin:reintegration_reintegrationplan_change", args=[plan.pk])
    page = client.get(url)
    assert page.status_code == 200 and b'name="_save"' not in page.content
    response = client.post(url, {"status": "approved", "due_on": "2026-01-01"})
    assert response.status_code == 403
    assert client.post(reverse("admin:reintegration_reintegrationplan_add"), {}).status_code == 403
    assert ReintegrationPlan.objects.get(pk=plan.pk).status == plan.status
