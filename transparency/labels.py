"""What a reader sees for each cell of each figure (never the cell's key)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .figures.base import POOLED

CELL_LABELS = {
    "company/stripe": _("Companies, by card"),
    "company/transfer": _("Companies, by transfer"),
    "expert/stripe": _("Experts, by card"),
    "expert/transfer": _("Experts, by transfer"),
    "company/year": _("Companies, yearly plan"),
    "company/month": _("Companies, monthly plan"),
    "company/none": _("Companies, plan not found"),
    "expert/year": _("Experts, yearly plan"),
    "expert/month": _("Experts, monthly plan"),
    "expert/none": _("Experts, plan not found"),
    "company:new": _("New companies"),
    "company:lapsed": _("Companies lapsed"),
    "expert:new": _("New experts"),
    "expert:lapsed": _("Experts lapsed"),
    "company": _("Companies"),
    "expert": _("Experts"),
    "stripe": _("Stripe"),
    "hosting": _("Hosting"),
    "staff": pgettext_lazy("cost category", "Staff"),
    "payment_fees": _("Payment fees"),
    "legal_tax": _("Legal and tax"),
    "other": pgettext_lazy("cost category", "Other"),
    "income": _("Membership income"),
    "stripe_fees": _("Card fees"),
    "refunds": _("Refunds"),
    "costs": _("Costs"),
    "ledger_tied": _("Received in connection with a mission"),
    "share": _("Share of mission value"),
    "median": _("Median"),
    "p90": _("90th percentile"),
    "p10": _("10th percentile"),
    "top10_share": _("Share of the top 10 %"),
    "overdue_1_30": _("Unpaid, 1 to 30 days"),
    "overdue_31_60": _("Unpaid, 31 to 60 days"),
    "overdue_61_90": _("Unpaid, 61 to 90 days"),
    "overdue_90_plus": _("Unpaid, over 90 days"),
    "disputed": _("Disputed"),
    "deliberation": _("In debate"),
    "voting": pgettext_lazy("motions counted", "Voting"),
    "adopted": pgettext_lazy("motions counted", "Adopted"),
    "rejected": pgettext_lazy("motions counted", "Rejected"),
    "withdrawn": pgettext_lazy("motions counted", "Withdrawn"),
    "companies": _("Companies college"),
    "experts": _("Experts college"),
    "founders": _("Founders and staff college"),
    "quorum_met": _("Votes with quorum"),
    "quorum_missed": _("Votes without quorum"),
    "enacted": _("Rule values changed"),
    "skills": _("Skill fit"),
    "appetence": _("Appetence fit"),
    "availability": _("Availability"),
    "rate": _("Rate fit"),
    "language": _("Language"),
    "location": _("Location"),
    POOLED: _("Hidden cells together"),
}

FAMILY_LABELS = {
    "money_in": _("Money in"),
    "money_out": _("Money out"),
    "result": _("Result"),
    "members": _("Members"),
    "value": _("Value between members"),
    "governance": _("Governance"),
    "matching": _("Matching"),
}

# a cell measured in another unit than its figure's
CELL_UNITS = {
    "top10_share": "permille",
    "quorum_met": "count",
    "quorum_missed": "count",
    "overdue_1_30": "count",
    "overdue_31_60": "count",
    "overdue_61_90": "count",
    "overdue_90_plus": "count",
    "disputed": "count",
    "ledger_tied": "cents",
}


def cell_label(cell: str) -> str:
    """A known cell's label; otherwise the cell is already words (a skill family)."""
    return str(CELL_LABELS.get(cell, cell))
