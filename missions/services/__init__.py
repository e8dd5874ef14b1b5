"""Every write of missions, one module per concern.

- `needs`: a company's needs (create, edit, publish, close, cancel, invite);
- `proposals`: an expert's answers (submit, revise, withdraw) and their sorting;
- `awards`: accepting a proposal creates the mission; confirm, decline, withdraw;
- `deliveries`: milestones delivered, changes requested, accepted;
- `cancellations`: a started mission cancelled by agreement;
- `invoices`: invoices declared and payments confirmed (recorded, no commission);
- `disputes`: opened, mediated, settled; precedents anonymised;
- `reviews`: written by both parties, published together;
- shared by all: `transitions` (fire a transition, audit it, tell the other
  party, signal after commit), `locks` (the `..._select_for_update()` helpers,
  one lock order: need → proposals → mission → milestone → dispute) and
  `permissions` (who may act).

Each public function is keyword-only and runs in one transaction. A refusal by
state is `core.refusals.Refusal` (409), by role PermissionDenied (403).
Notifications are rows written in the same transaction (their e-mails leave
after commit); signals are sent after commit. `by` is the acting User; `None`
means the system (timers, consequences).

Callers import this package (`services.need_publish`); the names below are
the public ones.
"""

from .awards import (
    mission_confirm,
    mission_decline_award,
    mission_withdraw_award,
    proposal_accept,
)
from .cancellations import mission_cancel, mission_request_cancellation
from .deliveries import (
    mission_accept,
    mission_deliver,
    mission_request_changes,
    mission_resume,
)
from .disputes import (
    anonymise,
    dispute_accept_proposal,
    dispute_answer,
    dispute_assign_mediator,
    dispute_decide,
    dispute_open,
    dispute_propose,
    dispute_reject_proposal,
    mediator_eligible,
)
from .invoices import invoice_confirm_payment, invoice_declare
from .needs import (
    NEED_FIELDS,
    need_cancel,
    need_close,
    need_create,
    need_invite,
    need_publish,
    need_update,
)
from .proposals import (
    PROPOSAL_FIELDS,
    proposal_decline,
    proposal_revise,
    proposal_shortlist,
    proposal_submit,
    proposal_withdraw,
)
from .reviews import review_write, reviews_publish
from .transitions import MISSION_MESSAGES, PROPOSAL_MESSAGES, prime_company_members

__all__ = [
    "MISSION_MESSAGES",
    "NEED_FIELDS",
    "PROPOSAL_FIELDS",
    "PROPOSAL_MESSAGES",
    "anonymise",
    "dispute_accept_proposal",
    "dispute_answer",
    "dispute_assign_mediator",
    "dispute_decide",
    "dispute_open",
    "dispute_propose",
    "dispute_reject_proposal",
    "invoice_confirm_payment",
    "invoice_declare",
    "mediator_eligible",
    "mission_accept",
    "mission_cancel",
    "mission_confirm",
    "mission_decline_award",
    "mission_deliver",
    "mission_request_cancellation",
    "mission_request_changes",
    "mission_resume",
    "mission_withdraw_award",
    "need_cancel",
    "need_close",
    "need_create",
    "need_invite",
    "need_publish",
    "need_update",
    "prime_company_members",
    "proposal_accept",
    "proposal_decline",
    "proposal_revise",
    "proposal_shortlist",
    "proposal_submit",
    "proposal_withdraw",
    "review_write",
    "reviews_publish",
]
