"""How one member is shown to another: the ONE place that decides.

Every page, API serializer, e-mail, notification, export and governance page
that names a member calls `shown_name` (one member) or `shown_names` (many, one
query). A pseudonymous expert appears under their alias to everyone except:

- themselves;
- the members of an organization holding an active identity reveal.

`audience_org_id` names the organization whose members read the text when it
is not the viewer's own (a conversation between a company and an expert is
read by both sides: the expert's name there is the one the company may see).

Staff roles see the alias too: a moderator, mediator or treasurer needs what
a member did, never who they are behind their alias (the back office,
/admin/, is the exception, for the law's requests).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef

from .models import ExpertProfile, HiddenFrom, IdentityReveal, Member


def _org_of(viewer: Member | None) -> str | None:
    return viewer.organization_id if viewer is not None else None


def shown_names(
    members: Iterable[Member | None],
    *,
    viewer: Member | None,
    audience_org_id=None,
) -> dict:
    """{member id: name as `viewer` may see it} (one query for all pseudonyms)."""
    members = [member for member in members if member is not None]
    names = {member.pk: member.display_name for member in members}
    experts = [
        member.pk
        for member in members
        if member.is_expert and (viewer is None or member.pk != viewer.pk)
    ]
    if not experts:
        return names
    org = audience_org_id if audience_org_id is not None else _org_of(viewer)
    hidden = unrevealed_aliases(experts, organization_id=org)
    names.update(hidden)
    return names


def unrevealed_aliases(member_ids: Iterable, *, organization_id) -> dict:
    """{member id: alias} of the pseudonymous experts among `member_ids` whose
    identity is not revealed to the organization (None: to nobody)."""
    hidden = ExpertProfile.objects.filter(
        member_id__in=list(member_ids), pseudonymous=True
    )
    if organization_id is not None:
        hidden = hidden.exclude(
            Exists(
                IdentityReveal.objects.filter(
                    profile=OuterRef("pk"),
                    organization_id=organization_id,
                    withdrawn_at__isnull=True,
                )
            )
        )
    return dict(hidden.values_list("member_id", "alias"))


def shown_name(
    member: Member | None, *, viewer: Member | None, audience_org_id=None
) -> str:
    """`member`'s name as `viewer` may see it: the alias of an unrevealed pseudonym."""
    if member is None:
        return ""
    return shown_names([member], viewer=viewer, audience_org_id=audience_org_id)[
        member.pk
    ]


def hidden_from_organization(*, member_ids: Iterable, organization_id) -> set:
    """The experts among `member_ids` who hide from this organization."""
    return set(
        HiddenFrom.objects.filter(
            profile__member_id__in=list(member_ids), organization_id=organization_id
        ).values_list("profile__member_id", flat=True)
    )
