"""Reads of the marketplace app used by more than one caller."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db import connection
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
from django.utils import timezone

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
    def available_now(self) -> bool:
        """No date given, or the date has come."""
        return self.available_from is None or self.available_from <= (
            timezone.localdate()
        )

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
    # the search columns are large and cards never show them: sorting rows
    # without them is several times cheaper
    return (
        queryset.defer(
            "search_text", "search_vector", "skill_levels", "appetence_skills"
        )
        .select_related("member")
        .prefetch_related(
            Prefetch("skills", queryset=ExpertSkill.objects.select_related("skill"))
        )
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


def profile_for_member(member: Member) -> ExpertProfile | None:
    return ExpertProfile.objects.filter(member=member).first()


def skills_usable(*, member: Member | None = None) -> QuerySet[Skill]:
    """Skills one may pick: approved and not merged, plus the ones `member` proposed."""
    usable = Q(status=Skill.Status.APPROVED)
    if member is not None:
        usable |= Q(proposed_by=member)
    return Skill.objects.filter(usable, merged_into__isnull=True)


@dataclass(frozen=True)
class ProfileQuery:
    """What the search page and the search API filter on (all optional)."""

    q: str = ""
    skill: str = ""  # slug
    remote: str = ""
    language: str = ""
    max_rate_cents: int | None = None
    available_by: Any = None


def skill_by_slug(slug: str) -> Skill | None:
    skill = Skill.objects.select_related("merged_into").filter(slug=slug).first()
    while skill is not None and skill.merged_into_id:
        skill = skill.merged_into
    return skill


def profiles_search(
    *, viewer: Member | None, query: ProfileQuery
) -> QuerySet[ExpertProfile]:
    """Published profiles `viewer` may see matching `query`, best first.

    PostgreSQL: full-text search on `search_vector` (GIN index, "simple" config so
    French and English words both match as typed). Elsewhere: every word must
    appear in `search_text` (case-insensitive). Either way the most recently
    updated profiles come first: a plain order that anyone can predict (the
    ranking by fit is the matching's job, with its published weights), and
    one PostgreSQL serves from an index without scoring every match.
    """
    queryset = profiles_visible_to(viewer).filter(status=PublicationStatus.PUBLISHED)
    ordering: list = ["-updated_at", "-pk"]
    words = query.q.split()
    if words:
        if connection.vendor == "postgresql":
            search = SearchQuery(query.q, config="simple", search_type="websearch")
            queryset = queryset.filter(search_vector=search)
        else:
            for word in words[:10]:
                queryset = queryset.filter(search_text__icontains=word)
    if query.skill:
        skill = skill_by_slug(query.skill)
        if skill is None:
            return queryset.none()
        queryset = queryset.filter(
            pk__in=ExpertSkill.objects.filter(skill=skill).values("profile_id")
        )
    if query.remote:
        queryset = queryset.filter(remote=query.remote)
    if query.language:
        queryset = queryset.filter(_json_list_contains("languages", query.language))
    if query.max_rate_cents is not None:
        queryset = queryset.filter(day_rate_cents__lte=query.max_rate_cents)
    if query.available_by:
        queryset = queryset.filter(
            Q(available_from__isnull=True) | Q(available_from__lte=query.available_by)
        )
    return queryset.order_by(*ordering)


def _json_list_contains(field_name: str, value: str) -> Q:
    """`value` is an element of the JSON list in `field_name`, on any database."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field_name}__contains": [value]})
    # SQLite stores the list as text: look for the quoted element
    return Q(**{f"{field_name}__icontains": f'"{value}"'})


def profile_detail(*, profile: ExpertProfile, viewer: Member | None) -> dict:
    """Everything the profile page shows, already redacted for `viewer`."""
    card = _card(profile, viewer)
    experiences = profile.experiences.all()
    if not card.is_own:
        experiences = experiences.filter(status=PublicationStatus.PUBLISHED)
    lines = []
    for experience in experiences:
        lines.append(
            {
                "id": str(experience.pk),
                "kind": experience.kind,
                "kind_label": str(experience.get_kind_display()),
                "category": experience.category,
                "category_label": str(experience.get_category_display()),
                "title": experience.title,
                # employers are identifying: redacted unless the identity is shown
                "employer": experience.employer if card.identity_shown else "",
                "started_on": experience.started_on,
                "ended_on": experience.ended_on,
                "what": experience.what,
                "responsibilities": experience.responsibilities,
                "motivation": experience.motivation,
                "tags": list(experience.tags or ()),
                "status": experience.status,
            }
        )
    appetences = [
        {
            "id": str(appetence.pk),
            "skill": appetence.skill.name if appetence.skill_id else "",
            "skill_slug": appetence.skill.slug if appetence.skill_id else "",
            "mission_kind": appetence.mission_kind,
            "mission_kind_label": (
                str(appetence.get_mission_kind_display())
                if appetence.mission_kind
                else ""
            ),
            "note": appetence.note,
        }
        for appetence in profile.appetences.select_related("skill")
    ]
    return {"card": card, "experiences": lines, "appetences": appetences}
