"""Every write of the marketplace app: members, organizations, audit, notifications."""

from typing import Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from . import notifications, signals
from .models import (
    Appetence,
    AuditEvent,
    CounsellorInvitation,
    EmailPreference,
    Experience,
    ExpertProfile,
    ExpertSkill,
    HiddenFrom,
    IdentityReveal,
    Member,
    MissionKind,
    Notification,
    Organization,
    OrganizationInvitation,
    ProfileComment,
    PublicationStatus,
    Skill,
    User,
)


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: Any,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Append one line to the audit trail. Call it inside the write's transaction."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=target.pk if isinstance(target.pk, UUID) else UUID(str(target.pk)),
        from_state=from_state or "",
        to_state=to_state or "",
        reason=reason or "",
        data=data or {},
    )


@transaction.atomic
def organization_create(
    *,
    name: str,
    sector: str = "",
    size: str = "",
    country: str = "FR",
    description: str = "",
) -> Organization:
    organization = Organization(
        name=name.strip(),
        sector=sector,
        size=size,
        country=country,
        description=description,
    )
    organization.full_clean()
    organization.save()
    return organization


@transaction.atomic
def member_create(
    *,
    email: str,
    password: str | None,
    display_name: str,
    community: str,
    organization: Organization | None = None,
    organization_name: str = "",
    organization_role: str = "",
    language: str = "fr",
    user: User | None = None,
    email_verified: bool = False,
) -> Member:
    """Create a member (and its user unless given one).

    A company member acts for `organization`, or for a new one named
    `organization_name`, of which they become the owner.
    """
    if community == Member.Community.COMPANY:
        if organization is None:
            if not organization_name.strip():
                raise ValidationError(
                    {"organization_name": _("A company member needs an organization.")}
                )
            organization = organization_create(name=organization_name)
            organization_role = Member.OrganizationRole.OWNER
        organization_role = organization_role or Member.OrganizationRole.MEMBER
    elif community == Member.Community.EXPERT:
        organization, organization_role = None, ""
    else:
        raise ValidationError(
            {"community": _("Choose the company or the expert community.")}
        )

    if user is None:
        user_model = get_user_model()
        if user_model.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                {"email": _("A member with this e-mail address already exists.")}
            )
        user = user_model.objects.create_user(email=email, password=password)
        if email_verified:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(
                user=user, email=user.email, verified=True, primary=True
            )
    member = Member(
        user=user,
        display_name=display_name.strip() or user.email.split("@")[0],
        community=community,
        organization=organization,
        organization_role=organization_role,
        language=language,
    )
    member.full_clean(exclude=["user"])
    member.save()
    audit_record(actor=user, action="member.joined", target=member, to_state=community)
    return member


def notify(
    *, member: Member, kind: str, title: str, body: str = "", url: str = ""
) -> Notification:
    """Tell a member something, in the app and, after commit, by e-mail if they want it.

    Callers pass `title` and `body` already translated into the member's language
    (see `marketplace.i18n.in_language`).
    """
    notifications.get(kind)  # unknown kinds are a programming error
    notification = Notification.objects.create(
        member=member, kind=kind, title=title[:200], body=body, url=url
    )
    if email_wanted(member=member, kind=kind):
        from .tasks import send_notification_email

        transaction.on_commit(
            lambda: send_notification_email.enqueue(
                notification_id=str(notification.pk)
            )
        )
    return notification


def email_wanted(*, member: Member, kind: str) -> bool:
    preference = EmailPreference.objects.filter(member=member, kind=kind).first()
    if preference is not None:
        return preference.enabled
    return notifications.get(kind).email_by_default


@transaction.atomic
def email_preferences_set(*, member: Member, choices: dict[str, bool]) -> None:
    for kind, enabled in choices.items():
        notifications.get(kind)
        EmailPreference.objects.update_or_create(
            member=member, kind=kind, defaults={"enabled": enabled}
        )


