"""Reads of the marketplace app used by more than one caller."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.http import Http404
from django.urls import reverse

from .models import (
    CounsellorInvitation,
    ExpertProfile,
    ExpertSkill,
    HiddenFrom,
    IdentityReveal,
    Member,
    Notification,
    Organization,
    PublicationStatus,
    Skill,
)


def member_for_user(user) -> Member | None:
    """The member behind a signed-in user, with its organization, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_ouvrage_member", None)
    if cached is None:
        cached = Member.objects.select_related("organization").filter(user=user).first()
        user._ouvrage_member = cached
    return cached


def notifications_unread(*, member: Member) -> QuerySet[Notification]:
    return Notification.objects.filter(member=member, read_at__isnull=True)


def notifications_recent(*, member: Member, limit: int = 20) -> list[Notification]:
    return list(
        Notification.objects.filter(member=member).order_by("-created_at")[:limit]
    )


# --- Expert profiles: the ONE place deciding visibility and pseudonymity ----------
#
# Pages, the API, search and matching all read profiles through
# `profiles_visible_to` (which rows) and `profile_cards` (what of them is shown).
# A profile hidden from the viewer's organization is simply absent, exactly like
# a profile that does not exist; a pseudonymous profile is shown under its alias
# unless the viewer is its owner or their organization holds an active reveal.


def viewer_organization(viewer: Member | None) -> Organization | None:
    return (
        viewer.organization if viewer is not None and viewer.organization_id else None
    )


def profiles_visible_to(
    viewer: Member | None, *, viewer_org: Organization | None = None
) -> QuerySet[ExpertProfile]:
    """Profiles `viewer` may see, annotated with `identity_shown`.

    Published profiles, plus the viewer's own (even a draft) and drafts they
    were invited to counsel; never one hidden from the viewer's organization.
    """
    org = viewer_org if viewer_org is not None else viewer_organization(viewer)
    visible = Q(status=PublicationStatus.PUBLISHED)
    identity = Q(pseudonymous=False)
    if viewer is not None:
        visible |= Q(member=viewer)
        visible |= Q(
            Exists(
                CounsellorInvitation.objects.filter(
                    profile=OuterRef("pk"), counsellor=viewer, revoked_at__isnull=True
                )
            )
        )
        identity |= Q(member=viewer)
    queryset = ExpertProfile.objects.filter(visible)
    if org is not None:
        queryset = queryset.exclude(
            Exists(HiddenFrom.objects.filter(profile=OuterRef("pk"), organization=org))
        )
        identity |= Q(
            Exists(
                IdentityReveal.objects.filter(
                    profile=OuterRef("pk"), organization=org, withdrawn_at__isnull=True
                )
            )
        )
    return queryset.annotate(
        identity_shown=ExpressionWrapper(identity, output_field=BooleanField())
    )


@dataclass(frozen=True)
class SkillLine:
    skill_id: str
    name: str
    slug: str
    level: int
    level_label: str


@dataclass(frozen=True)
class ProfileCard:
    """A profile as one viewer may see it. Build only with `profile_cards`.

    When `identity_shown` is false, `name` is the alias and there is no photo,
    no links and no employer anywhere: the fields are empty, not masked later.
    """

    id: str
    name: str
    pseudonymous: bool
    identity_shown: bool
    is_own: bool
    status: str
    headline: str
    summary: str
    day_rate_cents: int | None
    currency: str
    available_from: Any
    days_per_week: int
    languages: tuple[str, ...]
    location: str
    country: str
    remote: str
    remote_label: str
    links: tuple[str, ...]
    has_photo: bool
    photo_version: str
    skills: tuple[SkillLine, ...]
    updated_at: Any

    def get_absolute_url(self) -> str:
        return reverse("marketplace:profile", kwargs={"profile_id": self.id})

    @property
    def photo_url(self) -> str:
        if not self.has_photo:
            return ""
        url = reverse("marketplace:profile_photo", kwargs={"profile_id": self.id})
        return f"{url}?v={self.photo_version}"


