"""The main menu: one dropdown per area, each entry shown under the condition of the page it leads
to, an area without a visible entry not shown at all, and the current area marked."""

import re

from django.urls import reverse

AREA = re.compile(r'<button class="nav-link dropdown-toggle[^"]*"[^>]*>([^<]+)</button>')


def menu_of(client, user, url_name="web:home"):
    client.force_login(user)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return response.content.decode().split("</nav>")[0]


def areas(menu: str) -> list[str]:
    return AREA.findall(menu)


def test_caseworker_sees_the_work_areas_but_not_administration(client, caseworker_a):
    menu = menu_of(client, caseworker_a)
    assert areas(menu) == ["Cases", "Returns", "Reintegration", "Referrals", "Reports", "Cooperation"]
    assert reverse("cases:register") in menu
    assert reverse("cases:access-log") not in menu and reverse("admin:index") not in menu
    assert reverse("duplicates:queue") not in menu  # supervisors only


def test_supervisor_finds_the_duplicate_review_under_cases(client, supervisor_a):
    assert reverse("duplicates:queue") in menu_of(client, supervisor_a)


def test_read_only_roles_do_not_get_the_registration_entry(client, me_officer_a):
    menu = menu_of(client, me_officer_a)
    assert reverse("cases:list") in menu and reverse("cases:register") not in menu


def test_data_protection_focal_point_finds_the_access_log_under_administration(client, dpo_a):
    menu = menu_of(client, dpo_a)
    assert areas(menu)[-1] == "Administration"
    assert reverse("cases:access-log") in menu and reverse("admin:index") not in menu


def test_staff_account_gets_the_administration_site(client, caseworker_a):
    caseworker_a.is_staff = True
    caseworker_a.save()
    menu = menu_of(client, caseworker_a)
    assert "Administration" in areas(menu) and reverse("admin:index") in menu


def test_the_current_area_and_page_are_marked(client, dpo_a):
    menu = menu_of(client, dpo_a, "cases:list")
    assert re.search(r'active"[^>]*aria-current="true">Cases<', menu)
    assert f'href="{reverse("cases:list")}" aria-current="page"' in menu
    menu = menu_of(client, dpo_a, "cases:access-log")
    assert re.search(r'active"[^>]*aria-current="true">Administration<', menu)
    assert menu.count('aria-current="true"') == 1


def test_a_superuser_without_memberships_is_not_sent_to_the_partner_portal(client, db):
    """Superusers pass every permission; being a partner-only user is a rule, not a permission."""
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    html = menu_of(client, admin)
    assert "Referrals received" not in html
