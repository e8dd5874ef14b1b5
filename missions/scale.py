"""Bulk data for benchmarks: 100,000 needs, 300,000 proposals, 50,000 missions.

`seed(ctx)` is the step the project's `seed_scale` command runs after members
and profiles exist (it calls `seed_scale_missions`); the `seed_scale_missions`
command runs it alone.
Rows are written with bulk_create, not through the services: the point is
volume and realistic shapes (every state, three proposals per need, one
milestone per mission), not audit trails. Run it on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from marketplace.models import Member, Organization, Skill, User

from .models import Milestone, Mission, Need, NeedSkill, Proposal

BATCH = 5_000

# (need state, share of needs) — awarded needs carry the missions
NEED_MIX = [
    ("awarded", 0.50),
    ("published", 0.30),
    ("closed", 0.10),
    ("expired", 0.05),
    ("cancelled", 0.03),
    ("draft", 0.02),
]
MISSION_MIX = [
    ("active", 0.30),
    ("completed", 0.20),
    ("delivered", 0.20),
    ("changes_requested", 0.10),
    ("awarded", 0.10),
    ("cancelled", 0.06),
    ("disputed", 0.04),
]


def _members(
    *, company_members: int, experts: int, log
) -> tuple[list[Member], list[Member]]:
    """Company members (two per new organization) and experts, created if missing."""
    companies = list(
        Member.objects.filter(community="company").order_by("pk")[:company_members]
    )
    pool = list(Member.objects.filter(community="expert").order_by("pk")[:experts])
    password = make_password("ouvrage-scale")
    if len(companies) < company_members:
        missing = (company_members - len(companies) + 1) // 2
        orgs = Organization.objects.bulk_create(
            [
                Organization(name=f"Entreprise {i:05d}", sector="Industrie")
                for i in range(missing)
            ],
            batch_size=BATCH,
        )
        users = User.objects.bulk_create(
            [
                User(
                    email=f"scale-company-{org.pk.hex}-{n}@example.org",
                    password=password,
                )
                for org in orgs
                for n in range(2)
            ],
            batch_size=BATCH,
        )
        companies += Member.objects.bulk_create(
            [
                Member(
                    user=user,
                    display_name=f"Salarié {i}",
                    community="company",
                    organization=orgs[i // 2],
                    organization_role="owner" if i % 2 == 0 else "member",
                )
                for i, user in enumerate(users)
            ],
            batch_size=BATCH,
        )
        log(f"created {len(orgs)} organizations and {len(users)} company members")
    if len(pool) < experts:
        users = User.objects.bulk_create(
            [
                User(
                    email=f"scale-expert-{i}-{random.getrandbits(40):x}@example.org",
                    password=password,
                )
                for i in range(experts - len(pool))
            ],
            batch_size=BATCH,
        )
        pool += Member.objects.bulk_create(
            [
                Member(user=user, display_name=f"Expert {i}", community="expert")
                for i, user in enumerate(users)
            ],
            batch_size=BATCH,
        )
        log(f"created {len(users)} experts")
    return companies, pool


def _pick(mix, index: int, total: int) -> str:
    """Deterministic state for row `index` of `total` following `mix`."""
    position = (index * 7919 % total) / total  # spread states across creation order
    upto = 0.0
    for state, share in mix:
        upto += share
        if position < upto:
            return state
    return mix[-1][0]


def seed(ctx) -> None:
    """The missions step of `manage.py seed_scale` (marketplace.scale.ScaleContext)."""
    if ctx.needs:
        # marketplace.scale made one company member per organization and the experts
        seed_scale_missions(
            needs=ctx.needs,
            missions=ctx.needs // 2,
            company_members=ctx.organizations_count,
            experts=ctx.experts,
            skill_ids=list(ctx.skill_ids),
        )


def seed_scale_missions(
    *,
    needs: int = 100_000,
    proposals_per_need: int = 3,
    missions: int = 50_000,
    company_members: int = 1_000,
    experts: int = 2_000,
    skill_ids: list | None = None,
    log=print,
) -> dict[str, int]:
    """Add `needs` needs, `needs * proposals_per_need` proposals and up to `missions` missions."""
    companies, pool = _members(
        company_members=company_members, experts=experts, log=log
    )
    if skill_ids is None:
        skill_ids = list(
            Skill.objects.filter(merged_into__isnull=True).values_list("pk", flat=True)
        )
    if len(skill_ids) < 3:
        skill_ids = []
    now = timezone.now()
    created = {"needs": 0, "proposals": 0, "missions": 0}
    awarded_seen = 0
    for start in range(0, needs, BATCH):
        with transaction.atomic():
            rows = []
            for index in range(start, min(start + BATCH, needs)):
                author = companies[index % len(companies)]
                state = _pick(NEED_MIX, index, needs)
                if state == "awarded" and awarded_seen >= missions:
                    state = "closed"
                awarded_seen += state == "awarded"
                deadline = now + dt.timedelta(days=(index % 40) - 10)
                rows.append(
                    Need(
                        organization_id=author.organization_id,
                        author=author,
                        title=f"Besoin {index}: audit et plan d'action",
                        context="Contexte de l'entreprise et du projet.",
                        deliverables="Rapport, restitution.",
                        budget_min_cents=300_000,
                        budget_max_cents=1_500_000,
                        proposals_deadline=deadline,
                        state=state,
                        published_at=None
                        if state == "draft"
                        else deadline - dt.timedelta(days=30),
                        languages=["fr"],
                    )
                )
            wanted = [
                dict(
                    zip(
                        random.Random(start + index).sample(skill_ids, 3),
                        (5, 3, 2),
                        strict=True,
                    )
                )
                if skill_ids
                else {}
                for index in range(len(rows))
            ]
            for need, skills in zip(rows, wanted, strict=True):
                need.skill_weights = {str(skill): w for skill, w in skills.items()}
                need.skill_weight_total = sum(skills.values())
            made = Need.objects.bulk_create(rows, batch_size=BATCH)
            NeedSkill.objects.bulk_create(
                [
                    NeedSkill(need=need, skill_id=skill_id, weight=weight)
                    for need, skills in zip(made, wanted, strict=True)
                    for skill_id, weight in skills.items()
                ],
                batch_size=BATCH,
            )
            created["needs"] += len(made)
            created["proposals"] += _proposals_and_missions(
                made, pool, proposals_per_need, now, created
            )
        log(
            f"needs {created['needs']:>7} proposals {created['proposals']:>7} missions {created['missions']:>6}"
        )
    return created


def _proposals_and_missions(needs, pool, per_need, now, created) -> int:
    proposals, winners = [], []
    for need in needs:
        first = hash(need.pk) % len(pool)
        for rank in range(per_need if need.state != "draft" else 0):
            expert = pool[(first + rank * 37) % len(pool)]
            if need.state == "awarded":
                state = "accepted" if rank == 0 else "declined"
            elif need.state in ("expired", "cancelled"):
                state = "declined"
            else:
                state = ("submitted", "shortlisted", "withdrawn")[rank % 3]
            proposal = Proposal(
                need=need,
                expert=expert,
                approach="Approche en trois temps.",
                total_cents=900_000 + rank * 50_000,
                state=state,
                declined_by_award=need.state == "awarded" and rank > 0,
            )
            proposals.append(proposal)
            if state == "accepted":
                winners.append(proposal)
    Proposal.objects.bulk_create(proposals, batch_size=BATCH)
    rows, milestones = [], []
    for index, proposal in enumerate(winners):
        state = _pick(MISSION_MIX, created["missions"] + index, 50_000)
        mission = Mission(
            need=proposal.need,
            proposal=proposal,
            organization_id=proposal.need.organization_id,
            expert=proposal.expert,
            title=proposal.need.title,
            agreed_value_cents=proposal.total_cents,
            state=state,
            confirm_by=now + dt.timedelta(days=7),
            started_at=None if state == "awarded" else now - dt.timedelta(days=20),
            milestones_left=0 if state == "completed" else 1,
            reviews_due_at=now + dt.timedelta(days=14)
            if state == "completed"
            else None,
        )
        rows.append(mission)
        milestone_state = {
            "completed": "accepted",
            "delivered": "delivered",
            "changes_requested": "changes_requested",
        }.get(state, "open")
        milestones.append(
            Milestone(
                mission=mission,
                position=1,
                title="La mission entière",
                amount_cents=proposal.total_cents,
                state=milestone_state,
                delivered_at=now - dt.timedelta(days=2)
                if milestone_state == "delivered"
                else None,
                auto_accept_at=now + dt.timedelta(days=12)
                if milestone_state == "delivered"
                else None,
            )
        )
    Mission.objects.bulk_create(rows, batch_size=BATCH)
    Milestone.objects.bulk_create(milestones, batch_size=BATCH)
    created["missions"] += len(rows)
    return len(proposals)
