"""JSON logs with a request id carried into tasks, and /metrics for Prometheus."""

import io
import json
import logging

import pytest
from django.test import Client, override_settings
from django_tasks import task

from core.observability import context
from core.observability import tasks as carried
from core.observability.logs import JsonFormatter, RequestIdFilter
from marketplace import periodic

pytestmark = pytest.mark.django_db

seen_in_task: list[str] = []


@task()
def remember_request_id() -> None:
    seen_in_task.append(context.current())
    logging.getLogger("ouvrage.tests").warning("inside the task")


def _capture(logger_name: str):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return stream, lambda: logger.removeHandler(handler)


def test_a_request_gets_an_id_in_its_header_and_its_json_log_line():
    stream, done = _capture("ouvrage.requests")
    try:
        response = Client().get("/healthz")
    finally:
        done()
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert line["request_id"] == request_id
    assert line["route"] == "healthz"
    assert line["status"] == response.status_code
    assert line["method"] == "GET" and line["duration_ms"] >= 0


def test_the_proxy_request_id_is_kept_and_a_strange_one_replaced():
    kept = Client().get(
        "/healthz", HTTP_X_REQUEST_ID="abcdef0123456789abcdef0123456789"
    )
    assert kept["X-Request-ID"] == "abcdef0123456789abcdef0123456789"
    replaced = Client().get("/healthz", HTTP_X_REQUEST_ID="no spaces <allowed>")
    assert replaced["X-Request-ID"] != "no spaces <allowed>"
    assert len(replaced["X-Request-ID"]) == 32


def test_a_task_runs_with_the_request_id_of_the_request_that_enqueued_it():
    seen_in_task.clear()
    stream, done = _capture("ouvrage.tests")
    token = context.request_id.set("req-0123456789")
    try:
        remember_request_id.enqueue()
    finally:
        context.request_id.reset(token)
        done()
    assert seen_in_task == ["req-0123456789"]
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert line == {
        **line,
        "message": "inside the task",
        "request_id": "req-0123456789",
    }
    assert context.current() == ""


def test_the_worker_finds_the_request_id_of_a_task_enqueued_elsewhere():
    """The database backend: the task starts in another process, the id comes from
    the cache, where enqueueing put it under the task's id."""

    class Result:
        id = "task-1"

        class task:
            module_path = "tests.ops.test_observability.remember_request_id"

        status = "SUCCESSFUL"

    token = context.request_id.set("req-from-the-web")
    carried.enqueued(sender=None, task_result=Result)
    context.request_id.reset(token)
    assert context.current() == ""
    carried.started(sender=None, task_result=Result)
    assert context.current() == "req-from-the-web"
    carried.finished(sender=None, task_result=Result)
    assert context.current() == ""


def test_metrics_are_served_to_internal_addresses_only():
    Client().get("/healthz")
    periodic.run_due(force=True)
    inside = Client(REMOTE_ADDR="10.1.2.3").get("/metrics")
    assert inside.status_code == 200
    text = inside.content.decode()
    assert 'ouvrage_http_requests_total{method="GET",route="healthz"' in text
    assert "ouvrage_http_request_duration_seconds_bucket" in text
    assert "ouvrage_websockets_open" in text
    assert "ouvrage_webhook_lag_seconds 0.0" in text
    assert "ouvrage_task_queue_depth" in text
    assert 'ouvrage_periodic_job_runs_total{job="' in text
    outside = Client(REMOTE_ADDR="203.0.113.9").get("/metrics")
    assert outside.status_code == 404
    # through the proxy: the proxy is internal, the client it names is not
    proxied = Client(REMOTE_ADDR="10.0.0.2").get(
        "/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert proxied.status_code == 404


@override_settings(METRICS_ALLOWED_NETWORKS=["192.0.2.0/24"])
def test_the_allowed_networks_are_a_setting():
    assert Client(REMOTE_ADDR="192.0.2.7").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="127.0.0.1").get("/metrics").status_code == 404


def test_periodic_job_runs_are_counted_for_metrics():
    before = dict(periodic._runs_probe())
    periodic.run_due(force=True)
    after = dict(periodic._runs_probe())
    job = periodic.jobs()[0].name
    ok = after[(job, "ok")] + after[(job, "error")]
    assert ok == before[(job, "ok")] + before[(job, "error")] + 1
    last = dict(periodic._last_run_probe())
    assert last[(job,)] > 0
