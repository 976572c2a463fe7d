"""Rules of referrals: consent enforcement on the data shared, the life cycle, due dates and
overdue, off-system follow-up, notification."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sankofa.cases.models import Consent, TimelineEvent
from sankofa.cases.services import FlagInput, consent_withdraw, flag_add
from sankofa.referrals import selectors, services
from sankofa.referrals.models import Referral, ReferralEvent, ShareField

from .conftest import BASIC, consent, refer

pytestmark = pytest.mark.django_db
S = Referral.Status


# --- consent enforcement --------------------------------------------------------------------


def test_referral_refused_without_consent_to_share_with_that_provider(case_a, provider, caseworker_a):
    with pytest.raises(ValidationError, match="has not consented"):
        refer(case_a, provider, actor=caseworker_a)
    assert not Referral.objects.exists()


def test_consent_to_another_organisation_does_not_cover_this_provider(
    case_a, provider, other_provider, caseworker_a
):
    consent(case_a, other_provider, actor=caseworker_a)
    with pytest.raises(ValidationError, match="has not consented"):
        refer(case_a, provider, actor=caseworker_a)


def test_field_outside_the_consent_scope_is_refused(case_a, provider, caseworker_a):
    consent(case_a, provider, [ShareField.NAME], actor=caseworker_a)
    with pytest.raises(ValidationError, match="Phone number"):
        refer(case_a, provider, actor=caseworker_a, fields=[ShareField.NAME, ShareField.PHONE])
    assert refer(case_a, provider, actor=caseworker_a, fields=[ShareField.NAME]).status == S.SENT


def test_every_person_referred_must_have_consented(case_a, provider, caseworker_a):
    consent(case_a, provider, actor=caseworker_a)  # the principal only
    son = case_a.members.exclude(person=case_a.principal).get().person
    with pytest.raises(ValidationError, match="Mamadou"):
        refer(case_a, provider, actor=caseworker_a, people=[case_a.principal, son])


def test_share_partner_consent_without_scope_covers_no_field(case_a, provider, caseworker_a):
    from sankofa.cases.services import ConsentInput, consent_record

    consent_record(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        consent=ConsentInput(
            0, Consent.Purpose.SHARE_PARTNER, True, timezone.localdate(), provider.organisation
        ),
    )
    with pytest.raises(ValidationError, match="Name"):
        refer(case_a, provider, actor=caseworker_a, fields=[ShareField.NAME])


def test_withdrawn_consent_blocks_sending_a_draft(case_a, provider, caseworker_a):
    given = consent(case_a, provider, actor=caseworker_a)
    draft = refer(case_a, provider, actor=caseworker_a, send=False)
    consent_withdraw(actor=caseworker_a, case=case_a, consent=given)
    with pytest.raises(ValidationError, match="has not consented"):
        services.referral_send(actor=caseworker_a, referral=draft)
    draft.refresh_from_db()
    assert draft.status == S.DRAFT and draft.snapshot == ""


def test_sensitive_details_need_the_referrers_sensitive_permission(
    case_a, provider, caseworker_a, sensitive_caseworker_a
):
    consent(case_a, provider, [*BASIC, ShareField.SENSITIVE], actor=caseworker_a)
    with pytest.raises(ValidationError, match="sensitive-data permission"):
        refer(case_a, provider, actor=caseworker_a, fields=[ShareField.NAME, ShareField.SENSITIVE])
    referral = refer(
        case_a, provider, actor=sensitive_caseworker_a, fields=[ShareField.NAME, ShareField.SENSITIVE]
    )
    assert referral.status == S.SENT


def test_snapshot_holds_only_the_consented_fields_and_is_frozen_at_sending(
    case_a, provider, caseworker_a, supervisor_a
):
    flag_add(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        flag=FlagInput(0, "vot_presumed", timezone.localdate(), "Recruited in Bamako"),
    )
    flag_add(
        actor=caseworker_a,
        case=case_a,
        person=case_a.principal,
        flag=FlagInput(0, "disability", timezone.localdate()),
    )
    consent(case_a, provider, [ShareField.NAME, ShareField.VULNERABILITIES], actor=caseworker_a)
    referral = refer(
        case_a, provider, actor=supervisor_a, fields=[ShareField.NAME, ShareField.VULNERABILITIES]
    )
    person = referral.shared_data["people"][0]
    assert person == {
        "name": "Aïssatou DIALLO",
        "vulnerabilities": ["disability"],
    }  # no sensitive flag, no sex
    case_a.principal.given_name = "Changed"
    case_a.principal.save()
    referral.refresh_from_db()
    assert referral.shared_data["people"][0]["name"] == "Aïssatou DIALLO"
    assert list(referral.consents.values_list("purpose", flat=True)) == [Consent.Purpose.SHARE_PARTNER]


def test_only_case_members_can_be_referred(case_a, case_b, provider, caseworker_a):
    consent(case_a, provider, actor=caseworker_a)
    with pytest.raises(ValidationError, match="Only members"):
        refer(case_a, provider, actor=caseworker_a, people=[case_b.principal])


def test_caseworker_of_another_office_cannot_refer(case_a, provider, caseworker_a, caseworker_b):
    consent(case_a, provider, actor=caseworker_a)
    with pytest.raises(PermissionDenied):
        refer(case_a, provider, actor=caseworker_b)


def test_provider_not_accepting_referrals_is_refused(case_a, provider, caseworker_a):
    consent(case_a, provider, actor=caseworker_a)
    provider.accepts_referrals = False
    provider.save()
    with pytest.raises(ValidationError, match="does not accept"):
        refer(case_a, provider, actor=caseworker_a)


# --- life cycle -----------------------------------------------------------------------------


def test_full_life_cycle_by_the_provider(sent_referral, provider_user, caseworker_a):
    r = services.referral_acknowledge(actor=provider_user, referral=sent_referral)
    r = services.referral_accept(actor=provider_user, referral=r)
    r = services.referral_start(actor=provider_user, referral=r)
    services.referral_note(actor=provider_user, referral=r, note="First session held.")
    r = services.referral_complete(actor=provider_user, referral=r, outcome="Housed for two weeks.")
    assert r.status == S.COMPLETED and r.outcome == "Housed for two weeks."
    assert r.acknowledged_at and r.answered_at and r.started_at and r.finished_at
    statuses = list(ReferralEvent.objects.filter(referral=r).values_list("status", flat=True))
    assert statuses == [
        "draft",
        "sent",
        "acknowledged",
        "accepted",
        "in_progress",
        "in_progress",
        "completed",
    ]
    kinds = list(
        TimelineEvent.objects.filter(case=r.case, kind__startswith="referral.").values_list("kind", flat=True)
    )
    assert kinds.count("referral.status") == 5  # sent, acknowledged, accepted, in progress, completed


def test_illegal_transition_is_refused_with_a_clear_message(sent_referral, provider_user):
    with pytest.raises(ValidationError, match="cannot go from “Sent” to “Accepted”"):
        services.referral_accept(actor=provider_user, referral=sent_referral)
    r = services.referral_acknowledge(actor=provider_user, referral=sent_referral)
    r = services.referral_decline(actor=provider_user, referral=r, reason="capacity")
    with pytest.raises(ValidationError, match="cannot go from “Declined”"):
        services.referral_start(actor=provider_user, referral=r)


def test_decline_needs_a_reason(sent_referral, provider_user):
    r = services.referral_acknowledge(actor=provider_user, referral=sent_referral)
    with pytest.raises(ValidationError):
        services.referral_decline(actor=provider_user, referral=r, reason="")
    with pytest.raises(ValidationError, match="Explain"):
        services.referral_decline(actor=provider_user, referral=r, reason="other", note=" ")
    r = services.referral_decline(actor=provider_user, referral=r, reason="eligibility")
    assert r.status == S.DECLINED and r.decline_reason == "eligibility"


def test_completion_needs_an_outcome(sent_referral, provider_user):
    r = services.referral_acknowledge(actor=provider_user, referral=sent_referral)
    r = services.referral_accept(actor=provider_user, referral=r)
    with pytest.raises(ValidationError, match="outcome"):
        services.referral_complete(actor=provider_user, referral=r, outcome="")


def test_sender_revokes_but_the_provider_cannot(sent_referral, provider_user, caseworker_a):
    with pytest.raises(PermissionDenied):
        services.referral_revoke(actor=provider_user, referral=sent_referral)
    r = services.referral_revoke(actor=caseworker_a, referral=sent_referral, note="Person left")
    assert r.status == S.REVOKED
    with pytest.raises(ValidationError):
        services.referral_acknowledge(actor=provider_user, referral=r)


def test_partner_of_another_organisation_cannot_answer(sent_referral, other_partner):
    with pytest.raises(PermissionDenied):
        services.referral_acknowledge(actor=other_partner, referral=sent_referral)


def test_referrer_cannot_answer_for_an_on_system_provider(sent_referral, caseworker_a):
    assert not sent_referral.off_system
    with pytest.raises(PermissionDenied):
        services.referral_acknowledge(actor=caseworker_a, referral=sent_referral)


def test_off_system_referral_is_followed_up_by_the_caseworker(case_a, ministry, caseworker_a, caseworker_b):
    consent(case_a, ministry, actor=caseworker_a)
    r = refer(case_a, ministry, actor=caseworker_a)
    assert r.off_system
    with pytest.raises(PermissionDenied):
        services.referral_acknowledge(actor=caseworker_b, referral=r)
    r = services.referral_acknowledge(actor=caseworker_a, referral=r, note="Called the ministry")
    r = services.referral_accept(actor=caseworker_a, referral=r)
    r = services.referral_complete(actor=caseworker_a, referral=r, outcome="Birth certificate issued")
    assert r.status == S.COMPLETED


def test_draft_is_invisible_to_the_provider(case_a, provider, provider_user, caseworker_a):
    consent(case_a, provider, actor=caseworker_a)
    draft = refer(case_a, provider, actor=caseworker_a, send=False)
    assert not selectors.portal_referrals(provider_user).filter(pk=draft.pk).exists()
    with pytest.raises(PermissionDenied):
        services.referral_acknowledge(actor=provider_user, referral=draft)


# --- due dates and overdue ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("priority", "delay"),
    [
        ("emergency", datetime.timedelta(hours=24)),
        ("urgent", datetime.timedelta(hours=72)),
        ("normal", datetime.timedelta(days=14)),
    ],
)
def test_due_date_follows_priority(case_a, provider, provider_user, caseworker_a, priority, delay):
    consent(case_a, provider, actor=caseworker_a)
    r = refer(case_a, provider, actor=caseworker_a, priority=priority)
    assert r.due_at - r.sent_at == delay


def test_overdue_means_unanswered_after_the_due_date(
    case_a, provider, provider_user, caseworker_a, caseworker_b
):
    consent(case_a, provider, actor=caseworker_a)
    late = refer(case_a, provider, actor=caseworker_a, priority="emergency")
    answered = refer(case_a, provider, actor=caseworker_a, priority="emergency")
    services.referral_accept(
        actor=provider_user, referral=services.referral_acknowledge(actor=provider_user, referral=answered)
    )
    fresh = refer(case_a, provider, actor=caseworker_a, priority="normal")
    later = timezone.now() + datetime.timedelta(hours=25)
    late.refresh_from_db()
    assert late.is_overdue(later) and not late.is_overdue(timezone.now())
    overdue = selectors.overdue_by_office_and_provider(actor=caseworker_a, now=later)
    assert [r.pk for r in overdue["referrals"]] == [late.pk]
    assert overdue["per_office"][0]["office_id"] == case_a.owning_office_id
    assert overdue["per_provider"][0]["provider_id"] == provider.pk
    assert fresh.pk not in [r.pk for r in overdue["referrals"]]
    assert (
        overdue["per_office"][0]["n"] == 1 and overdue["per_provider"][0]["n"] == 1 and overdue["total"] == 1
    )
    assert selectors.overdue_by_office_and_provider(actor=caseworker_b, now=later)["referrals"] == []


# --- notification ------------------------------------------------------------------------------


def test_sending_emails_focal_points_and_partner_users_without_personal_data(
    case_a, provider, provider_user, caseworker_a, mailoutbox
):
    consent(case_a, provider, actor=caseworker_a)
    r = refer(case_a, provider, actor=caseworker_a, send=False)
    assert mailoutbox == []
    services.referral_send(actor=caseworker_a, referral=r)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert set(message.to) == {"aminata@croissant.example", provider_user.email}
    assert r.reference in message.subject
    assert "Diallo" not in message.body and "DIALLO" not in message.body
    assert f"/referrals/portal/{r.pk}/" in message.body


def test_consent_to_share_is_on_the_case_timeline(case_a, provider, caseworker_a):
    consent(case_a, provider, [ShareField.NAME, ShareField.PHONE], actor=caseworker_a)
    event = TimelineEvent.objects.get(case=case_a, kind="referral.consent")
    assert event.data["fields"] == "Name, Phone number"


def test_off_system_provider_gets_no_email(case_a, ministry, caseworker_a, mailoutbox):
    from sankofa.referrals.models import FocalPoint

    FocalPoint.objects.create(provider=ministry, name="Desk", email="desk@ministere.example")
    consent(case_a, ministry, actor=caseworker_a)
    assert refer(case_a, ministry, actor=caseworker_a).off_system
    assert mailoutbox == []


def test_stale_copy_cannot_repeat_a_transition(sent_referral, provider_user):
    stale = Referral.objects.get(pk=sent_referral.pk)
    services.referral_acknowledge(actor=provider_user, referral=sent_referral)
    with pytest.raises(ValidationError, match="cannot go from “Acknowledged” to “Acknowledged”"):
        services.referral_acknowledge(
            actor=provider_user, referral=stale
        )  # re-read under lock, not overwritten
    assert ReferralEvent.objects.filter(referral=sent_referral, status=S.ACKNOWLEDGED).count() == 1
