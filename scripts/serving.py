"""Serving the app for the scripts that measure it (bench.py, load.py, audit.py).

A throw-away database, gunicorn on free loopback ports, waiting until it answers,
stopping it, and one HTTP request that never follows a redirect. Standard library only:
the scripts run with the project's venv but outside Django.
"""

from __future__ import annotations

import http.client
import http.cookiejar
import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
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
