from django.utils import translation

from sankofa.assistance.catalogue import DEFAULT_SERVICES, catalogue_load
from sankofa.assistance.models import Service, ServiceCategory
from sankofa.assistance.selectors import service_catalogue


def test_migration_loads_the_default_catalogue_in_both_languages(db):
    assert Service.objects.count() == len(DEFAULT_SERVICES)
    shelter = Service.objects.get(code="shelter-temporary")
    assert shelter.name == "Temporary accommodation"
    with translation.override("fr"):
        assert shelter.name == "Hébergement temporaire"


def test_every_default_service_has_a_known_category():
    assert {category for _, category, _, _ in DEFAULT_SERVICES} <= set(ServiceCategory.values)


def test_loading_again_keeps_what_administrators_changed(db):
    Service.objects.filter(code="food").update(name_en="Food parcels")
    Service.objects.filter(code="clothing").delete()
    assert catalogue_load(Service) == 1
    assert Service.objects.get(code="food").name_en == "Food parcels"


def test_retired_services_are_not_offered(db):
    Service.objects.filter(code="clothing").update(is_active=False)
    offered = service_catalogue(category=ServiceCategory.FOOD_NFI)
    assert "clothing" not in {s.code for s in offered}
    assert "clothing" in {s.code for s in service_catalogue(include_inactive=True)}
