"""Building spaces for tests through the real services."""

from django.utils import timezone

from marketplace.models import ExpertProfile, ExpertSkill, PublicationStatus, Skill
from marketplace.skills.taxonomy import ensure_taxonomy
from spaces import services
from spaces.access import space_seat, thread_seat
from tests.factories import ExpertFactory

FAMILY = "Numérique"
OTHER_FAMILY = "Finance"


def practitioner(family=FAMILY, level=ExpertSkill.Level.ADVANCED, **profile):
    """An expert whose published profile shows `family` at `level`."""
    ensure_taxonomy()
    member = ExpertFactory()
    card = ExpertProfile.objects.create(
        member=member,
        status=PublicationStatus.PUBLISHED,
        published_at=timezone.now(),
        **profile,
    )
    skill = Skill.objects.filter(category=family).first()
    ExpertSkill.objects.create(profile=card, skill=skill, level=level)
    return member


def make_space(moderator=None, **kwargs):
    moderator = moderator or practitioner()
    space = services.space_create(
        name=kwargs.pop("name", "Développeurs"),
        family=kwargs.pop("family", FAMILY),
        moderators=[moderator],
        charter="Bienveillance.",
        **kwargs,
    )
    return space, moderator


def seat(member, space):
    return space_seat(user=member.user, space_id=space.pk)


def tseat(member, thread):
    return thread_seat(user=member.user, thread_id=thread.pk)[1]
