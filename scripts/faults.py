"""Fault suite: what production brings, reproduced against real servers while founders
answer the wizard, then every result they were shown checked in the database.

    .venv/bin/python -m scripts.faults                          # every fault
    .venv/bin/python -m scripts.faults --only pg-restart,disk-full
    .venv/bin/python -m scripts.faults --short --json reports/faults.json   # as CI runs it

The stack is production's: Debian's nginx with deploy/nginx.conf in front of gunicorn with
deploy/gunicorn.conf.py, on a throw-away PostgreSQL or on SQLite, all on 127.0.0.1.
Founders (the load founders of load.py, who send a request again after a 5xx, as a person
would), probes and slow clients each come from loopback addresses of their own, so the
proxy's per-client limits apply as they would in production. Needs root: it mounts a
small tmpfs, runs PostgreSQL as its own user and drops a capability for one fault.

  pg-restart    PostgreSQL restarted (pg_ctl restart -m fast) while founders answer
  worker-kill   a gunicorn worker killed with SIGKILL every few seconds
  disk-full     SQLite on a 64 MB tmpfs that is filled to the last byte, then freed
  read-only     the SQLite file and its directory lose write permission, and gunicorn's
                workers are replaced (HUP) while it lasts; then the permission comes back
                (gunicorn runs without the capability that lets root ignore permissions)
  slow-clients  50 connections sending one header line every 10 s, and 10 that, headers
                sent, trickle a body one byte every 10 s, reconnecting when cut off
  node-loss     two gunicorn servers behind nginx on one PostgreSQL; one is killed (SIGKILL
                to its master and workers) while founders answer, and started again; then
                an admin publishes a new version of the question bank

First it asks the running nginx what deploy/nginx.conf promises: static files passed
through compressed, 413 for a body over 1 MB, 400 for a header over 8 KB, 429 for a 21st
connection from one address. Then, per fault, it prints requests, statuses, connection
errors, results verified, lost, corrupted, completed but never shown to a founder, seconds
to recover after the repair, and the share of probes (a reading page every 100 ms from
another client) answered 200 within a second. Exits 1 when a target is missed:
  the proxy: each of its checks;
  every fault: 0 lost, 0 corrupted, 0 completed-but-not-shown, no 500 (nor any error
      status but 503), no founder flow given up, recovered within 10 s of the repair;
  slow-clients and disk-full: at least 95% of probes answered within 1 s during the fault;
  disk-full and read-only: /readyz said 503 during the fault, 200 after it;
  node-loss: a request's id in the response and in nginx's, gunicorn's and the app's log
      lines; the new version served by both servers within the bank cache's lifetime.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import http.client
import json
import os
import random
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from scripts import node_loss as node
from scripts.load import Completion, Failure, Founder, Verdict, form_fields, verify
from scripts.serving import (
    BIN,
    GUNICORN_CONFIG,
    HOST,
    ROOT,
    Postgres,
    app_env,
    free_ports,
    load_bank,
    postgres,
    run_quietly,
    serve,
    serve_proxy,
    stop,
    tail,
    wait_ready,
)

FAULTS = ("pg-restart", "worker-kill", "disk-full", "read-only", "slow-clients", "node-loss")
BANK_CACHE_SECONDS = 10  # advisor/bank/store.py TTL_SECONDS
WORKERS, THREADS = 2, 4  # per gunicorn, as deploy/gunicorn.conf.py runs by default
FOUNDER_ADDRESS = "127.0.1.{}"  # founder n comes from 127.0.1.(n + 1)
PROBE_ADDRESS = "127.0.2.1"
SLOW_ADDRESS = "127.0.3.1"
RETRY_BUDGET = 60.0  # seconds a founder keeps sending one request again
PROBE_EVERY = 0.1
PROBE_DEADLINE = 1.0  # a probe answered later than this was not served
WRITE_PROBE_EVERY = 5  # one write probe for this many read probes
RECOVER_LIMIT = 10.0
PROBE_SHARE_TARGET = 0.95
DISK_MB = 64
SLOW_HEADERS, SLOW_BODIES, SLOW_EVERY = 50, 10, 10.0
ERROR_STATUS = re.compile(r"[45]\d\d")
APP_503 = "could not reach its database"  # on the app's 503 page (templates/503.html)


@dataclass
class Timing:
    warmup: float  # founders at work before the fault
    hold: float  # how long a full disk or a read-only file lasts
    slow: float  # how long the slow clients stay
    kills: int
    kill_every: float
    tail: float  # founders at work after the repair


FULL = Timing(warmup=5, hold=12, slow=30, kills=4, kill_every=3, tail=10)
SHORT = Timing(warmup=2, hold=8, slow=12, kills=3, kill_every=2, tail=8)


# --- founders and probes --------------------------------------------------------------


class PatientFounder(Founder):
    """A load founder who, like a person, sends the same request again when the site
    answers 5xx or not at all: after its Retry-After (at most 5 s) or a second, for up to
    RETRY_BUDGET seconds. Every answer's status is counted."""

    def __init__(self, number: int, port: int, think: float, deadline: float, source: str):
        super().__init__(number, [port], think, deadline, source)
        self.statuses: Counter[int] = Counter()
        self.unavailable_from: Counter[str] = Counter()  # which 503 page: the app's or nginx's
        self.connection_errors: Counter[str] = Counter()

    def request(self, kind, method, path, form=None):
        if self.think:
            time.sleep(self.think)
        give_up = time.monotonic() + RETRY_BUDGET
        while True:
            try:
                response, text = self.send(kind, method, path, form)
            except Failure as error:
                self.connection_errors[str(error)] += 1
                wait, last = 1.0, str(error)
            else:
                self.statuses[response.status] += 1
                if response.status < 500:
                    return response.status, response.getheader("Location", ""), text
                if response.status == 503:
                    self.unavailable_from["the app" if APP_503 in text else "the proxy"] += 1
                wait = min(float(response.getheader("Retry-After") or 1), 5.0)
                last = f"{response.status} on {kind} {path}"
            if time.monotonic() + wait > give_up:
                raise Failure(f"gave up after {RETRY_BUDGET:.0f} s: {last}")
            time.sleep(wait)


