"""Two members chat live in two browser contexts: message, typing, read receipt, reload."""

import re

import pytest
from playwright.sync_api import expect

from messaging import services
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD
from tests.messaging.conversation_factories import proposal_conversation

pytestmark = pytest.mark.browser


def open_conversation(new_page, member, conversation):
    page = new_page()
    sign_in(page, member.user.email, PASSWORD)
    page.wait_for_url("**/dashboard/")
    page.goto(conversation.get_absolute_url())
    # locator waits, not wait_for_function: the pages' CSP forbids the eval it polls with
    expect(page.locator("#connection")).not_to_have_text("")
    return page


def last_mine_is_read(page):
    status = page.locator("li.msg.mine .status").last
    expect(status).to_have_attribute("data-status", "read")
    expect(status).to_have_text("Lu")


def test_two_members_chat_live_and_history_survives_a_reload(new_page):
    conversation, company, expert = proposal_conversation()
    # a conversation with history, read by both: the receipts of what follows
    # must still move while both pages stay open
    services.message_send(conversation=conversation, author=company, body="Bonjour")
    services.message_send(conversation=conversation, author=expert, body="Bonjour !")
    claire = open_conversation(new_page, company, conversation)
    yasmine = open_conversation(new_page, expert, conversation)

    # typing shows on the other side
    claire.locator("#send-form textarea").press_sequentially("Bonjour, ", delay=20)
    typing = yasmine.locator("#typing")
    typing.wait_for(state="visible")
    expect(typing).to_contain_text(company.display_name)

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

    # Yasmine's page is open: her read receipt reaches Claire, in words
    last_mine_is_read(claire)
    assert mine.locator(".status").get_attribute("data-status") == "read"

    # Yasmine answers with Enter (Shift+Enter is a new line); Claire gets it
    # live, and Claire's receipt reaches Yasmine: receipts move both ways
    box = yasmine.locator("#send-form textarea")
    box.fill("Merci Claire !")
    box.press("Shift+Enter")
    box.press_sequentially("À lundi.")
    box.press("Enter")
    answer = claire.locator("li.msg.theirs", has_text="Merci Claire !")
    answer.wait_for()
    assert answer.locator(".body").inner_text() == "Merci Claire !\nÀ lundi."
    assert box.input_value() == ""
    last_mine_is_read(yasmine)

    # and again from Claire's side, later in the same open pages
    claire.locator("#send-form textarea").fill("Parfait.")
    claire.locator("#send-form textarea").press("Enter")
    yasmine.locator("li.msg.theirs", has_text="Parfait.").wait_for()
    last_mine_is_read(claire)

    # the time a message was shown with live is the one shown after a reload
    live_time = answer.locator("time").inner_text()
    assert re.fullmatch(r"\d{1,2}\u00a0h\u00a0\d{2}", live_time)
    claire.reload()
    assert (
        claire.locator("li.msg.theirs", has_text="Merci Claire !")
        .locator("time")
        .inner_text()
        == live_time
    )
    assert claire.locator("li.day-separator").all_inner_texts() == ["Aujourd\u2019hui"]

    # a reload keeps the history, in order, and Yasmine's message still read
    yasmine.reload()
    bodies = yasmine.locator("li.msg .body").all_inner_texts()
    assert bodies[-3:] == [
        "Bonjour, voici https://example.org <b>!</b>",
        "Merci Claire !\nÀ lundi.",
        "Parfait.",
    ]
    last_mine_is_read(yasmine)


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
