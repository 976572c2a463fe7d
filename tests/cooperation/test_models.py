"""The lateness rule and the status transitions, on the model (the one place they live)."""

import datetime

import pytest

from sankofa.cooperation.models import Action
from sankofa.cooperation.selectors import late_actions, with_lateness

from .conftest import TODAY, add_action

pytestmark = pytest.mark.django_db
S = Action.Status
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("status", "due_on", "late"),
    [
        (S.PLANNED, TODAY - DAY, True),
        (S.IN_PROGRESS, TODAY - DAY, True),
        (S.PLANNED, TODAY, False),  # due today is not late yet
        (S.PLANNED, TODAY + DAY, False),
        (S.PLANNED, None, False),
        (S.DONE, TODAY - DAY, False),
        (S.DROPPED, TODAY - DAY, False),
        (S.DELAYED, TODAY + DAY, True),  # declared delayed: late before its due date
        (S.DELAYED, None, True),
    ],
)
def test_action_is_late_when_declared_delayed_or_past_due_and_not_closed(status, due_on, late):
    assert Action(status=status, due_on=due_on).is_late(TODAY) is late


@pytest.mark.parametrize(
    ("status", "due_on"),
    [(S.PLANNED, TODAY - DAY), (S.DONE, TODAY - DAY), (S.DELAYED, TODAY + DAY), (S.PLANNED, TODAY + DAY)],
)
def test_query_and_method_agree_on_lateness(matrix, editor, status, due_on):
    action = add_action(matrix, editor, due_on=due_on)
    Action.objects.filter(pk=action.pk).update(status=status)
    action.refresh_from_db()
    annotated = with_lateness(Action.objects.filter(pk=action.pk), TODAY).get()
    assert annotated.late is action.is_late(TODAY)
    assert late_actions(actor=editor, today=TODAY).filter(pk=action.pk).exists() is action.is_late(TODAY)


@pytest.mark.parametrize(
    ("start", "target", "allowed"),
    [
        (S.PLANNED, S.IN_PROGRESS, True),
        (S.PLANNED, S.DELAYED, True),
        (S.IN_PROGRESS, S.DONE, True),
        (S.DELAYED, S.IN_PROGRESS, True),
        (S.DONE, S.IN_PROGRESS, True),
        (S.DONE, S.DELAYED, False),
        (S.DROPPED, S.DONE, False),
        (S.DROPPED, S.PLANNED, True),
        (S.IN_PROGRESS, S.PLANNED, False),
    ],
)
def test_status_transitions_are_guarded(start, target, allowed):
    from django.core.exceptions import ValidationError

    action = Action(status=start)
    if allowed:
        action.check_transition(target)
    else:
        with pytest.raises(ValidationError):
            action.check_transition(target)
