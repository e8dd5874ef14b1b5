"""Two peers discuss live in a space; a member of another profession gets a 404;
a moderator hides a post with a reason that its author then sees."""

import pytest
from playwright.sync_api import expect

from spaces import services
from tests.browser.conftest import sign_in
from tests.browser.page_checks import Inspector
from tests.factories import PASSWORD, paid
from tests.spaces.space_factories import OTHER_FAMILY, make_space, practitioner, seat

pytestmark = pytest.mark.browser


def open_thread(new_page, member, thread):
    page = new_page()
    sign_in(page, member.user.email, PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto(thread.get_absolute_url())
    # a locator wait: the pages' CSP forbids the eval wait_for_function polls with
    expect(page.locator("#posts")).to_have_attribute("data-live", "1")
    return page


def reply(page, text):
    page.get_by_label("Votre réponse").fill(text)
    page.get_by_role("button", name="Envoyer la réponse").click()
    page.wait_for_load_state("load")


def test_two_peers_discuss_live_and_a_hidden_post_shows_its_reason(new_page):
    space, moderator = make_space(name="Développeurs Django")
    peer = practitioner()
    outsider = practitioner(family=OTHER_FAMILY)
    for member in (moderator, peer, outsider):
        paid(member)
    services.space_join(space=space, member=peer)
    thread = services.thread_create(
        seat=seat(peer, space),
        title="Tests trop lents",
        body="Notre suite prend vingt minutes. Des idées ?",
    )
    look = Inspector("spaces")

    thomas = open_thread(new_page, moderator, thread)
    nadia = open_thread(new_page, peer, thread)
    look.look(thomas, "thread", english=True)

    # Thomas replies: the post appears on Nadia's open page without a reload
    reply(thomas, "Paralléliser avec pytest-xdist, et une base par worker.")
    live = nadia.locator("article.space-post", has_text="pytest-xdist")
    live.wait_for()
    assert moderator.display_name in live.locator(".post-author").inner_text()

    # and back: Nadia's answer reaches Thomas live
    reply(nadia, "Merci ! Et les tests de navigateur à part, le soir.")
    thomas.locator("article.space-post", has_text="le soir").wait_for()

    # an expert of another profession: 404 on the thread and the space
    stranger = new_page()
    sign_in(stranger, outsider.user.email, PASSWORD)
    stranger.wait_for_url("**/dashboard/")
    assert stranger.goto(thread.get_absolute_url()).status == 404
    assert stranger.goto(space.get_absolute_url()).status == 404

    # Thomas hides Nadia's post with a reason: Nadia sees it live, then after a reload
    thomas.reload()
    post = thomas.locator("article.space-post", has_text="le soir")
    post.locator("summary", has_text="Masquer").click()
    post.get_by_label("Raison (montrée au membre et dans le journal)").fill(
        "Merci de garder le fil sur la question posée."
    )
    post.get_by_role("button", name="Masquer ce message").click()
    thomas.wait_for_load_state("load")
    hidden = nadia.locator("article.space-post .hidden-reason")
    hidden.wait_for()
    assert hidden.inner_text() == "Merci de garder le fil sur la question posée."
    nadia.reload()
    mine = nadia.locator("article.space-post", has_text="Masqué par les modérateurs")
    assert "Merci de garder le fil" in mine.inner_text()
    # the moderation log tells every member
    nadia.goto(f"/spaces/{space.pk}/moderation/")
    assert "Merci de garder le fil sur la question posée." in nadia.content()
    look.look(nadia, "moderation-log")
    nadia.goto(space.get_absolute_url())
    look.look(nadia, "space-home", english=True)
    assert look.findings == [], look.report()
