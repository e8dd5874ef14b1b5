"""Matching applied to missions: recommended needs, matched experts, proposals compared.

Scores and their explanations come from `marketplace.matching` (weights are the
voted rule `matching.weights`); names follow the profiles' privacy rules
(a pseudonymous expert appears under their alias unless they revealed their
identity to the viewing organization).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import identity, matching
from marketplace import selectors as profiles
from marketplace.models import ExpertProfile, Member
from marketplace.selectors import member_for_user

from . import selectors
from .models import Need, NeedSkill, Proposal

# what Need.as_need_spec() reads (besides its skills); `state` is read when the
# row is loaded (the FSM mixin keeps the initial state)
SPEC_FIELDS = (
    "id",
    "state",
    "languages",
    "budget_min_cents",
    "budget_max_cents",
    "start_date",
    "place",
    "location",
    "title",
)
CANDIDATE_NEEDS = (
    5_000  # without PostgreSQL: open needs scored in Python for one expert
)
# where the matching's SQL form reads a need: `skill_weights` ({skill id:
# weight}) and `skill_weight_total` are kept beside the NeedSkill rows by the
# services; `budget_max_cents` is a day-rate ceiling, as in Need.as_need_spec()
NEED_COLUMNS = matching.NeedColumns(
    table=Need._meta.db_table,
    skill_weights="skill_weights",
    skill_weight_total="skill_weight_total",
    languages="languages",
    budget_max_cents="budget_max_cents",
    start="start_date",
    remote="place",
    location="location",
)


@dataclass
class Row:
    obj: object
    score: int | None = None
    explanation: list = field(default_factory=list)
    label: str = ""


def _lines(explanation) -> list[str]:
    """ "skill fit: 32 / 40" lines, biggest contributions first."""
    parts = sorted(explanation.parts, key=lambda part: -part.points)
    return [
        _("%(label)s: %(points)s out of %(weight)s")
        % {"label": part.label, "points": round(part.points), "weight": part.weight}
        for part in parts
        if part.weight
    ]


def _with_skills(queryset):
    return queryset.prefetch_related(
        Prefetch("skills", queryset=NeedSkill.objects.select_related("skill"))
    )


def needs_recommended(*, member: Member, limit: int = 30) -> list[Row]:
    """Open needs the expert may see, best matches first (by deadline without a profile).

    Candidates are the open needs the member may see that want one of their
    skills or appetences. On PostgreSQL they are pre-ranked in SQL with the same
    formula (`marketplace.matching.needs_top_ids`, a few times `limit`) and
    only those are read and re-scored exactly; elsewhere (SQLite) up to
    CANDIDATE_NEEDS of them are scored in Python.
    """
    profile = profiles.profile_for_member(member)
    visible = selectors.needs_visible_to(member).filter(state=Need.State.PUBLISHED)
    open_needs = visible.select_related("organization").order_by("proposals_deadline")
    if profile is None or not (profile.skill_levels or profile.appetence_skills):
        return [Row(obj=need) for need in open_needs[:limit]]
    weights = matching.current_weights()
    today = timezone.localdate()
    if connection.vendor == "postgresql":
        ids = matching.needs_top_ids(
            expert=matching.snapshot_of(profile),
            candidates=visible.order_by(),
            columns=NEED_COLUMNS,
            weights=weights,
            today=today,
            limit=limit,
        )
        # re-score light rows (what as_need_spec reads), then load the top fully
        candidates = list(
            Need.objects.filter(pk__in=ids)
            .only(*SPEC_FIELDS)
            .prefetch_related(
                Prefetch(
                    "skills",
                    queryset=NeedSkill.objects.only("need_id", "skill_id", "weight"),
                )
            )
        )
        ranked = matching.needs_for_expert(
            profile, candidates, limit=limit, weights=weights, today=today
        )
        full = _with_skills(Need.objects.select_related("organization")).in_bulk(
            [m.subject.pk for m in ranked]
        )
        rows = [
            Row(
                obj=full[m.subject.pk],
                score=round(m.score),
                explanation=_lines(m.explanation),
            )
            for m in ranked
        ]
        return _filled(rows, open_needs, limit)
    else:
        wanted = {*map(str, profile.skill_levels), *map(str, profile.appetence_skills)}
        sharing = open_needs.filter(skills__skill_id__in=sorted(wanted)).distinct()
        candidates = list(_with_skills(sharing)[:CANDIDATE_NEEDS])
    ranked = matching.needs_for_expert(
        profile, candidates, limit=limit, weights=weights, today=today
    )
    rows = [
        Row(obj=m.subject, score=round(m.score), explanation=_lines(m.explanation))
        for m in ranked
    ]
    return _filled(rows, open_needs, limit)


def _filled(rows: list[Row], open_needs, limit: int) -> list[Row]:
    """Tops `rows` up to `limit` with other open needs by deadline (no score)."""
    if len(rows) < limit:
        seen = {row.obj.pk for row in rows}
        rows += [
            Row(obj=need) for need in open_needs[: limit * 2] if need.pk not in seen
        ][: limit - len(rows)]
    return rows


def experts_for(*, need: Need, viewer=None, limit: int = 10) -> list[Row]:
    """Matched experts to invite; `obj` is the expert's member id."""
    spec = _with_skills(Need.objects.filter(pk=need.pk)).get().as_need_spec()
    if not spec.skills:
        return []
    member = member_for_user(viewer) if viewer is not None else None
    matches = matching.experts_for_need(
        spec, viewer_org=need.organization, limit=limit, viewer=member
    )
    members = dict(
        ExpertProfile.objects.filter(
            pk__in=[m.subject.id for m in matches]
        ).values_list("pk", "member_id")
    )
    return [
        Row(
            obj=members[_uuid(m.subject.id)],
            score=round(m.score),
            explanation=_lines(m.explanation),
            label=m.subject.name,
        )
        for m in matches
        if _uuid(m.subject.id) in members
    ]