def notifications_mark_read(*, member: Member, ids: list[UUID] | None = None) -> int:
    unread = Notification.objects.filter(member=member, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


# --- Expert profiles, skills, experiences, privacy (profiles issue) ---------------
#
# Every write below ends with `profile_refresh_index` when it changes what matching
# or search read, so the denormalised fields never drift from the rows.

LANGUAGE_CODES = ("fr", "en", "de", "es", "it", "pt", "nl", "ar", "zh", "pl", "ro")
MAX_LINKS = 5
MAX_TAGS = 12
MAX_TAG_LENGTH = 40
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

notifications.register(
    "profile.counsellor_invited", _lazy("Someone asks for your advice")
)
notifications.register(
    "profile.commented", _lazy("A counsellor commented your profile")
)


def check_text_lengths(instance) -> None:
    """TextField.max_length is only a form hint in Django: enforce it on the model."""
    errors = {}
    for model_field in instance._meta.concrete_fields:
        limit = getattr(model_field, "max_length", None)
        value = getattr(instance, model_field.attname)
        if limit and isinstance(value, str) and len(value) > limit:
            errors[model_field.name] = _("At most %(limit)d characters.") % {
                "limit": limit
            }
    if errors:
        raise ValidationError(errors)


def check_languages(value) -> list[str]:
    if not isinstance(value, list | tuple):
        raise ValidationError({"languages": _("Give a list of language codes.")})
    codes = []
    for code in value:
        code = str(code).strip().lower()
        if code not in LANGUAGE_CODES:
            raise ValidationError(
                {
                    "languages": _("Unknown language code: %(code)s.")
                    % {"code": code[:10]}
                }
            )
        if code not in codes:
            codes.append(code)
    return codes


def check_links(value) -> list[str]:
    from django.core.validators import URLValidator

    if not isinstance(value, list | tuple):
        raise ValidationError({"links": _("Give a list of web addresses.")})
    links = [str(link).strip() for link in value if str(link).strip()]
    if len(links) > MAX_LINKS:
        raise ValidationError({"links": _("At most %(n)d links.") % {"n": MAX_LINKS}})
    validate = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            validate(link)
        except ValidationError:
            raise ValidationError(
                {"links": _("Not a web address: %(link)s") % {"link": link[:80]}}
            ) from None
    return links


def check_tags(value) -> list[str]:
    if not isinstance(value, list | tuple):
        raise ValidationError({"tags": _("Give a list of tags.")})
    tags: list[str] = []
    for tag in value:
        tag = " ".join(str(tag).split()).lower()
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError(
                {
                    "tags": _("A tag has at most %(n)d characters.")
                    % {"n": MAX_TAG_LENGTH}
                }
            )
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise ValidationError({"tags": _("At most %(n)d tags.") % {"n": MAX_TAGS}})
    return tags


def check_image(upload) -> tuple[bytes, str]:
    """The image re-encoded (no EXIF, no original name) and its file extension.

    Refuses files that are too big or that Pillow cannot read as JPEG, PNG or WebP.
    """
    import io

    from PIL import Image, UnidentifiedImageError

    from .uploads import MAX_IMAGE_BYTES

    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            {"image": _("The image is too big (2 MB at most).")}, code="too_big"
        )
    try:
        upload.seek(0)
        image = Image.open(upload)
        image.verify()
        upload.seek(0)
        image = Image.open(upload)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            {"image": _("This file is not an image (use JPEG, PNG or WebP).")},
            code="not_image",
        ) from None
    if image.format not in {"JPEG", "PNG", "WEBP"}:
        raise ValidationError({"image": _("Use a JPEG, PNG or WebP image.")})
    if image.width * image.height > 25_000_000:
        raise ValidationError({"image": _("The image has too many pixels.")})
    image.thumbnail((800, 800))
    # re-encoding drops EXIF and other metadata (camera owner, GPS position...)
    output = io.BytesIO()
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    if image.mode == "RGBA":
        image.save(output, format="PNG", optimize=True)
        return output.getvalue(), "png"
    image.save(output, format="JPEG", quality=85)
    return output.getvalue(), "jpg"


def profile_refresh_index(*, profile: ExpertProfile) -> None:
    """Recompute what matching and search read from one row (skills, text...).

    Reads the row afresh: a caller's copy may predate a change of alias mode.
    """
    profile = ExpertProfile.objects.select_related("member").get(pk=profile.pk)
    lines = list(profile.skills.select_related("skill"))
    appetences = list(profile.appetences.select_related("skill"))
    experiences = list(
        profile.experiences.filter(status=PublicationStatus.PUBLISHED).values_list(
            "title", "what", "tags"
        )
    )
    profile.skill_levels = {str(line.skill_id): line.level for line in lines}
    profile.appetence_skills = sorted(
        {str(a.skill_id) for a in appetences if a.skill_id}
    )
    profile.appetence_kinds = sorted(
        {a.mission_kind for a in appetences if a.mission_kind}
    )
    words = [profile.headline, profile.summary, profile.location]
    if not profile.pseudonymous:
        words.append(profile.member.display_name)
    for line in lines:
        words += [line.skill.name_fr, line.skill.name_en]
    for appetence in appetences:
        if appetence.skill_id:
            words += [appetence.skill.name_fr, appetence.skill.name_en]
    for title, what, tags in experiences:
        # never the employer: a pseudonymous expert must not be found by it
        words += [title, what, " ".join(tags or ())]
    profile.search_text = "\n".join(word for word in words if word)
    profile.save(
        update_fields=[
            "skill_levels",
            "appetence_skills",
            "appetence_kinds",
            "search_text",
            "updated_at",
        ]
    )
    search_vector_refresh(ExpertProfile.objects.filter(pk=profile.pk))


