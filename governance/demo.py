"""Demo governance: founders, and motions in every state.

One closed vote has published results and receipts printed in the README:
Camille Martin (camille@demo.ouvrage.coop) can check hers on the results page
of « Raccourcir à 10 jours l'acceptation tacite des livraisons » with the code
CAMI-LLE2-DEMO-VOTE.
"""

import datetime as dt

from django.utils import timezone

from core import rules

from . import services
from .models import Motion

CAMILLE_RECEIPT = "CAMI-LLE2-DEMO-VOTE"
JULIEN_RECEIPT = "JULI-EN22-DEMO-VOTE"


def _rules_motion(ctx, author, title, rationale, changes):
    return services.motion_create(
        author=ctx.members[author],
        kind=Motion.Kind.RULES,
        title=title,
        rationale=rationale,
        changes=changes,
    )


def _to_vote(ctx, motion, sponsors, opened):
    motion = services.motion_submit(motion=motion, by=motion.author)
    for handle in sponsors:
        services.motion_sponsor(motion=motion, member=ctx.members[handle])
    return services.motion_open_vote(motion=motion, by=motion.author, now=opened)


def _vote(ctx, motion, choices, at, receipts=None):
    receipts = receipts or {}
    for handle, choice in choices.items():
        services.ballot_cast(
            motion=motion,
            member=ctx.members[handle],
            choice=choice,
            now=at,
            receipt_code=receipts.get(handle),
        )