def _uuid(value):
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def compare(*, need: Need, proposals: list[Proposal], viewer=None) -> list[Row]:
    """The proposals side by side, each with the match explanation of its expert."""
    spec = _with_skills(Need.objects.filter(pk=need.pk)).get().as_need_spec()
    member = member_for_user(viewer) if viewer is not None else None
    by_member = {
        profile.member_id: profile
        for profile in profiles.profiles_visible_to(
            member, viewer_org=need.organization
        )
        .filter(member_id__in=[p.expert_id for p in proposals])
        .select_related("member")
    }
    hidden = aliases({p.expert_id for p in proposals}, need.organization_id)
    rows = []
    for proposal in proposals:
        profile = by_member.get(proposal.expert_id)
        row = Row(obj=proposal, label=_name(proposal, profile, hidden))
        if profile is not None and spec.skills:
            explanation = matching.explain(spec, profile)
            row.score, row.explanation = round(explanation.score), _lines(explanation)
        rows.append(row)
    return rows


def aliases(member_ids, organization_id) -> dict:
    """{member id: alias} of pseudonymous experts not revealed to the organization."""
    return identity.unrevealed_aliases(member_ids, organization_id=organization_id)


def _name(proposal: Proposal, profile, hidden=None) -> str:
    if hidden is not None and proposal.expert_id in hidden:
        return hidden[proposal.expert_id]
    return proposal.expert.display_name


def expert_label(*, proposal: Proposal, viewer) -> str:
    """The expert's name as `viewer` may see it (marketplace.identity)."""
    return identity.shown_name(proposal.expert, viewer=member_for_user(viewer))


def expert_names(*, missions, viewer) -> dict:
    """{expert member id: name as `viewer` may see it} for a list of missions (one query).

    Only the expert and the organizations it was revealed to (when the proposal
    chose to reveal it, or when the expert confirms the award) see the identity
    of a pseudonymous expert (marketplace.identity).
    """
    return identity.shown_names(
        [mission.expert for mission in missions], viewer=member_for_user(viewer)
    )
