"""Demo needs and missions: every state of every state machine is on screen.

Built through the services (so audit trails and notifications are real); only
the deadlines of the "closed" and "expired" needs are moved into the past
before the timer runs, as time would have.
"""

import datetime as dt

from django.utils import timezone

from marketplace.models import Skill

from . import services, timers
from .models import Need


def _need(ctx, handle, title, *, publish=True, days=20, **fields):
    author = ctx.members[handle]
    values = {
        "title": title,
        "context": fields.pop(
            "context", "Contexte détaillé dans le cahier des charges joint."
        ),
        "deliverables": fields.pop(
            "deliverables", "Un rapport écrit et une restitution orale."
        ),
        "budget_min_cents": 400_000,
        "budget_max_cents": 1_200_000,
        "proposals_deadline": timezone.now() + dt.timedelta(days=days),
        "languages": ["fr"],
        "start_date": timezone.localdate() + dt.timedelta(days=days + 10),
    }
    values.update(fields)
    skills = list(Skill.objects.filter(status="approved").order_by("slug")[:40])
    if skills:
        picked = skills[hash(title) % len(skills) :][:3] or skills[:3]
        values["skills"] = {
            skill.pk: weight for skill, weight in zip(picked, (5, 3, 2), strict=False)
        }
    need = services.need_create(by=author.user, **values)
    if publish:
        need = services.need_publish(need=need, by=author.user)
    return need


def _propose(ctx, need, handle, price=900_000, **fields):
    return services.proposal_submit(
        need=need,
        by=ctx.members[handle].user,
        approach=fields.pop(
            "approach",
            "Entretiens avec les équipes, analyse, puis recommandations chiffrées.",
        ),
        total_cents=price,
        **fields,
    )


def _past_deadline(need):
    Need.objects.filter(pk=need.pk).update(
        proposals_deadline=timezone.now() - dt.timedelta(hours=1)
    )


