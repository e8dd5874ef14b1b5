"""Where a page's time goes: SQL, view code, template rendering; and its SQL replayed bare.

`Split` is installed once per process: a database execute wrapper times every
query (and records it when asked), and Django's template backend is wrapped
to time the top-level renders. A page's time is then

    total = SQL + template rendering (minus the SQL run while rendering) + view code

where "view code" is everything else: middleware, the view's Python, the
response. `replay` runs the queries a page made again, with a bare cursor on
the same connection, in a transaction rolled back at the end: the database's
floor for that page.
"""

import statistics
import time
from contextlib import contextmanager

from django.db import connection, transaction
from django.template.backends.django import Template as BackendTemplate
from django.test.utils import CaptureQueriesContext

# transaction control is not the page's SQL: the replay runs in one transaction
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


class Split:
    def __init__(self):
        self.reset()
        self.recording: list | None = None
        self.depth = 0

    def reset(self):
        self.sql = 0.0
        self.sql_in_template = 0.0
        self.template = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            self.sql += spent
            if self.depth:
                self.sql_in_template += spent
            if self.recording is not None:
                self.recording.append((sql, params, many))


SPLIT = Split()
_render = BackendTemplate.render


def _timed_render(self, context=None, request=None):
    SPLIT.depth += 1
    started = time.perf_counter()
    try:
        return _render(self, context, request)
    finally:
        SPLIT.depth -= 1
        if SPLIT.depth == 0:
            SPLIT.template += time.perf_counter() - started


def install() -> None:
    """Time every query of the default connection and every top-level render."""
    if SPLIT not in connection.execute_wrappers:
        connection.execute_wrappers.append(SPLIT)
    BackendTemplate.render = _timed_render


@contextmanager
def recorded():
    """The (sql, params, many) of every query run inside the block."""
    SPLIT.recording = queries = []
    try:
        yield queries
    finally:
        SPLIT.recording = None


def replay(queries, runs: int) -> float:
    """Median milliseconds to run `queries` again with a bare cursor (rolled back)."""
    statements = [q for q in queries if not q[0].lstrip().upper().startswith(CONTROL)]
    wrappers = list(connection.execute_wrappers)
    connection.execute_wrappers.clear()  # the replay is bare: no timing wrapper
    times = []
    try:
        for _ in range(runs + 1):
            with transaction.atomic():
                with connection.cursor() as cursor:
                    started = time.perf_counter()
                    for sql, params, many in statements:
                        if many:
                            cursor.executemany(sql, params)
                        else:
                            cursor.execute(sql, params)
                            if cursor.description is not None:
                                cursor.fetchall()
                    times.append((time.perf_counter() - started) * 1000)
                transaction.set_rollback(True)
    finally:
        connection.execute_wrappers[:] = wrappers
    return statistics.median(times[1:])  # the first run warms the cache


def measure(call, runs: int) -> dict:
    """Median total, its split (SQL, view code, template), the query count and the
    page's own SQL replayed bare; `call()` makes one request (or operation)."""
    call()  # warm-up
    totals, sqls, templates = [], [], []
    for _ in range(runs):
        SPLIT.reset()
        started = time.perf_counter()
        call()
        totals.append((time.perf_counter() - started) * 1000)
        sqls.append(SPLIT.sql * 1000)
        templates.append((SPLIT.template - SPLIT.sql_in_template) * 1000)
    with CaptureQueriesContext(connection) as captured, recorded() as queries:
        call()
    total = statistics.median(totals)
    sql = statistics.median(sqls)
    template = statistics.median(templates)
    return {
        "median_ms": round(total, 2),
        "sql_ms": round(sql, 2),
        "template_ms": round(template, 2),
        "view_ms": round(max(0.0, total - sql - template), 2),
        "queries": len(captured.captured_queries),
        "replay_ms": round(replay(queries, runs), 3),
    }
