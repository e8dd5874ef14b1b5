"""Benchmark data: members, needs, proposals and their conversations, made once.

Built through the services (so the conversations are real), reused by later
runs; every run signs each member in afresh (a session cookie per member).
"""

import datetime as dt

BENCH_DOMAIN = "bench.invalid"


def _member(email: str, name: str, community: str, organization_name: str = ""):
    from billing.services import membership_grant
    from marketplace.models import Member
    from marketplace.services import member_create

    member = (
        Member.objects.filter(user__email=email).select_related("organization").first()
    )
    if member is not None:
        return member
    member = member_create(
        email=email,
        password=None,
        display_name=name,
        community=community,
        organization_name=organization_name,
    )
    today = dt.date.today()
    membership_grant(
        member=member,
        starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=3650),
        source="grant",
        by=None,
        reason="benchmark",
    )
    return member


def _conversation(index: int):
    from django.utils import timezone

    from messaging import services as conversations
    from missions import services as missions
    from missions.models import Proposal

    company = _member(
        f"company{index}@{BENCH_DOMAIN}",
        f"Bench company {index}",
        "company",
        f"Bench {index}",
    )
    expert = _member(f"expert{index}@{BENCH_DOMAIN}", f"Bench expert {index}", "expert")
    proposal = Proposal.objects.filter(expert=expert).first()
    if proposal is None:
        need = missions.need_create(
            by=company.user,
            title=f"Bench need {index}",
            context="Benchmark.",
            deliverables="Messages.",
            budget_min_cents=100_000,
            budget_max_cents=200_000,
            proposals_deadline=timezone.now() + dt.timedelta(days=3650),
        )
        need = missions.need_publish(need=need, by=company.user)
        proposal = missions.proposal_submit(
            need=need, by=expert.user, approach="Benchmark.", total_cents=150_000
        )
    conversation = conversations.conversation_for_proposal(proposal=proposal)
    return conversation, [company, expert]


def _cookie(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


def bench_conversations(
    *, conversations: int, size: int = 2
) -> list[tuple[str, list[str]]]:
    """[(conversation id, [cookie of each participant])] for `conversations` threads.

    `size` is 2 (a company member and an expert); more is not built here.
    """
    if size != 2:
        raise ValueError("benchmark conversations have two participants")
    result = []
    for index in range(conversations):
        conversation, members = _conversation(index)
        result.append(
            (str(conversation.pk), [_cookie(member.user) for member in members])
        )
    return result
