"""Prometheus metrics of one process, served at `/metrics` to internal networks only.

Counted as they happen (per process: Prometheus scrapes each web replica):
requests and their latency by route, open WebSockets, tasks enqueued and
finished. Read when scraped, from the database or the shared cache, by the
probes apps register with `probe()`: the webhook lag (billing), the task
queue depth (here), the periodic job runs (marketplace.periodic).

`METRICS_ALLOWED_NETWORKS` (CIDRs) lists who may read it; a request that came
through the proxy carries X-Forwarded-For, and every address in it must be
allowed too (the proxy's own address is internal).
"""

import ipaddress
import logging
from collections.abc import Callable, Iterable

from django.apps import apps
from django.conf import settings
from django.http import Http404, HttpResponse
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest

log = logging.getLogger(__name__)
REGISTRY = CollectorRegistry(auto_describe=True)

REQUESTS = Counter(
    "ouvrage_http_requests",
    "HTTP requests answered, by route pattern, method and status.",
    ["route", "method", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "ouvrage_http_request_duration_seconds",
    "Time to answer a request, by route pattern.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
SOCKETS = Gauge(
    "ouvrage_websockets_open", "WebSockets open on this process.", registry=REGISTRY
)
TASKS_ENQUEUED = Counter(
    "ouvrage_tasks_enqueued", "Background tasks enqueued.", ["task"], registry=REGISTRY
)
TASKS_FINISHED = Counter(
    "ouvrage_tasks_finished",
    "Background tasks finished, by outcome.",
    ["task", "status"],
    registry=REGISTRY,
)

# name -> (kind, help, labels, function returning [(label values, value)])
_PROBES: dict[str, tuple[str, str, list[str], Callable[[], Iterable]]] = {}


def probe(name: str, help_text: str, *, kind: str = "gauge", labels=()):
    """Register a function read at each scrape: it returns [(label values, value)]."""

    def register(func):
        _PROBES[name] = (kind, help_text, list(labels), func)
        return func

    return register


class _Probes:
    def collect(self):
        for name, (kind, help_text, labels, func) in sorted(_PROBES.items()):
            family = (CounterMetricFamily if kind == "counter" else GaugeMetricFamily)(
                name, help_text, labels=labels
            )
            try:
                for values, value in func():
                    family.add_metric([str(v) for v in values], value)
            except Exception:  # a probe that fails must not hide the others
                log.exception("metrics probe %s failed", name)
                continue
            yield family

    def describe(self):
        return []


REGISTRY.register(_Probes())


@probe(
    "ouvrage_task_queue_depth",
    "Background tasks waiting for the worker (database backend).",
)
def _task_queue_depth():
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db"):
        return [((), 0)]
    results = apps.get_model("django_tasks_db", "DBTaskResult")
    return [((), results.objects.ready().count())]


def _allowed(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(
        ip in ipaddress.ip_network(net) for net in settings.METRICS_ALLOWED_NETWORKS
    )


def metrics_view(request):
    forwarded = request.headers.get("X-Forwarded-For", "")
    addresses = [request.META.get("REMOTE_ADDR", "")]
    addresses += [a for a in forwarded.split(",") if a.strip()]
    if not all(_allowed(address) for address in addresses):
        raise Http404
    return HttpResponse(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST)
