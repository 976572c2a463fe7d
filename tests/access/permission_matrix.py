"""The permission matrix: every web page and API operation, classified by who may read or write it.

An expectation maps (role, scope) to an outcome:
  READ   200                           WRITE  anything but 403, 404 and 5xx (400 for an empty body is fine)
  DENY   403 or 404                    LOGIN  anonymous: a redirect to the sign-in page (web), 401/403 (API)
`reads(pred)` / `writes(pred)` give READ / WRITE where `pred(role, scope)` holds, DENY elsewhere, LOGIN for
anonymous. Roles and scopes are those of `matrix_world` (own / other office / shared through the handover
at the consenting mother / at the son who did not consent / Conakry's own community project).

`WEB` is keyed by URL name, `API` by (method, path of the OpenAPI schema). `pk` names the object kind of
a `<pk>` path parameter; `fixed` gives slug parameters. `XFAIL` lists (entry, role) cells the code does
not meet yet, each with the flaw it shows; `EXCLUDED` the URL patterns left out, with why.
"""

from dataclasses import dataclass, field

READ, WRITE, DENY, LOGIN = "read", "write", "deny", "login"

READERS = {
    "caseworker", "supervisor", "me_officer", "programme_manager", "data_protection", "administrator",
    "regional_supervisor",
}  # fmt: skip
WRITERS = {"caseworker", "supervisor", "administrator", "regional_supervisor"}
SUPERVISORS = {"supervisor", "administrator", "regional_supervisor"}
COOPERATION_EDITORS = {"supervisor", "programme_manager", "administrator", "regional_supervisor"}


def reads(pred):
    def expect(role, scope):
        if role == "anonymous":
            return LOGIN
        return READ if pred(role, scope) else DENY

    expect.__name__ = f"reads({pred.__name__})"
    return expect


def writes(pred):
    def expect(role, scope):
        if role == "anonymous":
            return LOGIN
        return WRITE if pred(role, scope) else DENY

    expect.__name__ = f"writes({pred.__name__})"
    return expect


# -- who --------------------------------------------------------------------------------------------
def anyone_signed_in(role, scope):
    return True


def nobody(role, scope):
    return False


def staff(role, scope):
    """Programme staff: every membership but partner; not tied to a case."""
    return role in READERS


def case_visible(role, scope):
    """The case is seen by its offices and the offices it is shared with (at any member)."""
    return role in READERS and scope in ("own", "shared", "shared_refused")


def member_visible(role, scope):
    """A member's data is seen by the owning office, and through a share only if they consented."""
    return role in READERS and scope in ("own", "shared")


def office_visible(role, scope):
    """Objects of an office that are not shared (movements, manifests): its office only."""
    return role in READERS and scope == "own"


def case_writer(role, scope):
    """Writing belongs to the owning office (and those covering it), never to a share."""
    return role in WRITERS and scope == "own"


def case_supervisor(role, scope):
    return role in SUPERVISORS and scope == "own"


def origin_worker(role, scope):
    """Reception and reintegration of a consenting returnee: the owning office and the origin office
    it was handed over to; never a member who did not consent."""
    return role in WRITERS and scope in ("own", "shared")


def origin_case_worker(role, scope):
    """Reception of a handed-over case (the form lists only the members the office may see)."""
    return role in WRITERS and scope in ("own", "shared", "shared_refused")


def survey_rescorer(role, scope):
    """Rescoring is for supervisors and M&E officers, of a returnee they may see."""
    return role in SUPERVISORS | {"me_officer"} and scope in ("own", "shared")


def origin_office_writer(role, scope):
    """Spontaneous arrivals are registered by the origin office (not by a regional office)."""
    return role in WRITERS - {"regional_supervisor"} and scope == "origin_own"


def origin_supervisor(role, scope):
    return role in SUPERVISORS and scope in ("own", "shared")


def handover_receiver(role, scope):
    """Acknowledging a handover is the receiving (origin) office's act."""
    return role in WRITERS and scope in ("shared", "shared_refused")


def project_reader(role, scope):
    return role in READERS and scope == "origin_own"


def project_writer(role, scope):
    return role in WRITERS and scope == "origin_own"


def cooperation_editor(role, scope):
    return role in COOPERATION_EDITORS


def auditor(role, scope):
    return role in ("data_protection", "administrator")


def administrator(role, scope):
    return role == "administrator"


def supervisor_anywhere(role, scope):
    return role in SUPERVISORS


def duplicate_reviewer(role, scope):
    """Supervisors of the office owning one side of the pair (the other side is masked); seeing a
    case through a share is not supervising it."""
    return role in SUPERVISORS and scope == "own"


def duplicate_decider(role, scope):
    """Merging or separating people is supervising the cases: not through a share."""
    return role in SUPERVISORS and scope == "own"


def partner(role, scope):
    return role == "partner"


def partner_own(role, scope):
    """The partner's own referrals (addressed to its organisation)."""
    return role == "partner" and scope == "own"


def export_requester(role, scope):
    """An export job is seen by who asked for it (the Niamey M&E officer) only."""
    return role == "me_officer" and scope in ("own", "other")


def programme_staff_writer(role, scope):
    """Aggregated exports are requested by programme staff (no partner)."""
    return role in READERS


# -- named expectations --------------------------------------------------------------------------------
def public(role, scope):
    return READ


def redirects(role, scope):
    return "redirect"


def sign_in(role, scope):
    """The sign-in page: anonymous; a signed-in user is sent on."""
    return READ if role == "anonymous" else "redirect"


