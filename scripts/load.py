"""Load test: simulated founders run the whole wizard against gunicorn at once, then the
database is checked for every result they were shown.

    .venv/bin/python -m scripts.load --db sqlite --founders 50 --duration 20
    .venv/bin/python -m scripts.load --db postgres --founders 200 --servers 2
    .venv/bin/python -m scripts.load --conditional  # a bank with a conditional question

Everything runs on 127.0.0.1 against a throw-away database, and all of it (gunicorn,
PostgreSQL, temp files) is removed at the end. Exits 1 on any error (a 5xx included)
or any result that was lost or corrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.client import HTTPException
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from scripts.forms import form_of
from scripts.serving import (
    HOST,
    ROOT,
    app_env,
    free_port,
    load_bank,
    manage,
    postgres,
    serve,
    stop,
    wait_ready,
)

CHECK = "/wizard/check/"
TIMEOUT = 30  # seconds for one request; gunicorn's worker timeout is the same
KEEP_ALIVE = 5  # gunicorn closes idle connections after this many seconds
MAX_STEPS = 30  # a wizard longer than this is a redirect loop
MAX_FLOWS = 100_000  # per founder; the duration ends the run long before this
RESULT_PATH = re.compile(r"/r/([A-Za-z0-9_-]+)/")
RECOMMENDATION = re.compile(r'data-recommendation="([^"]*)"')


class Failure(Exception):
    """One founder's flow went wrong; the message is the error's kind."""


@dataclass
class Completion:
    token: str
    answers: dict[str, str]
    recommendation: str


@dataclass
class Stats:
    requests: int = 0
    abandoned: int = 0
    client_cpu: float = 0.0
    errors: Counter[str] = field(default_factory=Counter)
    latencies: defaultdict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    completions: list[Completion] = field(default_factory=list)


# --- the simulated founder ------------------------------------------------------------


def form_fields(page: str) -> tuple[str, str, list[str]]:
    """(csrf token, radio group name, its values) from a step or check page."""
    form = form_of(page)
    if not form.csrf:
        raise Failure("page without a csrf token")
    name, values = next(iter(form.choices.items()), ("", []))
    return form.csrf, name, values


class Founder:
    """One browser: its own cookies, one keep-alive connection per app server."""

    def __init__(
        self, number: int, ports: list[int], think: float, deadline: float, source: str = ""
    ):
        self.rng = random.Random(number)
        self.think = think
        self.deadline = deadline
        # `source`: a loopback address of its own, so a proxy sees each founder as a client.
        bind = (source, 0) if source else None
        self.connections = [
            http.client.HTTPConnection(HOST, p, timeout=TIMEOUT, source_address=bind) for p in ports
        ]
        self.last_used = [0.0] * len(ports)
        self.cookies: dict[str, str] = {}
        # Founders start on different servers so that, with two, each gets a fair share
        # of the heavy pages; every founder still alternates request by request.
        self.sent = number
        self.stats = Stats()

    def run(self) -> None:
        for _ in range(MAX_FLOWS):
            if time.monotonic() >= self.deadline:
                break
            try:
                completion = self.flow()
            except Failure as error:
                self.failed(str(error))
            except Exception as error:  # a bug here must show up, not end the thread quietly
                self.failed(f"load script: {type(error).__name__}: {error}")
            else:
                if completion:
                    self.stats.completions.append(completion)
                else:
                    self.stats.abandoned += 1
        for connection in self.connections:
            connection.close()

    def failed(self, kind: str) -> None:
        self.stats.errors[kind] += 1
        # A fresh browser: resuming the draft would skip answers this founder lost track of.
        self.cookies.clear()
        time.sleep(0.05)  # a dead server must not turn this loop into a spin

    def flow(self) -> Completion | None:
        """Start, answer every step, confirm, read the result. None if time ran out.
        Each flow is a new founder: a browser that has finished is shown "you have
        finished" rather than an empty first step."""
        self.cookies.clear()
        status, location, _ = self.request("wizard", "GET", "/wizard/")
        self.expect(status, 303, "GET /wizard/")
        path = urlsplit(location).path
        answers: dict[str, str] = {}
        for _ in range(MAX_STEPS):
            if path == CHECK:
                return self.confirm(answers)
            if time.monotonic() >= self.deadline:
                return None
            path = self.answer(path, answers)
        raise Failure("redirect loop in the wizard")

    def answer(self, path: str, answers: dict[str, str]) -> str:
        status, _, page = self.request("step GET", "GET", path)
        self.expect(status, 200, "GET step")
        csrf, name, values = form_fields(page)
        if not values:
            raise Failure("step page without choices")
        choice = self.rng.choice(values)
        form = {"csrfmiddlewaretoken": csrf, name: choice}
        status, location, _ = self.request("step POST", "POST", path, form)
        self.expect(status, 303, "POST step")
        answers[name] = choice
        upcoming = urlsplit(location).path
        # The next step must be one not yet answered: anything else means a lost answer.
        if upcoming != CHECK and upcoming.strip("/").split("/")[-1] in answers:
            raise Failure("POST step redirected back to an answered step")
        return upcoming

    def confirm(self, answers: dict[str, str]) -> Completion:
        status, _, page = self.request("check GET", "GET", CHECK)
        self.expect(status, 200, "GET check")
        csrf, _, _ = form_fields(page)
        form = {"csrfmiddlewaretoken": csrf}
        status, location, _ = self.request("check POST", "POST", CHECK, form)
        self.expect(status, 303, "POST check")
        match = RESULT_PATH.fullmatch(urlsplit(location).path)
        if not match:
            raise Failure("POST check redirected elsewhere than a result")
        status, _, page = self.request("result GET", "GET", match[0])
        self.expect(status, 200, "GET result")
        shown = RECOMMENDATION.search(page)
        if not shown:
            raise Failure("result page without data-recommendation")
        return Completion(match[1], answers, shown[1])

    @staticmethod
    def expect(status: int, wanted: int, what: str) -> None:
        if status != wanted:
            raise Failure(f"{what}: {status}, expected {wanted}")

    def request(
        self, kind: str, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        """(status, Location, body); a 5xx is a failure."""
        if self.think:
            time.sleep(self.think)
        response, text = self.send(kind, method, path, form)
        if response.status >= 500:
            raise Failure(f"{response.status} on {kind} {path}")
        return response.status, response.getheader("Location", ""), text

    def send(
        self, kind: str, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[http.client.HTTPResponse, str]:
        """One request and its read response, any status. Request i goes to app server
        (founder + i) % servers."""
        server = self.sent % len(self.connections)
        self.sent += 1
        connection = self.connections[server]
        if time.monotonic() - self.last_used[server] > KEEP_ALIVE - 1:
            connection.close()  # reconnect before gunicorn drops it, never a stale socket
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.stats.requests += 1
        start = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        except (OSError, HTTPException) as error:
            connection.close()
            raise Failure(f"connection error on {kind}: {type(error).__name__}") from error
        self.stats.latencies[kind].append(time.perf_counter() - start)
        self.last_used[server] = time.monotonic()
        self.keep_cookies(response.headers.get_all("Set-Cookie") or [])
        return response, text

    def keep_cookies(self, headers: list[str]) -> None:
        for header in headers:
            name, _, value = header.split(";", 1)[0].strip().partition("=")
            if value in ("", '""'):
                self.cookies.pop(name, None)  # Django deletes a cookie with an empty value
            else:
                self.cookies[name] = value


def load(ports: list[int], founders: int, duration: float, think: float) -> tuple[Stats, float]:
    start, cpu = time.monotonic(), time.process_time()
    deadline = start + duration
    crowd = [Founder(n, ports, think, deadline) for n in range(founders)]
    threads = [threading.Thread(target=f.run, daemon=True) for f in crowd]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, deadline + TIMEOUT * 4 - time.monotonic()))
    elapsed = time.monotonic() - start
    total = Stats(client_cpu=time.process_time() - cpu)
    for founder, thread in zip(crowd, threads, strict=True):
        if thread.is_alive():
            total.errors["founder still running after the deadline"] += 1
        total.requests += founder.stats.requests
        total.abandoned += founder.stats.abandoned
        total.errors.update(founder.stats.errors)
        total.completions += founder.stats.completions
        for kind, values in founder.stats.latencies.items():
            total.latencies[kind] += values
    return total, elapsed


