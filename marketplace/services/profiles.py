"""Expert profiles: the profile itself, its skills, appetences and experiences."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Appetence,
    Experience,
    ExpertProfile,
    ExpertSkill,
    Member,
    MissionKind,
    PublicationStatus,
    User,
)
from .audit import audit_record
from .checks import (
    check_image,
    check_languages,
    check_links,
    check_tags,
    check_text_lengths,
)
from .search_index import profile_refresh_index
from .skills import skill_resolve

PROFILE_FIELDS = (
    "headline",
    "summary",
    "day_rate_cents",
    "available_from",
    "days_per_week",
    "languages",
    "location",
    "country",
    "remote",
    "links",
    "pseudonymous",
    "alias",
)
EXPERIENCE_FIELDS = (
    "kind",
    "category",
    "title",
    "employer",
    "started_on",
    "ended_on",
    "what",
    "responsibilities",
    "motivation",
    "tags",
)


def profile_get_or_create(*, member: Member) -> ExpertProfile:
    if not member.is_expert:
        raise ValidationError(_("Only experts have an expert profile."))
    profile, _created = ExpertProfile.objects.get_or_create(
        member=member, defaults={"languages": ["fr"]}
    )
    return profile


@transaction.atomic
def profile_update(*, profile: ExpertProfile, by: User, **changes) -> ExpertProfile:
    """Change any of PROFILE_FIELDS; a published profile stays published."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    profile = ExpertProfile.objects.select_for_update().get(pk=profile.pk)
    if "languages" in changes:
        changes["languages"] = check_languages(changes["languages"])
    if "links" in changes:
        changes["links"] = check_links(changes["links"])
    rate = changes.get("day_rate_cents")
    if rate is not None and (
        isinstance(rate, bool) or not isinstance(rate, int) or rate < 0
    ):
        raise ValidationError({"day_rate_cents": _("The day rate cannot be negative.")})
    for name, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(profile, name, value)
    if profile.pseudonymous and not profile.alias:
        raise ValidationError({"alias": _("Choose an alias for pseudonymous mode.")})
    check_text_lengths(profile)
    profile.full_clean(exclude=["member", "photo"])
    profile.save()
    profile_refresh_index(profile=profile)
    return profile


@transaction.atomic
def profile_photo_set(*, profile: ExpertProfile, upload) -> ExpertProfile:
    data, extension = check_image(upload)
    old = profile.photo.name if profile.photo else ""
    profile.photo.save(f"photo.{extension}", ContentFile(data), save=False)
    profile.save(update_fields=["photo", "updated_at"])
    if old:
        transaction.on_commit(lambda: profile.photo.storage.delete(old))
    return profile


@transaction.atomic
def profile_photo_remove(*, profile: ExpertProfile) -> None:
    if profile.photo:
        name = profile.photo.name
        storage = profile.photo.storage
        profile.photo = ""
        profile.save(update_fields=["photo", "updated_at"])
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def profile_publish(*, profile: ExpertProfile, by: User) -> ExpertProfile:
    profile = ExpertProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.status == PublicationStatus.PUBLISHED:
        return profile
    if not profile.headline.strip():
        raise ValidationError({"headline": _("Write a headline before publishing.")})
    previous = profile.status
    profile.status = PublicationStatus.PUBLISHED
    profile.published_at = profile.published_at or timezone.now()
    profile.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        actor=by,
        action="profile.published",
        target=profile,
        from_state=previous,
        to_state=profile.status,
    )
    return profile


@transaction.atomic
def profile_unpublish(*, profile: ExpertProfile, by: User) -> ExpertProfile:
    profile = ExpertProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.status == PublicationStatus.DRAFT:
        return profile
    profile.status = PublicationStatus.DRAFT
    profile.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=by,
        action="profile.unpublished",
        target=profile,
        from_state=PublicationStatus.PUBLISHED,
        to_state=PublicationStatus.DRAFT,
    )
    return profile