def sign_out_page(role, scope):
    """Sign-out asks for confirmation; anonymous has nothing to leave."""
    return "redirect" if role == "anonymous" else READ


def api_root(role, scope):
    return "api_login" if role == "anonymous" else READ


def home(role, scope):
    """The home page: every signed-in user; a partner is sent on to the portal."""
    if role == "anonymous":
        return LOGIN
    return "redirect" if role == "partner" else READ


def data_protection(role, scope):
    return role == "data_protection"


def data_protection_in_scope(role, scope):
    """A data-protection focal point reaching the person: own office, or through the share at the
    member who consented to it."""
    return role == "data_protection" and scope in ("own", "shared")


def case_data_protection(role, scope):
    """A focal point of an office that sees the case (owning or through the share)."""
    return role == "data_protection" and scope in ("own", "shared", "shared_refused")


def hold_setter(role, scope):
    """Legal holds: the case's focal points, and the supervisors of its owning office."""
    return case_data_protection(role, scope) or (role in SUPERVISORS and scope == "own")


def regional(role, scope):
    """Supervisors of an office covering others (break-the-glass)."""
    return role == "regional_supervisor"


def personal_exporter(role, scope):
    """Case lists with personal data: supervisors, administrators, data-protection focal points."""
    return role in SUPERVISORS | {"data_protection"}


staff_read = reads(staff)
case_read = reads(case_visible)
member_read = reads(member_visible)
office_read = reads(office_visible)
case_write = writes(case_writer)
case_supervise = writes(case_supervisor)
origin_write = writes(origin_worker)
origin_supervise = writes(origin_supervisor)
handover_receive = writes(handover_receiver)
project_read = reads(project_reader)
project_write = writes(project_writer)
cooperation_edit = writes(cooperation_editor)
cooperation_edit_page = reads(cooperation_editor)
audit_read = reads(auditor)
admin_page = reads(administrator)
admin_write = writes(administrator)
supervisor_page = reads(supervisor_anywhere)
supervisor_write = writes(supervisor_anywhere)
duplicate_read = reads(duplicate_reviewer)
duplicate_decide = writes(duplicate_decider)
partner_page = reads(partner)
partner_read = reads(partner_own)
partner_write = writes(partner_own)
export_read = reads(export_requester)
export_create = writes(programme_staff_writer)
staff_write = writes(staff)
nobody_write = writes(nobody)
writer_page = reads(lambda role, scope: role in WRITERS)
writer_write = writes(lambda role, scope: role in WRITERS)


@dataclass(frozen=True)
class Web:
    """A page: GET with `get`, POST too with `post` (a form); `get=None` for a POST-only endpoint."""

    get: object = None
    post: object = None
    pk: str | None = None
    fixed: dict = field(default_factory=dict)
    query: str = ""
    scopes: tuple | None = None  # of a page without object: ("own",) unless said


def page(get, **kw):
    return Web(get=get, **kw)


def form(get, post, **kw):
    return Web(get=get, post=post, **kw)


def action(post, **kw):
    return Web(post=post, **kw)


#: URL patterns left out, by route prefix or name, and why.
EXCLUDED = {
    "admin/": "Django admin: its own staff-only sign-in (is_staff), not Sankofa's roles; one entry below "
    "checks that anonymous is sent to the admin login",
    "accounts/": "allauth internals (sign-in, password reset, e-mail, 2FA flows) are public by nature or "
    "tested in tests/access/test_sign_in.py; sign-in and sign-out are classified below",
    "format-suffix": "DRF format-suffix twins (`cases.json`): the same view as the route without suffix",
}
#: Kept from the excluded prefixes: sign-in page, sign-out and the admin index.
INCLUDED_ANYWAY = {"account_login", "account_logout", "admin:index"}

