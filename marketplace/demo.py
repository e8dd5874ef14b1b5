"""Demo data of the marketplace app: organizations, company members, experts, staff.

Every demo account's password is DEMO_PASSWORD. Other apps' demo.py build on
the members stored in the context under their handle (e.g. ctx.members["camille"]).
"""

import datetime as dt
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from . import roles
from .models import Member, Organization, Skill
from .services import (
    appetence_add,
    experience_create,
    expert_skill_set,
    hidden_from_add,
    identity_reveal,
    member_create,
    organization_create,
    profile_get_or_create,
    profile_publish,
    profile_update,
)
from .skills import ensure_taxonomy

DEMO_PASSWORD = "ouvrage-demo"  # noqa: S105 (demo accounts only, printed in the README)
# Staff must use two-factor authentication (marketplace.two_factor): the demo's
# staff accounts have an authenticator app with this key, printed in the README
# (add it by hand to any authenticator app to sign in as them)
DEMO_TOTP_SECRET = "OUVRAGEDEMOSTAFF"  # noqa: S105 (demo accounts only)
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
    seed_profiles(ctx)


def _seed_staff(ctx: DemoContext) -> None:
    user_model = get_user_model()
    admin = user_model.objects.create_superuser(
        email=email_for("admin"), password=DEMO_PASSWORD
    )
    EmailAddress.objects.create(
        user=admin, email=admin.email, verified=True, primary=True
    )
    ctx.staff["admin"] = admin
    _second_factor(admin)
    for role in (roles.MODERATOR, roles.TREASURER, roles.MEDIATOR):
        user = user_model.objects.create_user(
            email=email_for(role), password=DEMO_PASSWORD, is_staff=True
        )
        EmailAddress.objects.create(
            user=user, email=user.email, verified=True, primary=True
        )
        user.groups.add(Group.objects.get(name=role))
        _second_factor(user)
        ctx.staff[role] = user


def _second_factor(user) -> None:
    """The demo's authenticator app (DEMO_TOTP_SECRET) and recovery codes."""
    TOTP.activate(user, DEMO_TOTP_SECRET)
    RecoveryCodes.activate(user)


