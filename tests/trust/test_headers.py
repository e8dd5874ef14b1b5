"""Headers: a Content-Security-Policy without 'unsafe-inline' (looser on the two
admin sites only), and sockets that check the Origin's host AND port
(issue 15, item 5)."""

import re
from pathlib import Path

import pytest

from config.asgi import application
from config.origins import same_origin
from tests.messaging.conversation_factories import proposal_conversation
from tests.messaging.test_consumers import run

ROOT = Path(__file__).resolve().parents[2]


def _policy(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return {
        part.split()[0]: part for part in (p.strip() for p in header.split(";")) if part
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/api/docs/"])
def test_pages_have_a_strict_content_security_policy(client, url):
    response = client.get(url)
    policy = _policy(response)
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert policy["script-src"] == "script-src 'self'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"


@pytest.mark.django_db
def test_the_admin_sites_get_inline_scripts_and_styles_only(client):
    response = client.get("/cms-admin/login/")
    policy = _policy(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["object-src"] == "object-src 'none'"


def test_no_template_has_an_inline_script_or_style_attribute():
    offenders = []
    for path in ROOT.glob("*/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(
            r"\sstyle=\"", text
        ):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, offenders


@pytest.mark.parametrize(
    "origin,host,allowed",
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("http://localhost", "localhost", True),
        ("http://127.0.0.1:9999", "127.0.0.1:8000", False),  # another port
        ("http://evil.example:8000", "127.0.0.1:8000", False),
        ("http://127.0.0.1:8000", "evil.example:8000", False),  # host not allowed
        ("null", "127.0.0.1:8000", False),
        ("http://127.0.0.1:99999", "127.0.0.1:8000", False),
    ],
)
def test_same_origin_compares_host_and_port(origin, host, allowed):
    assert same_origin(origin, host, "ws") is allowed


@pytest.mark.django_db(transaction=True)
def test_a_socket_from_another_port_of_the_same_host_is_refused():
    from channels.testing import WebsocketCommunicator

    from tests.messaging.conversation_factories import session_cookie

    conversation, company, _ = proposal_conversation()
    cookie = session_cookie(company.user).encode()

    def comm(origin):
        return WebsocketCommunicator(
            application,
            f"/ws/conversations/{conversation.pk}/",
            headers=[
                (b"origin", origin),
                (b"host", b"127.0.0.1:8000"),
                (b"cookie", cookie),
            ],
        )

    bad, good = comm(b"http://127.0.0.1:9999"), comm(b"http://127.0.0.1:8000")

    async def scenario():
        refused, _ = await bad.connect()
        accepted, _ = await good.connect()
        await good.disconnect()
        return refused, accepted

    assert run(scenario) == (False, True)