WEB = {
    "set_language": form(redirects, redirects),
    "account_login": form(sign_in, sign_in),
    "account_logout": form(sign_out_page, redirects),
    "admin:index": page(lambda role, scope: "admin_login"),
    # the API description is public (no data); the API itself is not
    "schema": page(public),
    "api-docs": page(public),
    "api-redoc": page(public),
    "api-root": page(api_root),
    "web:home": page(home),
    # cases
    "cases:list": page(staff_read),
    "cases:register": form(writer_page, writer_write),
    "cases:duplicates": action(writer_write),
    "cases:access-log": page(audit_read),
    "cases:audit": page(audit_read),
    "cases:emergency-access": form(reads(regional), writes(regional)),
    "reports:case-export": form(reads(personal_exporter), writes(personal_exporter)),
    "privacy:retention": page(audit_read),
    "privacy:retention-propose": action(writes(auditor)),
    "privacy:retention-approve": action(writes(data_protection), pk="retention_run"),  # none in the world
    "privacy:requests": page(audit_read),
    "privacy:request-decide": form(reads(data_protection), writes(data_protection), pk="subject_request"),
    "privacy:subject-access": page(reads(data_protection)),
    "privacy:request-new": form(reads(case_data_protection), writes(case_data_protection)),
    "privacy:hold": form(reads(hold_setter), writes(hold_setter)),
    "privacy:subject-access-produce": action(writes(data_protection_in_scope), fixed={"fmt": "json"}),
    "cases:detail": page(case_read),
    "cases:edit": form(reads(case_writer), case_write),
    "cases:person-edit": form(reads(case_writer), case_write),
    "cases:member-add": form(reads(case_writer), case_write),
    "cases:consent-add": form(reads(case_writer), case_write),
    "cases:consent-withdraw": action(case_write),
    "cases:flag-add": form(reads(case_writer), case_write),
    "cases:profile-edit": form(reads(case_writer), case_write),
    # programmes and reports
    "programmes:list": page(staff_read),
    "programmes:detail": page(staff_read),
    "reports:dashboard": page(staff_read),
    "reports:targets": page(staff_read),
    "reports:profile": page(staff_read),
    "reports:export-create": action(export_create),
    "reports:export": page(export_read),
    "reports:export-download": page(export_read),
    # cooperation
    "cooperation:list": page(staff_read),
    "cooperation:framework-add": form(cooperation_edit_page, cooperation_edit),
    "cooperation:framework": page(staff_read),
    "cooperation:timeline": page(staff_read),
    "cooperation:matrix-add": form(cooperation_edit_page, cooperation_edit, pk="framework"),
    "cooperation:roadmap-add": form(cooperation_edit_page, cooperation_edit, pk="framework"),
    "cooperation:validation-add": form(cooperation_edit_page, cooperation_edit, pk="framework"),
    "cooperation:meeting-add": form(cooperation_edit_page, cooperation_edit, pk="framework"),
    "cooperation:priority-add": form(cooperation_edit_page, cooperation_edit),
    "cooperation:matrix-export": page(staff_read, query="?format=xlsx&language=en"),
    "cooperation:action-add": form(cooperation_edit_page, cooperation_edit),
    "cooperation:priority-action-add": form(cooperation_edit_page, cooperation_edit),
    "cooperation:late": page(staff_read),
    "cooperation:action": page(staff_read),
    "cooperation:action-edit": form(cooperation_edit_page, cooperation_edit),
    "cooperation:action-status": form(cooperation_edit_page, cooperation_edit),
    "cooperation:action-note": action(cooperation_edit),
    "cooperation:meeting": page(staff_read),
    "cooperation:point-add": action(cooperation_edit),
    "cooperation:meeting-convert": action(cooperation_edit),
    "cooperation:library": page(staff_read),
    "cooperation:resource-add": form(cooperation_edit_page, cooperation_edit),
    "cooperation:resource": page(
        lambda role, scope: LOGIN if role == "anonymous" else "redirect" if role in READERS else DENY
    ),
    # referrals
    "referrals:list": page(staff_read),
    "referrals:overdue": page(staff_read),
    "referrals:insight": page(staff_read),
    "referrals:providers": page(staff_read),
    "referrals:provider-map": page(staff_read),
    "referrals:provider-import": form(admin_page, admin_write),
    "referrals:provider-template": page(staff_read),
    "referrals:provider": page(staff_read),
    "referrals:pathways": page(staff_read),
    "referrals:pathway": page(staff_read),
    # referrals are work a share is made for (the origin office refers its returnees)
    "referrals:create": form(reads(origin_case_worker), writes(origin_case_worker)),
    "referrals:consent": form(reads(origin_case_worker), writes(origin_case_worker)),
    "referrals:detail": page(member_read),
    "referrals:action": action(case_write, fixed={"action": "revoke"}),
    "referrals:portal": page(partner_page),
    "referrals:portal-detail": page(partner_read),
    "referrals:portal-action": action(partner_write, fixed={"action": "acknowledge"}),
    # assistance and returns
    "assistance:add": form(reads(origin_case_worker), writes(origin_case_worker)),
    "returns:queues": page(staff_read),
    "returns:request-new": form(reads(case_writer), case_write),
    "returns:request": page(case_read),
    "returns:decide": form(reads(case_writer), case_write),
    "returns:approve": form(reads(case_supervisor), case_supervise),
    "returns:withdraw": form(reads(case_writer), case_write),
    "returns:document-add": form(reads(case_writer), case_write),
    "returns:fitness-add": form(reads(case_writer), case_write),
    "returns:book": form(reads(case_writer), case_write),
    "returns:handover-send": form(reads(case_writer), case_write),
    "returns:document": page(member_read),
    "returns:handover": form(case_read, handover_receive),
    "returns:movements": page(staff_read),
    "returns:movement-new": form(writer_page, writer_write),
    "returns:movement": page(office_read),
    "returns:manifest-pdf": page(office_read),
    "returns:manifest-xlsx": page(office_read),
    "returns:movement-action": action(
        writes(lambda r, s: r in WRITERS and s == "own"), fixed={"action": "depart"}
    ),
    "returns:booking-status": action(
        writes(lambda r, s: r in WRITERS and s == "own"), fixed={"status": "confirmed"}
    ),
    # reintegration
    "reintegration:queues": page(staff_read),
    "reintegration:spontaneous": form(
        reads(origin_office_writer),
        writes(origin_office_writer),
        scopes=("own", "origin_own"),
    ),
    "reintegration:arrival-new": form(reads(origin_case_worker), writes(origin_case_worker)),
    "reintegration:post-arrival": form(reads(origin_case_worker), writes(origin_case_worker)),
    "reintegration:assessment": form(reads(origin_worker), origin_write),
    "reintegration:plan-new": form(reads(origin_worker), origin_write),
    "reintegration:closure-new": form(reads(case_writer), case_write),
    "reintegration:plan": page(member_read),
    "reintegration:plan-edit": form(reads(origin_worker), origin_write),
    "reintegration:item-add": form(reads(origin_worker), origin_write),
    "reintegration:plan-decide": form(reads(origin_supervisor), origin_supervise),
    "reintegration:revision": page(member_read, fixed={"number": 1}),
    "reintegration:plan-step": action(origin_write, fixed={"step": "submit"}),
    "reintegration:purchase-add": form(reads(origin_worker), origin_write),
    "reintegration:deliver": form(reads(origin_worker), origin_write),
    "reintegration:item-remove": action(origin_write),
    "reintegration:projects": page(staff_read),
    "reintegration:project-new": form(writer_page, writer_write),
    "reintegration:project": page(project_read),
    "reintegration:project-edit": form(reads(project_writer), project_write),
    "reintegration:participant-add": action(project_write),
    "reintegration:closure-decide": form(reads(case_supervisor), case_supervise),
    "reintegration:reopen": form(reads(case_supervisor), case_supervise),
    "reintegration:surveys-due": page(staff_read),
    "reintegration:survey": page(member_read),
    "reintegration:survey-conduct": form(reads(origin_worker), origin_write),
    "reintegration:survey-rescore": action(writes(survey_rescorer)),
    "reintegration:schemes": page(staff_read),
    "reintegration:scheme": page(staff_read),
    "reintegration:returnee-sustainability": page(member_read),
    "reintegration:survey-new": form(reads(origin_worker), origin_write),
    # duplicates
    "duplicates:queue": page(supervisor_page),
    "duplicates:runs": form(supervisor_page, supervisor_write),
    "duplicates:pair": page(duplicate_read),
    "duplicates:merge": action(duplicate_decide),
    "duplicates:distinct": action(duplicate_decide),
    "duplicates:undo": action(duplicate_decide),
}