def _card(profile: ExpertProfile, viewer: Member | None) -> ProfileCard:
    shown = bool(getattr(profile, "identity_shown", not profile.pseudonymous))
    is_own = viewer is not None and profile.member_id == viewer.pk
    skills = tuple(
        SkillLine(
            skill_id=str(line.skill_id),
            name=line.skill.name,
            slug=line.skill.slug,
            level=line.level,
            level_label=str(line.get_level_display()),
        )
        for line in profile.skills.all()
    )
    return ProfileCard(
        id=str(profile.pk),
        name=profile.member.display_name if shown else profile.alias,
        pseudonymous=profile.pseudonymous,
        identity_shown=shown,
        is_own=is_own,
        status=profile.status,
        headline=profile.headline,
        summary=profile.summary,
        day_rate_cents=profile.day_rate_cents,
        currency=profile.currency,
        available_from=profile.available_from,
        days_per_week=profile.days_per_week,
        languages=tuple(profile.languages or ()),
        location=profile.location,
        country=profile.country,
        remote=profile.remote,
        remote_label=str(profile.get_remote_display()),
        links=tuple(profile.links or ()) if shown else (),
        has_photo=bool(profile.photo) and shown,
        # a version from the update time, never from the file name
        photo_version=str(int(profile.updated_at.timestamp())) if shown else "",
        skills=skills,
        updated_at=profile.updated_at,
    )


def with_card_data(queryset: QuerySet[ExpertProfile]) -> QuerySet[ExpertProfile]:
    """What `profile_cards` reads, in two queries whatever the number of profiles."""
    return queryset.select_related("member").prefetch_related(
        Prefetch("skills", queryset=ExpertSkill.objects.select_related("skill"))
    )


def profile_cards(
    profiles: Iterable[ExpertProfile], *, viewer: Member | None
) -> list[ProfileCard]:
    """Cards for rows from `profiles_visible_to`, prefetched by `with_card_data`."""
    return [_card(profile, viewer) for profile in profiles]


def profile_cards_by_id(
    *, ids: list, viewer: Member | None, viewer_org: Organization | None = None
) -> dict:
    """{id: ProfileCard} for the visible profiles among `ids` (others are absent)."""
    if not ids:
        return {}
    rows = with_card_data(
        profiles_visible_to(viewer, viewer_org=viewer_org).filter(pk__in=ids)
    )
    return {profile.pk: _card(profile, viewer) for profile in rows}


def access_profile(*, profile_id, viewer: Member | None) -> ExpertProfile:
    """The profile if `viewer` may see it, else Http404 (as for a missing one)."""
    profile = with_card_data(profiles_visible_to(viewer)).filter(pk=profile_id).first()
    if profile is None:
        raise Http404
    return profile


def matching_candidates(*, need, viewer_org: Organization | None):
    """Snapshot rows of published, visible experts sharing a skill with `need`."""
    from .matching import SNAPSHOT_FIELDS

    queryset = profiles_visible_to(None, viewer_org=viewer_org).filter(
        status=PublicationStatus.PUBLISHED
    )
    if need.skills:
        queryset = queryset.filter(
            pk__in=ExpertSkill.objects.filter(skill_id__in=list(need.skills)).values(
                "profile_id"
            )
        )
    return queryset.values(*SNAPSHOT_FIELDS).order_by()


def profile_for_member(member: Member) -> ExpertProfile | None:
    return ExpertProfile.objects.filter(member=member).first()


def skills_usable(*, member: Member | None = None) -> QuerySet[Skill]:
    """Skills one may pick: approved and not merged, plus the ones `member` proposed."""
    usable = Q(status=Skill.Status.APPROVED)
    if member is not None:
        usable |= Q(proposed_by=member)
    return Skill.objects.filter(usable, merged_into__isnull=True)
