"""Load-test the app's hot pages against a trivial Django view, on loopback, with wrk.

Serves the app and a baseline ("ok" from scripts/bench_baseline.py) with the same
gunicorn settings on a throw-away SQLite database, prepares a wizard session and a
result through real HTTP, runs wrk against each page for a bounded time, and checks
each page's requests/s as a share of the baseline's, so the budgets hold on any machine.
Every response's status is checked too, and the app workers' peak memory against the
baseline's. Exits 1 when any budget is missed or any response was not the one expected.

    .venv/bin/python -m scripts.bench [--duration 10] [--json PATH]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from scripts.forms import form_of
from scripts.serving import (
    ROOT,
    NoRedirect,
    app_env,
    browser,
    fetch,
    free_ports,
    load_bank,
    serve,
    stop,
    wait_ready,
)

WORKERS = 2

# The same founder as AI_ANSWERS in tests/conftest.py: question slug -> choice slug.
ANSWERS = {
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
STEP = "model-role"  # a step after the first, so it only renders once earlier ones are done

# Minimum requests/s of a row as a share of the baseline's.
BUDGETS = {
    "result page": ("result GET", 0.5),
    # About half of what it measured (0.06): a render that costs twice as much fails.
    "result page, cold": ("result GET cold", 0.03),
    "wizard step GET": ("wizard step GET", 0.35),
    "wizard step POST": ("wizard step POST", 0.25),
}
# The app workers' peak RSS may be at most this many times the baseline workers'.
MEMORY_BUDGET = 1.5

# The cost form's valid inputs (CostForm in advisor/costs/forms.py): outside them a result
# page answers 422, which the status check below would report.
HOURS = (5, 60)
MONTHS = (1, 36)


@dataclass
class Target:
    name: str
    url: str
    expect: int
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    cold: bool = False  # a new query string on every request: see COLD_LUA


@dataclass
class Row:
    name: str
    expect: int
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    unexpected: int  # responses whose status was not `expect`
    last_unexpected: int  # the status of the last of them, 0 if none
    non_2xx_3xx: int
    socket_errors: int
    ratio: float = 0.0


def prepare(base: str) -> tuple[dict[str, str], str, str]:
    """A session that has answered the steps before STEP, and one completed result.

    Returns the session's cookies, its form CSRF token, and the result's path.
    """
    jar, first = browser()
    status, _, page = fetch(first, f"{base}/wizard/{next(iter(ANSWERS))}/")
    token = form_of(page).csrf
    if status != 200 or not token:
        sys.exit(f"first wizard step answered {status} without a CSRF token")
    for slug, choice in ANSWERS.items():
        if slug == STEP:
            break
        answer(first, base, slug, choice, token)
    cookies = {c.name: c.value for c in jar}

    # A second browser, so completing the result leaves the first one's draft alone.
    jar, other = browser()
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


# Every row: count the responses whose status is not the row's (wrk itself counts only
# those outside 2xx/3xx, so a 200 where a 304 was due, or a 302 to a login, would pass),
# and print one line of figures for parse_wrk, read from wrk's own counters.
CHECK_LUA = """
local expect = %(expect)d
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  unexpected = 0
  last_unexpected = 0
  sent = id
end

function response(status, headers, body)
  if status ~= expect then
    unexpected = unexpected + 1
    last_unexpected = status
  end
end