#: Object kind of `<pk>` by route prefix (the longest prefix wins); other parameters by their name.
WEB_PK = {
    "reports/exports/": "export",
    "cooperation/frameworks/": "framework",
    "cooperation/roadmaps/": "roadmap",
    "cooperation/matrices/": "matrix",
    "cooperation/priorities/": "priority",
    "cooperation/actions/": "action",
    "cooperation/meetings/": "meeting",
    "cooperation/library/": "resource",
    "referrals/providers/": "provider",
    "referrals/pathways/": "pathway",
    "referrals/": "referral",
    "returns/requests/": "request",
    "returns/documents/": "document",
    "returns/handovers/": "handover",
    "returns/movements/": "movement",
    "returns/bookings/": "booking",
    "reintegration/plans/": "plan",
    "reintegration/items/": "item",
    "reintegration/projects/": "project",
    "reintegration/closures/": "closure",
    "reintegration/surveys/": "survey",
    "reintegration/schemes/": "scheme",
    "duplicates/merges/": "merge",
    "duplicates/": "pair",
}
PARAMS = {
    "number": "case",
    "person_id": "person",
    "consent_id": "consent",
    "roadmap_pk": "roadmap",
    "code": "programme",
}

# -- API ------------------------------------------------------------------------------------------------
#: Object kind of a path parameter by the first segments of the path.
API_KIND = {
    "cases": "case", "people": "person", "programmes": "programme", "frameworks": "framework",
    "matrices": "matrix", "actions": "action", "meetings": "meeting", "resources": "resource",
    "providers": "provider", "pathways": "pathway", "referrals": "referral", "partner-referrals": "referral",
    "assistance": "assistance", "return-requests": "request", "travel-documents": "document",
    "movements": "movement", "handovers": "handover", "arrivals": "arrival", "assessments": "assessment",
    "reintegration-plans": "plan", "community-projects": "project", "case-closures": "closure",
    "sustainability/schemes": "scheme", "sustainability/surveys": "survey", "duplicates/pairs": "pair",
    "duplicates/merges": "merge", "indicators": "indicator", "exports": "export",
    "auth/tokens": "api_token", "subject-access": "person", "case-exports": "export",
}  # fmt: skip


def api_list(role, scope):
    """A list: staff read their scope; a partner gets an empty list or a refusal (checked empty)."""
    if role == "anonymous":
        return LOGIN
    return "empty_or_deny" if role == "partner" else READ


