"""While the database is unavailable: honest 503s, answers kept, bookkeeping that never
costs a founder the page, readiness that says so, and a read retried once on a dropped
connection. (`make faults` does the same against real servers.)"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import subprocess

import psycopg.errors
import pytest
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django.urls import reverse

from advisor.models import Answer, Assessment, RateLimit, WizardStart
from advisor.ops import database
from tests.conftest import AI_ANSWERS, complete
from tests.test_html import VNU

HX = {"HTTP_HX_REQUEST": "true"}
WRITES = ("INSERT", "UPDATE", "DELETE")


def disk_full() -> OperationalError:
    """What Django raises when SQLite's disk is full (the error SQLite gives, as cause)."""
    cause = sqlite3.OperationalError("database or disk is full")
    cause.sqlite_errorname = "SQLITE_FULL"
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


def connection_lost() -> OperationalError:
    return OperationalError("server closed the connection unexpectedly")


@contextlib.contextmanager
def refusing(statements=WRITES, table: str = "", error=disk_full):
    """The database refuses these statements (on `table`, if given), as a full disk or a
    read-only file refuses writes: every other query runs."""

    def refuse(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(statements) and table in sql:
            raise error()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield


def answer(client, slug, choice, **headers):
    return client.post(reverse("step", args=[slug]), {slug: choice}, **headers)


def saved(client) -> dict[str, str]:
    draft = Assessment.objects.get(token=client.session["draft"])
    return dict(draft.answers.values_list("question__slug", "choice__slug"))


# --- 503 with Retry-After, the founder's answer kept ----------------------------------


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_an_answer_the_database_refuses_gets_503_and_is_offered_again(client, bank, headers):
    answer(client, "use-case", "fraud")
    answer(client, "general-model-fit", "no")
    with refusing():
        response = answer(client, "model-role", "moat", **headers)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Your answer was not saved" in html
    # the same answer, ready to send again to the same step, with a fresh CSRF token
    assert '<input type="hidden" name="model-role" value="moat">' in html
    assert 'action="/wizard/model-role/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    if headers:
        # htmx swaps it into the wizard region, where the founder clicked
        assert html.lstrip().startswith('<div id="wizard"')
        assert 'data-hx-post="/wizard/model-role/"' in html
    else:
        assert html.startswith("<!doctype html>")
    # the earlier answers are kept, and nothing half-saved
    assert saved(client) == {"use-case": "fraud", "general-model-fit": "no"}
    # sent again once the database is back, it lands once
    response = answer(client, "model-role", "moat", **headers)
    assert response.status_code == 303
    assert saved(client) == {"use-case": "fraud", "general-model-fit": "no", "model-role": "moat"}


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_confirming_while_the_database_refuses_writes_keeps_the_draft(client, bank, headers):
    for slug, choice in AI_ANSWERS.items():
        answer(client, slug, choice)
    with refusing():
        response = client.post(reverse("check"), **headers)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "was not saved" in response.content.decode()
    assert not Assessment.objects.completed().exists()
    assert saved(client) == AI_ANSWERS
    # confirming again makes the result
    response = client.post(reverse("check"))
    assert response.status_code == 303
    assert response["Location"].startswith("/r/")


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_a_page_the_database_cannot_read_gets_503_with_a_way_to_try_again(client, bank, headers):
    answer(client, "use-case", "fraud")
    with refusing(("SELECT",), table="advisor_answer", error=connection_lost):
        response = client.get(reverse("step", args=["general-model-fit"]), **headers)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    html = response.content.decode()
    assert "This page could not be loaded" in html
    assert 'href="/wizard/general-model-fit/"' in html
    assert html.lstrip().startswith('<div id="wizard"') == bool(headers)


def test_an_admin_post_the_database_refuses_is_a_503_that_repeats_nothing(client, db):
    from django.contrib.auth.models import User

    User.objects.create_superuser("admin", "a@example.com", "the-right-pass-phrase")
    with refusing(("UPDATE",), table="auth_user"):  # signing in records the last login
        response = client.post(
            reverse("admin:login"),
            {"username": "admin", "password": "the-right-pass-phrase"},
        )
    assert response.status_code == 503
    html = response.content.decode()
    assert "was not saved" in html
    assert "the-right-pass-phrase" not in html
    assert 'type="hidden"' not in html.replace('name="csrfmiddlewaretoken"', "")


def test_a_query_error_that_is_no_outage_is_still_a_500(client, bank):
    # A bug must not pass for an outage: a missing table is not "try again".
    def missing_table():
        try:
            sqlite3.connect(":memory:").execute("SELECT * FROM missing_table")
        except sqlite3.OperationalError as cause:
            error = OperationalError(str(cause))
            error.__cause__ = cause
            return error

    answer(client, "use-case", "fraud")
    client.raise_request_exception = False
    with refusing(("SELECT",), table="advisor_answer", error=missing_table):
        response = client.get(reverse("step", args=["general-model-fit"]))
    assert response.status_code == 500


def test_the_503_page_and_its_fragment_are_valid_html(client, bank, tmp_path):
    answer(client, "use-case", "fraud")
    with refusing():
        pages = {
            "page": answer(client, "general-model-fit", "no").content,
            "fragment": answer(client, "general-model-fit", "no", **HX).content,
        }
    with refusing(("SELECT",), table="advisor_answer", error=connection_lost):
        pages["read"] = client.get(reverse("step", args=["general-model-fit"])).content
    files = []
    for name, content in pages.items():
        if name == "fragment":
            content = b"<!doctype html><html lang=en><title>x</title>" + content
        path = tmp_path / f"{name}.html"
        path.write_bytes(content)
        files.append(str(path))
    result = subprocess.run(["java", "-jar", str(VNU), *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_an_outage_closes_the_connection_so_the_next_request_opens_a_new_one(
    transactional_db, bank
):
    # A SQLite connection opened while the file was read-only stays read-only: after a
    # refused write it must not serve the next request.
    client = Client()
    answer(client, "use-case", "fraud")
    assert connection.connection is not None
    with refusing():
        assert answer(client, "general-model-fit", "no").status_code == 503
    assert connection.connection is None
    assert answer(client, "general-model-fit", "no").status_code == 303


# --- bookkeeping is best effort -------------------------------------------------------


def test_the_first_step_is_served_when_the_funnel_counter_cannot_be_written(client, bank, caplog):
    with caplog.at_level(logging.WARNING, logger="advisor.ops.database"):
        with refusing(table="advisor_wizardstart"):
            response = client.get(reverse("step", args=["use-case"]))
    assert response.status_code == 200
    assert "What are you building?" in response.content.decode()
    assert "The wizard start was not recorded" in caplog.text
    # not counted, so no cookie: this browser is counted on its next visit
    assert "advisor_started" not in response.cookies
    assert not WizardStart.objects.exists()
    response = client.get(reverse("step", args=["use-case"]))
    assert "advisor_started" in response.cookies
    assert WizardStart.objects.get().count == 1


def test_a_draft_starts_when_its_rate_limit_record_cannot_be_written(client, bank, caplog):
    with caplog.at_level(logging.WARNING, logger="advisor.ops.database"):
        with refusing(table="advisor_ratelimit"):
            response = answer(client, "use-case", "fraud")
    assert response.status_code == 303
    assert saved(client) == {"use-case": "fraud"}
    assert "rate-limit record was not recorded" in caplog.text
    assert not RateLimit.objects.exists()


def test_a_result_is_shown_when_the_bookkeeping_after_it_fails(client, bank):
    for slug, choice in AI_ANSWERS.items():
        answer(client, slug, choice)
    with refusing(table="advisor_ratelimit"):
        response = client.post(reverse("check"))
    assert response.status_code == 303
    url = response["Location"]
    token = url.split("/")[2]
    assert Assessment.objects.completed().filter(token=token).exists()
    assert not RateLimit.objects.filter(key__startswith="result:").exists()
    # the browser remembers it as its own result
    page = client.get(url)
    assert page.status_code == 200
    assert 'data-recommendation="ai-engineer"' in page.content.decode()
    assert [r["token"] for r in client.session["results"]] == [token]


# --- liveness and readiness -----------------------------------------------------------


def test_readiness_is_ok_when_the_database_takes_a_write(client, bank):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Cache-Control"] == "no-store"
    # the write leaves nothing behind
    assert not RateLimit.objects.exists()


def test_readiness_says_not_ready_when_a_write_fails_while_liveness_stays_up(client, bank):
    with refusing():
        ready = client.get("/readyz")
        alive = client.get("/healthz")
    assert ready.status_code == 503
    assert "database refused a write" in ready.content.decode()
    # liveness only reads: restarting the app would not bring the disk back
    assert alive.status_code == 200


def test_readiness_says_not_ready_when_disk_space_runs_low(client, bank, settings, tmp_path):
    settings.READY_DISK_PATHS = [str(tmp_path)]
    settings.READY_MIN_FREE_MB = 1024 * 1024 * 1024  # a petabyte
    response = client.get("/readyz")
    assert response.status_code == 503
    assert f"{tmp_path}: " in response.content.decode()
    assert "below READY_MIN_FREE_MB" in response.content.decode()


def test_liveness_is_503_when_the_database_does_not_answer(client, db):
    with refusing(("SELECT",), error=connection_lost):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert "database does not answer" in response.content.decode()


def test_health_checks_answer_before_host_checks(db):
    client = Client(HTTP_HOST="10.0.0.5:8000")
    assert client.get("/readyz").status_code == 200


# --- which errors are outages ---------------------------------------------------------


def _wrapped(cause: Exception, kind=OperationalError) -> Exception:
    error = kind(str(cause))
    error.__cause__ = cause
    return error


def _sqlite_error(statement: str, *setup: str) -> sqlite3.Error:
    db = sqlite3.connect(":memory:")
    for sql in setup:
        db.execute(sql)
    try:
        db.execute(statement)
    except sqlite3.Error as error:
        return error
    raise AssertionError(f"{statement} did not fail")


def test_outages_are_told_from_bugs(tmp_path):
    full = _sqlite_error(
        "INSERT INTO t SELECT randomblob(9000) FROM (SELECT 1 UNION SELECT 2 UNION SELECT 3)",
        "PRAGMA max_page_count=2",
        "CREATE TABLE t(x)",
    )
    assert full.sqlite_errorname == "SQLITE_FULL"
    path = tmp_path / "ro.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t(x)")
    readonly = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        readonly.execute("INSERT INTO t VALUES (1)")
    except sqlite3.OperationalError as error:
        read_only = error
    assert read_only.sqlite_errorname.startswith("SQLITE_READONLY")
    missing = _sqlite_error("SELECT * FROM missing_table")

    assert database.is_unavailable(_wrapped(full))
    assert database.is_unavailable(_wrapped(read_only))
    assert database.is_unavailable(_wrapped(psycopg.errors.AdminShutdown()))
    assert database.is_unavailable(_wrapped(psycopg.OperationalError("connection refused")))
    assert database.is_unavailable(InterfaceError("connection already closed"))
    assert database.is_unavailable(
        _wrapped(psycopg.errors.ReadOnlySqlTransaction(), kind=IntegrityError)
    )
    assert not database.is_unavailable(_wrapped(missing))
    assert not database.is_unavailable(_wrapped(psycopg.errors.UndefinedTable()))
    assert not database.is_unavailable(IntegrityError("duplicate key"))
    assert not database.is_unavailable(ValueError("not a database error"))


# --- a read retried once on a dropped connection ---------------------------------------


class Drop:
    """Drops the connection under the first `times` matching queries, as a database
    restart does: the query fails, and the connection fails its health check until it is
    replaced. Patched in where the driver is called, under every execute wrapper."""

    def __init__(self, monkeypatch, times: int = 1, statements=("SELECT",), table: str = ""):
        self.left = times
        self.seen: list[str] = []
        original = CursorWrapper._execute

        def execute(cursor, sql, params, *args):
            self.seen.append(sql)
            if self.left and sql.lstrip().upper().startswith(statements) and table in sql:
                self.left -= 1
                db, broken = cursor.db, cursor.db.connection
                monkeypatch.setattr(db, "is_usable", lambda: db.connection is not broken)
                raise connection_lost()
            return original(cursor, sql, params, *args)

        monkeypatch.setattr(CursorWrapper, "_execute", execute)

    def count(self, table: str) -> int:
        return len([sql for sql in self.seen if table in sql])


def test_a_read_that_loses_its_connection_runs_once_more_on_a_new_one(
    transactional_db, bank, monkeypatch
):
    complete(Client(), AI_ANSWERS)
    connection.ensure_connection()
    before = connection.connection
    drop = Drop(monkeypatch)
    with connection.execute_wrapper(database.retry_read):
        tokens = list(Assessment.objects.completed().values_list("token", flat=True))
    assert len(tokens) == 1
    assert len(drop.seen) == 2  # the same query, twice
    assert drop.seen[0] == drop.seen[1]
    assert connection.connection is not before


def test_a_result_page_is_served_across_a_dropped_connection(transactional_db, bank, monkeypatch):
    url = complete(Client(), AI_ANSWERS)
    drop = Drop(monkeypatch, table="advisor_assessment")
    response = Client().get(url + "?hours=21")  # a variant no worker has cached
    assert response.status_code == 200
    assert 'data-recommendation="ai-engineer"' in response.content.decode()
    assert drop.left == 0
    assert drop.count("advisor_assessment") == 2


def test_a_read_that_fails_twice_is_a_503(transactional_db, bank, monkeypatch):
    url = complete(Client(), AI_ANSWERS)
    drop = Drop(monkeypatch, times=2, table="advisor_assessment")
    response = Client().get(url + "?hours=22")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert drop.count("advisor_assessment") == 2


def test_a_write_is_never_run_twice(transactional_db, bank, monkeypatch):
    drop = Drop(monkeypatch, statements=WRITES)
    with connection.execute_wrapper(database.retry_read), pytest.raises(OperationalError):
        Assessment.objects.create()
    assert len(drop.seen) == 1
    assert not Assessment.objects.exists()


def test_a_read_inside_a_transaction_is_not_run_again(transactional_db, bank, monkeypatch):
    # Its transaction went with the connection: running the rest would be half of one.
    drop = Drop(monkeypatch)
    with connection.execute_wrapper(database.retry_read), pytest.raises(OperationalError):
        with transaction.atomic():
            list(Answer.objects.all())
    assert drop.count("advisor_answer") == 1