def seed(ctx) -> None:
    now = timezone.now()
    days = dt.timedelta(days=1)
    admin = ctx.staff.get("admin")
    for handle in ("camille", "claire"):
        services.founder_seat_grant(
            member=ctx.members[handle], by=admin, reason="Fondatrice de la coopérative"
        )
    sponsors = ["thomas", "aurelie", "julien"]

    # adopted and enacted, with published results and demo receipts. It takes
    # effect a second ago: a rule's default is stored (in force) from the first
    # migrate, so a change dated before it would be shadowed by the default.
    voting_days = dt.timedelta(days=rules.get("governance.voting_days"))
    cooling = dt.timedelta(days=rules.get("governance.cooling_off_days"))
    opened = now - cooling - voting_days - dt.timedelta(seconds=1)
    enacted = _rules_motion(
        ctx,
        "yasmine",
        "Raccourcir à 10 jours l'acceptation tacite des livraisons",
        "Quatorze jours de silence, c'est long pour un expert qui attend d'être "
        "payé ; dix jours laissent deux semaines ouvrées pour vérifier une livraison.",
        {"missions.auto_accept_days": 10},
    )
    enacted = _to_vote(ctx, enacted, sponsors, opened)
    _vote(
        ctx,
        enacted,
        {
            "camille": "for",
            "claire": "for",
            "yasmine": "for",
            "thomas": "for",
            "aurelie": "against",
            "karim": "abstain",
            "julien": "for",
            "sophie": "against",
            "marc": "for",
        },
        opened + days,
        receipts={"camille": CAMILLE_RECEIPT, "julien": JULIEN_RECEIPT},
    )
    enacted = services.motion_close(motion=enacted, now=enacted.voting_closes_at)
    services.motion_enact(motion=enacted, now=enacted.effective_at)

    # rejected
    rejected = _rules_motion(
        ctx,
        "thomas",
        "Porter la cotisation annuelle des entreprises à 700 €",
        "Plus de moyens pour développer la coopérative.",
        {"fees.company.yearly_cents": 70_000},
    )
    rejected = _to_vote(ctx, rejected, ["yasmine", "aurelie", "karim"], now - 17 * days)
    _vote(
        ctx,
        rejected,
        {
            "claire": "against",
            "sophie": "against",
            "marc": "against",
            "thomas": "for",
            "camille": "abstain",
            "karim": "for",
            "elodie": "against",
        },
        now - 16 * days,
    )
    services.motion_close(motion=rejected, now=rejected.voting_closes_at)

    # adopted, scheduled: takes effect in a few days
    scheduled = _rules_motion(
        ctx,
        "aurelie",
        "Trois semaines pour rédiger un avis",
        "Deux semaines, c'est court après une longue mission.",
        {"missions.review_window_days": 21},
    )
    scheduled = _to_vote(ctx, scheduled, ["thomas", "elodie", "sophie"], now - 9 * days)
    _vote(
        ctx,
        scheduled,
        {
            "aurelie": "for",
            "thomas": "for",
            "elodie": "for",
            "sophie": "for",
            "claire": "for",
            "camille": "against",
            "marc": "abstain",
        },
        now - 8 * days,
    )
    services.motion_close(motion=scheduled, now=scheduled.voting_closes_at)

    # voting now: camille has not voted yet
    voting = _rules_motion(
        ctx,
        "karim",
        "Baisser la cotisation annuelle des experts à 90 €",
        "Les jeunes experts hésitent à 120 € ; plus de membres équilibreront le budget.",
        {"fees.expert.yearly_cents": 9_000},
    )
    voting = _to_vote(ctx, voting, ["yasmine", "antoine", "marc"], now - 2 * days)
    _vote(
        ctx, voting, {"karim": "for", "yasmine": "for", "sophie": "against"}, now - days
    )

    # deliberation with comments and a pending amendment
    deliberation = _rules_motion(
        ctx,
        "elodie",
        "Donner plus de poids à la disponibilité dans le rapprochement",
        "Les entreprises disent que le meilleur profil ne sert à rien si l'expert est pris.",
        {
            "matching.weights": {
                "skills": 35,
                "appetence": 15,
                "availability": 20,
                "rate": 10,
                "language": 10,
                "location": 10,
            }
        },
    )
    deliberation = services.motion_submit(motion=deliberation, by=deliberation.author)
    services.motion_sponsor(motion=deliberation, member=ctx.members["antoine"])
    services.motion_comment(
        motion=deliberation,
        member=ctx.members["claire"],
        body="D'accord sur le principe, mais les compétences doivent rester le premier critère.",
    )
    services.amendment_propose(
        motion=deliberation,
        member=ctx.members["thomas"],
        rationale="Prendre les cinq points sur la localisation plutôt que sur les compétences.",
        changes={
            "matching.weights": {
                "skills": 40,
                "appetence": 15,
                "availability": 20,
                "rate": 10,
                "language": 10,
                "location": 5,
            }
        },
    )

    # adopted text motion with a review date that has come: back on the dashboard
    reviewed = services.motion_create(
        author=ctx.members["claire"],
        kind=Motion.Kind.TEXT,
        title="Accueillir les experts installés à l'étranger",
        rationale="Nos entreprises exportent ; leurs experts doivent pouvoir nous rejoindre.",
        text="Ouvrage accueille les experts résidant hors de France qui facturent en euros.",
        review_on=timezone.localdate() - days,
        indicator="voters.experts",
    )
    reviewed = _to_vote(ctx, reviewed, ["karim", "sophie", "camille"], now - 40 * days)
    _vote(
        ctx,
        reviewed,
        {
            "claire": "for",
            "karim": "for",
            "sophie": "for",
            "camille": "for",
            "thomas": "against",
            "marc": "for",
            "yasmine": "abstain",
        },
        now - 39 * days,
    )
    services.motion_close(motion=reviewed, now=reviewed.voting_closes_at)

    # draft charter text, and a withdrawn motion
    services.motion_create(
        author=ctx.members["elodie"],
        kind=Motion.Kind.TEXT,
        title="Charte : les données des membres ne sont jamais vendues",
        rationale="Écrire ce que nous pratiquons déjà.",
        text="Ouvrage ne vend, ne loue ni ne prête les données de ses membres.",
        is_charter=True,
    )
    withdrawn = _rules_motion(
        ctx,
        "antoine",
        "Dix jours pour confirmer une attribution",
        "Les experts en congés manquent des attributions.",
        {"missions.award_confirmation_days": 10},
    )
    services.motion_withdraw(
        motion=withdrawn, by=withdrawn.author, reason="Fusionnée avec une autre motion"
    )
