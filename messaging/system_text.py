"""What system messages say, in the reader's language (stored as data, not text)."""

from django.utils.translation import gettext as _

EVENTS = {
    "award": lambda: _(
        "The company awarded the mission; the expert has to confirm it."
    ),
    "proposal_withdrawn": lambda: _(
        "The expert withdrew the proposal: this conversation is now read-only."
    ),
    "confirm": lambda: _("The expert confirmed the mission: it has started."),
    "decline_award": lambda: _("The expert declined the mission."),
    "withdraw_award": lambda: _("The company withdrew the award."),
    "lapse": lambda: _("The award lapsed: the expert did not confirm in time."),
    "deliver": lambda: _("The expert delivered a milestone."),
    "request_changes": lambda: _("The company asked for changes."),
    "resume": lambda: _("Work resumed on the mission."),
    "accept_milestone": lambda: _("The company accepted a milestone."),
    "complete": lambda: _("The mission is complete."),
    "cancel": lambda: _("The mission was cancelled."),
    "dispute": lambda: _("A dispute was opened on the mission."),
    "settle_resume": lambda: _("The dispute is settled: work resumes."),
    "settle_complete": lambda: _("The dispute is settled: the mission is complete."),
    "settle_cancel": lambda: _("The dispute is settled: the mission is cancelled."),
}


def system_text(data: dict) -> str:
    """The sentence of a system message, translated into the active language."""
    text = EVENTS.get(data.get("event", ""))
    if text is not None:
        return text()
    return _("The mission moved from “%(from)s” to “%(to)s”.") % {
        "from": data.get("from_state", ""),
        "to": data.get("to_state", ""),
    }
