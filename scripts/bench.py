"""Load-test the app's hot pages against a trivial Django view, on loopback, with wrk.

Serves the app and a baseline ("ok" from scripts/bench_baseline.py) with the same
gunicorn settings on a throw-away SQLite database, prepares a wizard session and a
result through real HTTP, runs wrk against each page for a bounded time, and checks
each page's requests/s as a share of the baseline's, so the budgets hold on any machine.

    .venv/bin/python scripts/bench.py [--duration 10] [--json PATH] [--strict]
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
WORKERS = 2

# The same founder as AI_ANSWERS in tests/conftest.py: question slug -> choice slug.
ANSWERS = {
    "use-case": "chat-assistant",
    "general-model-fit": "mostly",
    "model-role": "plumbing",
    "training-data": "none",
    "production-ownership": "stable-integration",
    "time-to-value": "days-weeks",
    "company-stage": "pre-launch",
    "data-kind": "content",
}
STEP = "model-role"  # a step after the first, so it only renders once earlier ones are done

# Minimum requests/s as a share of the baseline's; a tuple takes the best of its rows.
BUDGETS = {
    "result page": (("result GET", "result GET 304"), 0.5),
    "wizard step GET": (("wizard step GET",), 0.35),
    "wizard step POST": (("wizard step POST",), 0.25),
}


@dataclass
class Target:
    name: str
    url: str
    expect: int
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""


@dataclass
class Row:
    name: str
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx_3xx: int
    socket_errors: int
    ratio: float = 0.0


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand 3xx back to the caller: the 303s are what we check and measure."""

    def redirect_request(self, *args, **kwargs):
        return None


def fetch(
    opener: urllib.request.OpenerDirector,
    url: str,
    data: dict | None = None,
    headers: dict | None = None,
) -> tuple[int, http.client.HTTPMessage, str]:
    """One request; returns (status, headers, body) for any status, never raises on 3xx/4xx."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def free_ports(count: int) -> list[int]:
    """Ports the kernel picks; held open together so the two servers never get the same."""
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def manage(env: dict, *args: str) -> None:
    """A manage.py command in a child process, so it sees the benchmark's environment."""
    subprocess.run([BIN / "python", "manage.py", *args, "-v0"], cwd=ROOT, env=env, check=True)


def serve(env: dict, port: int, log: Path) -> subprocess.Popen:
    """gunicorn as `make run` serves it, minus the access log, which would cost both alike."""
    command = [BIN / "gunicorn", "advisor.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(WORKERS), "--worker-class", "sync"]
    with log.open("w") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)