# --- the database and the app servers -------------------------------------------------


# A further question asked only when the training data is labeled, built like one an
# admin adds (its own `unsure` choice, points for every role), so that a run can show
# conditional steps load and verify cleanly.
CONDITIONAL_QUESTION = """
from advisor.models import Choice, Points, Question, RoleProfile
labeled = Choice.objects.get(question__slug="training-data", slug="labeled")
question = Question.objects.create(
    slug="retraining-owner", text="Who would own retraining?", weight=2,
    order=labeled.question.order, show_if=labeled,
)
for order, (slug, ai, ml) in enumerate([("someone", 0, 3), ("nobody", 3, 0), ("unsure", 0, 0)]):
    choice = Choice.objects.create(
        question=question, slug=slug, label=slug.title(), explanation=slug + ".", order=order
    )
    for role in RoleProfile.objects.all():
        points = ml if role.slug == "ml-engineer" else ai
        Points.objects.create(choice=choice, role=role, points=points)
from advisor.bank import versions
versions.bank_version_publish(note="With a question asked only for labeled data")
"""


@contextlib.contextmanager
def database(
    kind: str, tmp: Path, max_connections: int, conditional: bool = False
) -> Iterator[dict[str, str]]:
    """The environment that points settings at a new, migrated, loaded database."""
    # Every founder comes from 127.0.0.1: no limit per client.
    env = app_env(tmp, RESULTS_PER_HOUR="1000000", DRAFTS_PER_HOUR="1000000")
    with contextlib.ExitStack() as stack:
        if kind == "postgres":
            del env["SQLITE_PATH"]
            env["DATABASE_URL"] = stack.enter_context(postgres(tmp, max_connections)).url
        load_bank(env)
        if conditional:
            manage(env, "shell", "-c", CONDITIONAL_QUESTION)
        if not (ROOT / "staticfiles" / "staticfiles.json").exists():
            manage(env, "collectstatic", "--noinput", "-v0")
        yield env


