"""Reads: programme staff read every framework, partners and outsiders nothing; late actions first
and per country."""

import datetime

import pytest
from django.http import Http404

from sankofa.cooperation import selectors, services
from sankofa.cooperation.models import Action

from .. import factories
from .conftest import TODAY, add_action

pytestmark = pytest.mark.django_db
S = Action.Status
PAST, FUTURE = datetime.date(2026, 1, 31), datetime.date(2026, 12, 31)


def test_reader_sees_frameworks_but_partner_and_outsider_see_nothing(
    matrix, editor, reader, partner_user, outsider
):
    action = add_action(matrix, editor)
    assert list(selectors.frameworks_visible_to(reader)) == [matrix.framework]
    for user in (partner_user, outsider):
        assert not selectors.frameworks_visible_to(user).exists()
        assert not selectors.actions_visible_to(user).exists()
        assert not selectors.resource_search(actor=user).exists()
        with pytest.raises(Http404):
            selectors.action_get(actor=user, pk=action.pk)


def test_inactive_membership_gives_no_access(matrix, reader):
    reader.memberships.update(is_active=False)
    assert not selectors.frameworks_visible_to(reader).exists()


def test_matrix_lists_late_actions_first(matrix, editor):
    overdue = add_action(matrix, editor, description="Overdue", due_on=datetime.date(2026, 3, 1))
    upcoming = add_action(matrix, editor, description="Upcoming", due_on=datetime.date(2026, 5, 1))
    declared = add_action(matrix, editor, description="Declared delayed", due_on=FUTURE)
    services.action_status_change(actor=editor, action=declared, status=S.DELAYED, version=1)
    done = add_action(matrix, editor, description="Done", due_on=datetime.date(2026, 1, 1))
    services.action_status_change(actor=editor, action=done, status=S.DONE, version=1)
    rows = list(selectors.matrix_actions(actor=editor, matrix=matrix, today=datetime.date(2026, 4, 1)))
    assert [a.pk for a in rows] == [overdue.pk, declared.pk, done.pk, upcoming.pk]
    assert [a.late for a in rows] == [True, True, False, False]


def test_late_actions_per_country_follow_priorities_and_framework_countries(matrix, roadmap, editor):
    in_matrix = add_action(matrix, editor, due_on=PAST)
    guinea = services.priority_add(
        actor=editor, roadmap=roadmap, title_en="Guinea", country=factories.country("GIN")
    )
    niger = services.priority_add(
        actor=editor, roadmap=roadmap, title_en="Niger", country=factories.country("NER")
    )
    for_guinea = services.action_add(actor=editor, priority=guinea, description="Guinean action", due_on=PAST)
    for_niger = services.action_add(actor=editor, priority=niger, description="Nigerien action", due_on=PAST)
    add_action(matrix, editor, description="Not late", due_on=FUTURE)
    late_in_guinea = set(
        selectors.late_actions(actor=editor, country="GIN", today=TODAY).values_list("pk", flat=True)
    )
    assert late_in_guinea == {in_matrix.pk, for_guinea.pk}
    assert for_niger.pk not in late_in_guinea
    assert selectors.late_actions(actor=editor, country="MAR", today=TODAY).count() == 0
    assert selectors.late_actions(actor=editor, today=TODAY).count() == 3
    listed = list(selectors.action_list(actor=editor, country="GIN", late=True, today=TODAY))
    assert sorted(a.pk for a in listed) == sorted([in_matrix.pk, for_guinea.pk])  # each once


def test_framework_list_counts_late_actions(matrix, editor):
    add_action(matrix, editor, due_on=PAST)
    add_action(matrix, editor, due_on=FUTURE)
    framework = selectors.framework_list(actor=editor, today=TODAY).get()
    assert (framework.action_count, framework.late_count) == (2, 1)


def test_timeline_places_bars_within_the_framework_period(matrix, editor):
    action = add_action(
        matrix, editor, starts_on=datetime.date(2026, 1, 1), due_on=datetime.date(2026, 12, 31)
    )
    timeline = selectors.framework_timeline(actor=editor, framework=matrix.framework, today=TODAY)
    (row,) = timeline.rows
    assert row.action == action
    assert 30 < row.left < 37 and 30 < row.width < 37  # the middle year of three
    assert [year for year, _left in timeline.years] == [2026, 2027]


def test_resource_search_matches_every_word_and_filters(editor, reader):
    services.resource_add(
        actor=editor, title="Guide on labour migration", kind="guidance", language="fr",
        summary="Recruitment and protection", countries=[factories.country("NER")], url="https://example.org/a",
    )  # fmt: skip
    services.resource_add(
        actor=editor, title="Return toolkit", kind="tool", language="en", url="https://example.org/b"
    )
    assert [r.title for r in selectors.resource_search(actor=reader, q="labour PROTECTION")] == [
        "Guide on labour migration"
    ]
    assert selectors.resource_search(actor=reader, q="labour toolkit").count() == 0
    assert selectors.resource_search(actor=reader, language="en").get().title == "Return toolkit"
    assert selectors.resource_search(actor=reader, country="NER").get().language == "fr"
