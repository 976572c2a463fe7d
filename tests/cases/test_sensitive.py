"""Sensitive data (trafficking, violence, health) needs Membership.sensitive_access on top of the role,
even inside the owning office; without it, every read masks it: flags, timeline, filters and the API."""

import datetime

import pytest

from sankofa.access.models import Role
from sankofa.cases import services
from sankofa.cases.models import CaseAccess, VulnerabilityFlag
from sankofa.cases.selectors import CaseFilters, case_file_open, case_flags, case_list, case_timeline
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 10)
TRAFFICKING_NOTE = "Held in a connection house in Agadez for three weeks"
DISABILITY_NOTE = "Uses a wheelchair"


@pytest.fixture
def flagged_case(case_a, caseworker_a):
    """case_a with one sensitive flag (presumed trafficking) and one ordinary flag (disability)."""
    child = case_a.members.get(relationship="child").person
    services.flag_add(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        flag=services.FlagInput(0, VulnerabilityFlag.Kind.VOT_PRESUMED, DAY, notes=TRAFFICKING_NOTE),
    )
    services.flag_add(
        actor=caseworker_a,
        case=case_a,
        person=child,
        flag=services.FlagInput(0, VulnerabilityFlag.Kind.DISABILITY, DAY, notes=DISABILITY_NOTE),
    )
    return case_a


def by_sensitivity(views):
    return {v.sensitive: v for v in views}


def test_without_sensitive_access_sensitive_flags_are_masked(flagged_case, caseworker_a):
    views = by_sensitivity(case_flags(actor=caseworker_a, case=flagged_case))
    masked = views[True]
    assert masked.masked is True
    assert masked.label == "Sensitive vulnerability (restricted)"
    assert masked.notes == ""
    assert masked.identified_on is None
    plain = views[False]
    assert plain.masked is False
    assert plain.label == "Disability"
    assert plain.notes == DISABILITY_NOTE


def test_with_sensitive_access_sensitive_notes_are_visible(flagged_case, sensitive_caseworker_a):
    views = by_sensitivity(case_flags(actor=sensitive_caseworker_a, case=flagged_case))
    assert views[True].masked is False
    assert views[True].label == "Presumed victim of trafficking"
    assert views[True].notes == TRAFFICKING_NOTE
    assert views[True].identified_on == DAY


def test_role_alone_does_not_open_sensitive_data(flagged_case, office_a):
    supervisor_without_access = factories.user_in(office_a, Role.SUPERVISOR, username="sup_plain")
    assert by_sensitivity(case_flags(actor=supervisor_without_access, case=flagged_case))[True].masked


def test_sensitive_access_in_another_office_does_not_open_this_case(flagged_case, office_a, office_b):
    user = factories.user_in(office_a, Role.CASEWORKER, username="two_hats")
    factories.MembershipFactory(user=user, office=office_b, role=Role.CASEWORKER, sensitive_access=True)
    assert by_sensitivity(case_flags(actor=user, case=flagged_case))[True].masked


def test_sensitive_access_on_a_partner_membership_does_not_count(flagged_case, office_a):
    user = factories.user_in(office_a, Role.ME_OFFICER, username="me_and_partner")
    factories.MembershipFactory(user=user, office=office_a, role=Role.PARTNER, sensitive_access=True)
    assert by_sensitivity(case_flags(actor=user, case=flagged_case))[True].masked


def test_timeline_masks_sensitive_events(flagged_case, caseworker_a, sensitive_caseworker_a):
    hidden = [e for e in case_timeline(actor=caseworker_a, case=flagged_case) if e.sensitive]
    assert len(hidden) == 1
    assert hidden[0].masked and hidden[0].data == {} and hidden[0].note == ""
    shown = [e for e in case_timeline(actor=sensitive_caseworker_a, case=flagged_case) if e.sensitive]
    assert shown[0].masked is False
    assert shown[0].data["flag"] == "Presumed victim of trafficking"
    ordinary = [e for e in case_timeline(actor=caseworker_a, case=flagged_case) if e.kind == "flag.added"]
    assert {e.data.get("flag") for e in ordinary} == {None, "Disability"}


def test_filtering_by_a_sensitive_flag_finds_nothing_without_sensitive_access(
    flagged_case, caseworker_a, sensitive_caseworker_a, regional_manager
):
    trafficking = CaseFilters(flag=VulnerabilityFlag.Kind.VOT_PRESUMED)
    assert not case_list(actor=caseworker_a, filters=trafficking).exists()
    assert not case_list(actor=regional_manager, filters=trafficking).exists()
    assert list(case_list(actor=sensitive_caseworker_a, filters=trafficking)) == [flagged_case]
    disability = CaseFilters(flag=VulnerabilityFlag.Kind.DISABILITY)
    assert list(case_list(actor=caseworker_a, filters=disability)) == [flagged_case]


def test_shared_office_with_sensitive_access_can_filter_by_sensitive_flag(
    flagged_case, supervisor_a, origin_office
):
    services.case_share(actor=supervisor_a, case=flagged_case, office=origin_office, reason="handover")
    # A shared office sees only members who consented to sharing with it (members_visible_to).
    services.consent_record(
        actor=supervisor_a,
        case=flagged_case,
        person=flagged_case.principal,
        consent=services.ConsentInput(0, "share_origin", True, DAY),
    )
    origin_sensitive = factories.user_in(origin_office, Role.CASEWORKER, sensitive=True, username="origin_s")
    trafficking = CaseFilters(flag=VulnerabilityFlag.Kind.VOT_PRESUMED)
    assert list(case_list(actor=origin_sensitive, filters=trafficking)) == [flagged_case]
    assert not by_sensitivity(case_flags(actor=origin_sensitive, case=flagged_case))[True].masked


def test_api_masks_sensitive_flags(flagged_case, caseworker_a, sensitive_caseworker_a, api_client):
    api_client.force_authenticate(caseworker_a)
    body = api_client.get(f"/api/v1/cases/{flagged_case.number}/").json()
    assert TRAFFICKING_NOTE not in str(body)
    assert "trafficking" not in str(body).lower()
    flags = {f["masked"]: f for f in body["flags"]}
    assert flags[True]["label"] == "Sensitive vulnerability (restricted)"
    assert flags[True]["notes"] == "" and flags[True]["identified_on"] is None
    assert flags[False]["notes"] == DISABILITY_NOTE

    listing = api_client.get("/api/v1/cases/", {"flag": "vot_presumed"}).json()
    assert listing["results"] == []

    api_client.force_authenticate(sensitive_caseworker_a)
    body = api_client.get(f"/api/v1/cases/{flagged_case.number}/").json()
    assert {f["notes"] for f in body["flags"]} == {TRAFFICKING_NOTE, DISABILITY_NOTE}


def test_case_access_log_says_whether_sensitive_data_was_shown(
    flagged_case, caseworker_a, sensitive_caseworker_a
):
    case_file_open(actor=caseworker_a, number=flagged_case.number)
    case_file_open(actor=sensitive_caseworker_a, number=flagged_case.number)
    shown = dict(CaseAccess.objects.values_list("user__username", "sensitive_shown"))
    assert shown == {"cw_a": False, "cw_a_sensitive": True}
