"""One SQL statement from the event loop, without a worker thread (PostgreSQL).

A socket's hot path, storing a conversation message, is one statement. Run
through the ORM it needs a hop to a worker thread and back
(`database_sync_to_async`), which cost the daphne process more CPU than the
statement itself (`benchmarks/profile_messaging.py`). `fetchone(sql, params)`
runs it on an async psycopg connection in autocommit instead, from a few kept
open per event loop. Where the database is not PostgreSQL, `available()` is
False and callers take their ORM path.

Why not psycopg_pool: its pool runs background tasks on the loop that opened
it and can only be closed from that loop. Connections here are plain: idle
ones in a list, a semaphore for the number open at once, and `close_stale()`
closes those of loops that have ended (a test's), so that nothing holds the
database open after them. Daphne's loop lives as long as the process.
"""

from __future__ import annotations

import asyncio
import threading

from django import db
from django.conf import settings
from django.db import connections

# Django's connection parameters that are not libpq's
_NOT_CONNINFO = {"cursor_factory", "context", "prepare_threshold"}


def _as_django(error):
    """psycopg's error as Django's class of the same name (as the ORM raises it)."""
    import psycopg

    for name in ("DataError", "OperationalError", "IntegrityError", "InternalError",
                 "ProgrammingError", "NotSupportedError", "InterfaceError",
                 "DatabaseError"):  # fmt: skip
        if isinstance(error, getattr(psycopg, name)):
            return getattr(db, name)(*error.args)
    return db.Error(*error.args)


def available(alias: str = "default") -> bool:
    return connections[alias].vendor == "postgresql"


class _Connections:
    """The async connections of one event loop."""

    def __init__(self, alias: str, size: int):
        self.alias = alias
        self.idle: list = []
        self.opened: set = set()
        self.slots = asyncio.Semaphore(size)

    async def _connect(self):
        import psycopg

        wrapper = connections[self.alias]
        params = {
            key: value
            for key, value in wrapper.get_connection_params().items()
            if key not in _NOT_CONNINFO
        }
        connection = await psycopg.AsyncConnection.connect(autocommit=True, **params)
        self.opened.add(connection)
        return connection

    async def fetchone(self, sql: str, params) -> tuple | None:
        import psycopg

        async with self.slots:
            connection = self.idle.pop() if self.idle else await self._connect()
            try:
                cursor = await connection.execute(sql, params)
                row = await cursor.fetchone()
            except BaseException as error:
                if isinstance(error, psycopg.Error) and not (
                    connection.closed or connection.broken
                ):  # a refused statement (a constraint): the connection is fine
                    self.idle.append(connection)
                else:  # lost, or cancelled mid-statement: not to be reused
                    self.opened.discard(connection)
                    if not connection.closed:
                        connection.pgconn.finish()
                if isinstance(error, psycopg.Error):
                    raise _as_django(error) from error
                raise
            self.idle.append(connection)
            return row

    def close_now(self) -> None:
        """Close every connection at once, without the loop (it may be gone)."""
        for connection in self.opened:
            if not connection.closed:
                connection.pgconn.finish()
        self.opened.clear()
        self.idle.clear()


_by_loop: dict[asyncio.AbstractEventLoop, _Connections] = {}
_lock = threading.Lock()


def _connections(alias: str) -> _Connections:
    loop = asyncio.get_running_loop()
    with _lock:
        found = _by_loop.get(loop)
        if found is None:
            size = getattr(settings, "DB_ASYNC_CONNECTIONS", 8)
            found = _by_loop[loop] = _Connections(alias, size)
        return found


async def fetchone(sql: str, params, alias: str = "default") -> tuple | None:
    """Run `sql` (psycopg's %(name)s placeholders) in autocommit; its first row.

    Errors are Django's (a constraint refusing it: django.db.IntegrityError),
    as the ORM raises them.
    """
    return await _connections(alias).fetchone(sql, params)


def close_stale() -> int:
    """Close the connections of event loops that have ended; how many loops."""
    with _lock:
        stale = [loop for loop in _by_loop if loop.is_closed()]
        for loop in stale:
            _by_loop.pop(loop).close_now()
    return len(stale)
