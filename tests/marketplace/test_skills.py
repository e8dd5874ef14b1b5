"""The skill taxonomy: proposals, approval and merging of duplicates."""

import pytest
from django.core.exceptions import ValidationError

from marketplace import selectors, services
from marketplace.models import AuditEvent, Skill
from tests.factories import UserFactory
from tests.marketplace.factories import ExpertSkillFactory, ProfileFactory, SkillFactory

pytestmark = pytest.mark.django_db


def test_taxonomy_is_seeded_in_french_and_english():
    assert Skill.objects.filter(status=Skill.Status.APPROVED).count() >= 60
    lean = Skill.objects.get(slug="food-safety-haccp")
    assert lean.name_fr == "Sécurité alimentaire (HACCP)"


def test_proposed_skill_is_usable_by_its_author_only_until_approved(expert):
    skill = services.skill_propose(member=expert, name_fr="Menuiserie navale")
    assert skill.status == Skill.Status.PROPOSED
    assert skill in selectors.skills_usable(member=expert)
    assert skill not in selectors.skills_usable()
    other = ProfileFactory()
    with pytest.raises(ValidationError):
        services.expert_skill_set(profile=other, skill_id=skill.pk, level=2)


def test_merging_a_duplicate_moves_holders_keeping_the_best_level():
    moderator = UserFactory(is_staff=True)
    target = SkillFactory()
    duplicate = SkillFactory()
    both = ProfileFactory()
    ExpertSkillFactory(profile=both, skill=target, level=2)
    ExpertSkillFactory(profile=both, skill=duplicate, level=4)
    only_duplicate = ExpertSkillFactory(skill=duplicate, level=3).profile
    services.skill_merge(source=duplicate, target=target, by=moderator)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == target
    assert both.skills.get().level == 4 and both.skills.get().skill == target
    assert only_duplicate.skills.get().skill == target
    only_duplicate.refresh_from_db()
    assert only_duplicate.skill_levels == {str(target.pk): 3}
    assert AuditEvent.objects.filter(
        action="skill.merged", target_id=duplicate.pk
    ).exists()
    # picking the merged skill now gives its replacement
    line = services.expert_skill_set(
        profile=ProfileFactory(), skill_id=duplicate.pk, level=1
    )
    assert line.skill == target
    with pytest.raises(ValidationError):
        services.skill_merge(source=target, target=target, by=moderator)
