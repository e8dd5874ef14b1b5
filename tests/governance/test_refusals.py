"""Nobody, staff included, changes a rule outside a motion."""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import RuleVersion
from tests.factories import UserFactory

from .factories import rule_motion

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_admin_refuses_to_add_change_or_delete_a_rule_version(superuser_client):
    version = RuleVersion.objects.get(key="fees.expert.yearly_cents")
    add = reverse("admin:core_ruleversion_add")
    change = reverse("admin:core_ruleversion_change", args=[version.pk])
    delete = reverse("admin:core_ruleversion_delete", args=[version.pk])
    assert superuser_client.get(add).status_code == 403
    assert (
        superuser_client.post(
            add, {"key": "fees.expert.yearly_cents", "value": "1"}
        ).status_code
        == 403
    )
    superuser_client.post(change, {"key": "fees.expert.yearly_cents", "value": "1"})
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    version.refresh_from_db()
    assert version.value == 12_000


def test_admin_cannot_move_a_motion_state(superuser_client):
    motion = rule_motion()
    change = reverse("admin:governance_motion_change", args=[motion.pk])
    superuser_client.post(change, {"state": "adopted", "title": "x"})
    motion.refresh_from_db()
    assert motion.state == "draft"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_api_refuses_to_write_rules(method, api_client):
    user = UserFactory(is_staff=True, is_superuser=True)
    api_client.force_authenticate(user)
    for url in ("/api/rules/", "/api/rules/fees.expert.yearly_cents/"):
        response = getattr(api_client, method)(url, {"value": 1}, format="json")
        assert response.status_code == 405
    from core import rules

    assert rules.get("fees.expert.yearly_cents") == 12_000


def test_shell_cannot_write_a_rule_version():
    motion = rule_motion()
    with pytest.raises(PermissionError):
        RuleVersion.objects.create(
            key="fees.expert.yearly_cents",
            value=1,
            effective_at=timezone.now(),
            motion=motion,
        )
    with pytest.raises(PermissionError):
        RuleVersion.objects.bulk_create(
            [
                RuleVersion(
                    key="fees.expert.yearly_cents",
                    value=1,
                    effective_at=timezone.now(),
                    motion=motion,
                )
            ]
        )
    with pytest.raises(PermissionError):
        RuleVersion.objects.filter(key="fees.expert.yearly_cents").update(value=1)
    with pytest.raises(PermissionError):
        RuleVersion.objects.filter(key="fees.expert.yearly_cents").delete()
    from core import rules

    assert rules.get("fees.expert.yearly_cents") == 12_000


def test_database_allows_only_one_motionless_version_per_rule():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        # the defaults' own path (bulk, no motion) cannot add a second default
        RuleVersion.objects.bulk_create(
            [
                RuleVersion(
                    key="fees.expert.yearly_cents", value=1, effective_at=timezone.now()
                )
            ]
        )


def test_enactment_refuses_a_motion_that_is_not_adopted():
    from governance.enactment import rule_versions_write

    with pytest.raises(PermissionError):
        rule_versions_write(motion=rule_motion())
