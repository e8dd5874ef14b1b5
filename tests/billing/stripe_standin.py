"""A small stand-in for Stripe's API, served over HTTP in the test process.

The real `stripe` SDK talks to it (STRIPE_API_BASE points here). Objects are
built from the Stripe-shaped JSON fixtures in `fixtures/` and kept in memory;
tests drive the story (a Checkout paid, a renewal failing, a refund) with
the simulation methods, which return the events Stripe would send. Those
events are signed exactly as Stripe signs them
(`stripe.WebhookSignature.generate_signature_header`).

It also serves a tiny hosted "Checkout" page (GET/POST /pay/<session>) for
the browser test: paying there delivers the webhooks to the app, then
redirects to the session's success_url, like Stripe does.
"""

from __future__ import annotations

import copy
import html
import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import requests
import stripe

FIXTURES = Path(__file__).parent / "fixtures"
YEAR = 365 * 24 * 3600
MONTH = 30 * 24 * 3600
FEE_PERCENT_BP, FEE_FIXED = 150, 25  # 1.5 % + 0.25 € (EEA cards)


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def decode_form(pairs: list[tuple[str, str]]) -> dict:
    """`line_items[0][price]=x&metadata[k]=v` → nested dicts and lists."""
    root: dict = {}
    for key, value in pairs:
        parts = key.replace("]", "").split("[")
        node = root
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, {})
    return _lists(root)


def _lists(node):
    if isinstance(node, dict):
        if node and all(key.isdigit() for key in node):
            return [_lists(node[key]) for key in sorted(node, key=int)]
        return {key: _lists(value) for key, value in node.items()}
    return node