def gunicorn_options(args: argparse.Namespace) -> list[str]:
    """Threaded workers with keep-alive, as behind a proxy in production."""
    options = ["--workers", str(args.workers), "--timeout", str(TIMEOUT)]
    options += ["--worker-class", "gthread", "--threads", str(args.threads)]
    return options + ["--keep-alive", str(KEEP_ALIVE), "--graceful-timeout", "5"]


@contextlib.contextmanager
def app_servers(env: dict[str, str], args: argparse.Namespace, tmp: Path) -> Iterator[list[int]]:
    servers: list[subprocess.Popen] = []
    ports = [free_port() for _ in range(args.servers)]
    logs = [tmp / f"gunicorn-{port}.log" for port in ports]
    try:
        for port, log in zip(ports, logs, strict=True):
            servers.append(serve(env, port, log, gunicorn_options(args)))
        for server, port, log in zip(servers, ports, logs, strict=True):
            wait_ready(server, f"http://{HOST}:{port}/", log)
        yield ports
    finally:
        for server in servers:
            stop(server)


# --- checking the database ------------------------------------------------------------


@dataclass
class Verdict:
    verified: int = 0
    lost: list[str] = field(default_factory=list)
    corrupted: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def verify(env: dict[str, str], completions: list[Completion]) -> Verdict:
    """Every result a founder saw, and every answer row, against the database itself."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    try:
        return _verify(completions)
    except Exception as error:  # still report the load, and fail, when the check cannot run
        return Verdict(corrupted=[f"could not verify: {type(error).__name__}: {error}"])
    finally:
        connection.close()


def _verify(completions: list[Completion]) -> Verdict:
    from django.db.models import Count, F

    from advisor.bank import store as bank_store
    from advisor.models import Answer, Assessment

    verdict = Verdict()
    bank = bank_store.build_draft()  # the bank's tables as they are, conditions included
    stored: defaultdict[str, dict[str, str]] = defaultdict(dict)
    for token, question, choice in Answer.objects.values_list(
        "assessment__token", "question__slug", "choice__slug"
    ):
        stored[token][question] = choice
    completed = {
        token: (recommendation, snapshot)
        for token, recommendation, snapshot in Assessment.objects.filter(
            completed_at__isnull=False
        ).values_list("token", "recommendation", "snapshot")
    }
    for done in completions:
        if done.token not in completed:
            verdict.lost.append(f"{done.token}: no completed assessment with this token")
            continue
        recommendation, snapshot = completed[done.token]
        frozen = snapshot_answers(snapshot)
        if frozen != done.answers or recommendation != done.recommendation:
            verdict.corrupted.append(
                f"{done.token}: posted {done.answers} shown {done.recommendation}; "
                f"stored {frozen} recommendation {recommendation}"
            )
        else:
            verdict.verified += 1
    for token, (recommendation, snapshot) in completed.items():
        frozen = snapshot_answers(snapshot)
        if snapshot is None:
            verdict.corrupted.append(f"{token}: completed without a snapshot")
        elif set(frozen) != asked(bank, frozen) or stored[token] != frozen:
            verdict.corrupted.append(
                f"{token}: answer rows {stored[token]} snapshot {frozen}, "
                f"questions asked {sorted(asked(bank, frozen))}"
            )
        elif snapshot["outcome"]["first_hire"] != recommendation:
            verdict.corrupted.append(f"{token}: recommendation differs from its snapshot")
    twice = Answer.objects.values("assessment", "question").annotate(n=Count("id")).filter(n__gt=1)
    for row in twice[:20]:
        verdict.corrupted.append(f"assessment {row['assessment']}: a question answered twice")
    foreign = Answer.objects.exclude(choice__question=F("question")).count()
    if foreign:
        verdict.corrupted.append(f"{foreign} answers with a choice of another question")
    drafts = Assessment.objects.filter(completed_at__isnull=True)
    verdict.counts = {
        "assessments": Assessment.objects.count(),
        "completed": len(completed),
        "drafts": drafts.count(),
        "answers": Answer.objects.count(),
        "completed, not seen by a founder": len(completed.keys() - {c.token for c in completions}),
    }
    return verdict


def asked(bank, answers: dict[str, str]) -> set[str]:
    """The questions a founder with these answers is asked, as the wizard decides it."""
    return {q.slug for q in bank.asked(answers)}


def snapshot_answers(snapshot: dict | None) -> dict[str, str]:
    """The snapshot's answers as the app reads them, or a mark that one question is in it
    twice (which reading it into a dict would hide)."""
    from advisor.results.snapshots import snapshot_answers as read

    answers = read(snapshot)
    rows = (snapshot or {}).get("answers", [])
    return answers if len(answers) == len(rows) else {"!": "a question twice in the snapshot"}


# --- the report -----------------------------------------------------------------------


def percentiles(values: list[float]) -> str:
    if not values:
        return "no requests"
    ordered = sorted(values)

    def at(share: float) -> float:
        return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    return f"p50 {at(0.50):7.1f}  p95 {at(0.95):7.1f}  p99 {at(0.99):7.1f}  max {at(1):7.1f} ms"


def server_trouble(tmp: Path) -> Counter[str]:
    """Tracebacks and killed workers in the app servers' logs, even those no 5xx showed."""
    found: Counter[str] = Counter()
    for log in tmp.glob("gunicorn-*.log"):
        text = log.read_text(errors="replace")
        found["traceback in a server log"] += text.count("Traceback (most recent call last)")
        found["gunicorn WORKER TIMEOUT"] += text.count("WORKER TIMEOUT")
    return +found  # drops the zero counts