API = {
    ("GET", "/api/v1/auth/tokens/"): reads(anyone_signed_in),
    ("DELETE", "/api/v1/auth/tokens/{id}/"): writes(anyone_signed_in),  # no token id in the world
    ("DELETE", "/api/v1/auth/tokens/all/"): writes(anyone_signed_in),
    ("GET", "/api/v1/subject-access/{person_id}/"): reads(data_protection_in_scope),
    ("POST", "/api/v1/case-exports/"): writes(personal_exporter),
    ("POST", "/api/v1/auth/token/"): lambda role, scope: "bad_request",  # no credentials in the body
    # cases and people
    ("GET", "/api/v1/cases/"): api_list,
    ("POST", "/api/v1/cases/"): writer_write,
    ("GET", "/api/v1/cases/{number}/"): case_read,
    ("POST", "/api/v1/cases/{number}/status/"): case_write,
    ("GET", "/api/v1/people/"): api_list,
    ("GET", "/api/v1/people/{id}/"): member_read,
    ("POST", "/api/v1/people/duplicate-check/"): writer_write,
    ("GET", "/api/v1/assistance/"): api_list,
    ("POST", "/api/v1/assistance/"): writer_write,
    ("GET", "/api/v1/assistance/{id}/"): member_read,
    # programmes, indicators, exports
    ("GET", "/api/v1/programmes/"): api_list,
    ("GET", "/api/v1/programmes/{code}/"): staff_read,
    ("GET", "/api/v1/indicators/"): staff_read,
    ("GET", "/api/v1/indicators/{code}/"): staff_read,
    ("GET", "/api/v1/indicators/{code}/values/"): staff_read,
    ("GET", "/api/v1/targets/"): staff_read,
    ("POST", "/api/v1/exports/"): export_create,
    ("GET", "/api/v1/exports/{id}/"): export_read,
    # cooperation
    ("GET", "/api/v1/frameworks/"): api_list,
    ("GET", "/api/v1/frameworks/{id}/"): staff_read,
    ("GET", "/api/v1/matrices/"): api_list,
    ("GET", "/api/v1/matrices/{id}/"): staff_read,
    ("GET", "/api/v1/actions/"): api_list,
    ("POST", "/api/v1/actions/"): cooperation_edit,
    ("GET", "/api/v1/actions/{id}/"): staff_read,
    ("PUT", "/api/v1/actions/{id}/"): cooperation_edit,
    ("POST", "/api/v1/actions/{id}/notes/"): cooperation_edit,
    ("POST", "/api/v1/actions/{id}/status/"): cooperation_edit,
    ("GET", "/api/v1/meetings/"): api_list,
    ("GET", "/api/v1/meetings/{id}/"): staff_read,
    ("GET", "/api/v1/resources/"): api_list,
    ("GET", "/api/v1/resources/{id}/"): staff_read,
    # referrals
    ("GET", "/api/v1/providers/"): api_list,
    ("GET", "/api/v1/providers/{id}/"): staff_read,
    ("POST", "/api/v1/providers/import/"): admin_write,
    ("GET", "/api/v1/pathways/"): api_list,
    ("GET", "/api/v1/pathways/{id}/"): staff_read,
    ("GET", "/api/v1/referrals/"): api_list,
    ("POST", "/api/v1/referrals/"): writer_write,
    ("GET", "/api/v1/referrals/{id}/"): member_read,
    # the provider's answers, recorded by IOM staff only for a provider without users: this one has users
    ("POST", "/api/v1/referrals/{id}/accept/"): nobody_write,
    ("POST", "/api/v1/referrals/{id}/acknowledge/"): nobody_write,
    ("POST", "/api/v1/referrals/{id}/decline/"): nobody_write,
    ("POST", "/api/v1/referrals/{id}/start/"): nobody_write,
    ("POST", "/api/v1/referrals/{id}/complete/"): nobody_write,
    ("POST", "/api/v1/referrals/{id}/close/"): origin_write,
    ("POST", "/api/v1/referrals/{id}/revoke/"): case_write,
    ("POST", "/api/v1/referrals/{id}/send/"): case_write,
    ("POST", "/api/v1/referrals/{id}/updates/"): origin_write,
    ("GET", "/api/v1/partner-referrals/"): lambda role, scope: (
        LOGIN if role == "anonymous" else "empty_or_deny" if role != "partner" else READ
    ),
    ("GET", "/api/v1/partner-referrals/{id}/"): partner_read,
    ("POST", "/api/v1/partner-referrals/{id}/accept/"): partner_write,
    ("POST", "/api/v1/partner-referrals/{id}/acknowledge/"): partner_write,
    ("POST", "/api/v1/partner-referrals/{id}/close/"): partner_write,
    ("POST", "/api/v1/partner-referrals/{id}/complete/"): partner_write,
    ("POST", "/api/v1/partner-referrals/{id}/decline/"): partner_write,
    ("POST", "/api/v1/partner-referrals/{id}/start/"): partner_write,
    ("POST", "/api/v1/partner-referrals/{id}/updates/"): partner_write,
    # returns
    ("GET", "/api/v1/return-requests/"): api_list,
    ("POST", "/api/v1/return-requests/"): writer_write,
    ("GET", "/api/v1/return-requests/{id}/"): case_read,
    ("POST", "/api/v1/return-requests/{id}/approve/"): case_supervise,
    ("POST", "/api/v1/return-requests/{id}/reject/"): case_supervise,
    ("POST", "/api/v1/return-requests/{id}/book/"): case_write,
    ("POST", "/api/v1/return-requests/{id}/decide/"): case_write,
    ("POST", "/api/v1/return-requests/{id}/documents/"): case_write,
    ("POST", "/api/v1/return-requests/{id}/fitness/"): case_write,
    ("POST", "/api/v1/return-requests/{id}/handover/"): case_write,
    ("POST", "/api/v1/return-requests/{id}/withdraw/"): case_write,
    ("GET", "/api/v1/travel-documents/"): api_list,
    ("GET", "/api/v1/travel-documents/{id}/"): member_read,
    ("POST", "/api/v1/travel-documents/{id}/update_status/"): case_write,
    ("GET", "/api/v1/movements/"): api_list,
    ("POST", "/api/v1/movements/"): writer_write,
    ("GET", "/api/v1/movements/{id}/"): office_read,
    ("GET", "/api/v1/movements/{id}/manifest/"): office_read,
    ("POST", "/api/v1/movements/{id}/arrive/"): case_write,
    ("POST", "/api/v1/movements/{id}/booking-status/"): case_write,
    ("POST", "/api/v1/movements/{id}/cancel/"): case_supervise,
    ("POST", "/api/v1/movements/{id}/depart/"): case_write,
    ("POST", "/api/v1/movements/{id}/in-transit/"): case_write,
    ("GET", "/api/v1/handovers/"): api_list,
    ("GET", "/api/v1/handovers/{id}/"): case_read,
    ("POST", "/api/v1/handovers/{id}/acknowledge/"): handover_receive,
    # reintegration
    ("GET", "/api/v1/arrivals/"): api_list,
    ("POST", "/api/v1/arrivals/"): writer_write,
    ("GET", "/api/v1/arrivals/{id}/"): member_read,
    ("POST", "/api/v1/arrivals/{id}/post-arrival-assistance/"): origin_write,
    ("GET", "/api/v1/assessments/"): api_list,
    ("POST", "/api/v1/assessments/"): writer_write,
    ("GET", "/api/v1/assessments/{id}/"): member_read,
    ("GET", "/api/v1/reintegration-plans/"): api_list,
    ("POST", "/api/v1/reintegration-plans/"): writer_write,
    ("GET", "/api/v1/reintegration-plans/{id}/"): member_read,
    ("POST", "/api/v1/reintegration-plans/{id}/approve/"): origin_supervise,
    ("POST", "/api/v1/reintegration-plans/{id}/return/"): origin_supervise,
    ("POST", "/api/v1/reintegration-plans/{id}/complete/"): origin_write,
    ("POST", "/api/v1/reintegration-plans/{id}/deliver/"): origin_write,
    ("POST", "/api/v1/reintegration-plans/{id}/items/"): origin_write,
    ("POST", "/api/v1/reintegration-plans/{id}/submit/"): origin_write,
    ("POST", "/api/v1/reintegration-plans/{id}/summary/"): origin_write,
    ("GET", "/api/v1/community-projects/"): api_list,
    ("POST", "/api/v1/community-projects/"): writer_write,
    ("GET", "/api/v1/community-projects/{id}/"): project_read,
    ("POST", "/api/v1/community-projects/{id}/participants/"): project_write,
    ("POST", "/api/v1/community-projects/{id}/status/"): project_write,
    ("GET", "/api/v1/case-closures/"): api_list,
    ("POST", "/api/v1/case-closures/"): writer_write,
    ("GET", "/api/v1/case-closures/{id}/"): case_read,
    ("POST", "/api/v1/case-closures/{id}/approve/"): case_supervise,
    ("POST", "/api/v1/case-closures/{id}/refuse/"): case_supervise,
    ("POST", "/api/v1/case-closures/{id}/reopen/"): case_supervise,
    ("GET", "/api/v1/sustainability/schemes/"): staff_read,
    ("GET", "/api/v1/sustainability/schemes/{id}/"): staff_read,
    ("GET", "/api/v1/sustainability/surveys/"): api_list,
    ("POST", "/api/v1/sustainability/surveys/"): writer_write,
    ("GET", "/api/v1/sustainability/surveys/due/"): api_list,
    ("GET", "/api/v1/sustainability/surveys/{id}/"): member_read,
    ("POST", "/api/v1/sustainability/surveys/{id}/conduct/"): origin_write,
    ("POST", "/api/v1/sustainability/surveys/{id}/rescore/"): writes(survey_rescorer),
    # duplicates
    ("GET", "/api/v1/duplicates/pairs/"): api_list,
    ("GET", "/api/v1/duplicates/pairs/{id}/"): duplicate_read,
    ("POST", "/api/v1/duplicates/pairs/{id}/distinct/"): duplicate_decide,
    ("POST", "/api/v1/duplicates/pairs/{id}/merge/"): duplicate_decide,
    ("POST", "/api/v1/duplicates/merges/{id}/undo/"): duplicate_decide,
}

