"""Invitations never tell whether an address is registered, never name the
member behind it, and respect an expert's "hide me from" list."""

import pytest
from django.urls import reverse

from marketplace import services
from missions import services as mission_services
from missions.models import NeedInvitation
from tests.factories import CompanyMemberFactory, ExpertFactory, paid
from tests.marketplace.factories import ProfileFactory
from tests.missions import factories as f

pytestmark = pytest.mark.django_db


def test_counsellor_invitation_answers_the_same_for_a_member_and_a_stranger(client):
    expert = paid(ExpertFactory())
    ProfileFactory(member=expert)
    member = paid(CompanyMemberFactory(display_name="Bernadette Secrète"))
    client.force_login(expert.user)
    answers = []
    for email in (member.user.email, "nobody@example.org"):
        response = client.post(
            reverse("marketplace:profile_privacy_action"),
            {"action": "counsellor", "email": email},
            follow=True,
        )
        html = response.content.decode()
        answers.append([(m.level_tag, str(m)) for m in response.context["messages"]])
        assert email in html  # the page lists the address typed...
        assert "Secrète" not in html  # ...never the member's name
    assert answers[0] == answers[1]
    assert answers[0][0][0] == "success"


def test_inviting_an_expert_who_hides_from_the_company_invites_nobody():
    buyer, hiding, open_ = f.company(), f.expert(), f.expert()
    services.hidden_from_add(
        profile=ProfileFactory(member=hiding), organization=buyer.organization
    )
    need = f.need_published(buyer)
    made = mission_services.need_invite(
        need=need, by=buyer.user, experts=[hiding, open_]
    )
    assert [invitation.expert for invitation in made] == [open_]
    assert not NeedInvitation.objects.filter(expert=hiding).exists()