# --- expert profiles (profiles issue) ----------------------------------------------------
# handle: (headline, summary, day rate €, city, remote, languages, days/week,
#          [(skill slug, level)], [appetence skill slugs], [mission kinds],
#          [experiences: (category, title, employer, from, to, what, motivation, tags)])
PROFILES = {
    "camille": (
        "Consultante lean et amélioration continue dans l'industrie du bois",
        "Quinze ans en usine de menuiserie, de chef d'équipe à responsable "
        "amélioration continue. J'aide les PME à gagner du temps d'atelier sans "
        "épuiser les équipes.",
        720,
        "Nantes",
        "hybrid",
        ["fr", "en"],
        3,
        [
            ("lean-management", 4),
            ("continuous-improvement", 4),
            ("timber-construction", 3),
            ("occupational-health-and-safety", 2),
            ("change-management", 3),
        ],
        ["executive-coaching"],
        ["audit", "training"],
        [
            (
                "job",
                "Responsable amélioration continue",
                "Menuiseries de l'Erdre",
                "2015-03-01",
                "2024-06-30",
                "Déploiement du 5S et du SMED sur deux lignes de fenêtres bois.",
                "Voir les opérateurs proposer eux-mêmes les améliorations.",
                ["lean", "5S", "SMED", "animation d'équipe"],
            ),
            (
                "volunteering",
                "Trésorière du club de handball",
                "HBC Rezé",
                "2018-09-01",
                None,
                "Budget de 60 000 €, dossiers de subvention, paie de deux entraîneurs.",
                "Le club m'a tout appris quand j'étais ado ; je le lui rends.",
                ["gestion budgétaire", "subventions", "bénévolat"],
            ),
        ],
    ),
    "yasmine": (
        "Ingénieure photovoltaïque et efficacité énergétique des bâtiments publics",
        "Je dimensionne des centrales en autoconsommation pour les collectivités et "
        "j'accompagne les élus jusqu'à la mise en service.",
        650,
        "Grenoble",
        "remote",
        ["fr", "en", "ar"],
        4,
        [
            ("solar-photovoltaics", 4),
            ("energy-efficiency", 4),
            ("building-thermal-engineering", 3),
            ("public-procurement", 2),
            ("carbon-accounting", 3),
        ],
        ["carbon-accounting", "life-cycle-assessment"],
        ["engineering", "advice"],
        [
            (
                "job",
                "Chargée d'études photovoltaïque",
                "Soleil des Alpes SCOP",
                "2016-01-01",
                "2023-12-31",
                "Études de faisabilité et dossiers de raccordement pour 140 toitures.",
                "Des projets concrets, qui se voient depuis la rue.",
                ["photovoltaïque", "autoconsommation", "collectivités"],
            ),
            (
                "summer_job",
                "Saisonnière en coopérative fruitière",
                "Coop fruitière du Grésivaudan",
                "2010-07-01",
                "2010-08-31",
                "Tri et expédition, puis suivi des stocks les deux dernières semaines.",
                "Payer mes études ; j'y ai découvert la logistique.",
                ["logistique", "travail en équipe"],
            ),
        ],
    ),
    "thomas": (
        "Développeur Python/Django senior, architecture et accessibilité",
        "Douze ans de développement web, dont six en freelance. Je reprends des "
        "applications métier fragiles et je les rends maintenables.",
        600,
        "Lyon",
        "remote",
        ["fr", "en"],
        5,
        [
            ("python", 4),
            ("django", 4),
            ("software-architecture", 3),
            ("devops", 3),
            ("digital-accessibility", 3),
            ("web-development", 4),
        ],
        ["machine-learning"],
        ["engineering"],
        [
            (
                "mission",
                "Refonte d'un extranet de mutuelle",
                "",
                "2022-02-01",
                "2023-01-31",
                "Migration Django 1.11 vers 4.2, tests, accessibilité RGAA.",
                "Rendre un outil utilisé par 3 000 adhérents agréable à utiliser.",
                ["django", "RGAA", "migration"],
            ),
            (
                "project",
                "Logiciel libre de gestion de jardins partagés",
                "",
                "2019-04-01",
                None,
                "Je maintiens une application utilisée par une quarantaine d'associations.",
                "Mettre mon métier au service du quartier.",
                ["logiciel libre", "associations", "python"],
            ),
        ],
    ),
    "aurelie": (
        "Responsable qualité et sécurité alimentaire (HACCP, IFS)",
        "Vingt ans en laiteries et fromageries AOP. Audits, plans HACCP, "
        "préparation aux certifications.",
        680,
        "Besançon",
        "onsite",
        ["fr"],
        3,
        [
            ("food-safety-haccp", 4),
            ("quality-management", 4),
            ("iso-9001-standards", 3),
            ("vocational-training", 3),
        ],
        ["continuous-improvement"],
        ["audit", "training"],
        [
            (
                "job",
                "Responsable qualité",
                "Fromagerie du Haut-Doubs",
                "2008-01-01",
                "2024-03-31",
                "Plan HACCP, certification IFS, formation de 45 salariés.",
                "La fierté d'un produit AOP sans rappel en seize ans.",
                ["HACCP", "IFS", "AOP", "formation"],
            ),
            (
                "family",
                "Reprise de l'exploitation familiale",
                "",
                "2000-06-01",
                "2004-09-30",
                "Gestion du troupeau et de la traite, comptabilité de l'exploitation.",
                "Aider mes parents pendant la maladie de mon père.",
                ["élevage", "gestion", "autonomie"],
            ),
        ],
    ),
    "karim": (
        "Contrôleur de gestion et directeur financier de transition",
        "Ancien DAF de PME industrielles ; je remets les chiffres d'aplomb en "
        "trois mois et je forme l'équipe qui prend le relais.",
        850,
        "Paris",
        "hybrid",
        ["fr", "en"],
        4,
        [
            ("management-control", 4),
            ("cash-management", 4),
            ("accounting", 3),
            ("interim-management", 4),
            ("fundraising", 2),
        ],
        ["cooperative-governance"],
        ["interim", "advice"],
        [
            (
                "job",
                "Directeur administratif et financier",
                "Groupe Métallerie Nord",
                "2012-09-01",
                "2021-12-31",
                "Clôtures mensuelles en J+5, renégociation bancaire, ERP.",
                "Sortir l'entreprise d'une procédure de sauvegarde.",
                ["DAF", "trésorerie", "restructuration"],
            ),
            (
                "association",
                "Administrateur d'une épicerie solidaire",
                "L'Épi du 18e",
                "2017-01-01",
                None,
                "Tenue des comptes, demandes de financement, recrutement des bénévoles.",
                "Le quartier où j'ai grandi.",
                ["ESS", "gouvernance", "bénévolat"],
            ),
        ],
    ),
    "elodie": (
        "Analyste de données, secteur bancaire",
        "Analyse de risque crédit, tableaux de bord et modèles de scoring. "
        "En poste : je cherche des missions en toute discrétion.",
        700,
        "Lyon",
        "remote",
        ["fr", "en"],
        2,
        [
            ("data-analysis", 4),
            ("machine-learning", 3),
            ("business-intelligence", 4),
            ("python", 3),
        ],
        ["data-protection-gdpr"],
        ["advice", "engineering"],
        [
            (
                "job",
                "Analyste risque crédit",
                "Banque Régionale du Rhône",
                "2017-09-01",
                None,
                "Modèles de scoring, suivi des portefeuilles, reporting réglementaire.",
                "Comprendre ce que les chiffres disent des gens.",
                ["scoring", "risque", "python", "SQL"],
            ),
            (
                "volunteering",
                "Formatrice bénévole en initiation au numérique",
                "Emmaüs Connect",
                "2020-01-01",
                None,
                "Ateliers mensuels pour des personnes éloignées du numérique.",
                "Personne ne devrait être exclu d'une démarche parce qu'elle est en ligne.",
                ["pédagogie", "inclusion numérique"],
            ),
        ],
    ),
    "antoine": (
        "Juriste droit social et RGPD pour PME",
        "Contrats, règlements intérieurs, mise en conformité RGPD, sans jargon.",
        620,
        "Nantes",
        "hybrid",
        ["fr", "en", "es"],
        3,
        [("employment-law", 4), ("data-protection-gdpr", 4), ("contract-law", 3)],
        ["public-procurement"],
        ["advice", "training"],
        [
            (
                "job",
                "Juriste d'entreprise",
                "Transports Océane",
                "2013-01-01",
                "2022-08-31",
                "Droit social d'un groupe de 900 salariés, conformité RGPD.",
                "Prévenir les litiges plutôt que les gérer.",
                ["droit social", "RGPD", "prud'hommes"],
            ),
        ],
    ),
}

