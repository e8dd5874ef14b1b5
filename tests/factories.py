"""factory-boy factories shared by every test folder."""

import base64
import datetime as dt
import hashlib
import hmac
import struct
import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from billing.models import Membership
from marketplace.models import Member, Organization, User

PASSWORD = "correct horse battery staple"
# the authenticator-app secret of every staff account the factories make
# (staff must use two-factor authentication: marketplace.two_factor)
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = STAFF_TOTP_SECRET, at: float | None = None) -> str:
    """The six-digit code an authenticator app shows now (RFC 6238: HMAC-SHA1
    over 30-second periods, RFC 4226's dynamic truncation)."""
    counter = int((time.time() if at is None else at) // 30)
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def give_second_factor(user, secret: str = STAFF_TOTP_SECRET):
    """Activate an authenticator app (and recovery codes) for ``user`` through
    allauth's own models, as its activation page does."""
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return user


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(
                user=self, email=self.email, verified=True, primary=True
            )

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        """Staff accounts (is_staff / is_superuser) get an activated
        authenticator, as staff must; ``second_factor=False`` makes one without."""
        if create and (self.is_staff or self.is_superuser) and extracted is not False:
            give_second_factor(self)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Société {n}")
    sector = "Industrie"
    country = "FR"


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Expert {n}")
    community = Member.Community.EXPERT


class CompanyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Salarié {n}")
    community = Member.Community.COMPANY
    organization = factory.SubFactory(OrganizationFactory)
    organization_role = Member.OrganizationRole.OWNER


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active membership for an expert (member=...) or an organization (organization=...)."""

    class Meta:
        model = Membership

    starts_on = factory.LazyFunction(
        lambda: timezone.localdate() - dt.timedelta(days=10)
    )
    ends_on = factory.LazyFunction(
        lambda: timezone.localdate() + dt.timedelta(days=355)
    )
    source = Membership.Source.GRANT


def paid(member: Member) -> Member:
    """Give `member` (or their organization) an active membership."""
    if member.is_company:
        MembershipFactory(organization=member.organization)
    else:
        MembershipFactory(member=member)
    return member
