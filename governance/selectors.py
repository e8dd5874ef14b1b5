"""Reads of governance shared by pages, the API, services and timers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from billing.selectors import active_members, membership_is_active
from core import rules
from core.models import RuleVersion
from marketplace.models import AuditEvent, Member

from .models import (
    Amendment,
    College,
    Comment,
    FounderSeat,
    Motion,
    MotionRevision,
    Sponsorship,
    VoterRoll,
)
from .receipts import ballot_hash


@dataclass
class RuleView:
    rule: rules.Rule
    value: Any
    versions: list[RuleVersion]

    @property
    def key(self) -> str:
        return self.rule.key


def rules_overview() -> list[RuleView]:
    """Every rule with its value now and its whole history (with the adopting motion
    and its published tally), in one query."""
    now = timezone.now()
    by_key: dict[str, list[RuleVersion]] = {key: [] for key in rules.REGISTRY}
    versions = (
        RuleVersion.objects.select_related("motion", "motion__result")
        .defer("motion__result__ballots")  # megabytes of anonymous ballots
        .order_by("key", "effective_at")
    )
    for version in versions:
        by_key.setdefault(version.key, []).append(version)
    overview = []
    for key, definition in rules.REGISTRY.items():
        versions = by_key[key]
        in_force = [v for v in versions if v.effective_at <= now]
        value = in_force[-1].value if in_force else definition.default
        overview.append(RuleView(rule=definition, value=value, versions=versions))
    return overview


# --- colleges and voters -------------------------------------------------------


def college_of(member: Member) -> str:
    """The college a member votes in: founders if they hold a seat, else their community."""
    if FounderSeat.objects.filter(member=member).exists():
        return College.FOUNDERS
    return College.COMPANIES if member.is_company else College.EXPERTS


def is_voter(member: Member | None) -> bool:
    return member is not None and membership_is_active(member)


def electorate_counts() -> dict[str, int]:
    """How many voters each college has now, in one query."""
    rows = (
        active_members()
        .annotate(founder=Exists(FounderSeat.objects.filter(member=OuterRef("pk"))))
        .values("community", "founder")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(College.values, 0)
    for row in rows:
        if row["founder"]:
            counts[College.FOUNDERS] += row["n"]
        elif row["community"] == Member.Community.COMPANY:
            counts[College.COMPANIES] += row["n"]
        else:
            counts[College.EXPERTS] += row["n"]
    return counts


def voters_without_ballot(motion: Motion) -> QuerySet[Member]:
    """Voters who have not voted on `motion` yet (for the reminders)."""
    return active_members().exclude(
        pk__in=VoterRoll.objects.filter(motion=motion).values("member_id")
    )


def has_voted(*, motion: Motion, member: Member | None) -> bool:
    if member is None:
        return False
    return VoterRoll.objects.filter(motion=motion, member=member).exists()


# --- motions -------------------------------------------------------------------


def motions_readable_by(member: Member | None) -> QuerySet[Motion]:
    """Every motion past its draft; a draft only to its author and co-sponsors
    (staff included: a draft is nobody's business but its writers')."""
    readable = ~Q(state=Motion.State.DRAFT)
    if member is not None:
        readable |= Q(author=member) | Q(
            Exists(Sponsorship.objects.filter(motion=OuterRef("pk"), member=member))
        )
    return Motion.objects.filter(readable)


def access_motion(*, member: Member | None, motion_id, queryset=None) -> Motion:
    """The motion if `member` may read it, else 404 (a draft is not even there)."""
    queryset = Motion.objects.all() if queryset is None else queryset
    motion = (queryset & motions_readable_by(member)).filter(pk=motion_id).first()
    if motion is None:
        raise Http404
    return motion


def motion_list(
    *, state: str | None = None, viewer: Member | None = None
) -> QuerySet[Motion]:
    motions = (
        motions_readable_by(viewer)
        .select_related("author")
        .annotate(sponsor_count=Count("sponsorships", distinct=True))
    )
    if state:
        motions = motions.filter(state=state)
    return motions.order_by("-created_at")


def motion_detail(motion_id, *, viewer: Member | None) -> Motion:
    """A motion with everything its page shows, in a fixed number of queries
    (Motion.DoesNotExist when `viewer` may not read it)."""
    return (
        motions_readable_by(viewer)
        .select_related("author", "result")
        .defer("result__ballots")
        .prefetch_related(
            Prefetch(
                "sponsorships", queryset=Sponsorship.objects.select_related("member")
            ),
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
            Prefetch("amendments", queryset=Amendment.objects.select_related("author")),
            Prefetch(
                "revisions", queryset=MotionRevision.objects.select_related("amendment")
            ),
        )
        .get(pk=motion_id)
    )


@dataclass
class TimelineEntry:
    at: Any
    action: str
    to_state: str
    reason: str


def motion_timeline(motion: Motion) -> list[AuditEvent]:
    """The motion's audited transitions, oldest first (ballots are audited on the roll)."""
    return list(
        AuditEvent.objects.filter(target_type="governance.motion", target_id=motion.pk)
        .select_related("actor__member")  # each line names who acted
        .order_by("created_at")
    )


def motion_ballots(motion: Motion) -> QuerySet:
    """The anonymous ballots of a motion as (receipt_hash, college, choice), sorted."""
    return motion.ballots.order_by("receipt_hash").values_list(
        "receipt_hash", "college", "choice"
    )


def receipt_lookup(*, motion: Motion, code: str):
    """The published ballot a receipt code names, or None: what a voter checks after close."""
    return motion.ballots.filter(
        receipt_hash=ballot_hash(motion_id=motion.pk, code=code)
    ).first()


def open_votes_for(member: Member | None) -> list[tuple[Motion, bool]]:
    """Motions open to vote, each with whether `member` has voted (two queries)."""
    motions = list(
        Motion.objects.filter(state=Motion.State.VOTING).order_by("voting_closes_at")
    )
    voted = set()
    if member is not None:
        voted = set(
            VoterRoll.objects.filter(member=member, motion__in=motions).values_list(
                "motion_id", flat=True
            )
        )
    return [(motion, motion.pk in voted) for motion in motions]


def votes_awaiting(member: Member | None) -> list[Motion]:
    """Votes open that `member` may cast and has not cast yet: what the dashboard
    invites them to. Empty for a member without an active membership."""
    if not is_voter(member):
        return []
    return [motion for motion, voted in open_votes_for(member) if not voted]
