"""Every page, as every role, in French and in English, on the demo data.

No browser: Django's test client renders each GET page of the URL resolver
(every named URL without arguments, and every URL with arguments filled from
demo objects the role can reach: one per state of each kind) and checks what a
person reads:

- the page answers 200 (a redirect, 403, 404 or 405 for a page not meant for
  that role is recorded in the report, not failed; a server error fails);
- `<html lang>` is the language asked for;
- exactly one `<main>` and one `<h1>`;
- the machine-text check (tests/pages/machine_text.py) finds nothing.

One test per role and language; the last test prints the totals and writes the
report (every failing page with its findings) to `$PAGE_WALK_REPORT`, by
default var/page-walk.txt.
"""

import os
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern

from tests.pages.machine_text import DEFAULT_RAW_VALUES, HOMONYMS, check_html

# the django_db marker makes pytest-django create the test database; the demo is
# loaded once for the module (see `demo`); the first test's setup may also
# create the test database and load the demo: more than the default five minutes
# on a busy machine
pytestmark = [pytest.mark.django_db, pytest.mark.timeout(1200)]

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("fr", "en")
# role -> demo handle (e-mail <handle>@demo.ouvrage.coop); None: not signed in
ROLES = {
    "visitor": None,
    "company-owner": "claire",
    "company-colleague": "julien",
    "expert": "camille",
    "pseudonymous-expert": "elodie",
    "unpaid-expert": "ines",
    "treasurer": "treasurer",
    "moderator": "moderator",
    "mediator": "mediator",
    "admin": "admin",
}
# not pages a person reads in the product: back offices, API, machinery
SKIPPED_PREFIXES = (
    "admin/",
    "cms-admin/",
    "api/",
    "static/",
    "^static/",
    "healthz",
    "metrics",
    "i18n/",
    "jsi18n/",
    "_util/",
    "billing/stripe/webhook/",
)
# arguments no demo object gives (one-time keys) or that name an action to POST
# (`do/<name>`, amendments' decisions), and files (photos, logos, attachments)
UNFILLED = {"name", "action", "decision", "uidb36", "token", "file_id"}
UNFILLED_NAMES = {
    "account_confirm_email",
    "marketplace:profile_photo",
    "marketplace:organization_logo",
    "missions:conversation_attachment",
    "missions:file",
    "governance:motion_ballots",
}
HTML_LANG = re.compile(r"<html[^>]*\blang=[\"']?([\w-]+)", re.I)
MAIN = re.compile(r"<main[\s>]", re.I)
H1 = re.compile(r"<h1[\s>]", re.I)


@dataclass
class Walked:
    role: str
    language: str
    counts: Counter = field(default_factory=Counter)
    # url -> (url name, status or redirect)
    not_for_role: dict = field(default_factory=dict)
    # url -> (url name, problems)
    failures: dict = field(default_factory=dict)
    # url name -> seconds spent rendering its pages
    seconds: Counter = field(default_factory=Counter)


RESULTS: list[Walked] = []


# --- the URL resolver --------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    kwargs: tuple[str, ...]


