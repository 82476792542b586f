"""What the app does when its database fails under it.

A database restarting, a dropped connection, a full disk or a read-only file is an
outage, not a bug: `is_unavailable` tells the two apart, so a founder gets a 503 that
says nothing was saved and to try again (see `advisor.ops.middleware`). A read that lost
its connection is tried once more on a new one (`retry_read`), and bookkeeping that no
page shows is written `best_effort`: its failure is logged and the page is served.
"""

from __future__ import annotations

import contextlib
import logging

from django.db import Error, InterfaceError, OperationalError, connection, transaction

logger = logging.getLogger(__name__)

# PostgreSQL error classes and codes that say "not now" rather than "wrong query":
# 08 connection exception, 53 insufficient resources (disk full, too many connections),
# 57 operator intervention (shutting down, starting up); a read-only server (a standby
# after a failover), and a transaction that lost a race and may simply run again.
PG_UNAVAILABLE_CLASSES = ("08", "53", "57")
PG_UNAVAILABLE_STATES = {"25006", "40001", "40P01", "55P03"}
# SQLite raises OperationalError for a missing table too: only these names are outages.
SQLITE_UNAVAILABLE = (
    "SQLITE_FULL",
    "SQLITE_READONLY",
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_IOERR",
    "SQLITE_CANTOPEN",
    "SQLITE_PERM",
)


def is_unavailable(error: BaseException) -> bool:
    """True when `error` means the database cannot serve now (trying again later can
    work), False for errors a retry would only repeat, such as a missing table."""
    if isinstance(error, InterfaceError):
        return True  # the connection is closed or broken
    if not isinstance(error, Error):
        return False
    cause = error.__cause__
    sqlite_name = getattr(cause, "sqlite_errorname", None)
    if sqlite_name is not None:
        return sqlite_name.startswith(SQLITE_UNAVAILABLE)
    state = getattr(cause, "sqlstate", None)
    if state:
        return state[:2] in PG_UNAVAILABLE_CLASSES or state in PG_UNAVAILABLE_STATES
    # No server answered at all: connection refused, closed mid-query, timed out.
    return isinstance(error, OperationalError)


def drop_connection() -> None:
    """Forget this thread's connection after an outage, so the next query opens a new
    one: a SQLite connection opened while the file was read-only stays read-only."""
    if not connection.in_atomic_block:
        connection.close()


def retry_read(execute, sql, params, many, context):
    """An execute wrapper: a read that failed because the connection dropped (a database
    restart ends every connection) runs once more on a new connection.

    Only a single SELECT outside a transaction, on a client-side cursor: running it again
    cannot write twice or see half a transaction. Anything else fails as before.
    """
    try:
        return execute(sql, params, many, context)
    except Error as error:
        db, cursor = context["connection"], context["cursor"]
        if (
            many
            or db.in_atomic_block
            or not sql.lstrip()[:6].upper() == "SELECT"
            or getattr(cursor.cursor, "name", None)  # a server-side cursor
            or not is_unavailable(error)
            or db.is_usable()
        ):
            raise
        logger.warning("Database connection lost during a read; trying once more: %s", error)
        db.close()
        db.ensure_connection()
        # The caller fetches from this cursor wrapper: give it a cursor on the new connection.
        cursor.cursor = db.create_cursor()
        return execute(sql, params, many, context)


@contextlib.contextmanager
def best_effort(what: str):
    """Run a write no page depends on: if the database refuses it, log it and go on.

    Inside a transaction the write gets a savepoint of its own, so its failure cannot
    break the transaction around it; outside one it costs no extra query.
    """
    guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    try:
        with guard:
            yield
    except Error as error:
        logger.warning("%s was not recorded: %s", what, error)
        if is_unavailable(error):
            drop_connection()