# -- what the code does not meet yet -----------------------------------------------------------------------
SHARE_WRITES = (
    "a share grants writing: the office that sees the case only through the handover share gets the "
    "owning office's write form or action (case edit, members, consents, flags, profile, return steps, "
    "closure) and an empty POST is not refused (DESIGN §4: a share never grants writing)"
)
SHARE_WITHDRAWS_CONSENT = (
    "the origin office withdraws a consent of the case it sees only through the share: "
    "consent_withdraw checks cases.work_on_case, not cases.change_case (which names consents)"
)
SHARE_APPROVES_CLOSURE = (
    "a supervisor of the origin office approves the closure of a case it sees only through the share "
    "(and whose son it may not see): closure_approve checks cases.supervise_work, so a share grants "
    "approving (DESIGN §4)"
)
SHARE_DECIDES_DUPLICATES = (
    "a supervisor of an office that sees only one side of a duplicate pair (the mother, through the "
    "share) marks it 'not the same person' (200) or reaches the merge (refused only after validation): "
    "deciding a pair needs both sides"
)
FORM_BEFORE_PERMISSION = (
    "the page checks only that the case is visible: a role that may not do the step (M&E officer, "
    "programme manager, DPO; a caseworker for a supervisor's step) gets the form and a 200 for an empty "
    "POST; the rule is checked only by the service on a valid submit (STYLE: permission first)"
)
REDIRECT_REFUSAL = (
    "a refused action is answered with a redirect and a message, not 403/404: a client cannot tell "
    "refusal from success, and the permission is checked after the request is parsed"
)
API_VALIDATION_FIRST = (
    "the API validates the body before the permission: a role that may not write gets 400 for an empty "
    "body instead of 403/404 (STYLE: permission first)"
)
LEAKS_NON_CONSENTING = (
    "the return request (page and API) names the son, who did not consent to sharing with the origin "
    "office, to every reader of that office through the share (members_visible_to is not applied to "
    "the request's people)"
)
PARTNER_PAGES = (
    "a partner-only user reaches a staff page (return queues, movements, reintegration queues, "
    "community projects; empty for them): partners should see only the partner portal"
)

