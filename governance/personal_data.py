"""Governance's share of a member's export and erasure.

The export says which votes the member took part in, never how they voted:
a ballot is secret, and not even tied to its voter in the database.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from marketplace.profiles import privacy

from .models import Amendment, Comment, Motion, Sponsorship, VoterRoll

LABEL = _(
    "your motions, comments, co-sponsorships and the votes you took part in (never your choice)"
)


def export_governance(member) -> dict:
    return {
        "motions_written": list(
            Motion.objects.filter(author=member).values(
                "id", "title", "state", "rationale", "text", "created_at"
            )
        ),
        "co_sponsored": list(
            Sponsorship.objects.filter(member=member).values(
                "motion_id", "motion__title", "created_at"
            )
        ),
        "comments": list(
            Comment.objects.filter(author=member).values(
                "motion_id", "body", "created_at"
            )
        ),
        "amendments": list(
            Amendment.objects.filter(author=member).values(
                "motion_id", "rationale", "state", "created_at"
            )
        ),
        # that the member voted, and in which college; the choice is not kept
        # with the voter (see docs/governance.md)
        "votes_taken_part_in": list(
            VoterRoll.objects.filter(member=member).values(
                "motion_id", "motion__title", "college", "created_at"
            )
        ),
    }


def erase_governance(member) -> None:
    """Drafts go; what the assembly deliberated stays, its author anonymised
    (the account becomes nameless), the member's comments emptied."""
    Motion.objects.filter(author=member, state=Motion.State.DRAFT).delete()
    Comment.objects.filter(author=member).update(body="")


privacy.register_exporter("governance", export_governance, label=LABEL)
privacy.register_eraser("governance", erase_governance)
