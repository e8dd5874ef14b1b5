"""Matching that explains itself: experts for a need, needs for an expert.

- `formula`: the score, once, in Python (the reference) and in SQL for each
  pre-ranking (experts for a need, needs for an expert), side by side;
- `specs`: what the matching knows of a need (`NeedSpec`) and of an expert
  (`ExpertSnapshot`);
- `ranking`: the database-fed API (`experts_for_need`, `needs_for_expert`,
  `needs_top_ids`, `explain`), with the weights voted by the members.

How the missions app plugs in: `Need.as_need_spec()` returns a `NeedSpec`
(skill ids as strings -> weight 1..5); rank experts with
``experts_for_need(need.as_need_spec(), viewer_org=member.organization)``,
needs with ``needs_top_ids(..., columns=NeedColumns(table="missions_need", ...))``
then ``needs_for_expert``.
"""

from .formula import (
    LATE_START_DAYS,
    MAX_LEVEL,
    PART_LABELS,
    PART_RULES,
    PARTS,
    Explanation,
    NeedColumns,
    Part,
    appetence_fit,
    availability_fit,
    language_fit,
    location_fit,
    rate_fit,
    score,
    skill_fit,
)
from .ranking import (
    SQL_MARGIN,
    Match,
    current_weights,
    experts_candidates,
    experts_for_need,
    experts_top_candidates,
    explain,
    needs_for_expert,
    needs_top_ids,
)
from .specs import (
    HYBRID,
    ONSITE,
    REMOTE,
    SNAPSHOT_FIELDS,
    ExpertSnapshot,
    NeedSpec,
    need_spec_from,
    snapshot_from_row,
    snapshot_of,
)

__all__ = [
    "HYBRID",
    "LATE_START_DAYS",
    "MAX_LEVEL",
    "ONSITE",
    "PARTS",
    "PART_LABELS",
    "PART_RULES",
    "REMOTE",
    "SNAPSHOT_FIELDS",
    "SQL_MARGIN",
    "ExpertSnapshot",
    "Explanation",
    "Match",
    "NeedColumns",
    "NeedSpec",
    "Part",
    "appetence_fit",
    "availability_fit",
    "current_weights",
    "experts_candidates",
    "experts_for_need",
    "experts_top_candidates",
    "explain",
    "language_fit",
    "location_fit",
    "need_spec_from",
    "needs_for_expert",
    "needs_top_ids",
    "rate_fit",
    "score",
    "skill_fit",
    "snapshot_from_row",
    "snapshot_of",
]
