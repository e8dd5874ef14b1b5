"""Pages of the missions app, by concern. Thin: parse, check, call a service, render."""

from .missions import (
    dispute_action,
    file_download,
    invoice_action,
    mission_action,
    mission_detail,
    missions,
    precedents,
)
from .needs import need_action, need_detail, need_edit, need_invite, need_new, needs
from .proposals import (
    proposal_action,
    proposal_detail,
    proposal_new,
    proposal_revise,
    proposals,
)

__all__ = [
    "dispute_action",
    "file_download",
    "invoice_action",
    "mission_action",
    "mission_detail",
    "missions",
    "need_action",
    "need_detail",
    "need_edit",
    "need_invite",
    "need_new",
    "needs",
    "precedents",
    "proposal_action",
    "proposal_detail",
    "proposal_new",
    "proposal_revise",
    "proposals",
]
