"""Governance test data, built through the services (the only writers)."""

import datetime as dt

from django.utils import timezone

from governance import services
from governance.models import Motion
from tests.factories import CompanyMemberFactory, ExpertFactory, paid


def voter(college: str = "experts"):
    """A member with an active membership, in `college`."""
    if college == "companies":
        return paid(CompanyMemberFactory())
    member = paid(ExpertFactory())
    if college == "founders":
        services.founder_seat_grant(member=member, by=None, reason="test")
    return member


def rule_motion(*, author=None, changes=None, title="Change a rule") -> Motion:
    return services.motion_create(
        author=author or voter(),
        kind=Motion.Kind.RULES,
        title=title,
        rationale="Because members asked for it.",
        changes={"fees.expert.yearly_cents": 9000} if changes is None else changes,
    )


def text_motion(*, author=None, is_charter=False) -> Motion:
    return services.motion_create(
        author=author or voter(),
        kind=Motion.Kind.TEXT,
        title="A statement",
        rationale="Say who we are.",
        text="Ouvrage takes no commission.",
        is_charter=is_charter,
    )


def in_deliberation(motion: Motion, *, sponsors: int = 3) -> Motion:
    motion = services.motion_submit(motion=motion, by=motion.author)
    for _ in range(sponsors):
        services.motion_sponsor(motion=motion, member=voter())
    return motion


def in_voting(
    motion: Motion | None = None, *, now: dt.datetime | None = None
) -> Motion:
    motion = in_deliberation(motion or rule_motion())
    return services.motion_open_vote(motion=motion, by=motion.author, now=now)


def during(motion: Motion) -> dt.datetime:
    return motion.voting_opens_at + dt.timedelta(hours=1)


def after(motion: Motion) -> dt.datetime:
    return motion.voting_closes_at + dt.timedelta(seconds=1)


def now() -> dt.datetime:
    return timezone.now()


def enact_rule(key: str, value, *, effective_at: dt.datetime | None = None) -> Motion:
    """Change a rule the only way there is, for tests of other apps: a motion that
    is sponsored, voted, adopted and enacted, in force from `effective_at`
    (a moment ago by default, so `rules.get(key)` returns `value` at once).

    Use it instead of writing `RuleVersion` rows, which the model refuses.
    """
    import time

    from core import rules

    if effective_at is None:
        effective_at = timezone.now()
        time.sleep(0.002)  # strictly in the past, after any version stored before
    cooling = dt.timedelta(days=rules.get("governance.cooling_off_days"))
    voting = dt.timedelta(days=rules.get("governance.voting_days"))
    opened = effective_at - cooling - voting
    motion = in_voting(
        rule_motion(changes={key: value}, title=f"Set {key}"), now=opened
    )
    for college in ("experts", "companies", "founders"):
        services.ballot_cast(
            motion=motion, member=voter(college), choice="for", now=opened
        )
    motion = services.motion_close(motion=motion, now=motion.voting_closes_at)
    assert motion.state == Motion.State.ADOPTED, motion.result.tally
    services.motion_enact(motion=motion, now=motion.effective_at)
    motion.refresh_from_db()
    return motion
