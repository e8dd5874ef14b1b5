"""A member's API tokens (DRF's authtoken: one per account): shown by their
first characters only, created once, revoked by their owner alone."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from core.refusals import Refusal

# a token is named by its first characters: enough to tell, never enough to use
SHOWN_LENGTH = 8


def shown_id(token: Token) -> str:
    return token.key[:SHOWN_LENGTH]


def tokens_of(user):
    return Token.objects.filter(user=user).order_by("-created")


def token_create(*, user) -> Token:
    """A new token for ``user``, whose whole key the caller shows once.
    Refused (409) when the account already holds one: revoke it first."""
    try:
        with transaction.atomic():
            return Token.objects.create(user=user)
    except IntegrityError:  # one token per account, checked by the database
        raise Refusal(
            _("You already have a token: revoke it to create a new one."),
            code="token_exists",
            status=409,
        ) from None


def token_revoke(*, user, token_id: str) -> bool:
    """Delete ``user``'s token named ``token_id`` (its first characters);
    False, and nothing deleted, for anyone else's or an unknown one."""
    if len(token_id) != SHOWN_LENGTH:  # a shorter prefix must delete nothing
        return False
    deleted, _rows = Token.objects.filter(user=user, key__startswith=token_id).delete()
    return bool(deleted)