def search_vector_refresh(profiles) -> None:
    """Parse `search_text` into the stored tsvector (PostgreSQL; nothing elsewhere)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        profiles.update(search_vector=SearchVector("search_text", config="simple"))


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
    from django.core.files.base import ContentFile

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


# --- skills -----------------------------------------------------------------------

# other apps register here to move their own references when skills are merged,
# e.g. missions moving NeedSkill rows: func(*, source: Skill, target: Skill) -> None
SKILL_MERGE_HOOKS: list = []


def skill_resolve(*, skill_id, member: Member | None = None) -> Skill:
    """The usable skill behind `skill_id` (following merges), or ValidationError."""
    from django.core.exceptions import ObjectDoesNotExist

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
    from django.utils.text import slugify

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


# --- experiences ------------------------------------------------------------------


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


# --- privacy switches: hide list, identity reveals --------------------------------


@transaction.atomic
def hidden_from_add(
    *, profile: ExpertProfile, organization: Organization
) -> HiddenFrom:
    row, _created = HiddenFrom.objects.get_or_create(
        profile=profile, organization=organization
    )
    # hiding from an organization also ends any reveal to it
    for reveal in IdentityReveal.objects.filter(
        profile=profile, organization=organization, withdrawn_at__isnull=True
    ):
        identity_reveal_withdraw(reveal=reveal, by=profile.member.user)
    return row


@transaction.atomic
def hidden_from_remove(*, profile: ExpertProfile, organization_id) -> None:
    HiddenFrom.objects.filter(profile=profile, organization_id=organization_id).delete()


@transaction.atomic
def identity_reveal(
    *, profile: ExpertProfile, organization: Organization, by: User, reason: str = ""
) -> IdentityReveal:
    """Show the expert's identity to one organization (idempotent while active)."""
    profile = ExpertProfile.objects.select_for_update().get(pk=profile.pk)
    if HiddenFrom.objects.filter(profile=profile, organization=organization).exists():
        raise ValidationError(
            _("This organization is on your hide list: remove it from the list first.")
        )
    active = IdentityReveal.objects.filter(
        profile=profile, organization=organization, withdrawn_at__isnull=True
    ).first()
    if active is not None:
        return active
    reveal = IdentityReveal.objects.create(
        profile=profile, organization=organization, reason=reason.strip()[:200]
    )
    audit_record(
        actor=by,
        action="identity.revealed",
        target=reveal,
        to_state="revealed",
        reason=reason,
        data={"organization": str(organization.pk)},
    )
    return reveal


@transaction.atomic
def identity_reveal_withdraw(*, reveal: IdentityReveal, by: User) -> IdentityReveal:
    reveal = IdentityReveal.objects.select_for_update().get(pk=reveal.pk)
    if reveal.withdrawn_at is None:
        reveal.withdrawn_at = timezone.now()
        reveal.save(update_fields=["withdrawn_at", "updated_at"])
        audit_record(
            actor=by,
            action="identity.withdrawn",
            target=reveal,
            from_state="revealed",
            to_state="withdrawn",
        )
    return reveal


# --- counsellors ------------------------------------------------------------------


@transaction.atomic
def counsellor_invite(
    *, profile: ExpertProfile, counsellor: Member
) -> CounsellorInvitation:
    if counsellor.pk == profile.member_id:
        raise ValidationError(_("You cannot counsel yourself."))
    invitation, created = CounsellorInvitation.objects.get_or_create(
        profile=profile, counsellor=counsellor, revoked_at=None
    )
    if created:
        from django.urls import reverse

        from .i18n import in_language

        with in_language(counsellor):
            notify(
                member=counsellor,
                kind="profile.counsellor_invited",
                title=_("An expert asks you to comment on their profile"),
                url=reverse("marketplace:profile", kwargs={"profile_id": profile.pk}),
            )
    return invitation