def report(args: argparse.Namespace, stats: Stats, elapsed: float, verdict: Verdict) -> bool:
    errors = sum(stats.errors.values())
    broken = len(verdict.lost) + len(verdict.corrupted)
    print(
        f"== load: db={args.db} servers={args.servers} workers={args.workers} "
        f"threads={args.threads} founders={args.founders} duration={args.duration:g}s "
        f"think={args.think_ms}ms" + (" conditional question" if args.conditional else "")
    )
    print(f"requests        {stats.requests:8}   {stats.requests / elapsed:8.1f} req/s")
    print(f"errors          {errors:8}")
    for kind, count in stats.errors.most_common():
        print(f"  {count:6}  {kind}")
    done = len(stats.completions)
    print(f"completions     {done:8}   {done / elapsed:8.1f} /s")
    print(f"verified        {verdict.verified:8}")
    print(f"lost/corrupted  {broken:8}")
    for problem in (verdict.lost + verdict.corrupted)[:10]:
        print(f"  {problem}")
    print(f"abandoned       {stats.abandoned:8}   (flows the end of the run cut short)")
    every = [value for values in stats.latencies.values() for value in values]
    print(f"latency  all          {percentiles(every)}")
    for kind, values in sorted(stats.latencies.items()):
        print(f"  {kind:<19} {percentiles(values)}")
    if verdict.counts:
        print("database        " + ", ".join(f"{k} {v}" for k, v in verdict.counts.items()))
    shown = Counter(c.recommendation for c in stats.completions)
    print("recommended     " + ", ".join(f"{k} {v}" for k, v in sorted(shown.items())))
    passed = errors == 0 and broken == 0 and verdict.verified > 0
    # The founders share the machine's cores with the servers: this shows how much they took.
    cores = os.cpu_count()
    print(f"load generator  {stats.client_cpu:.1f} s CPU in {elapsed:.1f} s on {cores} cores")
    print("PASS" if passed else "FAIL")
    return passed