@dataclass
class Probe:
    at: float  # when it was sent (monotonic)
    kind: str  # "read" or "write"
    status: int  # 0: no answer
    seconds: float

    @property
    def answered(self) -> bool:
        return self.status == (303 if self.kind == "write" else 200)

    @property
    def ok(self) -> bool:
        return self.answered and self.seconds <= PROBE_DEADLINE


class Prober:
    """Another client, every 100 ms: a reading page (the landing page, the first step as
    a new browser, whose visit writes the funnel counter, or a result page with costs no
    worker has cached), and every fifth time a write (a first answer from a new browser)."""

    def __init__(self, port: int, result_url: str, csrf: tuple[str, str]):
        self.port = port
        self.reads = ["/", "/wizard/use-case/", result_url]
        self.csrf_cookie, self.csrf_token = csrf
        self.probes: list[Probe] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        for n in range(10**9):
            if self.stopped.wait(PROBE_EVERY):
                return
            if n % WRITE_PROBE_EVERY == WRITE_PROBE_EVERY - 1:
                body = urlencode({"csrfmiddlewaretoken": self.csrf_token, "use-case": "fraud"})
                headers = {
                    "Cookie": f"csrftoken={self.csrf_cookie}",
                    "Content-Type": "application/x-www-form-urlencoded",
                }
                self.probe("write", "POST", "/wizard/use-case/", body, headers)
            else:
                path = self.reads[n % len(self.reads)]
                if path.startswith("/r/"):
                    path += f"?hours={5 + n % 56}"
                self.probe("read", "GET", path)

    def probe(self, kind: str, method: str, path: str, body=None, headers=None) -> None:
        connection = http.client.HTTPConnection(
            HOST, self.port, timeout=5, source_address=(PROBE_ADDRESS, 0)
        )
        start = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
        finally:
            connection.close()
        self.probes.append(Probe(start, kind, status, time.monotonic() - start))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join(timeout=10)


