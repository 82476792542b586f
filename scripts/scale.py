"""The admin at scale: a throw-away database with N realistic results, then how long each
admin action and a founder's step and result take at that size, through real HTTP
against gunicorn, signed in as staff.

    .venv/bin/python -m scripts.scale --db postgres --results 1000000 --json reports/scale.json
    make scale SCALE_ARGS="--db sqlite --results 100000"

The results are made by the app's own scoring and snapshot code (snapshot_build), once for
each distinct set of answers (drawn so that a few sets are common and most are rare, as
founders answer), and bulk-inserted: on PostgreSQL, COPY into staging tables and then
INSERT … SELECT, so the database parses and compresses each distinct snapshot once.
Drafts that stopped part way, and the funnel's daily counts, come with them; results
span --days days, drafts the last 90 (older ones are purged). The database is PostgreSQL
in a cluster of its own (as .ci/run starts it) or a temporary SQLite file; gunicorn and a
job worker serve it; all of it is removed at the end.

Prints a table and, with --json, writes {"db", "results", "seconds": {...},
"export peak rss mb", ...}. Exits 1 when a response is not the one expected or a figure
misses its budget (BUDGETS, in seconds).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
import json
import multiprocessing
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from scripts.forms import form_of
from scripts.serving import (
    BIN,
    HOST,
    ROOT,
    app_env,
    browser,
    fetch,
    free_port,
    load_bank,
    manage,
    postgres,
    serve,
    stop,
    tail,
    wait_ready,
)

# The most an action may take at the size measured, in seconds.
BUDGETS = {
    "effect check": 2.0,
    "replay": 2.0,
    "analytics": 1.0,
    "list first page": 0.5,
    "list last page": 0.5,
    "export first byte": 1.0,
    "step GET": 0.1,
    "step POST": 0.1,
    "result cold": 0.2,
}
PASSWORD = secrets.token_urlsafe(16)
STEP = "model-role"  # the founder's measured step: one after the first
FOUNDER_REPEATS = 20  # a founder's page is timed this many times; the median is kept
JOB_TIMEOUT = 1800  # seconds a job may take before the run gives up on it
REFRESHING = '<meta http-equiv="refresh"'
DRAFTS_SHARE = 0.15  # founders who stopped part way, per result
DRAFT_DAYS = 90  # drafts older than this are purged (purge_drafts)
STARTS_PER_FOUNDER = 1.2  # browsers shown the first step, per founder who answered it


# --- realistic results, made by the app's own code --------------------------------------


def answer_pool(bank, rnd: random.Random, size: int) -> list[dict[str, str]]:
    """Distinct sets of answers as founders give them: each founder leans to one role
    (most to the AI engineer, as the article says of early products) and picks the
    answers that point that way more often; "not sure" now and then."""
    from advisor.bank.answer_sets import answers_key

    pool: list[dict[str, str]] = []
    seen: set[str] = set()
    for _ in range(size * 50):
        if len(pool) == size:
            break
        lean = "ai-engineer" if rnd.random() < 0.65 else "ml-engineer"
        answers: dict[str, str] = {}
        for question in bank.questions:
            if not bank.applies(question, answers):
                continue
            weights = []
            for choice in question.choices:
                others = max((v for r, v in choice.points.items() if r != lean), default=0)
                lead = choice.points.get(lean, 0) - others
                weights.append(0.4 if choice.neutral else 1.0 + max(lead, 0) / 2)
            answers[question.slug] = rnd.choices(question.choices, weights)[0].slug
        key = answers_key(answers)
        if key not in seen:
            seen.add(key)
            pool.append(answers)
    return pool


_BANK = None  # the bank, for the processes that build snapshots (forked after it is set)


def _snapshot(answers: dict[str, str]) -> tuple[str, str, str]:
    from advisor.results.snapshots import snapshot_build

    snapshot = snapshot_build(_BANK, answers)
    outcome = snapshot["outcome"]
    return json.dumps(snapshot), outcome["first_hire"], outcome["confidence"]


def copy_text(value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def populate(env: dict[str, str], args: argparse.Namespace) -> dict:
    """N results (and drafts, and the funnel's daily counts) into the database `env`
    names, in this process with Django set up for it; figures about what was made."""
    global _BANK
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from advisor.bank import store as bank_store
    from advisor.bank.answer_sets import answers_key
    from advisor.models import AnswerSet, Assessment, Question, WizardStart

    started = time.monotonic()
    bank = bank_store.build()
    rnd = random.Random(args.seed)
    sets = args.answer_sets or min(20_000, max(100, args.results // 20))
    pool = answer_pool(bank, rnd, sets)
    # Zipf-like: the k-th most common set is picked about 1/k as often as the first.
    cumulative = list(itertools.accumulate(1 / (k + 1) for k in range(len(pool))))
    picks = rnd.choices(range(len(pool)), cum_weights=cumulative, k=args.results)
    used = sorted(set(picks))

    _BANK = bank
    connection.close()  # the forked processes must not share it
    with multiprocessing.get_context("fork").Pool() as processes:
        made = processes.map(_snapshot, [pool[i] for i in used], chunksize=32)
    snapshots = dict(zip(used, made, strict=True))
    built = time.monotonic()

    AnswerSet.objects.bulk_create(
        [AnswerSet(answers=answers_key(pool[i])) for i in used], batch_size=1000
    )
    set_ids = dict(AnswerSet.objects.values_list("answers", "pk"))
    choice_ids = {(q.slug, c.slug): (q.id, c.id) for q in bank.questions for c in q.choices}

    # Every founder, in the order they arrived: results over the last `days` days, drafts
    # (stopped after some of the answers) over the last 90, as drafts older than that are
    # purged; ids in that order, as the app gives them.
    now = datetime.now(UTC).timestamp()
    span = timedelta(days=args.days).total_seconds()
    founders = [(now - span * rnd.random(), pick, 0) for pick in picks]
    draft_span = timedelta(days=min(args.days, DRAFT_DAYS)).total_seconds()
    drafts = int(args.results * DRAFTS_SHARE)
    for pick in rnd.choices(picks, k=drafts):
        stopped = rnd.randint(1, len(pool[pick]) - 1)
        founders.append((now - draft_span * rnd.random(), pick, stopped))
    founders.sort()
    first_id = (Assessment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    starts: Counter = Counter()
    if connection.vendor == "postgresql":
        stamp = lambda at: at.isoformat(sep=" ")  # noqa: E731
    else:  # as Django keeps them in SQLite: UTC, without the offset
        stamp = lambda at: at.replace(tzinfo=None).isoformat(sep=" ")  # noqa: E731

    def rows() -> Iterator[tuple[tuple, list[tuple]]]:
        """(the assessment's row, its answers' rows) for every founder; a result's row
        holds its pick where its snapshot goes (the loaders put the snapshot there)."""
        for number, (at, pick, stopped) in enumerate(founders):
            pk = first_id + number
            when = datetime.fromtimestamp(at, UTC)
            starts[when.date()] += 1
            made, done = stamp(when - timedelta(minutes=3)), stamp(when)
            token = secrets.token_urlsafe(24)
            if stopped:
                answers = dict(list(pool[pick].items())[:stopped])
                row = (pk, token, made, made, None, "", "", None, "", None)
            else:
                answers = pool[pick]
                _, first_hire, confidence = snapshots[pick]
                key = set_ids[answers_key(answers)]
                row = (pk, token, made, done, done, first_hire, confidence, pick, "", key)
            yield row, [(pk, *choice_ids[q, c], done) for q, c in answers.items()]

    if connection.vendor == "postgresql":
        connection.close()
        load_postgres(env["DATABASE_URL"], rows(), snapshots)
    else:
        load_sqlite(rows(), snapshots)
    WizardStart.objects.bulk_create(
        [WizardStart(day=day, count=round(n * STARTS_PER_FOUNDER)) for day, n in starts.items()],
        batch_size=1000,
    )
    question = Question.objects.get(slug="general-model-fit").pk
    connection.close()
    return {
        "answer sets": len(used),
        "drafts": drafts,
        "snapshot seconds": round(built - started, 1),
        "load seconds": round(time.monotonic() - built, 1),
        "question": question,
    }


RESULTS = "advisor_assessment"
RESULT_COLUMNS = (
    "id, token, created_at, updated_at, completed_at, recommendation, confidence, "
    "snapshot, started_from, answer_set_id"
)
ANSWERS = "advisor_answer"
ANSWER_COLUMNS = "assessment_id, question_id, choice_id, answered_at"
# The results without their snapshots, and each distinct snapshot once: the database
# parses and compresses a snapshot once, then copies it as it is into each of its results.
STAGING = """
CREATE UNLOGGED TABLE scale_snapshot (pick integer PRIMARY KEY, snapshot jsonb);
CREATE UNLOGGED TABLE scale_result (
    id bigint, token text, created_at timestamptz, updated_at timestamptz,
    completed_at timestamptz, recommendation text, confidence text, pick integer,
    started_from text, answer_set_id bigint
)
"""
FROM_STAGING = f"""
INSERT INTO {RESULTS} ({RESULT_COLUMNS})
SELECT r.id, r.token, r.created_at, r.updated_at, r.completed_at, r.recommendation,
       r.confidence, s.snapshot, r.started_from, r.answer_set_id
FROM scale_result r LEFT JOIN scale_snapshot s ON s.pick = r.pick
WHERE r.id >= %s AND r.id < %s
"""
INSERT_PARTS = 16  # id ranges, inserted by two connections side by side
BATCH = 5000


def load_postgres(url: str, rows: Iterator[tuple[tuple, list[tuple]]], snapshots: dict) -> None:
    """COPY into staging tables (and the answers straight into theirs), then INSERT …
    SELECT the results in id ranges on two connections. Then what autovacuum would have
    done by the time an admin looks: statistics, and the visibility map that lets an index
    answer on its own."""
    import concurrent.futures

    import psycopg

    def connect() -> psycopg.Connection:
        db = psycopg.connect(url, autocommit=True)
        # The rows are consistent by construction: no trigger checks each reference.
        db.execute("SET session_replication_role = replica")
        return db

    with connect() as db, connect() as other:
        for setting in ("fsync", "synchronous_commit", "full_page_writes"):
            db.execute(f"ALTER SYSTEM SET {setting} = off")  # for the load only
        db.execute("ALTER SYSTEM SET max_wal_size = '16GB'")
        db.execute("SELECT pg_reload_conf()")
        db.execute(STAGING)
        with db.cursor().copy("COPY scale_snapshot (pick, snapshot) FROM STDIN") as copy:
            for pick, (text, _, _) in snapshots.items():
                copy.write(f"{pick}\t{copy_text(text)}\n")
        ids: list[int] = []
        with (
            db.cursor().copy("COPY scale_result FROM STDIN") as results,
            other.cursor().copy(f"COPY {ANSWERS} ({ANSWER_COLUMNS}) FROM STDIN") as answers,
        ):
            while chunk := list(itertools.islice(rows, BATCH)):
                ids += (chunk[0][0][0], chunk[-1][0][0])
                results.write("".join("\t".join(map(copy_text, row)) + "\n" for row, _ in chunk))
                answers.write(
                    "".join(
                        "\t".join(map(str, a)) + "\n" for _, answered in chunk for a in answered
                    )
                )
        low, high = min(ids, default=0), max(ids, default=0) + 1
        step = (high - low) // INSERT_PARTS + 1

        def insert(start: int) -> None:
            with connect() as worker:
                worker.execute(FROM_STAGING, (start, start + step))

        with concurrent.futures.ThreadPoolExecutor(2) as threads:
            list(threads.map(insert, range(low, high, step)))
        db.execute("DROP TABLE scale_result, scale_snapshot")
        db.execute(
            f"SELECT setval(pg_get_serial_sequence('{RESULTS}', 'id'), "
            f"(SELECT MAX(id) FROM {RESULTS}))"
        )
        db.execute("ALTER SYSTEM RESET ALL")
        db.execute("SELECT pg_reload_conf()")
        db.execute("CHECKPOINT")
        for table in (RESULTS, ANSWERS, "advisor_answerset"):
            db.execute(f"VACUUM (ANALYZE) {table}")


def load_sqlite(rows: Iterator[tuple[tuple, list[tuple]]], snapshots: dict) -> None:
    from django.db import connection, transaction

    insert = f"INSERT INTO {RESULTS} ({RESULT_COLUMNS}) VALUES ({', '.join(['%s'] * 10)})"
    insert_answers = f"INSERT INTO {ANSWERS} ({ANSWER_COLUMNS}) VALUES (%s, %s, %s, %s)"
    while chunk := list(itertools.islice(rows, BATCH)):
        results = [
            (*row[:7], None if row[7] is None else snapshots[row[7]][0], *row[8:])
            for row, _ in chunk
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(insert, results)
            cursor.executemany(insert_answers, [a for _, answered in chunk for a in answered])


# --- serving it -------------------------------------------------------------------------


@contextlib.contextmanager
def database(kind: str, tmp: Path) -> Iterator[dict[str, str]]:
    env = app_env(tmp, ALLOWED_HOSTS=HOST, HTTPS="0", EXPORT_DIR=str(tmp / "exports"))
    with contextlib.ExitStack() as stack:
        if kind == "postgres":
            del env["SQLITE_PATH"]
            env["DATABASE_URL"] = stack.enter_context(postgres(tmp)).url
        load_bank(env)
        yield env


def job_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    """`manage.py run_jobs`, looking for work five times a second."""
    argv = [str(BIN / "python"), "manage.py", "run_jobs", "--poll", "0.2"]
    with log.open("ab") as out:
        return subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the most memory the process ever held."""
    match = re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    return int(match.group(1)) / 1024 if match else 0.0


def children(parent: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == parent:
                pids.append(int(stat.parent.name))
    return pids


# --- measuring through HTTP -------------------------------------------------------------


class Problems(list):
    def expect(self, what: str, status: int, wanted: int, body: str = "") -> None:
        if status != wanted:
            self.append(f"{what}: {status}, not {wanted} {body[:300]!r}")


def form_fields(page: str, form_id: str) -> list[tuple[str, str]]:
    return form_of(page, form_id).fields


class Admin:
    """A signed-in staff member's browser."""

    def __init__(self, base: str, problems: Problems):
        self.base, self.problems = base, problems
        self.jar, self.opener = browser()
        self.get("/admin/login/")
        credentials = {"username": "admin", "password": PASSWORD, "next": "/admin/"}
        status, _, _ = self.post(
            "/admin/login/", {"csrfmiddlewaretoken": self.token(), **credentials}
        )
        problems.expect("sign in", status, 302)
        self.second_factor()

    def second_factor(self) -> None:
        """A superuser's second factor: enrol an authenticator with the key the page
        shows, as a person would, and sign in with its code."""
        from base64 import b32decode

        from django_otp.oath import totp

        status, _, page = self.get("/admin/second-factor/")
        found = re.search(r'class="otp-secret">([^<]+)<', page)
        if status != 200 or not found:
            self.problems.append(f"second factor: {status}, no key to enrol {page[:300]!r}")
            return
        code = f"{totp(b32decode(found.group(1).replace(' ', ''))):06d}"
        status, _, _ = self.post(
            "/admin/second-factor/", {"csrfmiddlewaretoken": self.token(), "code": code}
        )
        self.problems.expect("second factor", status, 200)  # the recovery codes, once

    def token(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, path: str):
        return fetch(self.opener, self.base + path, timeout=JOB_TIMEOUT)

    def post(self, path: str, data: dict | list[tuple[str, str]]):
        """A POST as a form sends it (names may repeat); (status, headers, body)."""
        pairs = list(data.items()) if isinstance(data, dict) else data
        body = urllib.parse.urlencode(pairs).encode()
        request = urllib.request.Request(self.base + path, data=body)
        try:
            with self.opener.open(request, timeout=JOB_TIMEOUT) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers, error.read().decode()

    def timed(self, what: str, path: str, done: str) -> tuple[float, str]:
        """One GET that must answer 200 with `done` on the page: its seconds and page."""
        start = time.perf_counter()
        status, _, body = self.get(path)
        seconds = time.perf_counter() - start
        self.problems.expect(what, status, 200, body)
        if done not in body:
            self.problems.append(f"{what}: the page does not say {done!r}")
        return seconds, body

    def until_done(self, what: str, path: str, started: float) -> tuple[float, str]:
        """Polls a job's page until it stops refreshing itself; seconds since `started`."""
        deadline = time.monotonic() + JOB_TIMEOUT
        while time.monotonic() < deadline:
            status, _, body = self.get(path)
            self.problems.expect(what, status, 200, body)
            if status != 200 or REFRESHING not in body:
                return time.perf_counter() - started, body
            time.sleep(0.1)
        self.problems.append(f"{what}: not done within {JOB_TIMEOUT} s")
        return time.perf_counter() - started, ""

    def maybe_job(self, what: str, path: str, data=None, done: str = "") -> tuple[float, str, bool]:
        """A page that answers at once (200) or sends to a job's page (303) that is
        followed until done; (seconds, final page, whether a job ran)."""
        started = time.perf_counter()
        status, headers, body = self.get(path) if data is None else self.post(path, data)
        if status == 303:
            seconds, body = self.until_done(what, headers["Location"], started)
            ran_as_job = True
        else:
            self.problems.expect(what, status, 200, body)
            seconds, ran_as_job = time.perf_counter() - started, False
        if done and done not in body:
            self.problems.append(f"{what}: the page does not say {done!r}")
        return seconds, body, ran_as_job


def effect_check(admin: Admin, question: int) -> tuple[float, bool]:
    """The question page's "Check the effect on past results first" with an edit that
    changes many results: "partly" pointing hard at the AI engineer."""
    path = f"/admin/advisor/question/{question}/change/"
    _, page = admin.timed("question page", path, "question_form")
    fields = form_fields(page, "question_form")
    prefix = next(n[: -len("-slug")] for n, v in fields if n.endswith("-slug") and v == "partly")
    edits = {
        f"{prefix}-points_ai-engineer": "10",
        f"{prefix}-points_ml-engineer": "0",
        "weight": "5",
    }
    pairs = [(n, edits.get(n, v)) for n, v in fields] + [("_replay", "Check")]
    seconds, _, job = admin.maybe_job(
        "effect check", path, pairs, done="would name a different first hire"
    )
    return seconds, job


def export_stream(admin: Admin, query: str) -> tuple[float, float, int]:
    """A streamed export: seconds to its first byte, to its last, and its rows."""
    connection = http.client.HTTPConnection(
        *urllib.parse.urlsplit(admin.base).netloc.split(":"), timeout=300
    )
    cookies = "; ".join(f"{c.name}={c.value}" for c in admin.jar)
    started = time.perf_counter()
    connection.request(
        "GET", f"/admin/advisor/assessment/export/?{query}", headers={"Cookie": cookies}
    )
    response = connection.getresponse()
    admin.problems.expect("export (streamed)", response.status, 200)
    first = response.read(1)
    first_byte = time.perf_counter() - started
    rest = response.read()
    total = time.perf_counter() - started
    connection.close()
    return first_byte, total, (first + rest).count(b"\n") - 1


def export_all(admin: Admin, env: dict[str, str], tmp: Path) -> tuple[float, int, float, bool]:
    """Every result exported: as a job that writes a file once they are many (the worker
    run for it alone, so its peak memory is the export's), else streamed."""
    worker = job_worker(env, tmp / "export-worker.log")
    try:
        started = time.perf_counter()
        status, headers, body = admin.get("/admin/advisor/assessment/export/")
        if status == 303:
            seconds, page = admin.until_done("export job", headers["Location"], started)
            match = re.search(r'href="(/admin/advisor/assessment/export/\d+/download/)"', page)
            if not match:
                admin.problems.append(f"export job: no download link {page[-500:]!r}")
                return seconds, 0, peak_rss_mb(worker.pid), True
            _, _, data = admin.get(match.group(1))
            return seconds, data.count("\n") - 1, peak_rss_mb(worker.pid), True
        admin.problems.expect("export", status, 200, body)
        return time.perf_counter() - started, body.count("\n") - 1, 0.0, False
    finally:
        stop(worker)


def founder_timings(base: str, problems: Problems) -> dict[str, float]:
    """A founder's step GET and POST, and a result page rendered cold, at this size."""
    jar, opener = browser()
    status, _, page = fetch(opener, f"{base}/wizard/use-case/")
    problems.expect("first step", status, 200)
    token = next(c.value for c in jar if c.name == "csrftoken")
    answers = {
        "use-case": "chat-assistant",
        "general-model-fit": "mostly",
        "model-role": "plumbing",
        "training-data": "none",
        "production-ownership": "stable-integration",
        "time-to-value": "days-weeks",
        "team": "no-engineers",
        "constraints": "none",
        "company-stage": "pre-launch",
    }
    for slug in itertools.takewhile(lambda s: s != STEP, answers):
        status, _, _ = fetch(
            opener, f"{base}/wizard/{slug}/", {"csrfmiddlewaretoken": token, slug: answers[slug]}
        )
        problems.expect(f"answer {slug}", status, 303)
    figures: dict[str, list[float]] = {"step GET": [], "step POST": [], "result cold": []}
    for _ in range(FOUNDER_REPEATS):
        started = time.perf_counter()
        status, _, _ = fetch(opener, f"{base}/wizard/{STEP}/")
        figures["step GET"].append(time.perf_counter() - started)
        problems.expect("step GET", status, 200)
        started = time.perf_counter()
        status, _, _ = fetch(
            opener, f"{base}/wizard/{STEP}/", {"csrfmiddlewaretoken": token, STEP: answers[STEP]}
        )
        figures["step POST"].append(time.perf_counter() - started)
        problems.expect("step POST", status, 303)
    for slug in list(answers)[list(answers).index(STEP) + 1 :]:
        fetch(opener, f"{base}/wizard/{slug}/", {"csrfmiddlewaretoken": token, slug: answers[slug]})
    status, headers, _ = fetch(opener, f"{base}/wizard/check/", {"csrfmiddlewaretoken": token})
    problems.expect("confirm", status, 303)
    result = headers.get("Location", "/")
    for n in range(FOUNDER_REPEATS):
        started = time.perf_counter()
        status, _, _ = fetch(opener, f"{base}{result}?n={n}")  # a new path: never cached
        figures["result cold"].append(time.perf_counter() - started)
        problems.expect("result cold", status, 200)
    return {name: statistics.median(values) for name, values in figures.items()}


def measure(env: dict[str, str], made: dict, tmp: Path, problems: Problems) -> dict:
    port = free_port()
    base = f"http://{HOST}:{port}"
    options = ["--workers", "2", "--timeout", "30"]  # as `make run` serves it
    app = serve(env, port, tmp / "gunicorn.log", options)
    worker = job_worker(env, tmp / "worker.log")
    try:
        wait_ready(app, f"{base}/", tmp / "gunicorn.log")
        admin = Admin(base, problems)
        admin.get("/admin/")  # each worker's first request pays for imports, not the page
        admin.get("/admin/")
        seconds: dict[str, float] = {}
        seconds["effect check"], effect_job = effect_check(admin, made["question"])
        seconds["replay"], _, replay_job = admin.maybe_job(
            "replay", "/admin/advisor/question/replay/", done="past result"
        )
        analytics = "/admin/advisor/assessment/analytics/"
        seconds["analytics"], page = admin.timed("analytics", analytics, "First hire recommended")
        since = re.search(
            r'start=(\d{4}-\d\d-\d\d)&amp;end=(\d{4}-\d\d-\d\d)">since the first result', page
        )
        all_time_job = False
        if since:
            seconds["analytics, all time"], _, all_time_job = admin.maybe_job(
                "analytics, all time",
                f"{analytics}?start={since.group(1)}&end={since.group(2)}",
                done="First hire recommended",
            )
        listing = "/admin/advisor/assessment/"
        seconds["list first page"], page = admin.timed("list first page", listing, "result_list")
        pages = [int(p) for p in re.findall(r"\?p=(\d+)", page)] or [1]
        seconds["list last page"], _ = admin.timed(
            "list last page", f"{listing}?p={max(pages)}", "result_list"
        )
        week = (datetime.now(UTC) - timedelta(days=7)).replace(microsecond=0).isoformat()
        first_byte, streamed, streamed_rows = export_stream(
            admin, urllib.parse.urlencode({"completed_at__gte": week})
        )
        seconds["export first byte"] = first_byte
        seconds["export, last 7 days"] = streamed
        founder = founder_timings(base, problems)
        seconds.update(founder)
        stop(worker)
        seconds["export, everything"], rows, export_rss, export_job = export_all(admin, env, tmp)
        gunicorn_rss = max((peak_rss_mb(pid) for pid in children(app.pid)), default=0.0)
        if rows != made["results"] + 1:  # and the measured founder's own result
            problems.append(f"export: {rows} rows, not {made['results'] + 1}")
    except Exception:
        sys.stderr.write(tail(tmp / "gunicorn.log") + tail(tmp / "worker.log"))
        raise
    finally:
        stop(app)
        stop(worker)
    return {
        "seconds": seconds,
        # the process that exported everything: the job worker, or gunicorn's when it streamed
        "export peak rss mb": round(export_rss if export_job else gunicorn_rss, 1),
        "export job worker peak rss mb": round(export_rss, 1),
        "gunicorn worker peak rss mb": round(gunicorn_rss, 1),
        "exported rows (last 7 days, streamed)": streamed_rows,
        "ran as jobs": {
            "effect check": effect_job,
            "replay": replay_job,
            "analytics, all time": all_time_job,
            "export, everything": export_job,
        },
    }


def report(results: dict) -> list[str]:
    """The table; the budgets missed."""
    missed = []
    print(
        f"\n{results['db']}, {results['results']:,} results "
        f"({results['answer sets']:,} distinct answer sets, {results['drafts']:,} drafts)"
    )
    made = f"{results['snapshot seconds']} s (snapshots) + {results['load seconds']} s (insert)"
    print(f"made in {made}\n")
    before, after = results["load average"]
    print(f"load average {before} before, {after} after, on {results['cpus']} CPUs\n")
    print(f"{'action':<26} {'seconds':>9} {'budget':>7}")
    for name, seconds in results["seconds"].items():
        budget = BUDGETS.get(name)
        mark = ""
        if budget is not None and seconds > budget:
            missed.append(f"{name}: {seconds:.3f} s, budget {budget} s")
            mark = "  MISSED"
        job = " (job)" if results["ran as jobs"].get(name) else ""
        budget_text = f"{budget:>7}" if budget is not None else " " * 7
        print(f"{name + job:<26} {seconds:>9.3f} {budget_text}{mark}")
    print(
        f"\nexport peak RSS: {results['export peak rss mb']} MB "
        f"(job worker {results['export job worker peak rss mb']} MB, "
        f"gunicorn worker {results['gunicorn worker peak rss mb']} MB)"
    )
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--results", type=int, default=10_000)
    parser.add_argument(
        "--answer-sets",
        type=int,
        default=0,
        help="distinct sets to draw from (default: results/20, at most 20,000)",
    )
    parser.add_argument("--days", type=int, default=730, help="the results span this many days")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args()
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        sys.exit("no collected static files: run `make static` first")

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    tmp = Path(tempfile.mkdtemp(prefix="advisor-scale-"))
    tmp.chmod(0o711)  # the postgres user must reach its data directory inside
    problems = Problems()
    try:
        with database(args.db, tmp) as env:
            env = env | {"DRAFTS_PER_HOUR": "1000", "RESULTS_PER_HOUR": "1000"}
            print(f"making {args.results:,} results on {args.db} …", file=sys.stderr, flush=True)
            staff = env | {"DJANGO_SUPERUSER_PASSWORD": PASSWORD}
            manage(
                staff,
                "createsuperuser",
                "--noinput",
                "--username",
                "admin",
                "--email",
                "a@example.com",
            )
            made = populate(env, args) | {"results": args.results}
            print("measuring …", file=sys.stderr, flush=True)
            load_before = os.getloadavg()[0]
            measured = measure(env, made, tmp, problems)
            # Timings are wall-clock: a busy machine shows in them; this says how busy.
            measured["load average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
            measured["cpus"] = os.cpu_count()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    results = {
        "db": args.db,
        "results": args.results,
        **{k: v for k, v in made.items() if k not in ("question", "results")},
        **measured,
    }
    results["seconds"] = {k: round(v, 4) for k, v in results["seconds"].items()}
    missed = report(results)
    for problem in problems:
        print(f"FAIL  {problem}")
    for miss in missed:
        print(f"FAIL  {miss}")
    results["budgets missed"] = missed
    results["problems"] = list(problems)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    passed = not problems and not missed
    print("\nPASS" if passed else "\nFAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
