"""Export and erasure of a member's data, and the registry other apps extend."""

import json

import pytest
from django.urls import reverse

from marketplace import services
from marketplace.models import AuditEvent, ExpertProfile, Member
from marketplace.profiles import privacy
from tests.factories import CompanyMemberFactory, ExpertFactory, paid
from tests.marketplace.factories import (
    ExperienceFactory,
    ExpertSkillFactory,
    ProfileFactory,
)

pytestmark = pytest.mark.django_db


def test_export_holds_the_members_own_profile_and_experiences(expert_client, expert):
    profile = ProfileFactory(member=expert, headline="Cheffe de chantier bois")
    ExperienceFactory(profile=profile, title="Bénévole Restos du cœur", kind="informal")
    response = expert_client.post(reverse("marketplace:my_data"), {"action": "export"})
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["format"] == privacy.FORMAT
    assert data["account"]["email"] == expert.user.email
    assert data["profile"]["headline"] == "Cheffe de chantier bois"
    assert data["profile"]["experiences"][0]["title"] == "Bénévole Restos du cœur"


def test_other_apps_contribute_their_part_through_the_registry(expert):
    seen = []
    privacy.register_exporter("test_part", lambda member: {"member": str(member.pk)})
    privacy.register_eraser("test_part", lambda member: seen.append(member.pk))
    try:
        assert privacy.export(expert)["test_part"] == {"member": str(expert.pk)}
        privacy.erase(member=expert, by=expert.user)
        assert seen == [expert.pk]
    finally:
        privacy._EXPORTERS.pop("test_part")
        privacy._ERASERS.pop("test_part")


def test_erasure_anonymises_the_member_and_keeps_the_rows_others_point_at(
    client, expert
):
    profile = ProfileFactory(member=expert, headline="Consultante RSE")
    ExpertSkillFactory(profile=profile)
    ExperienceFactory(profile=profile)
    services.profile_refresh_index(profile=profile)
    email = expert.user.email
    client.force_login(expert.user)
    response = client.post(
        reverse("marketplace:my_data"), {"action": "erase", "confirm": email}
    )
    assert response.status_code == 302
    member = Member.objects.select_related("user").get(pk=expert.pk)
    assert member.display_name == privacy.ERASED_NAME
    assert member.user.email != email and not member.user.is_active
    assert not member.user.has_usable_password()
    profile = ExpertProfile.objects.get(pk=profile.pk)
    assert profile.headline == "" and profile.search_text == ""
    assert profile.status == "draft"
    assert not profile.skills.exists() and not profile.experiences.exists()
    assert AuditEvent.objects.filter(
        action="member.erased", target_id=member.pk
    ).exists()
    # the login is gone
    assert not client.login(email=email, password="correct horse battery staple")


def test_erasure_needs_the_email_typed_as_confirmation(expert_client, expert):
    expert_client.post(
        reverse("marketplace:my_data"), {"action": "erase", "confirm": "x"}
    )
    expert.refresh_from_db()
    assert expert.display_name != privacy.ERASED_NAME


def test_company_export_never_contains_a_pseudonymous_experts_identity(client):
    owner = ExpertFactory(display_name="Élodie Garnier")
    profile = ProfileFactory(member=owner)
    services.profile_update(
        profile=profile, by=owner.user, pseudonymous=True, alias="A7"
    )
    company = paid(CompanyMemberFactory())
    services.counsellor_invite(profile=profile, email=company.user.email)
    services.profile_comment_add(profile=profile, author=company, body="Bravo")
    text = privacy.export_json(company)
    assert "Bravo" in text and "Garnier" not in text and "Élodie" not in text