class SlowClients:
    """Connections that send a request's headers one line every 10 s, and some that send
    their headers and then a body one byte every 10 s; each reconnects when the server
    cuts it off, as a slowloris attack does."""

    def __init__(self, port: int, headers: int, bodies: int, every: float):
        self.port, self.every = port, every
        self.stopped = threading.Event()
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self.run, args=(body,), daemon=True)
            for body in [False] * headers + [True] * bodies
        ]

    def count(self, what: str) -> None:
        with self.lock:
            self.counts[what] += 1

    def run(self, body: bool) -> None:
        while not self.stopped.is_set():
            try:
                sock = socket.create_connection(
                    (HOST, self.port), timeout=5, source_address=(SLOW_ADDRESS, 0)
                )
            except OSError:
                self.count("refused")
                self.stopped.wait(1)
                continue
            self.count("connections")
            try:
                if body:
                    sock.sendall(
                        b"POST /wizard/use-case/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        b"Content-Type: application/x-www-form-urlencoded\r\n"
                        b"Content-Length: 100000\r\n\r\n"
                    )
                else:
                    sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                while not self.stopped.wait(self.every):
                    if select.select([sock], [], [], 0)[0]:
                        sock.recv(4096)  # an answer (408) or the end: the server gave up
                        self.count("cut off by the server")
                        break
                    sock.sendall(b"a" if body else b"X-Slow: 1\r\n")
            except OSError:
                self.count("cut off by the server")
            finally:
                sock.close()

    def __enter__(self):
        for thread in self.threads:
            thread.start()
            time.sleep(0.01)
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        for thread in self.threads:
            thread.join(timeout=10)


# --- the stack ------------------------------------------------------------------------


@dataclass
class Stack:
    env: dict[str, str]
    tmp: Path
    data: Path  # the directory holding the SQLite file (a tmpfs for disk-full)
    app_port: int
    port: int  # where clients go: nginx, or gunicorn itself with --no-proxy
    gunicorn: subprocess.Popen
    cluster: Postgres | None
    notes: dict[str, object] = field(default_factory=dict)
    second: subprocess.Popen | None = None  # node-loss: the other app server
    second_port: int = 0
    options: list[str] = field(default_factory=list)

    def readiness(self) -> int:
        """/readyz straight from gunicorn, as a load balancer asks it."""
        connection = http.client.HTTPConnection(HOST, self.app_port, timeout=5)
        try:
            connection.request("GET", "/readyz")
            return connection.getresponse().status
        except (OSError, http.client.HTTPException):
            return 0
        finally:
            connection.close()

    def watch_readiness(self, seconds: float) -> None:
        """Ask /readyz every half second for `seconds`; note what it said."""
        said: Counter[int] = Counter()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            said[self.readiness()] += 1
            time.sleep(0.5)
        self.notes["readyz during the fault"] = {str(k): v for k, v in sorted(said.items())}


def mount_tmpfs(path: Path, megabytes: int) -> None:
    path.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m,mode=0755", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"disk-full needs a tmpfs and could not mount one: {done.stderr.strip()}")


