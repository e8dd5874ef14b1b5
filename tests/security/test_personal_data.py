"""A member's export holds all Ouvrage keeps about them; erasure leaves no
trace of their name or e-mail address anywhere but in invoices (the law)."""

import json

import pytest
from django.apps import apps
from django.db import models

from marketplace.profiles import privacy

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(1200)]

# what the law requires kept: an invoice names whom it was made out to
KEPT_BY_LAW = {("billing", "invoice", "holder_name")}


def member(handle):
    from marketplace.demo import email_for
    from marketplace.models import Member

    return Member.objects.select_related("user").get(user__email=email_for(handle))


def text_columns():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(
                field, (models.CharField, models.TextField, models.JSONField)
            ):
                yield model, field


def rows_holding(needle: str) -> list[str]:
    found = []
    for model, field in text_columns():
        key = (model._meta.app_label, model._meta.model_name, field.name)
        if key in KEPT_BY_LAW:
            continue
        lookup = "icontains"
        if isinstance(field, models.JSONField):
            values = model._base_manager.values_list(field.name, flat=True)
            if any(
                needle.lower() in json.dumps(v, ensure_ascii=False).lower()
                for v in values
            ):
                found.append(".".join(key))
            continue
        if model._base_manager.filter(**{f"{field.name}__{lookup}": needle}).exists():
            found.append(".".join(key))
    return found


def test_export_covers_every_part_of_the_pseudonymous_expert(demo):
    elodie = member("elodie")
    data = json.loads(privacy.export_json(elodie))
    assert {
        "account",
        "profile",
        "missions",
        "messages",
        "billing",
        "governance",
        "spaces",
        "stories",
    } <= set(data)
    assert data["account"]["email"] == elodie.user.email
    assert data["missions"]["missions"], "her missions are in the export"
    assert data["governance"]["motions_written"], "her draft motion is in it"
    assert data["spaces"]["memberships"], "the Numérique space she joined"
    assert data["spaces"]["threads_opened"] and data["spaces"]["posts_written"]
    assert data["stories"]["chapters_written"], "her chapter of the story"
    # the votes she took part in, never her choice
    votes = data["governance"]["votes_taken_part_in"]
    assert votes and all("choice" not in vote for vote in votes)
    assert "choice" not in json.dumps(data["governance"])


def test_erasure_leaves_no_name_or_address_but_in_invoices(demo):
    from billing.models import Invoice

    elodie = member("elodie")
    name, email = elodie.display_name, elodie.user.email
    assert rows_holding(name) and rows_holding(email), "the scan can find her"
    kept = Invoice.objects.filter(member=elodie).count()
    from spaces.models import Post

    assert Post.objects.filter(author=elodie).exclude(body="").exists()
    privacy.erase(member=elodie, by=elodie.user)
    assert not Post.objects.filter(author=elodie).exclude(body="").exists()
    assert rows_holding(name) == []
    assert rows_holding(email) == []
    # invoices stay whole (the law), under the name they were made out to
    assert Invoice.objects.filter(member=elodie).count() == kept
