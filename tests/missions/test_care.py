"""Actions with care, membership at the right moment, human text on every page."""

import html as htmlib
import re

import pytest
from django.urls import reverse
from django.utils import translation

from missions.models import Mission, Need, Proposal
from tests.factories import CompanyMemberFactory, ExpertFactory
from tests.missions import factories as f

pytestmark = pytest.mark.django_db

# machine text a person should never read: snake_case, dotted keys, → states
MACHINE = [
    re.compile(r"\b[a-z]+_[a-z_]+\b"),
    re.compile(r"\b[a-z]+\.[a-z_]+\b(?!\.)"),
    re.compile(r"→|\bread up to message\b"),
]


def visible_text(page: str) -> str:
    """The text a person reads: no tags, scripts, styles, templates or attributes."""
    page = re.sub(r"(?s)<(script|style|template)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<[^>]+>", " ", page)
    return htmlib.unescape(page)


def machine_words(page: str) -> list[str]:
    text = visible_text(page)
    text = re.sub(r"\S+@\S+", " ", text)  # e-mail addresses
    text = re.sub(r"\b[\w-]+\.(pdf|txt|zip|png|jpg|docx?)\b", " ", text)  # files
    return [m.group(0) for pattern in MACHINE for m in pattern.finditer(text)]


def test_award_asks_first_and_says_what_will_happen(client):
    need = f.need_published()
    chosen = f.proposal(need)
    other = f.proposal(need)
    client.force_login(need.author.user)
    url = reverse("missions:proposal_action", args=[chosen.pk, "accept"])
    with translation.override("en"):
        response = client.post(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert "other proposal is declined" in page
    assert "to confirm the mission" in page
    assert 'name="confirmed" value="1"' in page
    assert not Mission.objects.exists()
    other.refresh_from_db()
    assert other.state == Proposal.State.SUBMITTED
    # the need's page already carries the same sentences for the dialog
    page = client.get(need.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert "data-confirm=" in page.content.decode()
    response = client.post(url, {"confirmed": "1"})
    mission = Mission.objects.get()
    assert response["Location"] == mission.get_absolute_url()
    other.refresh_from_db()
    assert other.state == Proposal.State.DECLINED


def test_cancelling_asks_first_and_keeps_its_reason(client):
    need = f.need_published()
    client.force_login(need.author.user)
    url = reverse("missions:need_action", args=[need.pk, "cancel"])
    response = client.post(url, {"reason": "Budget gelé"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="reason" value="Budget gelé"' in page
    need.refresh_from_db()
    assert need.state == Need.State.PUBLISHED
    client.post(url, {"reason": "Budget gelé", "confirmed": "1"})
    need.refresh_from_db()
    assert need.state == Need.State.CANCELLED


def test_a_confirm_step_for_an_action_not_open_now_goes_back(client):
    mission = f.mission(state="active")
    client.force_login(f.seller_of(mission))
    url = reverse("missions:mission_action", args=[mission.pk, "complete"])
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == mission.get_absolute_url()


def test_dispute_and_cancellation_are_set_apart_each_with_its_reason(client):
    mission = f.mission(state="active")
    client.force_login(f.buyer_of(mission))
    with translation.override("en"):
        page = client.get(
            mission.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    danger = page[page.index('class="actions-danger"') :]
    assert 'data-action="dispute"' in danger
    assert 'data-action="request_cancellation"' in danger
    form = page[page.index('data-action="request_cancellation"') :]
    form = form[: form.index("</form>")]
    assert "Why do you want to cancel?" in form and 'name="reason"' in form


def test_a_flash_message_is_a_sentence(client):
    need = f.need_draft()
    client.force_login(need.author.user)
    with translation.override("fr"):
        response = client.post(
            reverse("missions:need_action", args=[need.pk, "publish"]),
            HTTP_ACCEPT_LANGUAGE="fr",
            follow=True,
        )
    messages = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("Le besoin est publié") for m in messages), messages


@pytest.mark.parametrize("url_name", ["missions:need_new", "missions:proposal_new"])
def test_an_inactive_member_sees_the_membership_gate_before_any_form(client, url_name):
    need = f.need_published()
    if url_name == "missions:need_new":
        member, url = CompanyMemberFactory(), reverse(url_name)
    else:
        member = ExpertFactory()
        url = reverse(url_name, args=[need.pk])
    client.force_login(member.user)
    response = client.get(url)
    assert response.status_code == 403
    page = response.content.decode()
    assert reverse("billing:overview") in page
    assert "<textarea" not in page and 'name="title"' not in page


def test_nothing_invites_an_inactive_member_to_publish_or_propose(client):
    company = CompanyMemberFactory()
    need = f.need_draft(company)
    client.force_login(company.user)
    page = client.get(need.get_absolute_url()).content.decode()
    assert 'data-action="publish"' not in page
    assert reverse("billing:overview") in page
    page = client.get(reverse("missions:needs")).content.decode()
    assert reverse("missions:need_new") not in page
    assert reverse("billing:overview") in page
    expert = ExpertFactory()
    client.force_login(expert.user)
    published = f.need_published()
    page = client.get(published.get_absolute_url()).content.decode()
    assert reverse("missions:proposal_new", args=[published.pk]) not in page
    assert reverse("billing:overview") in page


def _pages(mission, need, proposal):
    return [
        reverse("missions:needs"),
        reverse("missions:missions"),
        reverse("missions:precedents"),
        need.get_absolute_url(),
        proposal.get_absolute_url(),
        mission.get_absolute_url(),
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_machine_text_on_missions_pages_for_company_and_expert(client, language):
    mission = f.mission(state="delivered")
    open_need = f.need_published(mission.need.author)
    offer = f.proposal(open_need, by=mission.expert)
    draft = f.need_draft(mission.need.author)
    company_pages = [
        *_pages(mission, open_need, offer),
        draft.get_absolute_url(),
        reverse("missions:need_new"),
        reverse("missions:need_edit", args=[open_need.pk]),
    ]
    expert_pages = [
        *_pages(mission, open_need, offer),
        reverse("missions:proposals"),
        reverse("missions:proposal_revise", args=[offer.pk]),
        reverse("missions:proposal_new", args=[f.need_published().pk]),
    ]
    for user, urls in (
        (f.buyer_of(mission), company_pages),
        (f.seller_of(mission), expert_pages),
    ):
        client.force_login(user)
        for url in urls:
            with translation.override(language):
                response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, url
            assert machine_words(response.content.decode()) == [], (url, language)