@contextlib.contextmanager
def stack_for(name: str, tmp: Path, no_proxy: bool) -> Iterator[Stack]:
    """Database, gunicorn and nginx for one fault, all stopped and removed afterwards."""
    app_port, proxy_port, second_port = free_ports(3)
    two = name == "node-loss"
    data = tmp / "data"
    env = app_env(
        data,
        RESULTS_PER_HOUR="1000000",
        DRAFTS_PER_HOUR="1000000",
        TRUSTED_PROXY_COUNT="0" if no_proxy else "1",
        READY_MIN_FREE_MB="8",
        LOG_LEVEL="INFO" if two else "WARNING",  # node-loss: each request's line, with its id
    )
    with contextlib.ExitStack() as cleanup:
        if name == "disk-full":
            mount_tmpfs(data, DISK_MB)
            cleanup.callback(subprocess.run, ["umount", "-l", str(data)], check=False)
        else:
            data.mkdir()
        cluster = None
        if name in ("pg-restart", "worker-kill", "node-loss"):
            del env["SQLITE_PATH"]
            cluster = cleanup.enter_context(postgres(tmp, 2 * WORKERS * THREADS + 20))
            env["DATABASE_URL"] = cluster.url
        load_bank(env)
        if not (ROOT / "staticfiles" / "staticfiles.json").exists():
            run_quietly([BIN / "python", "manage.py", "collectstatic", "--noinput", "-v0"], env)
        # Root ignores file permissions; without this capability gunicorn sees them as
        # the app's own user would.
        prefix = ()
        if name == "read-only":
            dropped = "-dac_override,-dac_read_search"
            prefix = ("setpriv", f"--bounding-set={dropped}", f"--inh-caps={dropped}")
        options = ["-c", str(GUNICORN_CONFIG), "--workers", str(WORKERS), "--threads", str(THREADS)]
        options += ["--access-logfile", "-" if two else "/dev/null"]
        log = tmp / "gunicorn.log"
        gunicorn = serve(env, app_port, log, options, prefix)
        cleanup.callback(stop, gunicorn)
        wait_ready(gunicorn, f"http://{HOST}:{app_port}/healthz", log)
        stack = Stack(env, tmp, data, app_port, app_port, gunicorn, cluster, options=options)
        if two:
            stack.second, stack.second_port = serve_second(stack, second_port, "gunicorn-2.log")
            cleanup.callback(lambda: stop(stack.second))
        if not no_proxy:
            nginx = serve_proxy(tmp, proxy_port, app_port, stack.second_port)
            cleanup.callback(stop, nginx)
            wait_ready(nginx, f"http://{HOST}:{proxy_port}/healthz", tmp / "nginx.log")
            stack.port = proxy_port
        yield stack


def serve_second(stack: Stack, port: int, log_name: str) -> tuple[subprocess.Popen, int]:
    log = stack.tmp / log_name
    server = serve(stack.env, port, log, stack.options)
    wait_ready(server, f"http://{HOST}:{port}/healthz", log)
    return server, port


# --- what the proxy promises ------------------------------------------------------------


def ask(port: int, method: str, path: str, source: str, body=b"", headers=None):
    """(status, headers) of one request from `source`; (0, {}) when none came."""
    connection = http.client.HTTPConnection(HOST, port, timeout=5, source_address=(source, 0))
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}
    except (OSError, http.client.HTTPException):
        return 0, {}
    finally:
        connection.close()


def check_proxy(port: int) -> dict[str, str]:
    """Ask the running nginx what deploy/nginx.conf promises: {check: what it did}, with
    the checks it failed listed under "missed"."""
    found, missed = {}, []
    page = http.client.HTTPConnection(HOST, port, timeout=5)
    page.request("GET", "/")
    css = re.search(r'href="(/static/[^"]+\.css)"', page.getresponse().read().decode())[1]
    page.close()
    status, headers = ask(port, "GET", css, "127.0.4.1", headers={"Accept-Encoding": "br, gzip"})
    found["static file"] = (
        f"{status} {headers.get('content-encoding', 'uncompressed')}, "
        f"Vary {headers.get('vary', '-')}, {headers.get('cache-control', '-')}"
    )
    if status != 200 or headers.get("content-encoding") not in ("br", "gzip"):
        missed.append("static files come compressed from the app")
    status, _ = ask(port, "POST", "/wizard/use-case/", "127.0.4.1", body=b"x" * 2_000_000)
    found["2 MB body"] = str(status)
    if status != 413:
        missed.append("a body over 1 MB gets 413")
    status, _ = ask(port, "GET", "/", "127.0.4.1", headers={"X-Long": "x" * 10_000})
    found["10 KB header"] = str(status)
    if status != 400:
        missed.append("a header over 8 KB gets 400")
    # Twenty requests held by one address (their bodies never come), then one more.
    held = []
    for _ in range(20):
        sock = socket.create_connection((HOST, port), timeout=5, source_address=("127.0.4.2", 0))
        sock.sendall(b"POST /wizard/use-case/ HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n")
        held.append(sock)
    time.sleep(0.3)
    same, _ = ask(port, "GET", "/", "127.0.4.2")
    other, _ = ask(port, "GET", "/", "127.0.4.3")
    for sock in held:
        sock.close()
    found["21st connection from one address"] = f"{same}; from another address {other}"
    if (same, other) != (429, 200):
        missed.append("the 21st connection from one address gets 429, another address 200")
    found["missed"] = missed
    return found