@transaction.atomic
def expert_skill_set(*, profile: ExpertProfile, skill_id, level: int) -> ExpertSkill:
    skill = skill_resolve(skill_id=skill_id, member=profile.member)
    if isinstance(level, bool) or level not in ExpertSkill.Level.values:
        raise ValidationError({"level": _("Choose a level from 1 to 4.")})
    line, _created = ExpertSkill.objects.update_or_create(
        profile=profile, skill=skill, defaults={"level": level}
    )
    profile_refresh_index(profile=profile)
    return line


@transaction.atomic
def expert_skills_add(
    *, profile: ExpertProfile, skill_ids: list, level: int
) -> list[ExpertSkill]:
    """Several skills at one level: all are saved, or none."""
    return [
        expert_skill_set(profile=profile, skill_id=skill_id, level=level)
        for skill_id in skill_ids
    ]


@transaction.atomic
def expert_skill_remove(*, profile: ExpertProfile, skill_id) -> None:
    ExpertSkill.objects.filter(profile=profile, skill_id=skill_id).delete()
    profile_refresh_index(profile=profile)


@transaction.atomic
def appetence_add(
    *, profile: ExpertProfile, skill_id=None, mission_kind: str = "", note: str = ""
) -> Appetence:
    skill = (
        skill_resolve(skill_id=skill_id, member=profile.member) if skill_id else None
    )
    if mission_kind and mission_kind not in MissionKind.values:
        raise ValidationError({"mission_kind": _("Unknown kind of mission.")})
    if skill is None and not mission_kind:
        raise ValidationError(_("Choose a skill or a kind of mission."))
    appetence, _created = Appetence.objects.get_or_create(
        profile=profile,
        skill=skill,
        mission_kind=mission_kind,
        defaults={"note": note.strip()[:300]},
    )
    profile_refresh_index(profile=profile)
    return appetence


@transaction.atomic
def appetence_remove(*, profile: ExpertProfile, appetence_id) -> None:
    Appetence.objects.filter(profile=profile, pk=appetence_id).delete()
    profile_refresh_index(profile=profile)


def _experience_apply(experience: Experience, changes: dict) -> None:
    unknown = set(changes) - set(EXPERIENCE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    if "tags" in changes:
        changes["tags"] = check_tags(changes["tags"])
    for name, value in changes.items():
        setattr(experience, name, value.strip() if isinstance(value, str) else value)
    if not experience.kind:
        informal = {"volunteering", "association", "summer_job", "family", "project"}
        experience.kind = (
            Experience.Kind.INFORMAL
            if experience.category in informal
            else Experience.Kind.FORMAL
        )
    check_text_lengths(experience)
    experience.full_clean(exclude=["profile"])
    if (
        experience.started_on
        and experience.ended_on
        and experience.ended_on < experience.started_on
    ):
        raise ValidationError({"ended_on": _("The end comes after the start.")})


@transaction.atomic
def experience_create(
    *, profile: ExpertProfile, publish: bool = False, **fields
) -> Experience:
    experience = Experience(profile=profile, kind=fields.pop("kind", ""))
    _experience_apply(experience, fields)
    if publish:
        experience.status = PublicationStatus.PUBLISHED
    experience.save()
    profile_refresh_index(profile=profile)
    return experience


@transaction.atomic
def experience_update(*, experience: Experience, **changes) -> Experience:
    experience = Experience.objects.select_for_update().get(pk=experience.pk)
    _experience_apply(experience, changes)
    experience.save()
    profile_refresh_index(profile=experience.profile)
    return experience


@transaction.atomic
def experience_publish(
    *, experience: Experience, by: User, publish: bool = True
) -> Experience:
    experience = Experience.objects.select_for_update().get(pk=experience.pk)
    wanted = PublicationStatus.PUBLISHED if publish else PublicationStatus.DRAFT
    if experience.status != wanted:
        previous = experience.status
        experience.status = wanted
        experience.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=by,
            action="experience.status",
            target=experience,
            from_state=previous,
            to_state=wanted,
        )
        profile_refresh_index(profile=experience.profile)
    return experience


@transaction.atomic
def experience_delete(*, experience: Experience) -> None:
    profile = experience.profile
    experience.delete()
    profile_refresh_index(profile=profile)
