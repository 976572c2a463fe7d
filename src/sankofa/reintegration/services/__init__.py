"""Every write of reintegration. Keyword-only, one transaction, permission first, lock what can race,
the model guards the transition, then the timeline (STYLE.md). See docs/reintegration.md.

One module per part (reception, plans, community, closure, surveys); import from here."""

from .closure import case_reopen, closure_approve, closure_refuse, closure_request
from .common import StaleEdit
from .community import (
    PROJECT_FIELDS,
    project_create,
    project_participant_add,
    project_participant_remove,
    project_update,
)
from .plans import (
    ASSESSMENT_FIELDS,
    PurchaseInput,
    assessment_save,
    plan_approve,
    plan_complete,
    plan_create,
    plan_item_add,
    plan_item_deliver,
    plan_item_remove,
    plan_purchase_add,
    plan_return,
    plan_submit,
    plan_update,
)
from .reception import (
    POST_ARRIVAL_SERVICES,
    arrival_record,
    post_arrival_assistance_record,
    spontaneous_arrival_register,
)
from .surveys import (
    BASELINE_WITHIN_MONTHS,
    SCORE_FIELDS,
    active_scheme,
    add_months,
    followups_schedule,
    scheme_activate,
    scheme_load,
    survey_conduct,
    survey_record,
    survey_rescore,
    surveys_schedule_missing,
)

__all__ = [
    "ASSESSMENT_FIELDS",
    "BASELINE_WITHIN_MONTHS",
    "POST_ARRIVAL_SERVICES",
    "PROJECT_FIELDS",
    "SCORE_FIELDS",
    "PurchaseInput",
    "StaleEdit",
    "active_scheme",
    "add_months",
    "arrival_record",
    "assessment_save",
    "case_reopen",
    "closure_approve",
    "closure_refuse",
    "closure_request",
    "followups_schedule",
    "plan_approve",
    "plan_complete",
    "plan_create",
    "plan_item_add",
    "plan_item_deliver",
    "plan_item_remove",
    "plan_purchase_add",
    "plan_return",
    "plan_submit",
    "plan_update",
    "post_arrival_assistance_record",
    "project_create",
    "project_participant_add",
    "project_participant_remove",
    "project_update",
    "scheme_activate",
    "scheme_load",
    "spontaneous_arrival_register",
    "survey_conduct",
    "survey_record",
    "survey_rescore",
    "surveys_schedule_missing",
]