def run_proxy_checks() -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="advisor-proxy-"))
    tmp.chmod(0o711)
    try:
        with stack_for("proxy", tmp, no_proxy=False) as stack:
            return check_proxy(stack.port)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- the faults -----------------------------------------------------------------------


def pg_restart(stack: Stack, timing: Timing) -> tuple[float, float]:
    start = time.monotonic()
    stack.cluster.restart()
    return start, time.monotonic()


def worker_pids(master: int) -> list[int]:
    with contextlib.suppress(OSError):
        return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    return []


def worker_kill(stack: Stack, timing: Timing) -> tuple[float, float]:
    start = time.monotonic()
    killed = 0
    for n in range(timing.kills):
        if n:
            time.sleep(timing.kill_every)
        workers = worker_pids(stack.gunicorn.pid)
        if workers:
            os.kill(random.choice(workers), signal.SIGKILL)
            killed += 1
    stack.notes["workers killed"] = killed
    return start, time.monotonic()


def fill(path: Path) -> int:
    """Write `path` until the filesystem has no byte left; its size."""
    written = 0
    with path.open("wb", buffering=0) as out:
        for chunk in (1024 * 1024, 4096, 512, 1):
            block = b"\0" * chunk
            while True:
                try:
                    written += out.write(block)
                except OSError as error:
                    if error.errno != errno.ENOSPC:
                        raise
                    break
    return written


def disk_full(stack: Stack, timing: Timing) -> tuple[float, float]:
    filler = stack.data / "filler"
    start = time.monotonic()
    stack.notes["filled MB"] = round(fill(filler) / 1024 / 1024, 1)
    stack.notes["free bytes while full"] = shutil.disk_usage(stack.data).free
    stack.watch_readiness(timing.hold)
    filler.unlink()
    return start, time.monotonic()


def set_writable(directory: Path, writable: bool) -> None:
    if not writable:
        for path in directory.iterdir():
            path.chmod(0o444)
        directory.chmod(0o555)
    else:
        directory.chmod(0o755)
        for path in directory.iterdir():
            path.chmod(0o644)


def read_only(stack: Stack, timing: Timing) -> tuple[float, float]:
    start = time.monotonic()
    set_writable(stack.data, False)
    try:
        # New workers while it lasts (a deploy, a recycled or crashed worker): their
        # connections are opened read-only, and must not stay so after the repair.
        stack.gunicorn.send_signal(signal.SIGHUP)
        stack.watch_readiness(timing.hold)
    finally:
        set_writable(stack.data, True)
    return start, time.monotonic()


def slow_clients(stack: Stack, timing: Timing) -> tuple[float, float]:
    start = time.monotonic()
    with SlowClients(stack.port, SLOW_HEADERS, SLOW_BODIES, SLOW_EVERY) as slow:
        time.sleep(timing.slow)
    stack.notes["slow clients"] = dict(slow.counts)
    return start, time.monotonic()


