"""Demo spaces: two professions with threads, moderation, and one circle.

- « Numérique : développement et données » (moderator Thomas Lefèvre): Élodie
  takes part under her alias « Analyste data A7 »; a question with the reply
  that helped, a discussion, a hidden post.
- « Industrie : qualité et amélioration continue » (moderator Camille Martin,
  Aurélie Rousseau member): a question on HACCP and lean.
- A circle around Antoine Dubois's move towards data protection counsel, with
  Camille and Karim, whom he asked to counsel his draft profile.
"""

from marketplace.models import ExpertSkill, Member
from marketplace.services.counsellors import counsellor_invite

from . import services
from .access import circle_seat, space_seat
from .models import Thread

NUMERIQUE_CHARTER = """On s'adresse à des pairs : on partage ce qu'on a vraiment fait, y compris ce qui a raté.
Pas de démarchage, pas de noms de clients sans leur accord.
Une question précise reçoit des réponses précises : donnez le contexte.
Les modérateurs masquent un message avec une raison visible de tous ; on peut faire appel auprès des autres modérateurs."""

INDUSTRIE_CHARTER = """Entre praticiens de l'atelier et de la qualité : on parle méthodes, terrain et retours d'expérience.
On respecte la confidentialité des sites visités.
Tout retrait ou message masqué est motivé dans le journal de modération."""


def _seat(member: Member, space):
    return space_seat(user=member.user, space_id=space.pk)


def seed(ctx) -> None:
    m = ctx.members
    numerique = services.space_create(
        name="Numérique : développement et données",
        family="Numérique",
        min_level=ExpertSkill.Level.ADVANCED,
        description="Développeurs, architectes et analystes de données en indépendant.",
        charter=NUMERIQUE_CHARTER,
        moderators=[m["thomas"]],
    )
    services.space_join(space=numerique, member=m["elodie"])
    question = services.thread_create(
        seat=_seat(m["elodie"], numerique),
        kind=Thread.Kind.QUESTION,
        title="Découper un monolithe Django sans tout réécrire ?",
        body=(
            "Un client industriel a une application Django de dix ans, 400 modèles. "
            "Il veut « des microservices ». Par où commenceriez-vous, concrètement ?"
        ),
    )
    answer = services.post_create(
        seat=_seat(m["thomas"], numerique),
        thread=question,
        body=(
            "Commencer par des frontières dans le monolithe : une app par domaine, "
            "des imports qui ne remontent jamais (import-linter), puis sortir le "
            "domaine le plus autonome seulement si le besoin est réel."
        ),
    )
    services.post_create(
        seat=_seat(m["elodie"], numerique),
        thread=question,
        body="@Thomas Lefèvre merci, je propose un audit des dépendances en premier lot.",
        quote_id=answer.pk,
    )
    services.helpful_mark(seat=_seat(m["elodie"], numerique), post=answer)
    discussion = services.thread_create(
        seat=_seat(m["thomas"], numerique),
        title="Audits d'accessibilité : combien de jours annoncez-vous ?",
        body="Pour un site de 30 pages avec formulaires, j'annonce 4 jours. Et vous ?",
    )
    off_topic = services.post_create(
        seat=_seat(m["elodie"], numerique),
        thread=discussion,
        body="Quelqu'un connaît un bon comptable à Lyon ?",
    )
    services.post_hide(
        seat=_seat(m["thomas"], numerique),
        post=off_topic,
        reason="Hors sujet : l'espace Finance est plus indiqué.",
    )

    industrie = services.space_create(
        name="Industrie : qualité et amélioration continue",
        family="Industrie",
        min_level=ExpertSkill.Level.ADVANCED,
        description="Consultants lean, qualité, sécurité et méthodes.",
        charter=INDUSTRIE_CHARTER,
        moderators=[m["camille"]],
    )
    services.space_join(space=industrie, member=m["aurelie"])
    haccp = services.thread_create(
        seat=_seat(m["aurelie"], industrie),
        kind=Thread.Kind.QUESTION,
        title="HACCP et 5S dans une conserverie : même démarche ?",
        body="Avez-vous déjà mené les deux ensemble sans épuiser les équipes ?",
    )
    services.post_create(
        seat=_seat(m["camille"], industrie),
        thread=haccp,
        body=(
            "Oui, en partant du 5S sur une seule ligne pilote : le rangement prépare "
            "le plan de nettoyage HACCP. Trois mois, une réunion de 15 minutes par semaine."
        ),
    )

    antoine = m["antoine"]
    for handle in ("camille", "karim"):
        counsellor_invite(profile=antoine.profile, email=m[handle].user.email)
    circle = services.circle_create(
        owner=antoine,
        title="Ma reconversion vers le conseil en protection des données",
        people=[m["camille"], m["karim"]],
    )
    services.thread_create(
        seat=circle_seat(user=antoine.user, circle_id=circle.pk),
        title="Premières missions : viser les PME industrielles ?",
        body="Vous connaissez mes clients d'avant : est-ce un bon point de départ ?",
    )
