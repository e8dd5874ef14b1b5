"""The skill taxonomy: members propose skills, moderators approve and merge them."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import Appetence, ExpertProfile, ExpertSkill, Member, Skill, User
from .audit import audit_record
from .search_index import profile_refresh_index

# other apps register here to move their own references when skills are merged,
# e.g. missions moving NeedSkill rows: func(*, source: Skill, target: Skill) -> None
SKILL_MERGE_HOOKS: list = []


def skill_resolve(*, skill_id, member: Member | None = None) -> Skill:
    """The usable skill behind `skill_id` (following merges), or ValidationError."""
    try:
        skill = Skill.objects.get(pk=skill_id)
    except (ObjectDoesNotExist, ValueError, ValidationError):
        raise ValidationError({"skill": _("Unknown skill.")}) from None
    seen = set()
    while skill.merged_into_id and skill.pk not in seen:
        seen.add(skill.pk)
        skill = skill.merged_into
    usable = skill.status == Skill.Status.APPROVED or (
        member is not None and skill.proposed_by_id == member.pk
    )
    if not usable:
        raise ValidationError({"skill": _("Unknown skill.")})
    return skill


@transaction.atomic
def skill_propose(*, member: Member, name_fr: str, name_en: str = "") -> Skill:
    name_fr, name_en = name_fr.strip(), (name_en or name_fr).strip()
    if not name_fr:
        raise ValidationError({"name_fr": _("Give the skill's name.")})
    base = slugify(name_fr)[:110] or "skill"
    existing = Skill.objects.filter(slug=base).first()
    if existing is not None:
        return existing.merged_into or existing
    skill = Skill(name_fr=name_fr, name_en=name_en, slug=base, proposed_by=member)
    skill.full_clean()
    skill.save()
    audit_record(
        actor=member.user, action="skill.proposed", target=skill, to_state="proposed"
    )
    return skill


@transaction.atomic
def skill_approve(*, skill: Skill, by: User) -> Skill:
    skill = Skill.objects.select_for_update().get(pk=skill.pk)
    if skill.status != Skill.Status.APPROVED:
        skill.status = Skill.Status.APPROVED
        skill.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=by,
            action="skill.approved",
            target=skill,
            from_state="proposed",
            to_state="approved",
        )
    return skill


@transaction.atomic
def skill_merge(*, source: Skill, target: Skill, by: User, reason: str = "") -> Skill:
    """Fold a duplicate into `target`: holders keep their best level."""
    if source.pk == target.pk or target.merged_into_id:
        raise ValidationError(
            _("Merge into a different skill that is not itself merged.")
        )
    source, target = (
        Skill.objects.select_for_update().get(pk=pk) for pk in (source.pk, target.pk)
    )
    touched = set()
    for line in ExpertSkill.objects.filter(skill=source).select_for_update():
        kept = ExpertSkill.objects.filter(
            profile_id=line.profile_id, skill=target
        ).first()
        if kept is None:
            line.skill = target
            line.save(update_fields=["skill", "updated_at"])
        else:
            if line.level > kept.level:
                kept.level = line.level
                kept.save(update_fields=["level", "updated_at"])
            line.delete()
        touched.add(line.profile_id)
    for appetence in Appetence.objects.filter(skill=source):
        if Appetence.objects.filter(
            profile_id=appetence.profile_id,
            skill=target,
            mission_kind=appetence.mission_kind,
        ).exists():
            appetence.delete()
        else:
            appetence.skill = target
            appetence.save(update_fields=["skill", "updated_at"])
        touched.add(appetence.profile_id)
    source.merged_into = target
    source.save(update_fields=["merged_into", "updated_at"])
    for hook in SKILL_MERGE_HOOKS:
        hook(source=source, target=target)
    for profile in ExpertProfile.objects.filter(pk__in=touched).select_related(
        "member"
    ):
        profile_refresh_index(profile=profile)
    audit_record(
        actor=by,
        action="skill.merged",
        target=source,
        reason=reason,
        data={"into": str(target.pk)},
    )
    return target
