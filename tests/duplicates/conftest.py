import datetime

import pytest

from sankofa.people import matching
from sankofa.people.models import MatchPair
from tests.factories import member, register_case


@pytest.fixture
def pair_a(caseworker_a, office_a):
    """Two registrations in Niamey of Aïssatou Diallo / Aisha Jalloh, queued for review."""
    one = register_case(
        actor=caseworker_a,
        office=office_a,
        principal=member("Aïssatou", "Diallo", date_of_birth=datetime.date(1994, 6, 15)),
    )
    two = register_case(
        actor=caseworker_a,
        office=office_a,
        principal=member("Aisha", "Jalloh", date_of_birth=datetime.date(1995, 1, 1)),
    )
    a, b = matching.pair_key(one.principal_id, two.principal_id)
    return MatchPair.objects.create(
        person_a_id=a,
        person_b_id=b,
        score=0.91,
        band="review",
        reasons=[{"code": "name_variant", "detail": "aisha ~ aissatou"}],
    )
