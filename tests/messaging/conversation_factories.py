"""Conversations test data, built through the services."""

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction

from marketplace.signals import member_organization_changed
from messaging import services
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


def move_to(member, organization) -> None:
    """Move a member to another organization, telling the apps above as the
    marketplace does (`member_organization_changed` after commit)."""
    before = member.organization_id
    with transaction.atomic():
        member.organization = organization
        member.save()
        transaction.on_commit(
            lambda: member_organization_changed.send(
                sender=type(member),
                member=member,
                from_organization_id=before,
                to_organization_id=member.organization_id,
            )
        )