#: flaw (or flaws joined by +) -> (entry, roles...) it shows. Entry: a URL name or "METHOD path".
FLAWS = {
    "API_VALIDATION_FIRST": [
        ("POST /api/v1/actions/", "caseworker", "me_officer", "data_protection", "partner"),
        ("POST /api/v1/actions/{id}/notes/", "me_officer", "data_protection"),
        ("POST /api/v1/actions/{id}/status/", "me_officer", "data_protection"),
        ("POST /api/v1/arrivals/", "me_officer", "programme_manager", "data_protection", "partner"),
        (
            "POST /api/v1/arrivals/{id}/post-arrival-assistance/",
            "me_officer",
            "programme_manager",
            "data_protection",
        ),
        ("POST /api/v1/assessments/", "me_officer", "programme_manager", "data_protection", "partner"),
        ("POST /api/v1/assistance/", "me_officer", "programme_manager", "data_protection", "partner"),
        ("POST /api/v1/case-closures/", "me_officer", "programme_manager", "data_protection", "partner"),
        ("POST /api/v1/case-closures/{id}/reopen/", "me_officer", "programme_manager", "data_protection"),
        ("POST /api/v1/cases/", "me_officer", "programme_manager", "data_protection", "partner"),
        ("POST /api/v1/cases/{number}/status/", "me_officer", "programme_manager", "data_protection"),
        ("POST /api/v1/community-projects/", "me_officer", "programme_manager", "data_protection", "partner"),
        (
            "POST /api/v1/community-projects/{id}/participants/",
            "me_officer",
            "programme_manager",
            "data_protection",
        ),
        (
            "POST /api/v1/community-projects/{id}/status/",
            "me_officer",
            "programme_manager",
            "data_protection",
        ),
        ("POST /api/v1/movements/", "me_officer", "programme_manager", "data_protection", "partner"),
        ("POST /api/v1/movements/{id}/booking-status/", "me_officer", "programme_manager", "data_protection"),
        (
            "POST /api/v1/people/duplicate-check/",
            "me_officer",
            "programme_manager",
            "data_protection",
            "partner",
        ),
        ("POST /api/v1/referrals/", "me_officer", "programme_manager", "data_protection", "partner"),
        ("POST /api/v1/referrals/{id}/close/", "me_officer", "programme_manager", "data_protection"),
        (
            "POST /api/v1/referrals/{id}/complete/",
            "me_officer",
            "programme_manager",
            "data_protection",
            "regional_supervisor",
        ),
        (
            "POST /api/v1/referrals/{id}/decline/",
            "me_officer",
            "programme_manager",
            "data_protection",
            "regional_supervisor",
        ),
        ("POST /api/v1/referrals/{id}/updates/", "me_officer", "programme_manager", "data_protection"),
        (
            "POST /api/v1/reintegration-plans/",
            "me_officer",
            "programme_manager",
            "data_protection",
            "partner",
        ),
        (
            "POST /api/v1/reintegration-plans/{id}/deliver/",
            "me_officer",
            "programme_manager",
            "data_protection",
        ),
        (
            "POST /api/v1/reintegration-plans/{id}/items/",
            "me_officer",
            "programme_manager",
            "data_protection",
        ),
        (
            "POST /api/v1/reintegration-plans/{id}/summary/",
            "me_officer",
            "programme_manager",
            "data_protection",
        ),
        ("POST /api/v1/return-requests/", "me_officer", "programme_manager", "data_protection", "partner"),
        ("POST /api/v1/return-requests/{id}/book/", "me_officer", "programme_manager", "data_protection"),
        ("POST /api/v1/return-requests/{id}/decide/", "me_officer", "programme_manager", "data_protection"),
        (
            "POST /api/v1/return-requests/{id}/documents/",
            "me_officer",
            "programme_manager",
            "data_protection",
        ),
        ("POST /api/v1/return-requests/{id}/fitness/", "me_officer", "programme_manager", "data_protection"),
        ("POST /api/v1/return-requests/{id}/handover/", "me_officer", "programme_manager", "data_protection"),
        (
            "POST /api/v1/sustainability/surveys/",
            "me_officer",
            "programme_manager",
            "data_protection",
            "partner",
        ),
        (
            "POST /api/v1/sustainability/surveys/{id}/conduct/",
            "me_officer",
            "programme_manager",
            "data_protection",
        ),
        ("POST /api/v1/sustainability/surveys/{id}/rescore/", "programme_manager", "data_protection"),
        (
            "POST /api/v1/travel-documents/{id}/update_status/",
            "me_officer",
            "programme_manager",
            "data_protection",
        ),
        ("PUT /api/v1/actions/{id}/", "me_officer", "data_protection"),
        ("POST /api/v1/actions/{id}/notes/", "caseworker"),
        ("POST /api/v1/actions/{id}/status/", "caseworker"),
        ("POST /api/v1/case-closures/{id}/reopen/", "caseworker"),
        ("POST /api/v1/referrals/{id}/complete/", "caseworker", "supervisor", "administrator"),
        ("POST /api/v1/referrals/{id}/decline/", "caseworker", "supervisor", "administrator"),
        ("POST /api/v1/sustainability/surveys/{id}/rescore/", "caseworker"),
        ("PUT /api/v1/actions/{id}/", "caseworker"),
    ],
    "FORM_BEFORE_PERMISSION": [
        ("reintegration:closure-decide", "me_officer", "programme_manager", "data_protection"),
        ("reintegration:deliver", "me_officer", "programme_manager", "data_protection"),
        ("reintegration:item-add", "me_officer", "programme_manager", "data_protection"),
        ("reintegration:plan-decide", "me_officer", "programme_manager", "data_protection"),
        ("reintegration:plan-edit", "me_officer", "programme_manager", "data_protection"),
        ("reintegration:project-edit", "me_officer", "programme_manager", "data_protection"),
        ("reintegration:purchase-add", "me_officer", "programme_manager", "data_protection"),
        ("reintegration:reopen", "me_officer", "programme_manager", "data_protection"),
        ("returns:approve", "me_officer", "programme_manager", "data_protection"),
        ("returns:book", "me_officer", "programme_manager", "data_protection"),
        ("returns:decide", "me_officer", "programme_manager", "data_protection"),
        ("returns:document-add", "me_officer", "programme_manager", "data_protection"),
        ("returns:fitness-add", "me_officer", "programme_manager", "data_protection"),
        ("returns:handover-send", "me_officer", "programme_manager", "data_protection"),
        ("returns:withdraw", "me_officer", "programme_manager", "data_protection"),
        ("reintegration:closure-decide", "caseworker"),
        ("reintegration:plan-decide", "caseworker"),
        ("reintegration:reopen", "caseworker"),
        ("returns:approve", "caseworker"),
    ],
    "PARTNER_PAGES": [
        ("reintegration:projects", "partner"),
        ("reintegration:queues", "partner"),
        ("returns:movements", "partner"),
        ("returns:queues", "partner"),
    ],
    "REDIRECT_REFUSAL": [
        ("referrals:action", "me_officer", "programme_manager", "data_protection"),
        ("reintegration:item-remove", "me_officer", "programme_manager", "data_protection"),
        ("reintegration:participant-add", "me_officer", "programme_manager", "data_protection"),
        ("reintegration:plan-step", "me_officer", "programme_manager", "data_protection"),
        ("returns:booking-status", "me_officer", "programme_manager", "data_protection"),
        (
            "returns:handover",
            "caseworker",
            "supervisor",
            "me_officer",
            "programme_manager",
            "data_protection",
            "administrator",
            "regional_supervisor",
        ),
        ("returns:movement-action", "me_officer", "programme_manager", "data_protection"),
    ],
    "SHARE_APPROVES_CLOSURE": [
        ("POST /api/v1/case-closures/{id}/approve/", "supervisor", "administrator"),
    ],
    "SHARE_WITHDRAWS_CONSENT": [
        ("cases:consent-withdraw", "caseworker", "supervisor", "administrator"),
    ],
    "SHARE_WRITES": [
        ("POST /api/v1/case-closures/{id}/refuse/", "supervisor", "administrator"),
        ("POST /api/v1/case-closures/{id}/reopen/", "supervisor", "administrator"),
        ("POST /api/v1/cases/{number}/status/", "caseworker", "supervisor", "administrator"),
        ("POST /api/v1/return-requests/{id}/book/", "caseworker", "supervisor", "administrator"),
        ("POST /api/v1/return-requests/{id}/decide/", "caseworker", "supervisor", "administrator"),
        ("POST /api/v1/return-requests/{id}/documents/", "caseworker", "supervisor", "administrator"),
        ("POST /api/v1/return-requests/{id}/fitness/", "caseworker", "supervisor", "administrator"),
        ("POST /api/v1/return-requests/{id}/handover/", "caseworker", "supervisor", "administrator"),
        ("POST /api/v1/travel-documents/{id}/update_status/", "caseworker", "supervisor", "administrator"),
        ("cases:consent-add", "caseworker", "supervisor", "administrator"),
        ("cases:edit", "caseworker", "supervisor", "administrator"),
        ("cases:flag-add", "caseworker", "supervisor", "administrator"),
        ("cases:member-add", "caseworker", "supervisor", "administrator"),
        ("cases:person-edit", "caseworker", "supervisor", "administrator"),
        ("cases:profile-edit", "caseworker", "supervisor", "administrator"),
        ("referrals:action", "caseworker", "supervisor", "administrator"),
        ("reintegration:closure-decide", "supervisor", "administrator"),
        ("reintegration:closure-new", "caseworker", "supervisor", "administrator"),
        ("reintegration:reopen", "supervisor", "administrator"),
        ("returns:approve", "supervisor", "administrator"),
        ("returns:book", "caseworker", "supervisor", "administrator"),
        ("returns:decide", "caseworker", "supervisor", "administrator"),
        ("returns:document-add", "caseworker", "supervisor", "administrator"),
        ("returns:fitness-add", "caseworker", "supervisor", "administrator"),
        ("returns:handover-send", "caseworker", "supervisor", "administrator"),
        ("returns:request-new", "caseworker", "supervisor", "administrator"),
        ("returns:withdraw", "caseworker", "supervisor", "administrator"),
    ],
}


def _xfail() -> dict:
    found = {}
    for names, entries in FLAWS.items():
        reason = "; ".join(globals()[name] for name in names.split("+"))
        for key, *roles in entries:
            for role in roles:
                found[(key, role)] = "; ".join(filter(None, (found.get((key, role)), reason)))
    return found


#: (entry, role) -> the flaw it shows.
XFAIL: dict[tuple[str, str], str] = _xfail()
