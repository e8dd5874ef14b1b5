"""Property tests: the main services driven with random input.

Whatever a client sends, a service answers with a result, a `Refusal` or a
ValidationError (or PermissionDenied): never another exception, which would
be a server error. Services covered (docs/security-input-and-auth.md):
missions.services.need_create, need_update, proposal_submit;
messaging.services.message_send; marketplace.services.profile_update,
organization_update, check_image; core.form_fields.parse_euros;
core.validators.loads_bounded, finite_cents.
"""

import contextlib
import datetime as dt
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.form_fields import parse_euros
from core.refusals import Refusal
from core.validators import finite_cents, loads_bounded
from marketplace.services import organization_update, profile_get_or_create
from marketplace.services.checks import check_image
from marketplace.services.profiles import profile_update
from messaging import services as messaging
from missions import services as missions
from missions.models import Proposal
from tests.messaging.conversation_factories import proposal_conversation
from tests.missions import factories as f

pytestmark = pytest.mark.django_db
EXPECTED = (Refusal, ValidationError, PermissionDenied)
EXAMPLES = settings(
    max_examples=25,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# any text, including NUL, lone surrogates and very long strings
texts = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec=None), max_size=50),
    st.sampled_from(["", " ", "\x00", "\ud800", "a" * 20_000, "<script>"]),
)
numbers = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
)
json_values = st.recursive(
    st.none() | st.booleans() | numbers | texts,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(texts, children, max_size=4)
    ),
    max_leaves=20,
)
anything = st.one_of(texts, numbers, json_values, st.none())
dates = st.one_of(st.dates(), texts, st.none())


def _expect_only_refusals(call):
    try:
        return call()
    except EXPECTED:
        return None


@EXAMPLES
@given(
    title=texts,
    context=texts,
    languages=anything,
    questions=anything,
    budget_min=numbers,
    budget_max=numbers,
    duration=numbers,
    contract=texts,
    start=dates,
)
def test_need_create_takes_any_input(
    title,
    context,
    languages,
    questions,
    budget_min,
    budget_max,
    duration,
    contract,
    start,
):
    member = _company()
    fields = {
        "title": title,
        "context": context,
        "deliverables": "Un rapport.",
        "languages": languages,
        "screening_questions": questions,
        "budget_min_cents": budget_min,
        "budget_max_cents": budget_max,
        "duration_days": duration,
        "contract_type": contract,
        "start_date": start,
        "proposals_deadline": dt.datetime(2099, 1, 1, tzinfo=dt.UTC),
    }
    need = _expect_only_refusals(lambda: missions.need_create(by=member.user, **fields))
    if need is not None:
        need.refresh_from_db()
        assert isinstance(need.questions, list)


@EXAMPLES
@given(
    changes=st.dictionaries(
        st.sampled_from(
            [
                "title",
                "screening_questions",
                "languages",
                "budget_max_cents",
                "duration_days",
                "location",
                "visibility",
            ]
        ),
        anything,
        max_size=4,
    )
)
def test_need_update_takes_any_input(changes):
    need = _draft()
    _expect_only_refusals(
        lambda: missions.need_update(need=need, by=need.author.user, **changes)
    )


@EXAMPLES
@given(
    approach=texts,
    total=numbers,
    milestones=anything,
    answers=anything,
    days=numbers,
)
def test_proposal_submit_takes_any_input(approach, total, milestones, answers, days):
    need = _once("published", lambda: f.need_published(member=_company()))
    expert = _expert()
    proposal = _expect_only_refusals(
        lambda: missions.proposal_submit(
            need=need,
            by=expert.user,
            approach=approach,
            total_cents=total,
            milestones=milestones,
            answers=answers,
            duration_days=days,
        )
    )
    if proposal is not None:  # the next example answers the same need afresh
        proposal.refresh_from_db()
        assert isinstance(proposal.milestones, list)
        Proposal.objects.filter(pk=proposal.pk).delete()


