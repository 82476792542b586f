"""The checks of the fault suite's `node-loss` fault (scripts/faults.py), where two app
servers run behind nginx on one PostgreSQL and one of them is killed:

- a request's id is in the response, nginx's access log, gunicorn's access log and the
  app's own log line (JSON lines, advisor/ops/logs.py);
- after an admin publishes a new version of the question bank, every server shows it
  within the bank cache's lifetime (advisor/bank/store.py TTL_SECONDS).
"""

from __future__ import annotations

import http.client
import json
import time
import uuid
from pathlib import Path

from scripts.serving import HOST, manage

PUBLISH_MARK = "Which use case is closest"  # the changed text (new each run)
PUBLISH_SLACK = 3.0  # seconds beyond the cache's lifetime: a request in flight, a poll


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, dict, str]:
    connection = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read().decode(errors="replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    except (OSError, http.client.HTTPException):
        return 0, {}, ""
    finally:
        connection.close()


def json_lines(path: Path) -> list[dict]:
    lines = []
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return lines
    for line in text.splitlines():
        if line.startswith("{"):
            try:
                lines.append(json.loads(line))
            except ValueError:
                continue
    return lines


def trace_request(proxy_port: int, nginx_log: Path, app_logs: list[Path]) -> dict:
    """One request through nginx, without an id of its own: where its id shows up."""
    status, headers, _ = get(proxy_port, "/wizard/use-case/")
    rid = headers.get("x-request-id", "")
    found = {"status": status, "request_id": rid, "response": bool(rid)}
    time.sleep(1.5)  # nginx and gunicorn write their lines after the response
    nginx = [line for line in json_lines(nginx_log) if line.get("request_id") == rid]
    app = [line for log in app_logs for line in json_lines(log) if line.get("request_id") == rid]
    found["nginx"] = bool(rid) and bool(nginx)
    found["gunicorn"] = any(line.get("logger") == "gunicorn.access" for line in app)
    found["django"] = any(line.get("logger") == "advisor.request" for line in app)
    return found


def publish_seen(env: dict[str, str], ports: list[int], ttl: float) -> float | None:
    """Publish a version whose first question reads differently, as an admin does; seconds
    until every server shows it to a new browser, or None if one has not after `ttl` and
    the slack."""
    text = f"{PUBLISH_MARK} ({uuid.uuid4().hex[:6]})?"
    code = (
        "from advisor.models import Question\n"
        "from advisor.bank.versions import bank_version_publish\n"
        f"Question.objects.filter(slug='use-case').update(text={text!r})\n"
        "bank_version_publish(note='fault suite: every server serves it')\n"
    )
    for port in ports:  # every server has the old version in its cache first
        get(port, "/wizard/use-case/")
    manage(env, "shell", "-c", code)
    published = time.monotonic()
    waiting = set(ports)
    while waiting and time.monotonic() - published <= ttl + PUBLISH_SLACK:
        for port in sorted(waiting):
            if text in get(port, "/wizard/use-case/")[2].replace("&#x27;", "'"):
                waiting.discard(port)
        time.sleep(0.2)
    return None if waiting else round(time.monotonic() - published, 1)