class StripeStandIn:
    def __init__(self, *, webhook_secret: str = "whsec_standin"):  # noqa: S107
        self.objects: dict[str, dict] = {}
        self.private: dict[str, dict] = {}  # what Stripe keeps but does not show
        self.log: list[tuple[str, str]] = []
        self.webhook_secret = webhook_secret
        self.webhook_url = ""
        self._ids = itertools.count(1)
        self._lock = threading.RLock()
        self.server: ThreadingHTTPServer | None = None
        self.clock = int(time.time())

    # --- server ------------------------------------------------------------------------------

    def start(self) -> StripeStandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                standin._serve(self, "GET")

            def do_POST(self):
                standin._serve(self, "POST")

            def do_DELETE(self):
                standin._serve(self, "DELETE")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def _serve(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length).decode() if length else ""
        params = decode_form(parse_qsl(parts.query, keep_blank_values=True))
        params.update(decode_form(parse_qsl(body, keep_blank_values=True)))
        self.log.append((method, parts.path))
        if parts.path.startswith("/pay/"):
            return self._serve_checkout_page(handler, method, parts.path.split("/")[2])
        with self._lock:
            status, payload = self.route(method, parts.path, params)
        data = json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Request-Id", f"req_{next(self._ids)}")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    # --- the API -------------------------------------------------------------------------------

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_standin{next(self._ids):06d}"

    def store(self, obj: dict) -> dict:
        self.objects[obj["id"]] = obj
        return obj

    def route(self, method: str, path: str, params: dict) -> tuple[int, dict]:
        segments = path.strip("/").split("/")[1:]  # drop "v1"
        expand = params.pop("expand", [])
        expand = expand if isinstance(expand, list) else [expand]
        if method == "POST" and segments == ["products"]:
            return 200, self._create("product", "prod", params)
        if method == "POST" and segments == ["prices"]:
            recurring = params.pop("recurring")
            params["unit_amount"] = int(params["unit_amount"])
            params["unit_amount_decimal"] = str(params["unit_amount"])
            price = self._create("price", "price", params)
            price["recurring"]["interval"] = recurring["interval"]
            return 200, price
        if method == "POST" and segments == ["checkout", "sessions"]:
            return 200, self._checkout_create(params)
        if method == "POST" and segments == ["billing_portal", "sessions"]:
            session = self._create("billing_portal_session", "bps", params)
            session["url"] = f"{self.url}/portal/{session['id']}"
            return 200, session
        if (
            method == "POST"
            and segments[:1] == ["subscription_items"]
            and len(segments) == 2
        ):
            return self._subscription_item_update(segments[1], params)
        if method == "GET" and segments == ["invoice_payments"]:
            return 200, self._list(
                [
                    o
                    for o in self.objects.values()
                    if o["object"] == "invoice_payment"
                    and o["invoice"] == params.get("invoice")
                ],
                "/v1/invoice_payments",
            )
        if method == "GET" and segments == ["refunds"]:
            return 200, self._list(
                [
                    o
                    for o in self.objects.values()
                    if o["object"] == "refund" and o["charge"] == params.get("charge")
                ],
                "/v1/refunds",
            )
        if len(segments) >= 2 and segments[-1] in self.objects:
            obj = self.objects[segments[-1]]
            if method == "POST":
                for name, value in params.items():
                    if name == "active":
                        value = value == "true"
                    obj[name] = value
            return 200, self._expand(copy.deepcopy(obj), expand)
        error = fixture("error_resource_missing")
        error["error"]["message"] = (
            f"No such object: '{segments[-1] if segments else ''}'"
        )
        return 404, error

    def _create(self, name: str, prefix: str, params: dict) -> dict:
        obj = fixture(name)
        obj.update({k: v for k, v in params.items() if k in obj or k == "metadata"})
        obj["id"] = self.new_id(prefix)
        obj["created"] = self.clock
        return self.store(obj)

    def _list(self, data: list[dict], url: str) -> dict:
        return {
            "object": "list",
            "data": copy.deepcopy(data),
            "has_more": False,
            "url": url,
        }

    def _expand(self, obj: dict, paths: list[str]) -> dict:
        for path in paths:
            head, _sep, rest = path.partition(".")
            value = obj.get(head)
            if isinstance(value, str) and value in self.objects:
                obj[head] = copy.deepcopy(self.objects[value])
                if rest:
                    obj[head] = self._expand(obj[head], [rest])
        return obj

    def _checkout_create(self, params: dict) -> dict:
        session = fixture("checkout_session")
        session["id"] = self.new_id("cs_test")
        session["created"] = self.clock
        session["expires_at"] = self.clock + 24 * 3600
        for name in (
            "client_reference_id",
            "customer",
            "customer_email",
            "success_url",
            "cancel_url",
            "metadata",
            "locale",
        ):
            if name in params:
                session[name] = params[name]
        session["url"] = f"{self.url}/pay/{session['id']}"
        self.private[session["id"]] = {
            "price": params["line_items"][0]["price"],
            "subscription_metadata": (params.get("subscription_data") or {}).get(
                "metadata", {}
            ),
        }
        return self.store(session)

    def _subscription_item_update(self, item_id: str, params: dict) -> tuple[int, dict]:
        for sub in self.objects.values():
            if sub["object"] != "subscription":
                continue
            for item in sub["items"]["data"]:
                if item["id"] == item_id:
                    item["price"] = copy.deepcopy(self.objects[params["price"]])
                    self.private.setdefault(sub["id"], {})["proration"] = params.get(
                        "proration_behavior"
                    )
                    return 200, copy.deepcopy(item)
        return 404, fixture("error_resource_missing")

    # --- simulations: what happens at Stripe, and the events it sends ---------------------------

    def event(self, type_: str, obj: dict) -> dict:
        event = fixture("event")
        event["id"] = self.new_id("evt")
        event["type"] = type_
        event["created"] = self.clock
        event["data"]["object"] = copy.deepcopy(obj)
        return event

    def complete_checkout(self, session_id: str, *, paid: bool = True) -> list[dict]:
        """The payer filled Checkout in: customer, subscription, first invoice."""
        with self._lock:
            session = self.objects[session_id]
            private = self.private[session_id]
            price = self.objects[private["price"]]
            customer_id = session["customer"]
            if not customer_id:
                customer = fixture("customer")
                customer.update(
                    id=self.new_id("cus"),
                    email=session["customer_email"],
                    created=self.clock,
                )
                customer_id = self.store(customer)["id"]
            sub = fixture("subscription")
            sub.update(
                id=self.new_id("sub"),
                customer=customer_id,
                created=self.clock,
                start_date=self.clock,
                billing_cycle_anchor=self.clock,
                metadata=copy.deepcopy(private["subscription_metadata"]),
            )
            item = sub["items"]["data"][0]
            item.update(
                id=self.new_id("si"),
                subscription=sub["id"],
                created=self.clock,
                price=copy.deepcopy(price),
            )
            self._set_period(sub, self.clock)
            self.store(sub)
            invoice, invoice_events = self._invoice_for(
                sub, reason="subscription_create", paid=paid
            )
            sub["status"] = "active" if paid else "incomplete"
            session.update(
                status="complete",
                customer=customer_id,
                subscription=sub["id"],
                payment_status="paid" if paid else "unpaid",
                invoice=invoice["id"],
                amount_total=price["unit_amount"],
                amount_subtotal=price["unit_amount"],
            )
            events = [
                self.event("checkout.session.completed", session),
                self.event("customer.subscription.created", sub),
            ]
            return events + invoice_events

    def _set_period(self, sub: dict, start: int) -> None:
        item = sub["items"]["data"][0]
        length = YEAR if item["price"]["recurring"]["interval"] == "year" else MONTH
        item["current_period_start"] = start
        item["current_period_end"] = start + length

    def _invoice_for(
        self, sub: dict, *, reason: str, paid: bool
    ) -> tuple[dict, list[dict]]:
        item = sub["items"]["data"][0]
        amount = item["price"]["unit_amount"]
        invoice = fixture("invoice")
        invoice_id = self.new_id("in")
        invoice.update(
            id=invoice_id,
            customer=sub["customer"],
            created=self.clock,
            amount_due=amount,
            subtotal=amount,
            total=amount,
            billing_reason=reason,
            number=f"STANDIN-{invoice_id[-6:]}",
            hosted_invoice_url=f"{self.url}/invoices/{invoice_id}",
            invoice_pdf=f"{self.url}/invoices/{invoice_id}.pdf",
            period_start=item["current_period_start"],
            period_end=item["current_period_start"],
        )
        invoice["parent"]["subscription_details"] = {
            "metadata": copy.deepcopy(sub["metadata"]),
            "subscription": sub["id"],
        }
        line = invoice["lines"]["data"][0]
        line["amount"] = amount
        line["parent"]["subscription_item_details"].update(
            subscription=sub["id"], subscription_item=item["id"]
        )
        line["period"] = {
            "start": item["current_period_start"],
            "end": item["current_period_end"],
        }
        line["pricing"]["price_details"] = {
            "price": item["price"]["id"],
            "product": item["price"]["product"],
        }
        self.store(invoice)
        sub["latest_invoice"] = invoice_id
        if paid:
            return invoice, self._pay(invoice)
        invoice.update(status="open", amount_remaining=amount)
        invoice["status_transitions"]["finalized_at"] = self.clock
        return invoice, [self.event("invoice.payment_failed", invoice)]

    def _pay(self, invoice: dict) -> list[dict]:
        amount = invoice["amount_due"]
        fee = amount * FEE_PERCENT_BP // 10_000 + FEE_FIXED
        txn = fixture("balance_transaction")
        txn.update(
            id=self.new_id("txn"),
            amount=amount,
            fee=fee,
            net=amount - fee,
            created=self.clock,
        )
        txn["fee_details"][0]["amount"] = fee
        charge = fixture("charge")
        charge.update(
            id=self.new_id("ch"),
            amount=amount,
            amount_captured=amount,
            customer=invoice["customer"],
            balance_transaction=txn["id"],
            created=self.clock,
        )
        txn["source"] = charge["id"]
        intent = fixture("payment_intent")
        intent.update(
            id=self.new_id("pi"),
            amount=amount,
            amount_received=amount,
            customer=invoice["customer"],
            latest_charge=charge["id"],
            created=self.clock,
        )
        charge["payment_intent"] = intent["id"]
        payment = fixture("invoice_payment")
        payment.update(
            id=self.new_id("inpay"),
            amount_paid=amount,
            amount_requested=amount,
            invoice=invoice["id"],
            created=self.clock,
        )
        payment["payment"]["payment_intent"] = intent["id"]
        payment["status_transitions"]["paid_at"] = self.clock
        for obj in (txn, charge, intent, payment):
            self.store(obj)
        invoice.update(status="paid", amount_paid=amount, amount_remaining=0)
        invoice["status_transitions"].update(
            finalized_at=self.clock, paid_at=self.clock
        )
        self.private[invoice["id"]] = {"charge": charge["id"]}
        return [self.event("invoice.paid", invoice)]

    def charge_of(self, invoice_id: str) -> str:
        return self.private[invoice_id]["charge"]

    def renew(self, subscription_id: str, *, paid: bool = True) -> list[dict]:
        """The period ends: Stripe invoices the next one (at the item's current price)."""
        with self._lock:
            sub = self.objects[subscription_id]
            start = sub["items"]["data"][0]["current_period_end"]
            self.clock = max(self.clock, start)
            self._set_period(sub, start)
            _invoice, events = self._invoice_for(
                sub, reason="subscription_cycle", paid=paid
            )
            sub["status"] = "active" if paid else "past_due"
            return [*events, self.event("customer.subscription.updated", sub)]

    def pay_open_invoice(self, invoice_id: str) -> list[dict]:
        """A retried payment succeeds (the member updated their card)."""
        with self._lock:
            invoice = self.objects[invoice_id]
            events = self._pay(invoice)
            sub = self.objects[
                invoice["parent"]["subscription_details"]["subscription"]
            ]
            sub["status"] = "active"
            return [*events, self.event("customer.subscription.updated", sub)]

    def cancel(self, subscription_id: str) -> list[dict]:
        with self._lock:
            sub = self.objects[subscription_id]
            sub.update(status="canceled", canceled_at=self.clock, ended_at=self.clock)
            return [self.event("customer.subscription.deleted", sub)]

    def cancel_at_period_end(self, subscription_id: str) -> list[dict]:
        with self._lock:
            sub = self.objects[subscription_id]
            sub.update(
                cancel_at_period_end=True,
                cancel_at=sub["items"]["data"][0]["current_period_end"],
            )
            return [self.event("customer.subscription.updated", sub)]

    def refund(self, charge_id: str, amount: int | None = None) -> list[dict]:
        with self._lock:
            charge = self.objects[charge_id]
            amount = (
                charge["amount"] - charge["amount_refunded"]
                if amount is None
                else amount
            )
            refund = fixture("refund")
            refund.update(
                id=self.new_id("re"),
                amount=amount,
                charge=charge_id,
                payment_intent=charge["payment_intent"],
                created=self.clock,
            )
            self.store(refund)
            charge["amount_refunded"] += amount
            charge["refunded"] = charge["amount_refunded"] >= charge["amount"]
            return [self.event("charge.refunded", charge)]

    def trial_will_end(self, subscription_id: str) -> list[dict]:
        return [
            self.event(
                "customer.subscription.trial_will_end", self.objects[subscription_id]
            )
        ]

    def action_required(self, subscription_id: str) -> list[dict]:
        with self._lock:
            sub = self.objects[subscription_id]
            invoice = self.objects[sub["latest_invoice"]]
            return [self.event("invoice.payment_action_required", invoice)]

    # --- delivery ---------------------------------------------------------------------------------

    def sign(
        self, payload: str, *, timestamp: int | None = None, secret: str | None = None
    ) -> str:
        return stripe.WebhookSignature.generate_signature_header(
            payload, secret or self.webhook_secret, timestamp=timestamp
        )

    def deliver(self, event: dict, url: str | None = None) -> int:
        payload = json.dumps(event)
        response = requests.post(
            url or self.webhook_url,
            data=payload.encode(),
            timeout=30,
            headers={
                "Stripe-Signature": self.sign(payload),
                "Content-Type": "application/json",
            },
        )
        return response.status_code

    def _serve_checkout_page(self, handler, method: str, session_id: str) -> None:
        session = self.objects.get(session_id)
        if session is None:
            handler.send_response(404)
            handler.end_headers()
            return
        if method == "POST":
            for event in self.complete_checkout(session_id):
                self.deliver(event)
            target = session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)
            handler.send_response(303)
            handler.send_header("Location", target)
            handler.end_headers()
            return
        price = self.objects[self.private[session_id]["price"]]
        page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Stand-in Checkout</title></head><body><main>
<h1>Stand-in Checkout</h1>
<p>Pay {price["unit_amount"] / 100:.2f} {html.escape(price["currency"].upper())}
every {html.escape(price["recurring"]["interval"])}</p>
<form method="post"><label for="card">Card number</label>
<input id="card" name="card" value="4242 4242 4242 4242">
<button type="submit">Subscribe</button></form></main></body></html>""".encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(page)))
        handler.end_headers()
        handler.wfile.write(page)
