"""Two members chat live in two browser contexts: message, typing, read receipt, reload."""

import pytest

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD
from tests.messaging.conversation_factories import proposal_conversation

pytestmark = pytest.mark.browser


def open_conversation(new_page, member, conversation):
    page = new_page()
    sign_in(page, member.user.email, PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto(conversation.get_absolute_url())
    page.wait_for_function("document.getElementById('connection').textContent !== ''")
    return page


def test_two_members_chat_live_and_history_survives_a_reload(new_page):
    conversation, company, expert = proposal_conversation()
    claire = open_conversation(new_page, company, conversation)
    yasmine = open_conversation(new_page, expert, conversation)

    # typing shows on the other side
    claire.locator("#send-form textarea").press_sequentially("Bonjour, ", delay=20)
    typing = yasmine.locator("#typing")
    typing.wait_for(state="visible")
    yasmine.wait_for_function(
        "name => document.getElementById('typing').textContent.includes(name)",
        arg=company.display_name,
    )

    # the message: pending then sent on Claire's side, shown live on Yasmine's
    claire.locator("#send-form textarea").fill(
        "Bonjour, voici https://example.org <b>!</b>"
    )
    claire.locator("#send-form button[type=submit]").click()
    mine = claire.locator("li.msg.mine").last
    theirs = yasmine.locator("li.msg.theirs", has_text="Bonjour, voici")
    theirs.wait_for()
    assert (
        theirs.locator(".body").inner_text()
        == "Bonjour, voici https://example.org <b>!</b>"
    )
    assert theirs.locator(".body a").get_attribute("href") == "https://example.org"
    assert theirs.locator(".body b").count() == 0  # shown escaped

    # Yasmine's page is open: her read receipt reaches Claire
    claire.wait_for_function(
        "() => { const s = document.querySelector('li.msg.mine:last-child .status');"
        " return s && s.dataset.status === 'read'; }"
    )
    assert mine.locator(".status").get_attribute("data-status") == "read"

    # Yasmine answers; Claire gets it without reloading
    yasmine.locator("#send-form textarea").fill("Merci Claire !")
    yasmine.locator("#send-form button[type=submit]").click()
    claire.locator("li.msg.theirs", has_text="Merci Claire !").wait_for()

    # a reload keeps the history, in order
    yasmine.reload()
    bodies = yasmine.locator("li.msg .body").all_inner_texts()
    assert bodies[-2:] == [
        "Bonjour, voici https://example.org <b>!</b>",
        "Merci Claire !",
    ]


def test_conversation_works_without_javascript(browser, live_server_daphne):
    conversation, company, _ = proposal_conversation()
    context = browser.new_context(
        base_url=live_server_daphne.url, java_script_enabled=False
    )
    try:
        page = context.new_page()
        sign_in(page, company.user.email, PASSWORD)
        page.goto(conversation.get_absolute_url())
        page.locator("#send-form textarea").fill("Sans JavaScript")
        page.locator("#send-form button[type=submit]").click()
        page.locator("li.msg.mine", has_text="Sans JavaScript").wait_for()
        # submitting the same form again (same client_id) stores nothing new
        assert conversation.messages.count() == 1
    finally:
        context.close()
