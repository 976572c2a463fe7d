"""Who may do what with providers, pathways and referrals (django-rules). Referrers act through the
case (its office scoping); providers act through their organisation's partner memberships."""

import rules

from sankofa.access.models import Membership, Role
from sankofa.access.roles import CASE_READERS, CASE_WRITERS
from sankofa.access.selectors import office_ids_of


def partner_organisation_ids(user) -> set[int]:
    """Organisations in whose offices the user is an active partner user."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        Membership.objects.filter(user_id=user.pk, role=Role.PARTNER, is_active=True).values_list(
            "office__organisation_id", flat=True
        )
    )


@rules.predicate
def is_staff_reader(user) -> bool:
    """Reads the directory, pathways, overdue lists and insight: any case-reading role."""
    return bool(office_ids_of(user, roles=CASE_READERS))


@rules.predicate
def is_portal_only(user) -> bool:
    """A partner user with no other role: sees only the partner portal."""
    return bool(partner_organisation_ids(user)) and not office_ids_of(user, roles=CASE_READERS)


@rules.predicate
def is_partner(user) -> bool:
    return bool(partner_organisation_ids(user))


@rules.predicate
def can_manage_providers(user) -> bool:
    return user.is_superuser or bool(office_ids_of(user, roles={Role.ADMINISTRATOR}))


@rules.predicate
def can_read_referral(user, referral) -> bool:
    return referral is not None and rules.has_perm("cases.view_case", user, referral.case)


@rules.predicate
def can_write_referral(user, referral) -> bool:
    """The referring office sends, revokes and follows up its referrals (an office seeing the
    case through a share does not act on the owner's ones)."""
    return (
        referral is not None
        and rules.has_perm("cases.work_on_case", user, referral.case)
        and referral.office_id in office_ids_of(user, roles=CASE_WRITERS)
    )


@rules.predicate
def is_provider_of(user, referral) -> bool:
    """A partner user of the organisation the (sent) referral is addressed to."""
    return (
        referral is not None
        and referral.status != "draft"
        and referral.provider.organisation_id in partner_organisation_ids(user)
    )


@rules.predicate
def follows_up_off_system(user, referral) -> bool:
    """For a provider without users, the referring caseworker records its answers."""
    return referral is not None and referral.off_system and can_write_referral(user, referral)


rules.add_perm("referrals.view_directory", is_staff_reader)
# A state of the user, not a permission: a rule, which superusers do not pass by default.
rules.add_rule("referrals.portal_only", is_portal_only)
rules.add_perm("referrals.use_portal", is_partner)
rules.add_perm("referrals.manage_providers", can_manage_providers)
rules.add_perm("referrals.view_referral", can_read_referral)
rules.add_perm("referrals.change_referral", can_write_referral)
rules.add_perm("referrals.answer_referral", is_provider_of | follows_up_off_system)
