"""Creating spaces, joining them, admission by a moderator, suspension by admins."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.refusals import Refusal
from marketplace.models import ExpertSkill, Member, PublicationStatus

from ..checks import (
    check_charter,
    check_description,
    check_note,
    check_reason,
    check_space_name,
)
from ..models import Membership, ModerationAction, Space

CONFIRM_WITHIN = dt.timedelta(days=30)


def qualifies(*, space: Space, member: Member) -> bool:
    """Their published profile shows the profession at the level the space sets."""
    if not member.is_expert:
        return False
    return ExpertSkill.objects.filter(
        profile__member=member,
        profile__status=PublicationStatus.PUBLISHED,
        skill__category=space.family,
        level__gte=space.min_level,
    ).exists()


@transaction.atomic
def space_create(
    *,
    name: str,
    family: str,
    moderators: list[Member],
    min_level: int = ExpertSkill.Level.PRACTITIONER,
    description: str = "",
    charter: str = "",
    now: dt.datetime | None = None,
) -> Space:
    """A space with its appointed moderators, to be confirmed by vote within a month.

    One space per profession (the `space_one_per_profession` constraint): of
    two creations racing for the same profession, one wins and the other is
    refused; nothing of the loser is stored.
    """
    now = now or timezone.now()
    name = check_space_name(name)
    description = check_description(description)
    charter = check_charter(charter)
    if min_level not in ExpertSkill.Level.values:
        raise Refusal(
            _("Choose the level required to join."), code="malformed", status=400
        )
    if not isinstance(family, str) or not family.strip():
        raise Refusal(_("Choose a profession."), code="empty", status=400)
    if not moderators or any(not moderator.is_expert for moderator in moderators):
        raise Refusal(_("A space needs at least one expert moderator."), status=400)
    if len({moderator.pk for moderator in moderators}) != len(moderators):
        raise Refusal(_("The same person is named twice as moderator."), status=400)
    try:
        with transaction.atomic():
            space = Space.objects.create(
                name=name, family=family, min_level=min_level,
                description=description, charter=charter,
            )  # fmt: skip
    except IntegrityError:
        raise Refusal(
            _("This profession already has its space: ask to join it instead."),
            code="profession_taken",
        ) from None
    for moderator in moderators:
        Membership.objects.create(
            space=space,
            member=moderator,
            status=Membership.Status.ACTIVE,
            role=Membership.Role.MODERATOR,
            via=Membership.Via.APPOINTMENT,
            confirm_by=(now + CONFIRM_WITHIN).date(),
        )
    return space


def _locked(space: Space, member: Member) -> Membership | None:
    return (
        Membership.objects.select_for_update()
        .filter(space=space, member=member)
        .first()
    )


@transaction.atomic
def space_join(*, space: Space, member: Member) -> Membership:
    """Join a space the member's published profile qualifies them for."""
    if space.is_suspended:
        raise Refusal(_("This space is suspended."))
    membership = _locked(space, member)
    if membership is not None and membership.is_active:
        return membership
    if membership is not None and membership.status == Membership.Status.REMOVED:
        raise Refusal(_("You were removed from this space; you may appeal."))
    if not qualifies(space=space, member=member):
        raise Refusal(
            _(
                "Your published profile does not show this profession at the level "
                "the space asks for; ask the moderators to admit you."
            ),
            code="not_qualified",
        )
    if membership is None:
        membership = Membership(space=space, member=member)
    membership.status = Membership.Status.ACTIVE
    membership.via = Membership.Via.PROFILE
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:  # a concurrent join of the same member won: the same row
        return Membership.objects.get(space=space, member=member)
    return membership


@transaction.atomic
def admission_request(*, space: Space, member: Member, note: str) -> Membership:
    """Ask the moderators to be admitted after review (note: about one's practice)."""
    note = check_note(note)
    if not member.is_expert:
        raise PermissionDenied
    if space.is_suspended:
        raise Refusal(_("This space is suspended."))
    membership = _locked(space, member)
    if membership is not None and membership.status in (
        Membership.Status.ACTIVE,
        Membership.Status.REMOVED,
        Membership.Status.PENDING,
    ):
        raise Refusal(_("You already asked, or are already in this space."))
    if membership is None:
        membership = Membership(space=space, member=member)
    membership.status = Membership.Status.PENDING
    membership.via = Membership.Via.ADMISSION
    membership.request_note = note
    membership.reason = ""
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        raise Refusal(_("You already asked, or are already in this space.")) from None
    return membership


@transaction.atomic
def admission_decide(
    *, moderator: Membership, membership: Membership, admit: bool, reason: str = ""
) -> Membership:
    if not moderator.is_moderator or moderator.space_id != membership.space_id:
        raise PermissionDenied
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.PENDING:
        raise Refusal(_("This request was already decided."))
    if admit:
        reason = check_note(reason)
        membership.status = Membership.Status.ACTIVE
    else:
        reason = check_reason(reason)
        membership.status = Membership.Status.REFUSED
    membership.reason = reason
    membership.save(update_fields=["status", "reason", "updated_at"])
    ModerationAction.objects.create(
        space_id=membership.space_id,
        kind=ModerationAction.Kind.ADMIT if admit else ModerationAction.Kind.REFUSE,
        actor=moderator.member,
        target=membership.member,
        reason=reason,
    )
    return membership


@transaction.atomic
def space_suspend(*, space: Space, by, reason: str) -> Space:
    """A platform admin stops a space (read-only for its members); they read nothing."""
    if not getattr(by, "is_superuser", False):
        raise PermissionDenied
    reason = check_reason(reason)
    space = Space.objects.select_for_update().get(pk=space.pk)
    space.suspended_at = timezone.now()
    space.suspended_reason = reason
    space.save(update_fields=["suspended_at", "suspended_reason", "updated_at"])
    ModerationAction.objects.create(
        space=space, kind=ModerationAction.Kind.SUSPEND, reason=reason
    )
    return space


@transaction.atomic
def space_resume(*, space: Space, by) -> Space:
    if not getattr(by, "is_superuser", False):
        raise PermissionDenied
    space = Space.objects.select_for_update().get(pk=space.pk)
    space.suspended_at = None
    space.suspended_reason = ""
    space.save(update_fields=["suspended_at", "suspended_reason", "updated_at"])
    ModerationAction.objects.create(space=space, kind=ModerationAction.Kind.RESUME)
    return space