def seed(ctx) -> None:
    m = ctx.members
    user = {handle: member.user for handle, member in m.items()}

    # needs: draft, published (with proposals in every state), cancelled
    _need(ctx, "claire", "Plan de prévention des risques en atelier", publish=False)
    open_need = _need(
        ctx,
        "claire",
        "Audit énergétique de l'usine de Carquefou",
        screening_questions=["Avez-vous déjà audité une menuiserie industrielle ?"],
    )
    _propose(ctx, open_need, "camille", answers=["Oui, deux en 2024."])
    shortlisted = _propose(ctx, open_need, "yasmine", price=780_000)
    services.proposal_shortlist(proposal=shortlisted, by=user["claire"])
    withdrawn = _propose(ctx, open_need, "thomas", price=1_100_000)
    services.proposal_withdraw(proposal=withdrawn, by=user["thomas"])
    services.proposal_revise(
        proposal=shortlisted, by=user["yasmine"], total_cents=750_000
    )
    declined = _propose(ctx, open_need, "karim", price=1_150_000)
    services.proposal_decline(
        proposal=declined, by=user["julien"], reason="Hors budget"
    )
    invited = _need(
        ctx, "sophie", "Modélisation de production photovoltaïque", visibility="invited"
    )
    services.need_invite(
        need=invited, by=user["sophie"], experts=[m["aurelie"], m["elodie"]]
    )
    cancelled = _need(ctx, "marc", "Étude de packaging biosourcé")
    services.need_cancel(need=cancelled, by=user["marc"], reason="Projet reporté")

    # closed (deadline passed with proposals) and expired (deadline passed, none)
    closed = _need(ctx, "sophie", "Dimensionnement de batteries pour une école")
    _propose(ctx, closed, "karim")
    _past_deadline(closed)
    expired = _need(ctx, "marc", "Traduction technique du cahier des charges AOP")
    _past_deadline(expired)
    timers.needs_at_deadline()

    # missions in every state
    def mission(handle, expert, title, price=900_000, milestones=None):
        need = _need(ctx, handle, title)
        fields = {"milestones": milestones} if milestones else {}
        offer = _propose(ctx, need, expert, price=price, **fields)
        return services.proposal_accept(proposal=offer, by=user[handle])

    mission("claire", "antoine", "Refonte du site de commande en ligne")  # awarded
    active = mission(
        "sophie",
        "camille",
        "Rédaction du dossier de subvention ADEME",
        price=900_000,
        milestones=[
            {"title": "Diagnostic", "amount_cents": 300_000},
            {"title": "Dossier complet", "amount_cents": 600_000},
        ],
    )
    services.mission_confirm(mission=active, by=user["camille"])
    services.mission_deliver(
        mission=active, by=user["camille"], message="Diagnostic livré."
    )
    services.mission_accept(
        mission=active, by=user["sophie"]
    )  # first milestone accepted

    delivered = mission("claire", "yasmine", "Cartographie des flux de production")
    services.mission_confirm(mission=delivered, by=user["yasmine"])
    services.mission_deliver(
        mission=delivered,
        by=user["yasmine"],
        message="Cartographie et recommandations.",
    )
    services.invoice_declare(
        mission=delivered,
        by=user["yasmine"],
        number="YB-2026-014",
        amount_cents=900_000,
        issued_on=timezone.localdate(),
    )

    changes = mission("marc", "aurelie", "Plan HACCP de la fromagerie")
    services.mission_confirm(mission=changes, by=user["aurelie"])
    services.mission_deliver(
        mission=changes, by=user["aurelie"], message="Plan HACCP v1."
    )
    services.mission_request_changes(
        mission=changes, by=user["marc"], reason="Ajouter la partie affinage."
    )

    completed = mission(
        "sophie", "thomas", "Formation des techniciens à la sécurité électrique"
    )
    services.mission_confirm(mission=completed, by=user["thomas"])
    services.mission_deliver(
        mission=completed, by=user["thomas"], message="Supports et bilan."
    )
    services.mission_accept(mission=completed, by=user["sophie"])
    invoice = services.invoice_declare(
        mission=completed,
        by=user["thomas"],
        number="TL-031",
        amount_cents=900_000,
        issued_on=timezone.localdate() - dt.timedelta(days=1),
    )
    services.invoice_confirm_payment(
        invoice=invoice, by=user["sophie"], paid_on=timezone.localdate()
    )
    services.review_write(
        mission=completed,
        by=user["sophie"],
        ratings={"quality": 5, "communication": 5, "deadlines": 4},
        text="Formation claire et adaptée à nos équipes.",
    )
    services.review_write(
        mission=completed,
        by=user["thomas"],
        ratings={"clarity": 5, "communication": 4, "payment": 5},
        text="Besoin bien cadré, paiement rapide.",
    )

    cancelled_mission = mission("claire", "elodie", "Audit des achats bois")
    services.mission_confirm(mission=cancelled_mission, by=user["elodie"])
    services.mission_request_cancellation(
        mission=cancelled_mission, by=user["claire"], reason="Rachat du fournisseur"
    )
    services.mission_cancel(mission=cancelled_mission, by=user["elodie"])

    disputed = mission("marc", "karim", "Automatisation de la salle de traite")
    services.mission_confirm(mission=disputed, by=user["karim"])
    services.mission_deliver(
        mission=disputed, by=user["karim"], message="Automate programmé."
    )
    dispute = services.dispute_open(
        mission=disputed, by=user["marc"], statement="L'automate ne gère pas le lavage."
    )
    services.dispute_answer(
        dispute=dispute,
        by=user["karim"],
        text="Le lavage n'était pas dans le cahier des charges.",
    )

    # a decided dispute, published as a precedent
    decided = mission("claire", "camille", "Bilan carbone simplifié")
    services.mission_confirm(mission=decided, by=user["camille"])
    services.mission_deliver(
        mission=decided, by=user["camille"], message="Bilan remis."
    )
    old = services.dispute_open(
        mission=decided, by=user["camille"], statement="Sans réponse."
    )
    mediator = ctx.staff.get("mediator")
    if mediator is not None:
        services.dispute_assign_mediator(
            dispute=old, mediator=mediator, by=ctx.staff["admin"]
        )
        services.dispute_decide(
            dispute=old,
            by=mediator,
            decision="La livraison est conforme au besoin publié.",
            outcome="complete",
            precedent=(
                "Une entreprise n'a pas répondu à une livraison conforme au besoin publié : "
                "la mission est terminée, la facture est due."
            ),
        )
