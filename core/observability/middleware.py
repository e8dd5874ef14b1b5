"""Each request: an id (the proxy's X-Request-ID or a new one), a log line, metrics."""

import logging
import time

from . import context, metrics

log = logging.getLogger("ouvrage.requests")


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    # the URL pattern, not the path: a bounded set of label values
    return match.route if match is not None and match.route else "unmatched"


class RequestIdMiddleware:
    """The outermost middleware: everything below it logs with the request's id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = context.new_request_id(request.headers.get("X-Request-ID"))
        request.request_id = request_id
        token = context.request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            elapsed = time.perf_counter() - started
            route = _route(request)
            metrics.REQUESTS.labels(route, request.method, response.status_code).inc()
            metrics.LATENCY.labels(route).observe(elapsed)
            response["X-Request-ID"] = request_id
            if log.isEnabledFor(logging.INFO):
                log.info(
                    "%s %s %s",
                    request.method,
                    request.path,
                    response.status_code,
                    extra={
                        "method": request.method,
                        "path": request.path,
                        "route": route,
                        "status": response.status_code,
                        "duration_ms": round(elapsed * 1000, 1),
                    },
                )
            return response
        finally:
            context.request_id.reset(token)
