"""Reintegration pages. Thin: parse the request, call a selector or a service, render.

One module per part (queues, reception, plans, community, closure, surveys); urls.py reaches the
views through this package."""

from .closure import closure_decide_view, closure_new_view, reopen_view
from .community import participant_add_view, project_edit_view, project_new_view, project_view, projects_view
from .plans import (
    assessment_view,
    decide_view,
    deliver_view,
    item_add_view,
    item_remove_view,
    plan_edit_view,
    plan_new_view,
    plan_step_view,
    plan_view,
    purchase_add_view,
    revision_view,
)
from .queues import queues_view
from .reception import arrival_new_view, post_arrival_view, spontaneous_view
from .surveys import (
    returnee_view,
    scheme_view,
    schemes_view,
    survey_conduct_view,
    survey_new_view,
    survey_rescore_view,
    survey_view,
    surveys_due_view,
)

__all__ = [
    "arrival_new_view",
    "assessment_view",
    "closure_decide_view",
    "closure_new_view",
    "decide_view",
    "deliver_view",
    "item_add_view",
    "item_remove_view",
    "participant_add_view",
    "plan_edit_view",
    "plan_new_view",
    "plan_step_view",
    "plan_view",
    "post_arrival_view",
    "project_edit_view",
    "project_new_view",
    "project_view",
    "projects_view",
    "purchase_add_view",
    "queues_view",
    "reopen_view",
    "returnee_view",
    "revision_view",
    "scheme_view",
    "schemes_view",
    "spontaneous_view",
    "survey_conduct_view",
    "survey_new_view",
    "survey_rescore_view",
    "survey_view",
    "surveys_due_view",
]
