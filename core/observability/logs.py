"""JSON log lines: one object per line, with the request id of what logged it.

{"time": "2026-11-30T22:30:00.123+00:00", "level": "INFO",
 "logger": "ouvrage.requests", "message": "GET /missions/ 200",
 "request_id": "4f0c…", "route": "missions/", "status": 200, "duration_ms": 12.3}
"""

import datetime as dt
import json
import logging

from . import context

# attributes a caller may pass with `extra=` that become fields of the line
FIELDS = (
    "method",
    "path",
    "route",
    "status",
    "duration_ms",
    "task",
    "task_id",
    "task_status",
    "job",
)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = context.current()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or context.current(),
        }
        for name in FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
