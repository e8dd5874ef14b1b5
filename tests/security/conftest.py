"""The demo, loaded once for the security tests and rolled back after them."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from tests.security.objects import demo_conversations
from tests.security.routes import ROLES


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        demo_conversations()
        yield
        transaction.set_rollback(True)


def client_for(role: str) -> Client:
    from marketplace.demo import email_for

    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    if ROLES[role] is not None:
        client.force_login(get_user_model().objects.get(email=email_for(ROLES[role])))
    return client
