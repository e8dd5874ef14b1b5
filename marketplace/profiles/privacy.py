"""Privacy rights: a member downloads all their data, or erases their account.

Each app contributes its own part through a small registry, so this module
never needs to know other apps' models::

    from marketplace.profiles import privacy

    # in your AppConfig.ready() (or at import of a module ready() imports):
    privacy.register_exporter("missions", export_missions)   # func(member) -> JSON-able
    privacy.register_eraser("missions", erase_missions)      # func(member) -> None

- An exporter returns what the member may take away: what they wrote, their
  ballots as receipts, their invoices... Never other members' personal data,
  and never a pseudonymous expert's identity (use `selectors.profile_cards`
  or the alias when you mention another member's profile).
- An eraser deletes or anonymises the member's personal data in its app,
  inside the erasure's transaction. It must leave accounting intact: ledger
  entries, invoices' amounts and vote tallies stay, pointing at the
  anonymised member. Erasers run in registration order, then the
  marketplace's own, which anonymises the account last.

`export(member)` -> dict (key per exporter, plus "format" and "exported_at");
`export_json(member)` -> str; `erase(member=..., by=...)` -> None.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import Token

from .. import identity
from ..models import CounsellorInvitation, ExpertProfile, ProfileComment
from ..services import audit_record

FORMAT = "ouvrage.export/1"

_EXPORTERS: dict[str, Callable[[Any], Any]] = {}
_ERASERS: dict[str, Callable[[Any], None]] = {}
_LABELS: dict[str, Any] = {
    "account": _("your account"),
    "profile": _("your expert profile and experiences"),
    "profile_comments_written": _("the comments you wrote on profiles"),
    "notifications": _("your notifications"),
}


def register_exporter(
    name: str, func: Callable[[Any], Any], *, label: str | None = None
) -> None:
    """Add (or replace) the part called `name` of every member's export.

    `label` (translatable) is how the "My data" page names the part.
    """
    _EXPORTERS[name] = func
    if label is not None:
        _LABELS[name] = label


def register_eraser(name: str, func: Callable[[Any], None]) -> None:
    """Add (or replace) an app's share of the account erasure."""
    _ERASERS[name] = func


def exporter_names() -> list[str]:
    _register_own()
    return list(_EXPORTERS)


def exporter_labels() -> list[str]:
    """What the export holds, in words (a part without a label by its name)."""
    return [str(_LABELS.get(name, name.replace("_", " "))) for name in exporter_names()]


def export(member) -> dict:
    _register_own()
    data: dict[str, Any] = {"format": FORMAT, "exported_at": timezone.now()}
    for name, func in _EXPORTERS.items():
        data[name] = func(member)
    return data


def export_json(member) -> str:
    return json.dumps(
        export(member), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )


@transaction.atomic
def erase(*, member, by) -> None:
    """Delete or anonymise `member`'s personal data in every app, then the account."""
    _register_own()
    for name, func in _ERASERS.items():
        if name != "marketplace":
            func(member)
    _ERASERS["marketplace"](member)
    audit_record(actor=None, action="member.erased", target=member, to_state="erased")


# --- the marketplace's own part ---------------------------------------------------


def _register_own() -> None:
    if "account" not in _EXPORTERS:
        _EXPORTERS.update(
            {
                "account": export_account,
                "profile": export_profile,
                "profile_comments_written": export_comments_written,
                "notifications": export_notifications,
            }
        )
    _ERASERS.setdefault("marketplace", erase_marketplace)


def export_account(member) -> dict:
    return {
        "id": member.pk,
        "email": member.user.email,
        "display_name": member.display_name,
        "community": member.community,
        "language": member.language,
        "joined": member.created_at,
        "organization": (
            {
                "id": member.organization.pk,
                "name": member.organization.name,
                "role": member.organization_role,
            }
            if member.organization_id
            else None
        ),
    }


