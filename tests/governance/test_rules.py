"""The rules registry: defaults in code, stored versions with effective dates, history."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core import rules
from core.models import RuleVersion

pytestmark = pytest.mark.django_db


def test_defaults_are_stored_once_as_versions_without_motion():
    assert RuleVersion.objects.filter(key="fees.expert.yearly_cents").count() == 1
    assert rules.store_defaults() == 0  # idempotent
    version = rules.history("fees.expert.yearly_cents").get()
    assert version.value == rules.REGISTRY["fees.expert.yearly_cents"].default
    assert version.is_default


def _enact(value, *, opened):
    """A version of fees.expert.yearly_cents, the only way there is: an adopted motion."""
    from governance import services

    from .factories import in_voting, rule_motion, voter

    motion = in_voting(
        rule_motion(changes={"fees.expert.yearly_cents": value}), now=opened
    )
    for college in ("experts", "companies", "founders"):
        services.ballot_cast(
            motion=motion, member=voter(college), choice="for", now=opened
        )
    motion = services.motion_close(motion=motion, now=motion.voting_closes_at)
    services.motion_enact(motion=motion, now=motion.effective_at)
    return motion.effective_at


def test_value_in_force_follows_effective_dates():
    now = timezone.now()
    first = _enact(9000, opened=now)
    second = _enact(9500, opened=now + dt.timedelta(days=3))
    assert rules.get("fees.expert.yearly_cents") == 12_000  # not in force yet
    assert rules.get("fees.expert.yearly_cents", at=first) == 9000
    assert (
        rules.get("fees.expert.yearly_cents", at=second + dt.timedelta(days=1)) == 9500
    )
    assert [v.value for v in rules.history("fees.expert.yearly_cents")] == [
        12_000,
        9000,
        9500,
    ]
    assert rules.get_many(
        ["fees.expert.yearly_cents", "governance.quorum_percent"], at=first
    ) == {
        "fees.expert.yearly_cents": 9000,
        "governance.quorum_percent": 20,
    }


def test_default_applies_when_no_version_is_stored():
    default = RuleVersion.objects.get(key="missions.auto_accept_days")
    before = default.effective_at - dt.timedelta(days=1)
    assert rules.get("missions.auto_accept_days", at=before) == 14


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("fees.expert.yearly_cents", -1),
        ("fees.expert.yearly_cents", "9000"),
        ("fees.expert.yearly_cents", 12.5),
        ("fees.expert.yearly_cents", True),
        ("missions.auto_accept_days", 1),
        ("matching.weights", {"skills": 100}),
        (
            "matching.weights",
            {
                "skills": 50,
                "appetence": 50,
                "availability": 10,
                "rate": 0,
                "language": 0,
                "location": 0,
            },
        ),
        (
            "governance.college_weights",
            {"companies": 60, "experts": 30, "founders": 10},
        ),
        ("governance.college_weights", {"companies": 45, "experts": 45, "founders": 5}),
        (
            "governance.college_weights",
            {"companies": 40, "experts": 40, "founders": 19},
        ),
    ],
)
def test_values_of_wrong_type_or_out_of_bounds_are_refused(key, value):
    with pytest.raises(rules.RuleError):
        rules.validate(key, value)


def test_valid_values_are_accepted():
    assert rules.validate(
        "governance.college_weights", {"founders": 10, "experts": 50, "companies": 40}
    ) == {
        "companies": 40,
        "experts": 50,
        "founders": 10,
    }
    with pytest.raises(rules.RuleError):
        rules.get("no.such.rule")


def test_rules_and_their_history_are_public(client):
    response = client.get(reverse("governance:rules"))
    assert response.status_code == 200
    assert "fees.expert.yearly_cents" in response.content.decode()
    response = client.get(reverse("governance:rule", args=["fees.expert.yearly_cents"]))
    assert response.status_code == 200
    assert "120,00" in response.content.decode()
    assert client.get(reverse("governance:rule", args=["nope"])).status_code == 404


def test_rules_api_is_public_and_read_only(api_client):
    response = api_client.get("/api/rules/")
    assert response.status_code == 200
    keys = {item["key"] for item in response.json()}
    assert "matching.weights" in keys
    assert (
        api_client.post(
            "/api/rules/", {"key": "fees.expert.yearly_cents", "value": 1}
        ).status_code
        == 405
    )


def test_admin_cannot_add_or_change_rule_versions(admin_client):
    assert admin_client.get("/admin/core/ruleversion/").status_code == 200
    assert admin_client.get("/admin/core/ruleversion/add/").status_code == 403
    version = RuleVersion.objects.first()
    response = admin_client.post(
        f"/admin/core/ruleversion/{version.pk}/change/", {"value": "1"}
    )
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.value != 1
