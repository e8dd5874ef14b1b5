"""Every write of governance, one module per concern.

- `motions`: drafts, edits, submission, withdrawal, amendments, opening the vote;
- `discussion`: co-sponsors and comments during deliberation;
- `voting`: colleges (founder seats), secret ballots, the closing reminder;
- `closing`: the count, the published result, and enacting adopted rules;
- `transitions`: the motion lock, FSM transitions and who-may-act checks they share.

Services take `now` (default: the clock) so the demo and the tests can place a
motion's life in the past; views and the API never pass it. They refuse with
`core.refusals.Refusal` (403 for who may not act, 409 for the state), and
raise Django's ValidationError for input a form shows beside its field.
The names below are the public interface: `governance.services.ballot_cast`
keeps working.
"""

from .closing import motion_close, motion_enact
from .discussion import motion_comment, motion_sponsor
from .motions import (
    amendment_decide,
    amendment_propose,
    changes_check,
    motion_create,
    motion_edit,
    motion_open_vote,
    motion_submit,
    motion_withdraw,
)
from .voting import ballot_cast, founder_seat_grant, voters_remind

__all__ = [
    "amendment_decide",
    "amendment_propose",
    "ballot_cast",
    "changes_check",
    "founder_seat_grant",
    "motion_close",
    "motion_comment",
    "motion_create",
    "motion_edit",
    "motion_enact",
    "motion_open_vote",
    "motion_sponsor",
    "motion_submit",
    "motion_withdraw",
    "voters_remind",
]