def node_loss(stack: Stack, timing: Timing) -> tuple[float, float]:
    """Kill one app server whole (master and workers, SIGKILL) while founders answer; start
    it again after `hold`, as an orchestrator would. Then trace a request through the logs
    and publish a new bank version."""
    logs = [stack.tmp / "gunicorn.log", stack.tmp / "gunicorn-2.log"]
    stack.notes["request id"] = node.trace_request(
        stack.port, stack.tmp / "nginx" / "access.log", logs
    )
    start = time.monotonic()
    os.killpg(stack.second.pid, signal.SIGKILL)
    stack.second.wait(timeout=10)
    time.sleep(timing.hold)
    stack.second, _ = serve_second(stack, stack.second_port, "gunicorn-2b.log")
    repair = time.monotonic()
    ports = [stack.app_port, stack.second_port]
    seen = node.publish_seen(stack.env, ports, BANK_CACHE_SECONDS)
    stack.notes["new version on both servers after (s)"] = "never" if seen is None else seen
    return start, repair


ACTIONS: dict[str, Callable[[Stack, Timing], tuple[float, float]]] = {
    "node-loss": node_loss,
    "pg-restart": pg_restart,
    "worker-kill": worker_kill,
    "disk-full": disk_full,
    "read-only": read_only,
    "slow-clients": slow_clients,
}


# --- one fault, start to end ----------------------------------------------------------


def first_result(port: int) -> tuple[Completion, tuple[str, str]]:
    """One founder through the whole wizard before the fault: a result for the probes to
    read, and a CSRF cookie and token for their writes."""
    founder = PatientFounder(10**6, port, 0, time.monotonic() + 60, PROBE_ADDRESS)
    completion = founder.flow()
    founder.connections[0].close()
    _, _, page = founder.request("step GET", "GET", "/wizard/use-case/")
    csrf, _, _ = form_fields(page)
    return completion, (founder.cookies["csrftoken"], csrf)


def run_founders(
    founders: list[PatientFounder], threads: list[threading.Thread], stop_after: Callable
) -> None:
    for thread in threads:
        thread.start()
    try:
        stop_after()
    finally:
        now = time.monotonic()
        for founder in founders:
            founder.deadline = now  # finish the flow in hand, start no other
        for thread in threads:
            thread.join(timeout=RETRY_BUDGET + 30)


