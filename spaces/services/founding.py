"""Opening a space: a practising expert proposes one, or a platform admin opens one.

A proposal names its author as moderator, with up to two other practitioners
of the profession; a platform admin names one to three practitioners (and
reads nothing inside afterwards). Either way the moderators are appointed and
the members confirm them by secret vote within a month
(`services.confirmation`). One space per profession: the database keeps one
when two proposals race (`space_one_per_profession`).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils.translation import gettext as _

from billing.access import membership_refusal
from core.refusals import Refusal
from marketplace.models import ExpertSkill, Member, PublicationStatus

from ..models import Space
from ..professions import taxonomy_professions
from .membership import space_create

MAX_OTHER_MODERATORS = 2
MAX_MODERATORS = 1 + MAX_OTHER_MODERATORS


def free_professions() -> list[str]:
    """The taxonomy's professions that have no space yet (suspended ones count)."""
    taken = set(Space.objects.values_list("family", flat=True))
    return [family for family in taxonomy_professions() if family not in taken]


def practised_levels(member_ids, families) -> dict[tuple, int]:
    """{(member id, family): highest level} their published profile shows (one query)."""
    rows = (
        ExpertSkill.objects.filter(
            profile__member_id__in=list(member_ids),
            profile__member__community=Member.Community.EXPERT,
            profile__status=PublicationStatus.PUBLISHED,
            skill__category__in=list(families),
        )
        .values("profile__member_id", "skill__category")
        .annotate(level=Max("level"))
    )
    return {
        (row["profile__member_id"], row["skill__category"]): row["level"]
        for row in rows
    }


def practitioners_of(families) -> dict[str, dict]:
    """{family: {member id: highest level}}: who practises each profession (one query)."""
    rows = (
        ExpertSkill.objects.filter(
            profile__member__community=Member.Community.EXPERT,
            profile__status=PublicationStatus.PUBLISHED,
            skill__category__in=list(families),
        )
        .values("profile__member_id", "skill__category")
        .annotate(level=Max("level"))
    )
    found: dict[str, dict] = {family: {} for family in families}
    for row in rows:
        found[row["skill__category"]][row["profile__member_id"]] = row["level"]
    return found


def proposable(member: Member | None) -> dict[str, int]:
    """{family: highest level} of the professions without a space `member` practises."""
    if member is None or not member.is_expert:
        return {}
    free = free_professions()
    levels = practised_levels([member.pk], free)
    return {
        family: levels[(member.pk, family)]
        for family in free
        if (member.pk, family) in levels
    }


def _check_family(family) -> str:
    if not isinstance(family, str) or not family.strip():
        raise Refusal(_("Choose a profession."), code="empty", status=400)
    if family not in taxonomy_professions():
        raise Refusal(
            _("This profession is not in the skill taxonomy."),
            code="malformed",
            status=400,
        )
    if Space.objects.filter(family=family).exists():
        raise Refusal(
            _("This profession already has its space: ask to join it instead."),
            code="profession_taken",
        )
    return family


def _check_level(level) -> int:
    if level not in ExpertSkill.Level.values:
        raise Refusal(
            _("Choose the level required to join."), code="malformed", status=400
        )
    return level


def _check_practitioners(people: Sequence[Member], *, family: str, level: int):
    levels = practised_levels([person.pk for person in people], [family])
    for person in people:
        if levels.get((person.pk, family), 0) < level:
            raise Refusal(
                _(
                    "Every moderator must practise the profession: the published "
                    "profile of one of the people you named does not show it at "
                    "the level required to join."
                ),
                code="not_practitioner",
                status=400,
            )


def space_propose(
    *,
    member: Member | None,
    family: str,
    name: str,
    min_level: int,
    description: str = "",
    charter: str = "",
    other_moderators: Sequence[Member] = (),
) -> Space:
    """A practising expert opens the space of their profession, as its moderator.

    They need an active membership and a published profile showing the
    profession at the level the space will require; the others they name must
    practise it at that level too.
    """
    if member is None or not member.is_expert:
        raise PermissionDenied
    reason = membership_refusal(member)
    if reason is not None:
        raise Refusal(reason, code="membership_required", status=403)
    family = _check_family(family)
    min_level = _check_level(min_level)
    others = list(other_moderators)
    if len(others) > MAX_OTHER_MODERATORS:
        raise Refusal(
            _("Name at most two other moderators."), code="too_many", status=400
        )
    if any(other.pk == member.pk for other in others):
        raise Refusal(
            _("You are a moderator already: name other people, or nobody."),
            code="duplicate",
            status=400,
        )
    if practised_levels([member.pk], [family]).get((member.pk, family), 0) < min_level:
        raise Refusal(
            _(
                "Your published profile does not show this profession at the level "
                "you chose: choose a lower level, or update your profile first."
            ),
            code="not_qualified",
            status=400,
        )
    _check_practitioners(others, family=family, level=min_level)
    return space_create(
        name=name,
        family=family,
        moderators=[member, *others],
        min_level=min_level,
        description=description,
        charter=charter,
    )


def space_open(
    *,
    by,
    family: str,
    name: str,
    min_level: int,
    moderators: Sequence[Member],
    description: str = "",
    charter: str = "",
) -> Space:
    """A platform admin opens a space and appoints practitioners as its moderators.

    The admin does not join it: they go on seeing only its name and size.
    """
    if not getattr(by, "is_superuser", False):
        raise PermissionDenied
    family = _check_family(family)
    min_level = _check_level(min_level)
    moderators = list(moderators)
    if not moderators:
        raise Refusal(
            _("Appoint at least one moderator who practises the profession."),
            code="empty",
            status=400,
        )
    if len(moderators) > MAX_MODERATORS:
        raise Refusal(
            _("Appoint at most three moderators."), code="too_many", status=400
        )
    _check_practitioners(moderators, family=family, level=min_level)
    return space_create(
        name=name,
        family=family,
        moderators=moderators,
        min_level=min_level,
        description=description,
        charter=charter,
    )