# Élodie is pseudonymous and hides from the bank's client Lumen; she revealed
# herself to Menuiseries Rivière for a proposal.
PSEUDONYMS = {"elodie": "Analyste data A7"}
HIDDEN_FROM = {"elodie": ["lumen"]}
REVEALS = {"elodie": [("riviere", "Proposition pour le tableau de bord de production")]}
DRAFTS = {"antoine"}  # a draft, to show the draft → publish flow


def seed_profiles(ctx: DemoContext) -> None:
    ensure_taxonomy()  # tests that flush the database lose the migration's rows
    skills = {skill.slug: skill for skill in Skill.objects.all()}
    today = dt.date.today()
    for position, (handle, spec) in enumerate(PROFILES.items()):
        (
            headline,
            summary,
            rate,
            city,
            remote,
            languages,
            days,
            lines,
            wanted,
            kinds,
            experiences,
        ) = spec
        member = ctx.members[handle]
        profile = profile_get_or_create(member=member)
        profile = profile_update(
            profile=profile,
            by=member.user,
            headline=headline,
            summary=summary,
            day_rate_cents=rate * 100,
            location=city,
            remote=remote,
            languages=languages,
            days_per_week=days,
            available_from=today + dt.timedelta(days=7 * position),
            links=[] if handle in PSEUDONYMS else [f"https://{handle}.example.org"],
            pseudonymous=handle in PSEUDONYMS,
            alias=PSEUDONYMS.get(handle, ""),
        )
        for slug, level in lines:
            expert_skill_set(profile=profile, skill_id=skills[slug].pk, level=level)
        for slug in wanted:
            appetence_add(profile=profile, skill_id=skills[slug].pk)
        for kind in kinds:
            appetence_add(profile=profile, mission_kind=kind)
        for category, title, employer, start, end, what, why, tags in experiences:
            experience_create(
                profile=profile,
                publish=True,
                category=category,
                title=title,
                employer=employer,
                started_on=dt.date.fromisoformat(start),
                ended_on=dt.date.fromisoformat(end) if end else None,
                what=what,
                motivation=why,
                tags=tags,
            )
        if handle not in DRAFTS:
            profile_publish(profile=profile, by=member.user)
        for org in HIDDEN_FROM.get(handle, []):
            hidden_from_add(profile=profile, organization=ctx.organizations[org])
        for org, reason in REVEALS.get(handle, []):
            identity_reveal(
                profile=profile,
                organization=ctx.organizations[org],
                by=member.user,
                reason=reason,
            )