def check_database(env: dict[str, str], completions: list[Completion], tmp: Path) -> Verdict:
    """load.py's check of every result against the database, in a process of its own
    (Django is set up once per process, and each fault has its own database)."""
    path = tmp / "completions.json"
    path.write_text(json.dumps([asdict(c) for c in completions]))
    done = subprocess.run(
        [BIN / "python", "-m", "scripts.faults", "--verify", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        return Verdict(corrupted=[f"could not verify: {done.stderr[-2000:]}"])
    return Verdict(**json.loads(done.stdout))


def recovery(probes: list[Probe], start: float, repair: float, end: float) -> float | None:
    """Seconds from the repair until the last probe that was not answered as it should
    be (its speed is the share's business); 0 when none failed after the fault began;
    None when probes still failed at the end."""
    bad = [p.at + p.seconds for p in probes if start <= p.at <= end and not p.answered]
    if not bad:
        return 0.0
    if max(bad) > end - 2:
        return None
    return round(max(0.0, max(bad) - repair), 1)


def run_fault(name: str, args: argparse.Namespace, timing: Timing) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"advisor-fault-{name}-"))
    tmp.chmod(0o711)  # PostgreSQL and nginx's workers run as other users
    try:
        with stack_for(name, tmp, args.no_proxy) as stack:
            first, csrf = first_result(stack.port)
            founders = [
                PatientFounder(
                    n,
                    stack.port,
                    args.think_ms / 1000,
                    time.monotonic() + 3600,
                    FOUNDER_ADDRESS.format(n + 1),
                )
                for n in range(args.founders)
            ]
            threads = [threading.Thread(target=f.run, daemon=True) for f in founders]
            window = {}

            def the_fault():
                time.sleep(timing.warmup)
                window["start"], window["repair"] = ACTIONS[name](stack, timing)
                time.sleep(timing.tail)
                window["end"] = time.monotonic()

            with Prober(stack.port, f"/r/{first.token}/", csrf) as prober:
                run_founders(founders, threads, the_fault)
            if name in ("disk-full", "read-only"):
                stack.notes["readyz after"] = stack.readiness()
            completions = [first] + [c for f in founders for c in f.stats.completions]
            verdict = check_database(stack.env, completions, tmp)
            log = "".join(p.read_text(errors="replace") for p in tmp.glob("gunicorn*.log"))
            stack.notes["tracebacks in the app's log"] = log.count("Traceback (most recent")
            result = summarize(name, founders, prober.probes, window, verdict, stack.notes)
            late = [p for p in prober.probes if p.at > window["repair"] and not p.ok]
            if late:
                result["notes"]["probes not served after the repair"] = [
                    f"{p.kind} {p.status or 'no answer'} in {p.seconds:.2f} s, "
                    f"{p.at - window['repair']:+.1f} s"
                    for p in late[:10]
                ]
            if result["missed"] and args.verbose:
                print(f"--- {name}: gunicorn log\n{tail(tmp / 'gunicorn.log', 4000)}")
                for problem in (verdict.lost + verdict.corrupted)[:10]:
                    print(f"  {problem}")
            return result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def summarize(name, founders, probes, window, verdict: Verdict, notes) -> dict:
    statuses: Counter[int] = Counter()
    failed: Counter[str] = Counter()
    unanswered: Counter[str] = Counter()
    unavailable: Counter[str] = Counter()
    for founder in founders:
        statuses.update(founder.statuses)
        failed.update(founder.stats.errors)
        unanswered.update(founder.connection_errors)
        unavailable.update(founder.unavailable_from)
    if unavailable:
        notes["503 pages"] = dict(unavailable)
    if unanswered:
        notes["connection errors"] = dict(unanswered)
    during = [p for p in probes if p.kind == "read" and window["start"] <= p.at <= window["repair"]]
    share = round(sum(p.ok for p in during) / len(during), 3) if during else None
    recover = recovery(probes, window["start"], window["repair"], window["end"])
    result = {
        "requests": sum(f.stats.requests for f in founders),
        "status": {str(code): n for code, n in sorted(statuses.items())},
        "connection_errors": unanswered.total(),
        "verified": verdict.verified,
        "lost": len(verdict.lost),
        "corrupted": len(verdict.corrupted),
        "not_shown": verdict.counts.get("completed, not seen by a founder", 0),
        "recover_s": recover,
        "probe_ok_share": share,
        "fault_s": round(window["repair"] - window["start"], 1),
        "probes": len(probes),
        "failed_flows": dict(failed),
        "notes": notes,
    }
    result["missed"] = missed(name, result)
    return result


def missed(name: str, r: dict) -> list[str]:
    misses = []
    for key in ("lost", "corrupted", "not_shown"):
        if r[key]:
            misses.append(f"{r[key]} {key}")
    if not r["verified"]:
        misses.append("no result verified")
    errors = {code: n for code, n in r["status"].items() if ERROR_STATUS.fullmatch(code)}
    if set(errors) - {"503"}:
        misses.append(f"error statuses other than 503: {errors}")
    if r["failed_flows"]:
        misses.append(f"founder flows failed: {r['failed_flows']}")
    if r["recover_s"] is None or r["recover_s"] > RECOVER_LIMIT:
        misses.append(f"not recovered within {RECOVER_LIMIT:.0f} s of the repair")
    if name in ("slow-clients", "disk-full"):
        if r["probe_ok_share"] is None or r["probe_ok_share"] < PROBE_SHARE_TARGET:
            misses.append(f"probes answered within 1 s: {r['probe_ok_share']}")
    if name in ("disk-full", "read-only"):
        if "503" not in r["notes"].get("readyz during the fault", {}):
            misses.append("/readyz never said 503 during the fault")
        if r["notes"].get("readyz after") != 200:
            misses.append("/readyz not 200 after the repair")
    if name == "node-loss":
        trace = r["notes"].get("request id", {})
        if not all(trace.get(k) for k in ("response", "nginx", "gunicorn", "django")):
            misses.append(f"a request id not in the response and every log: {trace}")
        if r["notes"].get("new version on both servers after (s)") == "never":
            misses.append(f"a published version not on every server within {BANK_CACHE_SECONDS} s")
    return misses


