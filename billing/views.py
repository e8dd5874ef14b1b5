"""Billing pages. Thin: parse, check, call a service, render."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from core.refusals import Refusal
from marketplace.accounts import access_member, request_member
from marketplace.roles import TREASURER, has_role

from . import selectors, services, stripe_client
from .access import card_unavailable_reason, membership_offer
from .forms import CheckoutForm, TransferRecordForm
from .invoice_pdf import invoice_pdf
from .models import BankTransfer, Invoice
from .webhook import webhook_receive

log = logging.getLogger(__name__)


@login_required
@require_GET
def overview(request):
    member = access_member(request)
    context = {
        "status": selectors.membership_status(member),
        "checkout_form": CheckoutForm(),
        "subscription": selectors.member_subscription(member),
        "has_customer": selectors.member_has_stripe_customer(member),
        "invoices": selectors.member_invoices(member)[:50],
        **membership_offer(member),
    }
    return render(request, "billing/overview.html", context)


@login_required
@require_POST
def checkout(request):
    member = access_member(request)
    form = CheckoutForm(request.POST)
    unavailable = card_unavailable_reason()
    if unavailable is not None:
        # say so: a silent return to the same page reads as a broken button
        messages.warning(request, unavailable)
        return redirect("billing:overview")
    if not form.is_valid():
        messages.error(request, _("Choose to pay yearly or monthly."))
        return redirect("billing:overview")
    done = request.build_absolute_uri(reverse("billing:checkout_done"))
    try:
        url = services.checkout_start(
            member=member,
            interval=form.cleaned_data["interval"],
            success_url=done + "?session_id={CHECKOUT_SESSION_ID}",
            cancel_url=request.build_absolute_uri(reverse("billing:overview")),
        )
    except Refusal as refusal:
        messages.error(request, refusal.message)
        return redirect("billing:overview")
    except stripe_client.StripeUnavailable:
        messages.error(
            request,
            _(
                "The card payment service cannot be reached right now. Nothing was charged: "
                "please try again in a few minutes, or pay by bank transfer."
            ),
        )
        return redirect("billing:overview")
    return redirect(url)


@login_required
@require_GET
def checkout_done(request):
    member = access_member(request)
    session_id = request.GET.get("session_id", "")
    if session_id and stripe_client.enabled():
        # usually the webhook got there first; this only makes the page up to date
        try:
            services.checkout_session_sync(session_id=session_id, member=member)
        except (stripe_client.StripeUnavailable, services.UnknownHolder):
            log.info("checkout return: session %s not synced yet", session_id)
    status = selectors.membership_status(member)
    if status.active:
        messages.success(request, _("Thank you! Your membership is active."))
    else:
        messages.info(
            request,
            _(
                "Thank you! Your payment is being confirmed; this page will show it shortly."
            ),
        )
    return redirect("billing:overview")


@login_required
@require_POST
def portal(request):
    member = access_member(request)
    try:
        url = services.portal_url(
            member=member,
            return_url=request.build_absolute_uri(reverse("billing:overview")),
        )
    except Refusal as refusal:
        messages.error(request, refusal.message)
        return redirect("billing:overview")
    except stripe_client.StripeUnavailable:
        messages.error(
            request, _("The card payment service cannot be reached right now.")
        )
        return redirect("billing:overview")
    return redirect(url)


@login_required
@require_POST
def transfer_start(request):
    member = access_member(request)
    try:
        transfer = services.transfer_request(member=member)
    except Refusal as refusal:
        messages.error(request, refusal.message)
        return redirect("billing:overview")
    return redirect("billing:transfer_detail", pk=transfer.pk)


@login_required
@require_GET
def transfer_detail(request, pk):
    member = access_member(request)
    transfer = get_object_or_404(
        BankTransfer, pk=pk, **services.holder_filter(**services.holder_of(member))
    )
    bank = {
        "holder": settings.BILLING_BANK_HOLDER,
        "iban": settings.BILLING_BANK_IBAN,
        "bic": settings.BILLING_BANK_BIC,
    }
    crumbs = [(_("Your membership"), reverse("billing:overview")), (_("Transfer"), "")]
    return render(
        request,
        "billing/transfer_detail.html",
        {"transfer": transfer, "bank": bank, "crumbs": crumbs},
    )


@login_required
@require_GET
def invoice_download(request, pk):
    invoice = get_object_or_404(Invoice.objects.select_related("transfer"), pk=pk)
    member = request_member(request)
    mine = (
        member is not None and selectors.member_invoices(member).filter(pk=pk).exists()
    )
    if not (mine or has_role(request.user, TREASURER)):
        raise Http404
    if invoice.source == Invoice.Source.STRIPE:
        if not invoice.pdf_url:
            raise Http404
        return redirect(invoice.pdf_url)
    language = member.language if member else request.LANGUAGE_CODE
    response = HttpResponse(
        invoice_pdf(invoice, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}.pdf"'
    return response


def _treasurer_only(request):
    if not has_role(request.user, TREASURER):
        raise PermissionDenied


@login_required
@require_GET
def treasury(request):
    _treasurer_only(request)
    context = {
        "pending": selectors.transfers_pending(),
        "recent": selectors.transfers_recent(),
    }
    return render(request, "billing/treasury.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def treasury_record(request, pk):
    """Record a transfer in two steps: type what the statement shows, then check
    the sentence saying what will happen (it issues an invoice: no undo)."""
    _treasurer_only(request)
    transfer = get_object_or_404(
        BankTransfer.objects.select_related("member", "organization"), pk=pk
    )
    form = TransferRecordForm(
        request.POST or None,
        initial={
            "amount": transfer.amount_cents,
        },
    )
    confirming = request.method == "POST" and form.is_valid()
    if confirming and "confirm" in request.POST:
        try:
            invoice = services.transfer_record(
                transfer=transfer,
                received_on=form.cleaned_data["received_on"],
                amount_cents=form.amount_cents(),
                by=request.user,
            )
        except Refusal as refusal:
            form.add_error(None, refusal.message)
            confirming = False
        else:
            messages.success(
                request,
                _(
                    "Payment of %(payer)s recorded: their membership is active and "
                    "invoice %(number)s is issued."
                )
                % {"payer": transfer.holder, "number": invoice.number},
            )
            return redirect("billing:treasury")
    if "change" in request.POST:
        confirming = False
    context = {
        "transfer": transfer,
        "form": form,
        "confirming": confirming,
        "amount_cents": form.amount_cents() if confirming else None,
        "crumbs": [
            (_("Bank transfers"), reverse("billing:treasury")),
            (transfer.reference, ""),
        ],
    }
    return render(request, "billing/treasury_record.html", context)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Verify, store once, acknowledge (`webhook.webhook_receive`, which the bare
    ASGI route in `billing.asgi` calls too). Processing runs after commit, in a task."""
    status = webhook_receive(request.body, request.headers.get("Stripe-Signature"))
    return HttpResponse(status=status)
