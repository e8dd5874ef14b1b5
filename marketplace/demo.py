"""Demo data of the marketplace app: organizations, company members, experts, staff.

Every demo account's password is DEMO_PASSWORD. Other apps' demo.py build on
the members stored in the context under their handle (e.g. ctx.members["camille"]).
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from . import roles
from .models import Member, Organization
from .services import member_create, organization_create

DEMO_PASSWORD = "ouvrage-demo"  # noqa: S105 (demo accounts only, printed in the README)
DOMAIN = "demo.ouvrage.coop"


@dataclass
class DemoContext:
    members: dict[str, Member] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    staff: dict[str, object] = field(default_factory=dict)


ORGANIZATIONS = [
    # handle, name, sector, size, description
    (
        "riviere",
        "Menuiseries Rivière",
        "Construction bois",
        "medium",
        "Fabricant nantais de menuiseries bois et mixtes, 120 salariés, deux usines en "
        "Loire-Atlantique.",
    ),
    (
        "lumen",
        "Lumen Énergie",
        "Énergie",
        "small",
        "Bureau d'études grenoblois spécialisé dans le photovoltaïque en autoconsommation "
        "pour les collectivités.",
    ),
    (
        "tilleuls",
        "Coopérative laitière des Tilleuls",
        "Agroalimentaire",
        "medium",
        "Coopérative de 80 producteurs dans le Jura, fromages AOP comté et morbier.",
    ),
]

COMPANY_MEMBERS = [
    # handle, first name last name, organization handle, role
    ("claire", "Claire Rivière", "riviere", Member.OrganizationRole.OWNER),
    ("julien", "Julien Moreau", "riviere", Member.OrganizationRole.MEMBER),
    ("sophie", "Sophie Lambert", "lumen", Member.OrganizationRole.OWNER),
    ("marc", "Marc Girard", "tilleuls", Member.OrganizationRole.OWNER),
]

EXPERTS = [
    ("camille", "Camille Martin"),
    ("yasmine", "Yasmine Benali"),
    ("thomas", "Thomas Lefèvre"),
    ("aurelie", "Aurélie Rousseau"),
    ("karim", "Karim Haddad"),
    ("elodie", "Élodie Garnier"),
    ("antoine", "Antoine Dubois"),
    ("ines", "Inès Fontaine"),
]


def email_for(handle: str) -> str:
    return f"{handle}@{DOMAIN}"


def seed(ctx: DemoContext) -> None:
    for handle, name, sector, size, description in ORGANIZATIONS:
        ctx.organizations[handle] = organization_create(
            name=name, sector=sector, size=size, description=description
        )
    for handle, name, org, role in COMPANY_MEMBERS:
        ctx.members[handle] = member_create(
            email=email_for(handle),
            password=DEMO_PASSWORD,
            display_name=name,
            community=Member.Community.COMPANY,
            organization=ctx.organizations[org],
            organization_role=role,
            email_verified=True,
        )
    for handle, name in EXPERTS:
        ctx.members[handle] = member_create(
            email=email_for(handle),
            password=DEMO_PASSWORD,
            display_name=name,
            community=Member.Community.EXPERT,
            email_verified=True,
        )
    _seed_staff(ctx)


def _seed_staff(ctx: DemoContext) -> None:
    from allauth.account.models import EmailAddress

    user_model = get_user_model()
    admin = user_model.objects.create_superuser(
        email=email_for("admin"), password=DEMO_PASSWORD
    )
    EmailAddress.objects.create(
        user=admin, email=admin.email, verified=True, primary=True
    )
    ctx.staff["admin"] = admin
    for role in (roles.MODERATOR, roles.TREASURER, roles.MEDIATOR):
        user = user_model.objects.create_user(
            email=email_for(role), password=DEMO_PASSWORD, is_staff=True
        )
        EmailAddress.objects.create(
            user=user, email=user.email, verified=True, primary=True
        )
        user.groups.add(Group.objects.get(name=role))
        ctx.staff[role] = user
