"""Serving the app for the scripts that measure it (bench.py, load.py, audit.py, faults.py,
scale.py).

A throw-away database (SQLite, or a PostgreSQL cluster), gunicorn on free loopback ports,
Debian's nginx in front of it with the project's deploy/nginx.conf, waiting until it
answers, stopping it, and one HTTP request that never follows a redirect. Standard library
only: the scripts run with the project's venv but outside Django.
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the venv the tool runs in
HOST = "127.0.0.1"
NGINX_CONFIG = ROOT / "deploy" / "nginx.conf"
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"


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
    env: dict[str, str],
    port: int,
    log: Path,
    options: Sequence[str] = (),
    prefix: Sequence[str] = (),
) -> subprocess.Popen:
    """gunicorn on 127.0.0.1:`port`, its output in `log`. In a session of its own, so
    `stop` can end the master and its workers together and nothing else. `prefix` runs it
    through another command (say, one that drops a privilege)."""
    argv = [*prefix, str(BIN / "gunicorn"), "advisor.wsgi", "--bind", f"{HOST}:{port}", *options]
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


# --- PostgreSQL ---------------------------------------------------------------------


def as_postgres(command: str) -> None:
    # initdb refuses to run as root, so root runs it as postgres, like .ci/run does.
    run_quietly(["su", "postgres", "-c", command] if os.geteuid() == 0 else ["sh", "-c", command])


@dataclass
class Postgres:
    """A throw-away cluster on loopback; `url` is its DATABASE_URL."""

    url: str
    bin: str
    home: Path

    def pg_ctl(self, action: str) -> None:
        as_postgres(f"{self.bin}/pg_ctl -D {self.home}/data -l {self.home}/postgres.log {action}")

    def restart(self) -> None:
        """Ends every connection and starts again with the same options, as a restart in
        production does; returns once it accepts connections."""
        self.pg_ctl("-m fast -w restart")


@contextlib.contextmanager
def postgres(tmp: Path, max_connections: int = 100) -> Iterator[Postgres]:
    """A new cluster in `tmp` (which the postgres user must be able to enter), stopped
    and left for `tmp`'s owner to remove at the end."""
    pgbin = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not pgbin:
        raise SystemExit("PostgreSQL is not installed (/usr/lib/postgresql/*/bin)")
    bin_, home, port = pgbin[-1], tmp / "pg", free_port()
    home.mkdir()
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
    cluster = Postgres(f"postgres://postgres@{HOST}:{port}/postgres", bin_, home)
    as_postgres(f"{bin_}/initdb -D {home}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8")
    options = f"-c listen_addresses={HOST} -p {port} -k {home} -c max_connections={max_connections}"
    try:
        cluster.pg_ctl(f"-w -o {shlex.quote(options)} start")
        yield cluster
    finally:
        with contextlib.suppress(SystemExit):
            cluster.pg_ctl("-m fast stop")


# --- nginx in front -------------------------------------------------------------------


def proxy_config(listen: str, app: str, app_2: str = "", access_log: str = "") -> str:
    """deploy/nginx.conf with its names filled in, as the official nginx image fills them
    in from its environment in compose.yaml. With one app server the second `server` line
    goes: nginx never marks a lone server down, so a killed worker costs one request."""
    lines = NGINX_CONFIG.read_text().splitlines(keepends=True)
    if not app_2:
        lines = [line for line in lines if "server ${ADVISOR_APP_2}" not in line]
    text = "".join(lines).replace("${ADVISOR_LISTEN}", listen)
    text = text.replace("${ADVISOR_APP_2}", app_2).replace("${ADVISOR_APP}", app)
    if access_log:
        text = text.replace("/var/log/nginx/access.log", access_log)
    return text


def serve_proxy(workdir: Path, port: int, app_port: int, app_port_2: int = 0) -> subprocess.Popen:
    """Debian's nginx in the foreground on 127.0.0.1:`port`, in front of gunicorn on
    `app_port` (and `app_port_2`), with the project's own configuration; everything it
    writes in `workdir` (which its workers, running as nobody, must be able to enter), its
    access log in `workdir`/nginx/access.log."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise SystemExit("nginx is not installed (apt-get install nginx)")
    home = workdir / "nginx"
    home.mkdir()
    second = f"{HOST}:{app_port_2}" if app_port_2 else ""
    config = proxy_config(f"{HOST}:{port}", f"{HOST}:{app_port}", second, str(home / "access.log"))
    (home / "advisor.conf").write_text(config)
    kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    temp = " ".join(f"{kind}_temp_path {home}/{kind};" for kind in kinds)
    (home / "nginx.conf").write_text(
        f"""worker_processes 1;
pid {home}/nginx.pid;
error_log {home}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {home}/access.log;
    {temp}
    include {home}/advisor.conf;
}}
"""
    )
    argv = [nginx, "-p", str(home), "-c", str(home / "nginx.conf"), "-e", str(home / "error.log")]
    run_quietly([*argv, "-t", "-q"])
    with (workdir / "nginx.log").open("wb") as out:
        return subprocess.Popen(
            [*argv, "-g", "daemon off;"],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


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
