"""Reading spaces: lists with a constant number of queries, search, the log.

Every function takes a `Seat` (from `spaces.access`): access is decided before.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from marketplace import identity
from marketplace.models import ExpertSkill, Member

from .access import Seat, shown_names
from .models import (
    Circle,
    CircleMember,
    Follow,
    Membership,
    ModerationAction,
    Post,
    PostAttachment,
    Space,
    Thread,
)
from .professions import profession_label
from .services.founding import practitioners_of

PAGE_SIZE = 30
POSTS_PAGE_SIZE = 100
SEARCH_MAX_LENGTH = 200


def threads_of(seat: Seat, *, query: str = "", page: int = 1) -> list[Thread]:
    """One page of the threads, newest activity first (3 queries whatever the size).

    `query` searches the titles and the visible texts of the posts, never
    names: searching a pseudonymous expert's real name finds nothing.
    """
    threads = Thread.objects.select_related("author")
    if seat.circle is not None:
        threads = threads.filter(circle=seat.circle)
    else:
        threads = threads.filter(space=seat.space)
    query = (query or "").strip()[:SEARCH_MAX_LENGTH]
    if query:
        matching = Post.objects.filter(
            thread=OuterRef("pk"), hidden_at__isnull=True, body__icontains=query
        )
        threads = threads.filter(Q(title__icontains=query) | Q(Exists(matching)))
    start = (max(page, 1) - 1) * PAGE_SIZE
    rows = list(threads.order_by("-last_post_at", "-pk")[start : start + PAGE_SIZE + 1])
    names = shown_names(thread.author for thread in rows)
    for thread in rows:
        thread.author_name = names[thread.author_id]
    return rows


def posts_of(thread: Thread, *, page: int = 1) -> list[Post]:
    """The posts of a thread in order, with their quote and files (4 queries)."""
    start = (max(page, 1) - 1) * POSTS_PAGE_SIZE
    posts = list(
        Post.objects.filter(thread=thread)
        .select_related("author", "quote", "quote__author")
        .prefetch_related(
            Prefetch(
                "attachments", queryset=PostAttachment.objects.order_by("created_at")
            )
        )
        .order_by("created_at", "pk")[start : start + POSTS_PAGE_SIZE + 1]
    )
    authors = {post.author_id: post.author for post in posts}
    authors.update({p.quote.author_id: p.quote.author for p in posts if p.quote_id})
    names = shown_names(authors.values())
    for post in posts:
        post.author_name = names[post.author_id]
        if post.quote_id:
            post.quote.author_name = names[post.quote.author_id]
    return posts


def is_following(seat: Seat, thread: Thread) -> bool:
    return Follow.objects.filter(thread=thread, member=seat.member).exists()


def moderation_log(space: Space, *, limit: int = 100) -> list[ModerationAction]:
    rows = list(
        ModerationAction.objects.filter(space=space)
        .select_related("actor", "target")
        .order_by("-created_at")[:limit]
    )
    people = {m.pk: m for row in rows for m in (row.actor, row.target) if m is not None}
    names = shown_names(people.values())
    for row in rows:
        # a report's author stays unknown to the members
        row.actor_name = (
            names.get(row.actor_id, "")
            if row.kind != ModerationAction.Kind.REPORT
            else ""
        )
        row.target_name = names.get(row.target_id, "")
    return rows


def moderators_of(space: Space) -> list[Membership]:
    rows = list(
        Membership.objects.filter(
            space=space,
            status=Membership.Status.ACTIVE,
            role=Membership.Role.MODERATOR,
        ).select_related("member")
    )
    names = shown_names(row.member for row in rows)
    for row in rows:
        row.name = names[row.member_id]
    return rows


def memberships_for_moderation(space: Space) -> dict[str, list[Membership]]:
    """Pending requests, members and removed members, for the moderators' page."""
    rows = list(
        Membership.objects.filter(space=space)
        .select_related("member")
        .order_by("created_at")
    )
    names = shown_names(row.member for row in rows)
    grouped: dict[str, list[Membership]] = {"pending": [], "active": [], "removed": []}
    for row in rows:
        row.name = names[row.member_id]
        if row.status in grouped:
            grouped[row.status].append(row)
    return grouped


def my_spaces(member: Member) -> dict:
    """The member's spaces by status, and the other spaces they may join or ask."""
    memberships = {
        row.space_id: row
        for row in Membership.objects.filter(member=member).select_related("space")
    }
    others = Space.objects.filter(suspended_at__isnull=True).exclude(
        pk__in=list(memberships)
    )
    return {
        "active": [row for row in memberships.values() if row.is_active],
        "pending": [
            row for row in memberships.values()
            if row.status in (Membership.Status.PENDING, Membership.Status.REFUSED)
        ],
        "removed": [
            row for row in memberships.values() if row.status == Membership.Status.REMOVED
        ],
        "others": list(others),
    }  # fmt: skip


def my_circles(member: Member) -> list[Circle]:
    invited = CircleMember.objects.filter(member=member, left_at__isnull=True).values(
        "circle_id"
    )
    return list(
        Circle.objects.filter(
            Q(owner=member) | Q(pk__in=invited, closed_at__isnull=True)
        )
        .select_related("owner")
        .order_by("-created_at")
    )


def circle_people(circle: Circle) -> list[CircleMember]:
    rows = list(
        CircleMember.objects.filter(circle=circle, left_at__isnull=True).select_related(
            "member"
        )
    )
    names = shown_names([row.member for row in rows] + [circle.owner])
    for row in rows:
        row.name = names[row.member_id]
    circle.owner_name = names[circle.owner_id]
    return rows


def spaces_for_staff() -> list[Space]:
    """Names, professions and sizes only: admins suspend spaces, never read them."""
    return list(
        Space.objects.annotate(
            member_count=Count(
                "members", filter=Q(members__status=Membership.Status.ACTIVE)
            )
        ).order_by("name")
    )


def founding_choices(
    *, viewer: Member | None, families, exclude: Member | None = None
) -> dict:
    """What the form opening a space offers (three queries).

    `professions`: [(family, label in the reader's language)], by label;
    `candidates`: [(profession label, [(member id, name shown to `viewer` ·
    level)])]: the practitioners of each profession, by shown name. A
    pseudonymous expert appears under their alias (marketplace.identity),
    never their name.
    """
    families = list(families)
    professions = sorted(
        ((family, profession_label(family)) for family in families),
        key=lambda row: row[1].casefold(),
    )
    practising = practitioners_of(families)
    people = {
        member.pk: member
        for member in Member.objects.filter(
            pk__in={pk for rows in practising.values() for pk in rows}
        )
    }
    names = identity.shown_names(people.values(), viewer=viewer)
    levels = dict(ExpertSkill.Level.choices)
    candidates = []
    for family, label in professions:
        rows = [
            (pk, f"{names[pk]} · {levels[level]}")
            for pk, level in practising[family].items()
            if pk in people and (exclude is None or pk != exclude.pk)
        ]
        rows.sort(key=lambda row: row[1].casefold())
        if rows:
            candidates.append((label, rows))
    return {"professions": professions, "candidates": candidates}