@pytest.mark.parametrize("empty", ["", {}])
def test_an_empty_list_field_is_stored_as_a_list(empty):
    # model validation skips validators on empty values: the service must not
    # store '' where every reader expects a list (found by the property above)
    need = f.need_published(member=_company())
    proposal = missions.proposal_submit(
        need=need,
        by=_expert().user,
        approach="Une approche.",
        total_cents=100_000,
        milestones=empty,
        answers=empty,
        duration_days=10,
    )
    proposal.refresh_from_db()
    assert proposal.milestones == [] and proposal.answers == []
    draft = _draft()
    missions.need_update(
        need=draft, by=draft.author.user, languages=empty, screening_questions=empty
    )
    draft.refresh_from_db()
    assert draft.languages == [] and draft.screening_questions == []


@EXAMPLES
@given(body=anything, client_id=st.one_of(st.uuids(), texts, st.none()))
def test_message_send_takes_any_input(body, client_id):
    conversation, company, _ = _conversation()
    _expect_only_refusals(
        lambda: messaging.message_send(
            conversation=conversation, author=company, body=body, client_id=client_id
        )
    )


@EXAMPLES
@given(
    changes=st.dictionaries(
        st.sampled_from(
            [
                "headline",
                "summary",
                "day_rate_cents",
                "days_per_week",
                "languages",
                "links",
                "location",
                "country",
                "remote",
                "alias",
                "available_from",
            ]
        ),
        anything,
        max_size=5,
    )
)
def test_profile_update_takes_any_input(changes):
    expert = _expert()
    profile = profile_get_or_create(member=expert)
    _expect_only_refusals(
        lambda: profile_update(profile=profile, by=expert.user, **changes)
    )


@EXAMPLES
@given(
    changes=st.dictionaries(
        st.sampled_from(["name", "sector", "size", "country", "description"]),
        anything,
        max_size=4,
    )
)
def test_organization_update_takes_any_input(changes):
    member = _company()
    _expect_only_refusals(
        lambda: organization_update(
            organization=member.organization, by=member, **changes
        )
    )


class _Upload(io.BytesIO):
    @property
    def size(self):
        return len(self.getvalue())


@EXAMPLES
@given(
    data=st.one_of(
        st.binary(max_size=2000),
        st.binary(max_size=200).map(lambda tail: b"\x89PNG\r\n\x1a\n" + tail),
        st.binary(max_size=200).map(lambda tail: b"\xff\xd8\xff\xe0" + tail),
        st.binary(max_size=200).map(lambda tail: b"GIF89a" + tail),
    )
)
def test_check_image_takes_any_bytes(data):
    _expect_only_refusals(lambda: check_image(_Upload(data)))


@settings(max_examples=300)
@given(text=st.one_of(texts, st.from_regex(r"[\d\s.,€e+-]{0,30}", fullmatch=True)))
def test_parse_euros_takes_any_text(text):
    try:
        cents = parse_euros(text)
    except ValidationError:
        return
    assert cents is None or 0 <= cents <= 10_000_000 * 100


@settings(max_examples=300)
@given(value=json_values, raw=texts)
def test_loads_bounded_reads_or_refuses(value, raw):
    try:
        text = json.dumps(value)
    except (ValueError, TypeError):  # a Decimal, say
        text = raw
    for candidate in (text, raw):
        with contextlib.suppress(ValueError):
            loads_bounded(candidate)


@settings(max_examples=300)
@given(value=anything)
def test_finite_cents_is_an_int_in_range_or_a_refusal(value):
    try:
        cents = finite_cents(value)
    except ValidationError:
        return
    assert isinstance(cents, int) and 0 <= cents <= 10_000_000_000


# one of each per test (hypothesis runs the examples in the test's transaction)
_cache: dict = {}


def _once(name, build):
    if (
        name not in _cache
        or not type(_cache[name])
        .objects.filter(pk=getattr(_cache[name], "pk", None))
        .exists()
    ):
        _cache[name] = build()
    return _cache[name]


def _company():
    return _once("company", f.company)


def _expert():
    return _once("expert", f.expert)


def _draft():
    return _once("draft", lambda: f.need_draft(member=_company()))


def _conversation():
    if (
        "conversation" not in _cache
        or not type(_cache["conversation"][0])
        .objects.filter(pk=_cache["conversation"][0].pk)
        .exists()
    ):
        _cache["conversation"] = proposal_conversation()
    return _cache["conversation"]