def wait_ready(server: subprocess.Popen, url: str, log: Path, timeout: float = 30) -> None:
    """Poll until the server answers 200; a server that dies fails at once, with its log."""
    opener = urllib.request.build_opener(_NoRedirect)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if fetch(opener, url)[0] == 200:
                return
        except OSError:
            pass  # not listening yet
        time.sleep(0.2)
    sys.exit(f"{url} did not answer 200 within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def stop(server: subprocess.Popen) -> None:
    """SIGTERM lets the master stop its workers; kill only if it hangs."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def prepare(base: str) -> tuple[dict[str, str], str, str]:
    """A session that has answered the steps before STEP, and one completed result.

    Returns the session's cookies, its form CSRF token, and the result's path.
    """
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    status, _, page = fetch(browser, f"{base}/wizard/{next(iter(ANSWERS))}/")
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or not match:
        sys.exit(f"first wizard step answered {status} without a CSRF token")
    token = match.group(1)
    for slug, choice in ANSWERS.items():
        if slug == STEP:
            break
        answer(browser, base, slug, choice, token)
    cookies = {c.name: c.value for c in jar}

    # A second browser, so completing the result leaves the first one's draft alone.
    jar = http.cookiejar.CookieJar()
    other = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    fetch(other, f"{base}/wizard/{next(iter(ANSWERS))}/")  # sets its csrftoken cookie
    for slug, choice in ANSWERS.items():
        answer(other, base, slug, choice, jar_token(jar))
    status, headers, _ = fetch(
        other, f"{base}/wizard/check/", {"csrfmiddlewaretoken": jar_token(jar)}
    )
    location = headers.get("Location", "")
    if status != 303 or not location.startswith("/r/"):
        sys.exit(f"POST /wizard/check/ answered {status} to {location!r}, not 303 to /r/...")
    return cookies, token, location


def answer(
    opener: urllib.request.OpenerDirector, base: str, slug: str, choice: str, token: str
) -> None:
    """Answer one step as the form does; anything but 303 means the state is not what we
    are about to measure."""
    data = {"csrfmiddlewaretoken": token, slug: choice}
    status, _, _ = fetch(opener, f"{base}/wizard/{slug}/", data)
    if status != 303:
        sys.exit(f"POST /wizard/{slug}/ answered {status}, not 303")


def jar_token(jar: http.cookiejar.CookieJar) -> str:
    """The csrftoken cookie: Django takes its unmasked secret as a form token too."""
    return next(c.value for c in jar if c.name == "csrftoken")


def lua_string(value: str) -> str:
    """A Lua string literal; ASCII only, as Lua's escapes differ from Python's beyond it."""
    if not value.isascii():
        raise ValueError(f"not ASCII: {value!r}")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lua_script(target: Target) -> str:
    """wrk sends the target's method, headers and body on every request."""
    lines = [f"wrk.method = {lua_string(target.method)}"]
    if target.body:
        lines.append(f"wrk.body = {lua_string(target.body)}")
    for name, value in target.headers.items():
        lines.append(f"wrk.headers[{lua_string(name)}] = {lua_string(value)}")
    return "\n".join(lines) + "\n"


def verify(target: Target) -> None:
    """One request first: a page that answers the wrong status would measure nothing."""
    opener = urllib.request.build_opener(_NoRedirect)
    data = dict(urllib.parse.parse_qsl(target.body)) if target.method == "POST" else None
    status, _, _ = fetch(opener, target.url, data, target.headers)
    if status != target.expect:
        sys.exit(f"{target.name}: {target.method} {target.url} gave {status}, not {target.expect}")


def to_ms(text: str) -> float:
    """wrk prints each latency in its own unit ("812.00us", "1.20ms", "2.01s")."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1e3, "m": 6e4, "h": 3.6e6}[unit]


def parse_wrk(name: str, output: str) -> Row:
    """The row from wrk's text report; wrk has no machine-readable output without Lua."""

    def find(pattern: str, default: str | None = None) -> str:
        match = re.search(pattern, output)
        if match:
            return match.group(1)
        if default is None:
            sys.exit(f"{name}: cannot read {pattern!r} in wrk output:\n{output}")
        return default

    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return Row(
        name=name,
        rps=float(find(r"Requests/sec:\s+([\d.]+)")),
        p50_ms=to_ms(find(r"\s50%\s+(\S+)")),
        p99_ms=to_ms(find(r"\s99%\s+(\S+)")),
        requests=int(find(r"(\d+) requests in")),
        non_2xx_3xx=int(find(r"Non-2xx or 3xx responses: (\d+)", "0")),
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
    )


def run_wrk(target: Target, args: argparse.Namespace, workdir: Path) -> Row:
    """Load one page for the set time; wrk's own timeout bounds it, ours bounds a hung wrk."""
    script = workdir / f"{re.sub(r'[^a-z0-9]+', '-', target.name.lower())}.lua"
    script.write_text(lua_script(target))
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    # A long timeout so queued requests count in the latencies instead of vanishing.
    command += ["--timeout", "10s", "--latency", "-s", str(script), target.url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 60)
    if done.returncode:
        sys.exit(f"{target.name}: wrk failed:\n{done.stdout}{done.stderr}")
    return parse_wrk(target.name, done.stdout)


def children(parent: int) -> list[int]:
    """gunicorn's workers: the master's children, from /proc (no psutil in the venv)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name may hold spaces; the fields after its ")" do not.
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def peak_rss_mb(parent: int) -> dict[int, float]:
    """VmHWM of each worker: the most memory it ever held, which a load test pushes up."""
    peaks = {}
    for pid in children(parent):
        match = re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
        if match:
            peaks[pid] = int(match.group(1)) / 1024
    return peaks


def mb_list(peaks: dict[int, float]) -> str:
    """One figure per worker: a leak or a fat page shows as one worker larger."""
    return ", ".join(f"{mb:.1f}" for mb in peaks.values()) or "none found"


def report(rows: list[Row], args: argparse.Namespace) -> None:
    """The table, with the run's settings, since figures mean little without them."""
    print(f"\nwrk: {args.duration} s each, {args.connections} connections, {args.threads} threads")
    print(f"gunicorn: {WORKERS} sync workers, DEBUG=0, SQLite\n")
    head = f"{'page':<22} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>6}"
    print(head + f" {'requests':>9} {'non-2xx/3xx':>11} {'sock err':>8}")
    for r in rows:
        line = f"{r.name:<22} {r.rps:>9.1f} {r.p50_ms:>8.2f} {r.p99_ms:>8.2f} {r.ratio:>6.2f}"
        print(line + f" {r.requests:>9} {r.non_2xx_3xx:>11} {r.socket_errors:>8}")
    first, last = rows[0].rps, rows[-1].rps
    print(f"ratio = req/s over the mean of the two baseline runs ({(first + last) / 2:.1f})")
    if abs(first - last) > 0.15 * max(first, last):
        print("warning: the baseline moved by more than 15 % during the run (is the machine busy?)")


def check_budgets(rows: list[Row]) -> list[dict]:
    """Budgets are ratios to the baseline, so they hold on a faster or slower machine."""
    by_name = {r.name: r for r in rows}
    checks = []
    for name, (row_names, minimum) in BUDGETS.items():
        ratio = max(by_name[n].ratio for n in row_names)
        checks.append({"budget": name, "ratio": ratio, "minimum": minimum, "ok": ratio >= minimum})
    print()
    for c in checks:
        verdict = "PASS" if c["ok"] else "FAIL"
        print(f"{verdict}  {c['budget']:<18} {c['ratio']:.2f} x baseline (needs >= {c['minimum']})")
    return checks


def main() -> int:
    """Set up, measure, always tear down; exit 1 on a failed budget only with --strict."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget fails")
    args = parser.parse_args()

    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        sys.exit("no collected static files: run `make static` first")

    # A SIGTERM (a CI timeout, `kill`) unwinds through the finally below like Ctrl-C does,
    # so no gunicorn outlives the run.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="advisor-bench-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "SQLITE_PATH": str(workdir / "bench.sqlite3"),
        "DEBUG": "0",
        "HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SETTINGS_MODULE": "advisor.settings",
    }
    baseline_env = env | {
        "DJANGO_SETTINGS_MODULE": "bench_baseline",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "scripts"), env.get("PYTHONPATH")])),
    }
    servers: list[subprocess.Popen] = []
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "loaddata", "roles", "questions", "rates")
        app_port, baseline_port = free_ports(2)
        app, baseline = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{baseline_port}"
        servers.append(serve(env, app_port, workdir / "app.log"))
        servers.append(serve(baseline_env, baseline_port, workdir / "baseline.log"))
        wait_ready(servers[0], f"{app}/", workdir / "app.log")
        wait_ready(servers[1], f"{baseline}/", workdir / "baseline.log")

        cookies, token, result = prepare(app)
        session = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        opener = urllib.request.build_opener(_NoRedirect)
        etag = fetch(opener, f"{app}{result}")[1]["ETag"]
        # The baseline runs first and last: on a shared machine the load can drift, and
        # the mean of the two is fairer to the pages measured in between.
        targets = [
            Target("baseline", f"{baseline}/", 200),
            Target("landing /", f"{app}/", 200),
            Target("wizard step GET", f"{app}/wizard/{STEP}/", 200, headers=session),
            Target(
                "wizard step POST",
                f"{app}/wizard/{STEP}/",
                303,
                method="POST",
                headers=session | form,
                body=urllib.parse.urlencode({"csrfmiddlewaretoken": token, STEP: ANSWERS[STEP]}),
            ),
            Target("result GET", f"{app}{result}", 200),
            Target("result GET 304", f"{app}{result}", 304, headers={"If-None-Match": etag}),
            Target(
                "cost panel (htmx)",
                f"{app}{result}?hours=20&months=6",
                200,
                headers={"HX-Request": "true"},
            ),
            Target("baseline (again)", f"{baseline}/", 200),
        ]
        rows = []
        for target in targets:
            verify(target)
            print(f"running {target.name} ...", file=sys.stderr, flush=True)
            rows.append(run_wrk(target, args, workdir))
        reference = (rows[0].rps + rows[-1].rps) / 2
        for row in rows:
            row.ratio = row.rps / reference if reference else 0.0
        peaks = peak_rss_mb(servers[0].pid)
        baseline_peaks = peak_rss_mb(servers[1].pid)
    finally:
        for server in servers:
            stop(server)
        shutil.rmtree(workdir, ignore_errors=True)

    report(rows, args)
    checks = check_budgets(rows)
    print(f"\npeak RSS (VmHWM) of app workers: {mb_list(peaks)} MB")
    print(f"peak RSS (VmHWM) of baseline workers: {mb_list(baseline_peaks)} MB")
    if args.json:
        results = {
            "duration_s": args.duration,
            "connections": args.connections,
            "threads": args.threads,
            "workers": WORKERS,
            "rows": [asdict(r) for r in rows],
            "budgets": checks,
            "peak_rss_mb": {str(pid): mb for pid, mb in peaks.items()},
            "baseline_peak_rss_mb": {str(pid): mb for pid, mb in baseline_peaks.items()},
        }
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    return 1 if args.strict and not all(c["ok"] for c in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
