"""factory-boy factories shared by every test folder."""

import datetime as dt

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from billing.models import Membership
from marketplace.models import Member, Organization, User

PASSWORD = "correct horse battery staple"


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
