"""The history of a need and its mission as sentences a person reads.

The audit trail stores machine names ("need.publish", from "draft" to
"published"); a page shows "Claire published the need". Each action has a
sentence naming who acted and one for what the platform did by itself (a
deadline, a timer). Lines that repeat another one (a milestone delivered with
its mission) are left out of the page, never out of the audit trail.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# action → (sentence with %(who)s, sentence when the platform acted alone)
SENTENCES: dict[str, tuple[object, object]] = {
    "need.created": (_("%(who)s wrote the need as a draft"), _("The need was written")),
    "need.updated": (_("%(who)s edited the need"), _("The need was edited")),
    "need.invited": (_("%(who)s invited experts to answer"), _("Experts were invited")),
    "need.publish": (_("%(who)s published the need"), _("The need was published")),
    "need.close": (
        _("%(who)s closed the need to new proposals"),
        _("The need closed to new proposals"),
    ),
    "need.cancel": (_("%(who)s cancelled the need"), _("The need was cancelled")),
    "need.expire": (
        _("%(who)s let the need expire"),
        _("The need expired: its deadline passed"),
    ),
    "need.reopen": (
        _("%(who)s opened the need again"),
        _("The need is open again, as the award did not go ahead"),
    ),
    "proposal.submitted": (
        _("%(who)s sent a proposal"),
        _("A proposal was sent"),
    ),
    "proposal.revised": (
        _("%(who)s revised the proposal"),
        _("The proposal was revised"),
    ),
    "proposal.shortlist": (
        _("%(who)s shortlisted the proposal"),
        _("The proposal was shortlisted"),
    ),
    "proposal.accept": (
        _("%(who)s accepted the proposal"),
        _("The proposal was accepted"),
    ),
    "proposal.decline": (
        _("%(who)s declined the proposal"),
        _("The proposal was declined"),
    ),
    "proposal.withdraw": (
        _("%(who)s withdrew the proposal"),
        _("The proposal was withdrawn"),
    ),
    "proposal.reinstate": (
        _("%(who)s put the proposal back in the running"),
        _("The proposal is back in the running"),
    ),
    "mission.awarded": (
        _("%(who)s awarded the mission"),
        _("The mission was awarded"),
    ),
    "mission.confirm": (
        _("%(who)s confirmed the mission: it started"),
        _("The mission started"),
    ),
    "mission.decline_award": (
        _("%(who)s declined the mission"),
        _("The mission was declined"),
    ),
    "mission.withdraw_award": (
        _("%(who)s withdrew the award"),
        _("The award was withdrawn"),
    ),
    "mission.lapse": (
        _("%(who)s let the award lapse"),
        _("The award lapsed: the expert did not confirm in time"),
    ),
    "mission.deliver": (_("%(who)s delivered the work"), _("The work was delivered")),
    "mission.request_changes": (
        _("%(who)s asked for changes"),
        _("Changes were asked for"),
    ),
    "mission.resume": (
        _("%(who)s started on the changes"),
        _("Work on the changes started"),
    ),
    "mission.accept_milestone": (
        _("%(who)s accepted the milestone"),
        _("The milestone was accepted, as no answer came within the delay"),
    ),
    "mission.complete": (
        _("%(who)s accepted the delivery: the mission is completed"),
        _("The delivery was accepted, as no answer came within the delay"),
    ),
    "mission.cancellation_requested": (
        _("%(who)s asked to cancel the mission"),
        _("Someone asked to cancel the mission"),
    ),
    "mission.cancel": (_("%(who)s cancelled the mission"), _("The mission ended")),
    "mission.dispute": (_("%(who)s opened a dispute"), _("A dispute was opened")),
    "mission.settle_resume": (
        _("%(who)s settled the dispute: the work resumes"),
        _("The dispute is settled: the work resumes"),
    ),
    "mission.settle_complete": (
        _("%(who)s settled the dispute: the mission is completed"),
        _("The dispute is settled: the mission is completed"),
    ),
    "mission.settle_cancel": (
        _("%(who)s settled the dispute: the mission is cancelled"),
        _("The dispute is settled: the mission is cancelled"),
    ),
    "mission.reviews_published": (
        _("%(who)s published the reviews"),
        _("The reviews were published"),
    ),
    "dispute.opened": (
        _("%(who)s stated the problem"),
        _("The problem was stated"),
    ),
    "dispute.mediator": (
        _("%(who)s joined as mediator"),
        _("A mediator was assigned"),
    ),
    "dispute.answer_statement": (
        _("%(who)s answered the statement"),
        _("The statement was answered"),
    ),
    "dispute.propose": (
        _("%(who)s proposed a resolution"),
        _("A resolution was proposed"),
    ),
    "dispute.accepted": (
        _("%(who)s accepted the proposed resolution"),
        _("The proposed resolution was accepted"),
    ),
    "dispute.reject_proposal": (
        _("%(who)s rejected the proposed resolution"),
        _("The proposed resolution was rejected"),
    ),
    "dispute.resolve": (
        _("%(who)s closed the dispute"),
        _("Both parties accepted the resolution: the dispute is closed"),
    ),
    "dispute.decide": (
        _("%(who)s closed the dispute with a decision"),
        _("The dispute was closed with a decision"),
    ),
    "invoice.declared": (
        _("%(who)s declared an invoice"),
        _("An invoice was declared"),
    ),
    "invoice.paid": (
        _("%(who)s confirmed the payment of an invoice"),
        _("The payment of an invoice was confirmed"),
    ),
    "review.written": (_("%(who)s wrote a review"), _("A review was written")),
}

# said again by another line of the same page (the mission's own event)
REPEATS = frozenset(
    {
        "need.award",
        "proposal.accept",  # the mission's award says it
        "dispute.opened",  # the mission's dispute line says it, with the statement
        "milestone.deliver",
        "milestone.request_changes",
        "milestone.accept",
    }
)


def sentence(action: str, who: str | None) -> str | None:
    """The line for one audit action; None when the page should not repeat it."""
    if action in REPEATS:
        return None
    with_actor, alone = SENTENCES.get(
        action, (_("%(who)s made a change"), _("A change was made"))
    )
    if who:
        return str(with_actor) % {"who": who}
    return str(alone)


def lines(events, name_of) -> list:
    """Audit events to show, each given `.sentence` (name_of(event) names the actor)."""
    shown = []
    for event in events:
        who = name_of(event) if event.actor_id else None
        text = sentence(event.action, who)
        if text is not None:
            event.sentence = text
            shown.append(event)
    return shown