# --- the report -----------------------------------------------------------------------


def table(results: dict[str, dict]) -> str:
    head = (
        f"{'fault':<13} {'requests':>8}  {'status':<28} {'conn err':>8} {'verified':>8} "
        f"{'lost':>4} {'corrupt':>7} {'not shown':>9} {'recover s':>9} {'probes ok':>9}  result"
    )
    lines = [head, "-" * len(head)]
    for name, r in results.items():
        status = " ".join(f"{code}:{n}" for code, n in r["status"].items())
        share = "-" if r["probe_ok_share"] is None else f"{100 * r['probe_ok_share']:.1f}%"
        recover = "never" if r["recover_s"] is None else f"{r['recover_s']:.1f}"
        verdict = "PASS" if not r["missed"] else "FAIL"
        lines.append(
            f"{name:<13} {r['requests']:>8}  {status:<28} {r['connection_errors']:>8} "
            f"{r['verified']:>8} {r['lost']:>4} {r['corrupted']:>7} {r['not_shown']:>9} "
            f"{recover:>9} {share:>9}  {verdict}"
        )
    for name, r in results.items():
        notes = "; ".join(f"{k}: {v}" for k, v in r["notes"].items())
        lines.append(f"  {name}: fault {r['fault_s']} s, {r['probes']} probes; {notes}")
        for miss in r["missed"]:
            lines.append(f"  {name}: MISSED {miss}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(FAULTS), help="comma-separated faults")
    parser.add_argument("--short", action="store_true", help="shorter faults, for CI")
    parser.add_argument("--founders", type=int, default=12)
    parser.add_argument("--think-ms", type=int, default=20, help="pause before each request")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument(
        "--no-proxy",
        action="store_true",
        help="for comparison: clients talk to gunicorn directly, with no nginx in front",
    )
    parser.add_argument("--verbose", action="store_true", help="logs of a fault that missed")
    parser.add_argument("--verify", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.verify:
        completions = [Completion(**c) for c in json.loads(args.verify.read_text())]
        verdict = verify(dict(os.environ), completions)
        print(json.dumps(asdict(verdict)))
        return 0
    names = [n for n in args.only.split(",") if n]
    if unknown := set(names) - set(FAULTS):
        parser.error(f"unknown faults: {', '.join(sorted(unknown))} (known: {', '.join(FAULTS)})")
    if os.geteuid() != 0:
        sys.exit("faults.py needs root: it mounts a tmpfs and runs PostgreSQL as its own user")
    # A plain `kill` must still stop gunicorn, nginx and PostgreSQL: turn it into an exit.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    timing = SHORT if args.short else FULL
    report: dict[str, dict] = {}
    if not args.no_proxy:
        report["proxy"] = run_proxy_checks()
        checks = {k: v for k, v in report["proxy"].items() if k != "missed"}
        print("== proxy: " + "; ".join(f"{k}: {v}" for k, v in checks.items()), flush=True)
        for miss in report["proxy"]["missed"]:
            print(f"  proxy: MISSED {miss}")
    results = report["faults"] = {}
    for name in names:
        began = time.monotonic()
        results[name] = run_fault(name, args, timing)
        outcome = "PASS" if not results[name]["missed"] else "FAIL"
        print(f"== {name}: {outcome} in {time.monotonic() - began:.0f} s", flush=True)
    print(table(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    failed = [name for name, r in results.items() if r["missed"]]
    if report.get("proxy", {}).get("missed"):
        failed.insert(0, "proxy")
    print("FAIL: " + ", ".join(failed) if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
