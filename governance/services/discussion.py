"""Deliberation: co-sponsors and comments on a motion."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.refusals import Refusal
from marketplace.models import Member
from marketplace.services import audit_record

from ..models import Comment, Motion, Sponsorship
from .transitions import check_voter, motion_select_for_update


@transaction.atomic
def motion_sponsor(*, motion: Motion, member: Member) -> Sponsorship:
    check_voter(member)
    locked = motion_select_for_update(motion)
    if locked.state != Motion.State.DELIBERATION:
        raise Refusal(_("A motion is co-sponsored during its deliberation."))
    if locked.author_id == member.pk:
        raise Refusal(_("The author cannot co-sponsor their own motion."))
    try:
        with transaction.atomic():
            sponsorship = Sponsorship.objects.create(motion=locked, member=member)
    except IntegrityError:
        raise Refusal(_("You already co-sponsor this motion.")) from None
    audit_record(actor=member.user, action="motion.sponsored", target=locked)
    return sponsorship


@transaction.atomic
def motion_comment(*, motion: Motion, member: Member, body: str) -> Comment:
    check_voter(member)
    if motion.state not in {
        Motion.State.DRAFT,
        Motion.State.DELIBERATION,
        Motion.State.VOTING,
    }:
        raise Refusal(_("The discussion of this motion is closed."))
    comment = Comment(motion=motion, author=member, body=body.strip())
    comment.full_clean()
    comment.save()
    return comment