def routes() -> list[Route]:
    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str | None):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if route.startswith(SKIPPED_PREFIXES):
                continue
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = (
                        f"{namespace}:{entry.namespace}"
                        if namespace
                        else entry.namespace
                    )
                walk(entry.url_patterns, route, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                if isinstance(entry.pattern, RegexPattern):
                    kwargs = tuple(entry.pattern.regex.groupindex)
                    if entry.pattern.regex.groups > len(kwargs):
                        continue  # a catch-all (Wagtail's pages are walked below)
                else:
                    kwargs = tuple(entry.pattern.converters)
                found.append(Route(name, route, kwargs))

    walk(get_resolver().url_patterns, "", None)
    return list({route.name: route for route in found}.values())


# --- demo objects a role can reach ------------------------------------------------


def one_per_state(queryset, *fields: str) -> list:
    """The newest object of each state (all of them when the model has none)."""
    field_name = next(
        (name for name in fields if _has_field(queryset.model, name)), None
    )
    if field_name is None:
        return list(queryset[:1])
    chosen: dict = {}
    for obj in queryset.order_by("-created_at"):
        chosen.setdefault(getattr(obj, field_name), obj)
    return list(chosen.values())


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True


def reachable(member) -> dict[str, list]:
    """Objects per URL argument: the role's own (one per state), or all for staff."""
    from billing.models import BankTransfer
    from billing.models import Invoice as MembershipInvoice
    from core import rules
    from governance.models import Motion
    from marketplace.models import Experience, ExpertProfile
    from messaging.models import Conversation, Message
    from missions.models import Mission, Need, Proposal
    from spaces.models import Circle, Space, Thread
    from transparency.figures import CATALOGUE

    needs, proposals, missions = (
        Need.objects.all(),
        Proposal.objects.all(),
        Mission.objects.all(),
    )
    conversations, transfers = Conversation.objects.all(), BankTransfer.objects.all()
    invoices, messages = MembershipInvoice.objects.all(), Message.objects.all()
    profiles = ExpertProfile.objects.filter(published_at__isnull=False)
    experiences = Experience.objects.none()
    if member is not None:
        conversations = conversations.filter(participants__member=member)
        messages = messages.filter(author=member)
        if member.organization_id:
            needs = needs.filter(organization=member.organization)
            proposals = proposals.filter(need__organization=member.organization)
            missions = missions.filter(organization=member.organization)
            transfers = transfers.filter(organization=member.organization)
            invoices = invoices.filter(organization=member.organization)
        else:
            needs = needs.filter(
                models.Q(proposals__expert=member) | models.Q(state="published")
            ).distinct()
            proposals = proposals.filter(expert=member)
            missions = missions.filter(expert=member)
            transfers = transfers.filter(member=member)
            invoices = invoices.filter(member=member)
            own = ExpertProfile.objects.filter(member=member)
            profiles = profiles | own
            experiences = Experience.objects.filter(profile__member=member)
    return {
        "need_id": one_per_state(needs, "state"),
        "proposal_id": one_per_state(proposals, "state"),
        "mission_id": one_per_state(missions, "state"),
        "conversation_id": one_per_state(conversations, "kind"),
        "message_id": one_per_state(messages, "kind"),
        "motion_id": one_per_state(Motion.objects.all(), "state"),
        "profile_id": list(profiles.distinct().order_by("-created_at")[:3]),
        "experience_id": list(experiences[:1]),
        "key": sorted(rules.REGISTRY),
        "figure_key": sorted(CATALOGUE),
        "billing:transfer_detail": one_per_state(transfers, "status"),
        "billing:treasury_record": list(transfers.filter(status="pending")[:2]),
        "billing:invoice_download": list(invoices[:1]),
        **spaces_reachable(member, Space, Thread, Circle),
    }


def spaces_reachable(member, space_model, thread_model, circle_model) -> dict:
    """Peer spaces, threads and circles the member is in (all of them for others:
    they get 404, recorded as not for the role)."""
    spaces, threads = space_model.objects.all(), thread_model.objects.all()
    circles = circle_model.objects.all()
    if member is not None and member.is_expert:
        spaces = spaces.filter(members__member=member, members__status="active")
        threads = threads.filter(
            models.Q(space__in=spaces)
            | models.Q(circle__owner=member)
            | models.Q(circle__people__member=member)
        ).distinct()
        circles = circles.filter(
            models.Q(owner=member) | models.Q(people__member=member)
        ).distinct()
    return {
        "space_id": list(spaces.order_by("-created_at")[:2]),
        "thread_id": list(threads.order_by("-created_at")[:2]),
        "circle_id": list(circles.order_by("-created_at")[:1]),
    }


def fill(route: Route, objects: dict[str, list]) -> list[str] | None:
    """Every URL of a route for the given objects; None when it cannot be filled."""
    if route.name in UNFILLED_NAMES or UNFILLED & set(route.kwargs):
        return None
    if not route.kwargs:
        return [reverse(route.name)]
    if len(route.kwargs) > 1:
        return None
    (kwarg,) = route.kwargs
    values = (
        objects.get(route.name, objects.get(kwarg))
        if kwarg == "pk"
        else objects.get(kwarg)
    )
    if values is None:
        return None
    return [
        reverse(route.name, kwargs={kwarg: getattr(value, "pk", value)})
        for value in values
    ]


def cms_pages() -> dict[str, list[str]]:
    """The public pages' addresses by language (a page is walked in its own language)."""
    from wagtail.models import Page

    urls: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    for page in Page.objects.live().filter(depth__gt=1).select_related("locale"):
        url = page.get_url()
        if url:
            urls.setdefault(page.locale.language_code, []).append(url)
    return urls


def raw_state_values() -> frozenset[str]:
    """The raw values of every state-like field of the project's models."""
    values = set(DEFAULT_RAW_VALUES)
    names = {"state", "status", "outcome", "enactment", "visibility", "kind", "remote"}
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in {
            "marketplace", "billing", "missions", "governance", "messaging",
        }:  # fmt: skip
            continue
        for model_field in model._meta.get_fields():
            if getattr(model_field, "choices", None) and model_field.name in names:
                for value, _label in model_field.flatchoices:
                    if isinstance(value, str) and re.fullmatch(r"[a-z][a-z_]+", value):
                        values.add(value)
    return frozenset(values - HOMONYMS)


# --- fixtures ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module in a transaction rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        from marketplace.demo import email_for

        assert get_user_model().objects.filter(email=email_for("claire")).exists(), (
            "seed_demo loaded nothing: a test before this module left members behind"
        )
        yield {"routes": routes(), "cms": cms_pages(), "raw": raw_state_values()}
        transaction.set_rollback(True)


def client_for(role: str, language: str) -> tuple[Client, object]:
    from marketplace.demo import email_for
    from marketplace.models import Member

    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    handle = ROLES[role]
    if handle is None:
        return client, None
    user = get_user_model().objects.get(email=email_for(handle))
    client.force_login(user)
    return client, Member.objects.filter(user=user).first()


def check_page(html: str, language: str, raw: frozenset[str]) -> list[str]:
    problems = []
    lang = HTML_LANG.search(html)
    if not lang or lang.group(1).lower().split("-")[0] != language:
        problems.append(f"<html lang> is {lang.group(1) if lang else 'missing'}")
    if (mains := len(MAIN.findall(html))) != 1:
        problems.append(f"{mains} <main>")
    if (h1s := len(H1.findall(html))) != 1:
        problems.append(f"{h1s} <h1>")
    problems += [
        str(finding) for finding in check_html(html, raw_values=raw, language=language)
    ]
    return problems


def walk(role: str, language: str, demo) -> Walked:
    client, member = client_for(role, language)
    objects = reachable(member)
    result = Walked(role, language)
    urls: list[tuple[str, str]] = []
    for route in demo["routes"]:
        filled = fill(route, objects)
        if filled is None:
            result.counts["not walked (no argument to give)"] += 1
            continue
        urls += [(route.name, url) for url in filled]
    urls += [("cms page", url) for url in demo["cms"][language]]
    for name, url in dict.fromkeys(urls):
        started = time.monotonic()
        try:
            response = client.get(url)
            result.seconds[name] += time.monotonic() - started
        except Exception as error:  # the page crashed: that is a failure
            result.failures[url] = (name, [f"server error: {error!r}"[:300]])
            result.counts["server error"] += 1
            continue
        status = response.status_code
        content_type = response.get("Content-Type", "")
        if status in (301, 302, 303):
            result.not_for_role[url] = (name, f"redirect to {response['Location']}")
            result.counts["redirect"] += 1
        elif status in (403, 404, 405):
            result.not_for_role[url] = (name, str(status))
            result.counts[str(status)] += 1
        elif status != 200:
            result.failures[url] = (name, [f"status {status}"])
            result.counts["server error"] += 1
        elif "text/html" not in content_type:
            result.counts["not HTML (file, JSON)"] += 1
        else:
            result.counts["checked"] += 1
            problems = check_page(response.content.decode(), language, demo["raw"])
            if problems:
                result.failures[url] = (name, problems)
                result.counts["failed"] += 1
    RESULTS.append(result)
    return result


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_reads_as_human_text(demo, role, language):
    result = walk(role, language, demo)
    assert result.counts["checked"] > 0
    report = "\n".join(
        f"{url} ({name}): " + "; ".join(problems[:8])
        for url, (name, problems) in sorted(result.failures.items())
    )
    assert not result.failures, (
        f"{len(result.failures)} pages fail as {role} in {language}:\n{report}"
    )


def test_walk_summary(capsys):
    """Last: the totals, and the report of every page that failed or was refused."""
    if not RESULTS:
        pytest.skip("no walk ran")
    totals = Counter()
    for result in RESULTS:
        totals.update(result.counts)
    roles = {result.role for result in RESULTS}
    languages = {result.language for result in RESULTS}
    lines = [
        f"Page walk: {totals['checked']} pages checked "
        f"({len(roles)} roles x {len(languages)} languages), "
        + ", ".join(f"{count} {kind}" for kind, count in sorted(totals.items())),
    ]
    by_name = defaultdict(set)
    for result in RESULTS:
        for url, (name, problems) in result.failures.items():
            by_name[name].add((url, result.role, result.language, "; ".join(problems)))
    lines.append(f"Pages failing ({len(by_name)} URL names):")
    for name in sorted(by_name):
        lines.append(f"- {name}")
        for url, role, language, problems in sorted(by_name[name]):
            lines.append(f"    {url} as {role} ({language}): {problems}")
    lines.append("Pages not for the role (recorded, not failed):")
    for result in RESULTS:
        for url, (name, status) in sorted(result.not_for_role.items()):
            lines.append(
                f"    {result.role} ({result.language}) {url} [{name}]: {status}"
            )
    seconds = Counter()
    for result in RESULTS:
        seconds.update(result.seconds)
    lines.append("Slowest pages (seconds, all roles and languages):")
    lines += [f"    {name}: {value:.1f}" for name, value in seconds.most_common(15)]
    report = Path(os.environ.get("PAGE_WALK_REPORT", ROOT / "var" / "page-walk.txt"))
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("\n".join(lines) + "\n")
    with capsys.disabled():
        print("\n" + lines[0] + f"\nReport: {report}")
