"""Serving the app for the scripts that measure it (bench.py, load.py, audit.py, scale.py).

A throw-away database (SQLite, or a PostgreSQL cluster of its own), gunicorn on free
loopback ports, waiting until it answers, stopping it, and one HTTP request that never
follows a redirect. Standard library only: the scripts run with the project's venv but
outside Django.
"""

from __future__ import annotations

import contextlib
import glob
import http.client
import http.cookiejar
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"


def free_ports(count: int) -> list[int]:
    """Ports the kernel picks; held open together so two servers never get the same."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind((HOST, 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def free_port() -> int:
    return free_ports(1)[0]


def app_env(workdir: Path, **extra: str) -> dict[str, str]:
    """The environment for the app on a new SQLite file in `workdir`: never the database
    DATABASE_URL names, DEBUG off, a fresh secret key. `extra` adds or overrides."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "advisor.settings",
        "SQLITE_PATH": str(workdir / "db.sqlite3"),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return env | extra


def run_quietly(argv: Sequence[str], env: dict[str, str] | None = None) -> None:
    """A setup command; its output is shown only when it fails, and then the script exits."""
    argv = [str(a) for a in argv]
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        sys.exit(f"failed: {shlex.join(argv)}")


def manage(env: dict[str, str], *args: str) -> None:
    """A manage.py command in a child process, so it sees `env` and not this process's."""
    run_quietly([BIN / "python", "manage.py", *args], env)


def load_bank(env: dict[str, str]) -> None:
    """Migrate the database `env` points at and load the shipped bank (as `seed` does)."""
    manage(env, "migrate", "--noinput")
    manage(env, "seed")


def as_postgres(command: str) -> None:
    # initdb refuses to run as root, so root runs it as postgres, like .ci/run does.
    run_quietly(["su", "postgres", "-c", command] if os.geteuid() == 0 else ["sh", "-c", command])


@contextlib.contextmanager
def postgres(tmp: Path, max_connections: int = 100) -> Iterator[str]:
    """A PostgreSQL cluster of its own in `tmp` (which the postgres user must be able to
    enter), on a free loopback port; its URL. Stopped, however the block ends."""
    pgbin = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not pgbin:
        raise SystemExit("PostgreSQL is not installed (/usr/lib/postgresql/*/bin)")
    bin_, home, port = pgbin[-1], tmp / "pg", free_port()
    home.mkdir()
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
    data = home / "data"
    as_postgres(f"{bin_}/initdb -D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8")
    options = f"-c listen_addresses={HOST} -p {port} -k {home} -c max_connections={max_connections}"
    try:
        start = f"-l {home}/postgres.log -w -o {shlex.quote(options)} start"
        as_postgres(f"{bin_}/pg_ctl -D {data} {start}")
        yield f"postgres://postgres@{HOST}:{port}/postgres"
    finally:
        with contextlib.suppress(SystemExit):
            as_postgres(f"{bin_}/pg_ctl -D {data} -m fast stop")


def serve(
    env: dict[str, str], port: int, log: Path, options: Sequence[str] = ()
) -> subprocess.Popen:
    """gunicorn on 127.0.0.1:`port`, its output in `log`. In a session of its own, so
    `stop` can end the master and its workers together and nothing else."""
    argv = [str(BIN / "gunicorn"), "advisor.wsgi", "--bind", f"{HOST}:{port}", *options]
    with log.open("wb") as out:
        return subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_ready(server: subprocess.Popen, url: str, log: Path, timeout: float = 30) -> None:
    """Poll until `url` answers 200; a server that dies fails at once, with its log."""
    opener = urllib.request.build_opener(NoRedirect)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}:\n{tail(log)}")
        try:
            if fetch(opener, url, timeout=2)[0] == 200:
                return
        except (OSError, http.client.HTTPException):
            pass  # not listening yet
        time.sleep(0.2)
    sys.exit(f"{url} did not answer 200 within {timeout:.0f} s:\n{tail(log)}")


def stop(server: subprocess.Popen) -> None:
    """SIGTERM lets the master stop its workers; if it hangs, kill its session (only
    what `serve` started)."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


def tail(log: Path, chars: int = 3000) -> str:
    try:
        return log.read_text(errors="replace")[-chars:]
    except OSError:
        return "(no log)"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand 3xx back to the caller: the 303s are what the scripts check."""

    def redirect_request(self, *args, **kwargs):
        return None


def browser() -> tuple[http.cookiejar.CookieJar, urllib.request.OpenerDirector]:
    """A cookie jar and an opener that keeps cookies in it and does not follow redirects."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    return jar, opener


def fetch(
    opener: urllib.request.OpenerDirector,
    url: str,
    data: dict | None = None,
    headers: dict | None = None,
    timeout: float = 30,
) -> tuple[int, http.client.HTTPMessage, str]:
    """One request, a POST when `data` is given; (status, headers, body) for any status,
    never raising on 3xx/4xx/5xx."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read().decode()