def show_logs(tmp: Path) -> None:
    for log in sorted(tmp.glob("**/*.log")):
        lines = log.read_text(errors="replace").splitlines()
        print(f"--- last lines of {log.name} ({len(lines)} lines)")
        print("\n".join(lines[-60:]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--founders", type=int, default=50)
    parser.add_argument("--duration", type=float, default=20, help="seconds")
    parser.add_argument("--think-ms", type=int, default=0, help="pause before each request")
    parser.add_argument("--servers", type=int, choices=[1, 2], default=1)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers per server")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker")
    parser.add_argument(
        "--conditional",
        action="store_true",
        help="add a question asked only after one answer (training data: labeled)",
    )
    args = parser.parse_args()
    # A plain `kill` must still stop gunicorn and PostgreSQL: turn it into an exit.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    tmp = Path(tempfile.mkdtemp(prefix="advisor-load-"))
    tmp.chmod(0o711)  # the postgres user must reach its data directory inside
    try:
        connections = args.servers * args.workers * args.threads + 20
        with database(args.db, tmp, connections, args.conditional) as env:
            with app_servers(env, args, tmp) as ports:
                stats, elapsed = load(ports, args.founders, args.duration, args.think_ms / 1000)
            stats.errors.update(server_trouble(tmp))
            verdict = verify(env, stats.completions)
        passed = report(args, stats, elapsed, verdict)
        if not passed:
            show_logs(tmp)
        return 0 if passed else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
