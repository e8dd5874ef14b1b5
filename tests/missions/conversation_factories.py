"""Conversations test data, built through the services."""

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from missions import conversations as services
from tests.missions import factories as f


def proposal_conversation():
    """A proposal's conversation; returns (conversation, company member, expert)."""
    proposal = f.proposal()
    conversation = services.conversation_for_proposal(proposal=proposal)
    return conversation, proposal.need.author, proposal.expert


def session_cookie(user) -> str:
    """A signed-in session for `user`, as a Cookie header value."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"