@transaction.atomic
def counsellor_revoke(*, profile: ExpertProfile, invitation_id) -> None:
    CounsellorInvitation.objects.filter(
        profile=profile, pk=invitation_id, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())


@transaction.atomic
def profile_comment_add(
    *, profile: ExpertProfile, author: Member, body: str
) -> ProfileComment:
    allowed = (
        author.pk == profile.member_id
        or CounsellorInvitation.objects.filter(
            profile=profile, counsellor=author, revoked_at__isnull=True
        ).exists()
    )
    if not allowed:
        raise PermissionDenied
    comment = ProfileComment(profile=profile, author=author, body=body.strip())
    check_text_lengths(comment)
    comment.full_clean(exclude=["profile", "author"])
    comment.save()
    if author.pk != profile.member_id:
        from django.urls import reverse

        from .i18n import in_language

        with in_language(profile.member):
            notify(
                member=profile.member,
                kind="profile.commented",
                title=_("A counsellor commented your profile"),
                url=reverse("marketplace:profile_edit"),
            )
    return comment


# --- organizations ----------------------------------------------------------------

INVITATION_DAYS = 14


def check_organization_owner(*, member: Member, organization: Organization) -> None:
    if member.organization_id != organization.pk or not member.is_organization_owner:
        raise PermissionDenied


@transaction.atomic
def organization_update(
    *, organization: Organization, by: Member, **changes
) -> Organization:
    check_organization_owner(member=by, organization=organization)
    allowed = {"name", "sector", "size", "country", "description"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    for name, value in changes.items():
        setattr(organization, name, value.strip() if isinstance(value, str) else value)
    check_text_lengths(organization)
    organization.full_clean(exclude=["logo"])
    organization.save()
    return organization


@transaction.atomic
def organization_logo_set(
    *, organization: Organization, by: Member, upload
) -> Organization:
    from django.core.files.base import ContentFile

    check_organization_owner(member=by, organization=organization)
    data, extension = check_image(upload)
    organization.logo.save(f"logo.{extension}", ContentFile(data), save=False)
    organization.save(update_fields=["logo", "updated_at"])
    return organization


@transaction.atomic
def organization_invite(
    *, organization: Organization, by: Member, email: str
) -> OrganizationInvitation:
    """Invite a colleague by e-mail; the link lets them join this organization."""
    import secrets

    from django.core.validators import validate_email

    check_organization_owner(member=by, organization=organization)
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    if User.objects.filter(email=email, member__isnull=False).exists():
        raise ValidationError(
            {
                "email": _(
                    "This person is already a member; they cannot join another way."
                )
            }
        )
    invitation = OrganizationInvitation.objects.filter(
        organization=organization, email=email, accepted_at__isnull=True
    ).first()
    if invitation is None:
        invitation = OrganizationInvitation(organization=organization, email=email)
    invitation.token = secrets.token_urlsafe(32)
    invitation.invited_by = by
    invitation.expires_at = timezone.now() + timezone.timedelta(days=INVITATION_DAYS)
    invitation.save()
    audit_record(
        actor=by.user,
        action="organization.invited",
        target=invitation,
        data={"organization": str(organization.pk)},
    )
    from .tasks import send_organization_invitation

    invitation_id = str(invitation.pk)
    transaction.on_commit(
        lambda: send_organization_invitation.enqueue(
            invitation_id=invitation_id, language=by.language
        )
    )
    return invitation


@transaction.atomic
def organization_invitation_accept(
    *,
    token: str,
    display_name: str,
    password: str | None = None,
    user: User | None = None,
) -> Member:
    invitation = (
        OrganizationInvitation.objects.select_for_update()
        .select_related("organization")
        .filter(token=token)
        .first()
    )
    if invitation is None or not invitation.is_pending:
        raise ValidationError(_("This invitation is no longer valid."))
    if user is not None and user.email != invitation.email:
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    member = member_create(
        email=invitation.email,
        password=password,
        user=user,
        display_name=display_name,
        community=Member.Community.COMPANY,
        organization=invitation.organization,
        organization_role=Member.OrganizationRole.MEMBER,
        email_verified=user is None,  # they followed the link sent to this address
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = member
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    transaction.on_commit(
        lambda: signals.member_organization_changed.send(
            sender=Member,
            member=member,
            from_organization_id=None,
            to_organization_id=member.organization_id,
        )
    )
    return member
