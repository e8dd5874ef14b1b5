"""Bulk data for performance work: `manage.py seed_scale` (not for production).

Each app may have a `scale.py` with `seed(ctx: ScaleContext)`; the command calls
them in order (marketplace, then missions...). The marketplace creates
organizations with one company member each, and the experts with skills,
appetences and experiences. **Needs belong to the missions app**: its
`missions/scale.py` should create `ctx.needs` needs for `ctx.organizations`
(authors in `ctx.company_member_ids`), wanting skills from `ctx.skill_ids`.

Rows are written with bulk_create and their denormalised fields (matching and
search) are computed here the same way `services.profile_refresh_index` does,
because calling services for 20,000 experts would take many minutes.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from core.ids import uuid7

from .models import (
    Appetence,
    Experience,
    ExpertProfile,
    ExpertSkill,
    Member,
    MissionKind,
    Organization,
    PublicationStatus,
    Skill,
    User,
)
from .services import search_vector_refresh
from .skills import ensure_taxonomy

PASSWORD = "ouvrage-scale"  # noqa: S105 (load-test accounts only)
BATCH = 2_000

FIRST = [
    "Camille",
    "Julie",
    "Thomas",
    "Nicolas",
    "Sarah",
    "Léa",
    "Hugo",
    "Manon",
    "Lucas",
    "Inès",
    "Karim",
    "Yasmine",
    "Antoine",
    "Claire",
    "Louis",
    "Chloé",
    "Mehdi",
    "Emma",
    "Paul",
    "Zoé",
    "Théo",
    "Jade",
    "Nathan",
    "Lina",
    "Rémi",
    "Anaïs",
]
LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Haddad",
    "Benali",
    "Nguyen",
]
CITIES = [
    "Paris",
    "Lyon",
    "Marseille",
    "Toulouse",
    "Nantes",
    "Bordeaux",
    "Lille",
    "Rennes",
    "Grenoble",
    "Strasbourg",
    "Montpellier",
    "Nice",
    "Besançon",
    "Dijon",
    "Angers",
    "Tours",
    "Brest",
    "Clermont-Ferrand",
]
TITLES = (
    "Responsable qualité",
    "Cheffe de projet",
    "Ingénieur méthodes",
    "Consultante senior",
    "Directeur technique",
    "Analyste",
    "Responsable des achats",
    "Contrôleuse de gestion",
)
INFORMAL = (
    (
        "volunteering",
        "Bénévole dans une banque alimentaire",
        ["bénévolat", "logistique"],
    ),
    ("association", "Trésorier d'une association sportive", ["gestion", "budget"]),
    ("summer_job", "Job d'été en coopérative agricole", ["travail en équipe"]),
    ("family", "Aide à l'entreprise familiale", ["polyvalence", "commerce"]),
    ("project", "Projet de logiciel libre", ["open source", "python"]),
)


@dataclass
class ScaleContext:
    experts: int = 20_000
    needs: int = 100_000
    organizations_count: int = 500
    seed: int = 42
    skill_ids: list = field(default_factory=list)
    organizations: list = field(default_factory=list)
    company_member_ids: list = field(default_factory=list)
    expert_profile_ids: list = field(default_factory=list)
    rng: random.Random = field(default_factory=random.Random)
    timings: dict = field(default_factory=dict)


def seed(ctx: ScaleContext) -> None:
    ctx.rng.seed(ctx.seed)
    ensure_taxonomy()
    skills = list(Skill.objects.filter(merged_into__isnull=True))
    ctx.skill_ids = [skill.pk for skill in skills]
    password = make_password(PASSWORD)
    with transaction.atomic():
        _organizations(ctx, password)
    done = 0
    while done < ctx.experts:
        count = min(BATCH, ctx.experts - done)
        with transaction.atomic():
            _experts(ctx, skills, password, start=done, count=count)
        done += count


def _organizations(ctx: ScaleContext, password: str) -> None:
    now = timezone.now()
    organizations = [
        Organization(
            id=uuid7(),
            name=f"Entreprise {number:04d}",
            sector="Industrie",
            created_at=now,
        )
        for number in range(ctx.organizations_count)
    ]
    Organization.objects.bulk_create(organizations, batch_size=BATCH)
    users = [
        User(
            id=uuid7(), email=f"scale-company-{n}@scale.ouvrage.test", password=password
        )
        for n in range(ctx.organizations_count)
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    members = [
        Member(
            id=uuid7(),
            user=user,
            display_name=f"{ctx.rng.choice(FIRST)} {ctx.rng.choice(LAST)}",
            community=Member.Community.COMPANY,
            organization=organization,
            organization_role=Member.OrganizationRole.OWNER,
            created_at=now,
        )
        for user, organization in zip(users, organizations, strict=True)
    ]
    Member.objects.bulk_create(members, batch_size=BATCH)
    ctx.organizations = organizations
    ctx.company_member_ids = [member.pk for member in members]


def _experts(ctx, skills, password: str, *, start: int, count: int) -> None:
    rng, now, today = ctx.rng, timezone.now(), timezone.localdate()
    users, members, profiles, lines, wishes, experiences = [], [], [], [], [], []
    for number in range(start, start + count):
        user = User(id=uuid7(), email=f"scale-expert-{number}@scale.ouvrage.test")
        user.password = password
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        member = Member(
            id=uuid7(),
            user=user,
            display_name=name,
            community=Member.Community.EXPERT,
            created_at=now,
        )
        chosen = rng.sample(skills, rng.randint(3, 8))
        levels = {str(skill.pk): rng.randint(1, 4) for skill in chosen}
        wanted = rng.sample(skills, 2)
        kinds = rng.sample(MissionKind.values, 1)
        pseudonymous = rng.random() < 0.1
        headline = f"{rng.choice(TITLES)} · {chosen[0].name_fr}"
        profile = ExpertProfile(
            id=uuid7(),
            member=member,
            headline=headline,
            summary="Expérience en PME et grands groupes, missions en France et en Europe.",
            day_rate_cents=rng.randrange(350, 1_300, 10) * 100,
            available_from=today + dt.timedelta(days=rng.randint(-30, 120)),
            days_per_week=rng.randint(1, 5),
            languages=["fr", *rng.sample(["en", "de", "es", "it"], rng.randint(0, 2))],
            location=rng.choice(CITIES),
            remote=rng.choice(["onsite", "hybrid", "remote"]),
            status=PublicationStatus.PUBLISHED,
            published_at=now,
            pseudonymous=pseudonymous,
            alias=f"Expert·e {number:05d}" if pseudonymous else "",
            skill_levels=levels,
            appetence_skills=sorted(str(skill.pk) for skill in wanted),
            appetence_kinds=kinds,
            created_at=now,
        )
        formal_title = rng.choice(TITLES)
        category, informal_title, tags = rng.choice(INFORMAL)
        words = [headline, profile.summary, profile.location]
        if not pseudonymous:
            words.append(name)
        for skill in chosen + wanted:
            words += [skill.name_fr, skill.name_en]
        words += [formal_title, informal_title, " ".join(tags)]
        profile.search_text = "\n".join(words)
        users.append(user)
        members.append(member)
        profiles.append(profile)
        lines += [
            ExpertSkill(
                id=uuid7(), profile=profile, skill=skill, level=levels[str(skill.pk)]
            )
            for skill in chosen
        ]
        wishes += [
            Appetence(id=uuid7(), profile=profile, skill=skill) for skill in wanted
        ]
        wishes.append(Appetence(id=uuid7(), profile=profile, mission_kind=kinds[0]))
        experiences += [
            Experience(
                id=uuid7(),
                profile=profile,
                kind=Experience.Kind.FORMAL,
                category=Experience.Category.JOB,
                title=formal_title,
                employer=f"Société {rng.randint(1, 5000)}",
                started_on=today - dt.timedelta(days=rng.randint(800, 6000)),
                ended_on=today - dt.timedelta(days=rng.randint(0, 700)),
                what="Pilotage d'équipes et de projets d'amélioration.",
                tags=["gestion de projet", chosen[0].name_fr.lower()],
                status=PublicationStatus.PUBLISHED,
            ),
            Experience(
                id=uuid7(),
                profile=profile,
                kind=Experience.Kind.INFORMAL,
                category=category,
                title=informal_title,
                what="Engagement régulier, le soir et le week-end.",
                tags=tags,
                status=PublicationStatus.PUBLISHED,
            ),
        ]
    User.objects.bulk_create(users, batch_size=BATCH)
    Member.objects.bulk_create(members, batch_size=BATCH)
    ExpertProfile.objects.bulk_create(profiles, batch_size=BATCH)
    ExpertSkill.objects.bulk_create(lines, batch_size=BATCH)
    Appetence.objects.bulk_create(wishes, batch_size=BATCH)
    Experience.objects.bulk_create(experiences, batch_size=BATCH)
    search_vector_refresh(ExpertProfile.objects.filter(pk__in=[p.pk for p in profiles]))
    ctx.expert_profile_ids += [profile.pk for profile in profiles]