function done(summary, latency, requests)
  local unexpected, last = 0, 0
  for _, thread in ipairs(threads) do
    unexpected = unexpected + thread:get("unexpected")
    if thread:get("last_unexpected") ~= 0 then last = thread:get("last_unexpected") end
  end
  local e = summary.errors
  io.write(string.format(
    "bench-row requests=%%d duration_us=%%d p50_us=%%.1f p99_us=%%.1f unexpected=%%d " ..
    "last_unexpected=%%d non_2xx_3xx=%%d socket_errors=%%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    unexpected, last, e.status, e.connect + e.read + e.write + e.timeout))
end
"""

# A result page rendered cold: the view keeps each rendered variant in the page cache
# under a key made of the result's token and the full request path, so a path that was
# never asked for before misses it and costs the database query and the whole render.
# Each request takes the next number k of its thread (threads interleave, so no two send
# the same k), turns it into valid cost inputs (hours and months cycle over every valid
# pair, so each render computes different costs) and adds k itself as `n`, a parameter the
# cost form ignores: no path repeats within a run. The 2016 pairs alone would already miss
# Django's default cache (300 entries a worker, the oldest dropped first); `n` keeps every
# request a miss with a larger cache too.
COLD_LUA = """
local path = %(path)s
local stride = %(stride)d

function request()
  local k = sent
  sent = sent + stride
  local hours = %(hours_low)d + k %% %(hours_count)d
  local months = %(months_low)d + math.floor(k / %(hours_count)d) %% %(months_count)d
  return wrk.format(nil, path .. "?hours=" .. hours .. "&months=" .. months .. "&n=" .. k)
end
"""


def lua_script(target: Target, threads: int) -> str:
    """wrk sends the target's method, headers and body on every request, and checks the
    status of every response."""
    lines = [f"wrk.method = {lua_string(target.method)}"]
    if target.body:
        lines.append(f"wrk.body = {lua_string(target.body)}")
    for name, value in target.headers.items():
        lines.append(f"wrk.headers[{lua_string(name)}] = {lua_string(value)}")
    script = "\n".join(lines) + "\n" + CHECK_LUA % {"expect": target.expect}
    if target.cold:
        script += COLD_LUA % {
            "path": lua_string(urllib.parse.urlsplit(target.url).path),
            "stride": threads,
            "hours_low": HOURS[0],
            "hours_count": HOURS[1] - HOURS[0] + 1,
            "months_low": MONTHS[0],
            "months_count": MONTHS[1] - MONTHS[0] + 1,
        }
    return script


def verify(target: Target) -> None:
    """One request first: a page that answers the wrong status would measure nothing.
    A cold row checks its page without a query, which the run never sends."""
    opener = urllib.request.build_opener(NoRedirect)
    data = dict(urllib.parse.parse_qsl(target.body)) if target.method == "POST" else None
    status, _, _ = fetch(opener, target.url, data, target.headers)
    if status != target.expect:
        sys.exit(f"{target.name}: {target.method} {target.url} gave {status}, not {target.expect}")


def parse_wrk(target: Target, output: str) -> Row:
    """The row from the line CHECK_LUA's done() prints."""
    match = re.search(r"^bench-row (.*)$", output, re.MULTILINE)
    if not match:
        sys.exit(f"{target.name}: no figures in wrk's output:\n{output}")
    figures = {k: float(v) for k, v in (pair.split("=") for pair in match.group(1).split())}
    seconds = figures["duration_us"] / 1e6
    return Row(
        name=target.name,
        expect=target.expect,
        rps=figures["requests"] / seconds if seconds else 0.0,
        p50_ms=figures["p50_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        requests=int(figures["requests"]),
        unexpected=int(figures["unexpected"]),
        last_unexpected=int(figures["last_unexpected"]),
        non_2xx_3xx=int(figures["non_2xx_3xx"]),
        socket_errors=int(figures["socket_errors"]),
    )


def run_wrk(target: Target, args: argparse.Namespace, workdir: Path) -> Row:
    """Load one page for the set time; wrk's own timeout bounds it, ours bounds a hung wrk."""
    script = workdir / f"{re.sub(r'[^a-z0-9]+', '-', target.name.lower())}.lua"
    script.write_text(lua_script(target, args.threads))
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    # A long timeout so queued requests count in the latencies instead of vanishing.
    command += ["--timeout", "10s", "--latency", "-s", str(script), target.url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 60)
    if done.returncode:
        sys.exit(f"{target.name}: wrk failed:\n{done.stdout}{done.stderr}")
    return parse_wrk(target, done.stdout)


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
    head = f"{'page':<22} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>6} {'requests':>9}"
    print(head + f" {'status':>6} {'other':>6} {'non-2xx/3xx':>11} {'sock err':>8}")
    for r in rows:
        line = f"{r.name:<22} {r.rps:>9.1f} {r.p50_ms:>8.2f} {r.p99_ms:>8.2f} {r.ratio:>6.2f}"
        line += f" {r.requests:>9} {r.expect:>6} {r.unexpected:>6}"
        print(line + f" {r.non_2xx_3xx:>11} {r.socket_errors:>8}")
    first, last = rows[0].rps, rows[-1].rps
    print(f"ratio = req/s over the mean of the two baseline runs ({(first + last) / 2:.1f})")
    print("status = the status every response must have; other = responses that had another")
    if abs(first - last) > 0.15 * max(first, last):
        print("warning: the baseline moved by more than 15 % during the run (is the machine busy?)")
    by_name = {r.name: r for r in rows}
    cold, warm = by_name.get("result GET cold"), by_name.get("result GET")
    if cold and warm and cold.rps > 0.8 * warm.rps:
        print("warning: the cold result page is nearly as fast as the cached one: is it cold?")


def check_budgets(rows: list[Row]) -> list[dict]:
    """Budgets are ratios to the baseline, so they hold on a faster or slower machine."""
    by_name = {r.name: r for r in rows}
    checks = []
    for name, (row, minimum) in BUDGETS.items():
        ratio = by_name[row].ratio
        checks.append({"budget": name, "ratio": ratio, "minimum": minimum, "ok": ratio >= minimum})
    print()
    for c in checks:
        verdict = "PASS" if c["ok"] else "FAIL"
        print(f"{verdict}  {c['budget']:<18} {c['ratio']:.2f} x baseline (needs >= {c['minimum']})")
    return checks


def check_responses(rows: list[Row]) -> list[dict]:
    """Any error or unexpected status fails the run: a fast error page is no result."""
    checks = []
    for r in rows:
        problems = []
        if r.unexpected:
            problems.append(f"{r.unexpected} not {r.expect} (the last {r.last_unexpected})")
        if r.non_2xx_3xx:
            problems.append(f"{r.non_2xx_3xx} outside 2xx/3xx")
        if r.socket_errors:
            problems.append(f"{r.socket_errors} socket errors or timeouts")
        if not r.requests:
            problems.append("no response at all")
        checks.append({"row": r.name, "problems": problems, "ok": not problems})
    failed = [c for c in checks if not c["ok"]]
    if failed:
        for c in failed:
            print(f"FAIL  {c['row']}: {'; '.join(c['problems'])}")
    else:
        total = sum(r.requests for r in rows)
        print(f"PASS  responses          all {total} as expected, no socket errors")
    return checks


def check_memory(peaks: dict[int, float], baseline_peaks: dict[int, float]) -> dict:
    """The app's largest worker against the baseline's largest, both after their load."""
    print(f"\npeak RSS (VmHWM) of app workers: {mb_list(peaks)} MB")
    print(f"peak RSS (VmHWM) of baseline workers: {mb_list(baseline_peaks)} MB")
    app, baseline = max(peaks.values(), default=0.0), max(baseline_peaks.values(), default=0.0)
    ratio = app / baseline if baseline else 0.0
    check = {"app_mb": app, "baseline_mb": baseline, "ratio": ratio, "maximum": MEMORY_BUDGET}
    check["ok"] = bool(app and baseline and ratio <= MEMORY_BUDGET)
    verdict = "PASS" if check["ok"] else "FAIL"
    if app and baseline:
        print(f"{verdict}  peak worker memory {ratio:.2f} x baseline (needs <= {MEMORY_BUDGET})")
    else:
        print(f"{verdict}  peak worker memory: workers not found in /proc")
    return check


def main() -> int:
    """Set up, measure, always tear down; exit 1 on a missed budget or a bad response."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="only check that the tool works end to end (every response as expected): "
        "budgets are shown but not enforced, as a run of a second or two says little",
    )
    args = parser.parse_args()

    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        sys.exit("no collected static files: run `make static` first")

    # A SIGTERM (a CI timeout, `kill`) unwinds through the finally below like Ctrl-C does,
    # so no gunicorn outlives the run.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="advisor-bench-"))
    env = app_env(workdir, HTTPS="0", ALLOWED_HOSTS="127.0.0.1")
    baseline_env = env | {
        "DJANGO_SETTINGS_MODULE": "scripts.bench_baseline",
    }
    # gunicorn as `make run` serves it, minus the access log, which would cost both alike.
    options = ["--workers", str(WORKERS), "--worker-class", "sync"]
    servers: list = []
    try:
        load_bank(env)
        app_port, baseline_port = free_ports(2)
        app, baseline = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{baseline_port}"
        servers.append(serve(env, app_port, workdir / "app.log", options))
        servers.append(serve(baseline_env, baseline_port, workdir / "baseline.log", options))
        wait_ready(servers[0], f"{app}/", workdir / "app.log")
        wait_ready(servers[1], f"{baseline}/", workdir / "baseline.log")

        cookies, token, result = prepare(app)
        session = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        opener = urllib.request.build_opener(NoRedirect)
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
            Target("result GET cold", f"{app}{result}", 200, cold=True),
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
    budgets = check_budgets(rows)
    responses = check_responses(rows)
    memory = check_memory(peaks, baseline_peaks)
    enforced = responses if args.smoke else budgets + responses + [memory]
    passed = all(c["ok"] for c in enforced)
    print("\nPASS" if passed else "\nFAIL", "(smoke: responses only)" if args.smoke else "")
    if args.json:
        results = {
            "duration_s": args.duration,
            "connections": args.connections,
            "threads": args.threads,
            "workers": WORKERS,
            "rows": [asdict(r) for r in rows],
            "budgets": budgets,
            "responses": responses,
            "memory": memory,
            "peak_rss_mb": {str(pid): mb for pid, mb in peaks.items()},
            "baseline_peak_rss_mb": {str(pid): mb for pid, mb in baseline_peaks.items()},
            "passed": passed,
        }
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
