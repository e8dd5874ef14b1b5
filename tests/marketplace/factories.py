"""Factories for expert profiles, skills and experiences."""

import factory

from marketplace.models import (
    Experience,
    ExpertProfile,
    ExpertSkill,
    PublicationStatus,
    Skill,
)
from tests.factories import ExpertFactory


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    name_fr = factory.Sequence(lambda n: f"Compétence {n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.Sequence(lambda n: f"skill-{n}")
    status = Skill.Status.APPROVED


class ProfileFactory(factory.django.DjangoModelFactory):
    """A published profile (use status=PublicationStatus.DRAFT for a draft)."""

    class Meta:
        model = ExpertProfile

    member = factory.SubFactory(ExpertFactory)
    headline = factory.Sequence(lambda n: f"Consultante numéro {n}")
    summary = "Vingt ans d'industrie, de la production à la direction de projets."
    day_rate_cents = 60_000
    languages = factory.LazyFunction(lambda: ["fr", "en"])
    location = "Lyon"
    status = PublicationStatus.PUBLISHED


class ExpertSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertSkill

    profile = factory.SubFactory(ProfileFactory)
    skill = factory.SubFactory(SkillFactory)
    level = 3


class ExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experience

    profile = factory.SubFactory(ProfileFactory)
    kind = Experience.Kind.FORMAL
    title = "Responsable qualité"
    employer = "Usine Secrète SA"
    status = PublicationStatus.PUBLISHED
