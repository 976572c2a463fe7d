"""`sankofa demo` builds returns in every state, with charters of 50–150 passengers from Niger and Libya."""

import io

import pytest
from django.core.management import call_command

from sankofa.returns.models import Booking, Handover, Movement, ReturnRequest, TravelDocument
from sankofa.returns.selectors import queue_counts

pytestmark = pytest.mark.django_db


def test_demo_has_every_state_and_charters_from_niger_and_libya():
    call_command("demo", people=3000, stdout=io.StringIO())
    assert set(ReturnRequest.objects.values_list("status", flat=True)) == set(ReturnRequest.Status.values)
    assert set(Movement.objects.values_list("status", flat=True)) == set(Movement.Status.values)
    assert set(Booking.objects.values_list("status", flat=True)) == set(Booking.Status.values)
    assert set(TravelDocument.objects.values_list("status", flat=True)) == set(TravelDocument.Status.values)
    assert set(Handover.objects.values_list("status", flat=True)) >= {"sent", "acknowledged"}
    charters = Movement.objects.filter(kind=Movement.Kind.CHARTER)
    assert {m.office.code for m in charters} >= {"NER", "LBY"}
    assert len({m.destination_country_id for m in charters}) >= 3
    for charter in charters:
        passengers = sum(b.request.people.count() for b in charter.bookings.all())
        assert 50 <= passengers <= 150, (charter.reference, passengers)

    from django.contrib.auth import get_user_model

    civ = get_user_model().objects.get(username="caseworker.civ")
    assert queue_counts(actor=civ)["expected_arrivals"] >= 1
    requests = ReturnRequest.objects.count()
    call_command("demo", people=3000, stdout=io.StringIO())
    assert ReturnRequest.objects.count() == requests  # idempotent
