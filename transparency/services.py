"""Platform costs (four eyes) and the monthly close (a chain of sealed months)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.refusals import Refusal
from marketplace.roles import TREASURER, has_role

from . import package
from .models import PlatformCost, SealedMonth
from .periods import Month, Period
from .signals import month_sealed


def _check_treasurer(user) -> None:
    if not has_role(user, TREASURER):
        raise Refusal(
            _("Only a treasurer can do this."), code="not_treasurer", status=403
        )


@transaction.atomic
def cost_enter(
    *, by, category: str, label: str, amount_cents: int, incurred_on: dt.date, receipt
) -> PlatformCost:
    """A treasurer enters a cost with its receipt; it waits for another treasurer."""
    _check_treasurer(by)
    if category not in PlatformCost.Category.values:
        raise Refusal(_("Choose a category of cost."), code="bad_category", status=400)
    if isinstance(amount_cents, bool) or not isinstance(amount_cents, int):
        raise Refusal(
            _("The amount must be in whole cents."), code="bad_amount", status=400
        )
    if amount_cents <= 0:
        raise Refusal(_("A cost is a positive amount."), code="bad_amount", status=400)
    if not receipt:
        raise Refusal(_("Attach the receipt."), code="no_receipt", status=400)
    if not label.strip():
        raise Refusal(_("Say what the cost paid for."), code="no_label", status=400)
    return PlatformCost.objects.create(
        category=category,
        label=label.strip(),
        amount_cents=amount_cents,
        incurred_on=incurred_on,
        receipt=receipt,
        entered_by=by,
    )


@transaction.atomic
def cost_approve(*, cost: PlatformCost, by) -> PlatformCost:
    """Another treasurer approves a cost: from then on it is public."""
    _check_treasurer(by)
    cost = PlatformCost.objects.select_for_update().get(pk=cost.pk)
    if cost.approved_at is not None:
        raise Refusal(_("This cost is already approved."), code="already_approved")
    if cost.entered_by_id == by.pk:
        raise Refusal(
            _("Another treasurer must approve a cost you entered."),
            code="own_cost",
            status=403,
        )
    cost.approved_by = by
    cost.approved_at = timezone.now()
    try:
        with transaction.atomic():
            cost.save(update_fields=["approved_by", "approved_at", "updated_at"])
    except IntegrityError:  # the database's four-eyes rule, should the check above miss
        raise Refusal(
            _("Another treasurer must approve a cost you entered."), code="own_cost"
        ) from None
    return cost


@transaction.atomic
def cost_reverse(*, cost: PlatformCost, by, on: dt.date, receipt, reason: str):
    """Correct an approved cost: a reversing entry of the opposite amount.

    The reversal is a cost of its own, approved by another treasurer too.
    """
    _check_treasurer(by)
    cost = PlatformCost.objects.select_for_update().get(pk=cost.pk)
    if cost.reverses_id is not None:
        raise Refusal(_("A reversal cannot be reversed."), code="reversal")
    if cost.approved_at is None:
        raise Refusal(
            _("Only an approved cost is corrected by a reversing entry."),
            code="not_approved",
        )
    if PlatformCost.objects.filter(reverses=cost).exists():
        raise Refusal(_("This cost is already reversed."), code="already_reversed")
    if not reason.strip():
        raise Refusal(_("Say why the cost is reversed."), code="no_reason", status=400)
    return PlatformCost.objects.create(
        category=cost.category,
        label=_("Reversal: %(reason)s") % {"reason": reason.strip()},
        amount_cents=-cost.amount_cents,
        incurred_on=on,
        receipt=receipt,
        entered_by=by,
        reverses=cost,
    )


# --- sealed months ---


def manifest_text(month: Month, files: dict[str, str], previous_sha256: str) -> str:
    """One line per file, `sha256  name`, then the previous month's manifest hash."""
    lines = [f"{package.sha256(text)}  {name}" for name, text in sorted(files.items())]
    lines.append(f"previous-manifest-sha256: {previous_sha256 or '-'}")
    lines.insert(0, f"month: {month.label}")
    return "\n".join(lines) + "\n"


def _data_as_of(month: Month) -> str:
    """A closed month is seen as of its last instant: regenerating gives the same."""
    return month.ends_at.isoformat(timespec="seconds")


def month_files(month: Month) -> dict[str, str]:
    """The month's package, computed from the database as of the month's end."""
    period = Period.one(month, now=month.ends_at)
    return package.build(period, data_as_of=_data_as_of(month))


def latest_version(month: Month) -> SealedMonth | None:
    return (
        SealedMonth.objects.filter(month=month.first_day).order_by("-version").first()
    )


@transaction.atomic
def month_close(month: Month, *, erratum: str = "") -> SealedMonth | None:
    """Seal a month (or a corrected version of it, with an erratum).

    Without an erratum, an already sealed month is left alone (the job is safe
    to run twice). A correction is sealed only if the files changed.
    """
    if month.after_last_day > timezone.localdate():
        raise Refusal(_("A month is closed only once it is over."), code="month_open")
    current = latest_version(month)
    if current is not None and not erratum:
        return None
    files = month_files(month)
    if current is not None and current.files == files:
        raise Refusal(
            _("Nothing changed since this month was sealed."), code="nothing_changed"
        )
    previous = (
        SealedMonth.objects.filter(month__lt=month.first_day)
        .order_by("-month", "-version")
        .first()
    )
    previous_sha = previous.manifest_sha256 if previous else ""
    manifest = manifest_text(month, files, previous_sha)
    figures = package.json.loads(files["figures.json"])
    sealed = SealedMonth.objects.create(
        month=month.first_day,
        version=(current.version + 1) if current else 1,
        figures=figures,
        files=files,
        manifest=manifest,
        manifest_sha256=package.sha256(manifest),
        previous_sha256=previous_sha,
        erratum=erratum,
        data_as_of=month.ends_at,
    )
    month_sealed.send(sender=SealedMonth, sealed=sealed)
    return sealed


def close_previous_month(*, today: dt.date | None = None) -> str:
    """The periodic job's work: seal last month if it is not sealed yet."""
    today = today or timezone.localdate()
    last_month = Month.of(today.replace(day=1) - dt.timedelta(days=1))
    sealed = month_close(last_month)
    return f"sealed {last_month.label}" if sealed else "nothing to do"