def export_profile(member) -> dict | None:
    profile = ExpertProfile.objects.filter(member=member).first()
    if profile is None:
        return None
    return {
        "id": profile.pk,
        "status": profile.status,
        "headline": profile.headline,
        "summary": profile.summary,
        "day_rate_cents": profile.day_rate_cents,
        "currency": profile.currency,
        "available_from": profile.available_from,
        "days_per_week": profile.days_per_week,
        "languages": profile.languages,
        "location": profile.location,
        "country": profile.country,
        "remote": profile.remote,
        "links": profile.links,
        "has_photo": bool(profile.photo),
        "pseudonymous": profile.pseudonymous,
        "alias": profile.alias,
        "skills": [
            {"skill": line.skill.slug, "name": line.skill.name_fr, "level": line.level}
            for line in profile.skills.select_related("skill")
        ],
        "appetences": [
            {
                "skill": appetence.skill.slug if appetence.skill_id else None,
                "mission_kind": appetence.mission_kind,
                "note": appetence.note,
            }
            for appetence in profile.appetences.select_related("skill")
        ],
        "experiences": list(
            profile.experiences.values(
                "id",
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
                "status",
            )
        ),
        "hidden_from": [
            {"organization": row.organization.name, "since": row.created_at}
            for row in profile.hidden_from.select_related("organization")
        ],
        "identity_reveals": [
            {
                "organization": row.organization.name,
                "revealed_at": row.created_at,
                "withdrawn_at": row.withdrawn_at,
                "reason": row.reason,
            }
            for row in profile.reveals.select_related("organization")
        ],
        "comments_received": [
            # the author is named as they chose to be seen: a pseudonymous
            # counsellor appears under their alias
            {
                "body": comment.body,
                "at": comment.created_at,
                "by": _name_of(comment.author, member),
            }
            for comment in profile.comments.select_related("author__profile")
        ],
    }


def export_comments_written(member) -> list[dict]:
    return [
        {
            "on_profile": comment.profile_id,
            # the profile's owner as the author may see them: alias if pseudonymous
            "profile_name": _name_of(comment.profile.member, member),
            "body": comment.body,
            "at": comment.created_at,
        }
        for comment in ProfileComment.objects.filter(author=member).select_related(
            "profile__member__profile"
        )
    ]


def export_notifications(member) -> list[dict]:
    return list(
        member.notifications.values("kind", "title", "body", "created_at", "read_at")
    )


def _name_of(member, viewer) -> str:
    """A member's name as the exporting member may see it (marketplace.identity)."""
    return identity.shown_name(member, viewer=viewer)


ERASED_NAME = "—"


def erase_marketplace(member) -> None:
    """Anonymise the member and their user; delete their profile's content.

    The Member row stays (ledger entries, tallies and audit lines point at it)
    but nothing in it or its user identifies the person any more.
    """
    profile = ExpertProfile.objects.filter(member=member).first()
    if profile is not None:
        if profile.photo:
            name, storage = profile.photo.name, profile.photo.storage
            transaction.on_commit(lambda: storage.delete(name))
        profile.experiences.all().delete()
        profile.skills.all().delete()
        profile.appetences.all().delete()
        profile.hidden_from.all().delete()
        profile.reveals.all().delete()
        profile.counsellors.all().delete()
        profile.comments.all().delete()
        for field_name, value in {
            "headline": "",
            "summary": "",
            "day_rate_cents": None,
            "available_from": None,
            "languages": [],
            "location": "",
            "links": [],
            "photo": "",
            "status": "draft",
            "pseudonymous": False,
            "alias": "",
            "skill_levels": {},
            "appetence_skills": [],
            "appetence_kinds": [],
            "search_text": "",
            "search_vector": None,
        }.items():
            setattr(profile, field_name, value)
        profile.save()
    ProfileComment.objects.filter(author=member).update(body="", author=None)
    CounsellorInvitation.objects.filter(counsellor=member).delete()
    member.notifications.all().delete()
    member.email_preferences.all().delete()
    member.display_name = ERASED_NAME
    member.save(update_fields=["display_name", "updated_at"])
    user = member.user
    EmailAddress.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()
    user.email = f"erased-{member.pk}@invalid.ouvrage"
    user.is_active = False
    user.set_unusable_password()
    user.save()
