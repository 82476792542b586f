"""Lighthouse against the served app: the landing page, a wizard step and a result.

Serves the app with gunicorn on a throw-away SQLite database, makes a result through
real HTTP, runs Lighthouse (from node_modules, on Debian's Chromium) on each page, and
writes the JSON reports to reports/lighthouse/ with a table of the category scores.

    .venv/bin/python scripts/audit.py [--out reports/lighthouse]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_result(base: str) -> str:
    """Walk the wizard like a browser without JavaScript; return the result URL."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = base + "/wizard/"
    for _ in range(20):
        with opener.open(url) as response:
            url, html = response.geturl(), response.read().decode()
        if "/r/" in url:
            return url
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        form = {"csrfmiddlewaretoken": token}
        radio = re.search(r'type="radio" name="([\w-]+)" value="([\w-]+)"', html)
        if radio:
            form[radio.group(1)] = radio.group(2)
        action = re.search(r'<form method="post" action="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode(form).encode()
        with opener.open(urllib.request.Request(base + action, data=data)) as response:
            url = response.geturl()
        if "/r/" in url:
            return url
    raise RuntimeError("the wizard never reached a result")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "lighthouse")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    tmp = tempfile.mkdtemp(prefix="advisor-audit-")
    env = {**os.environ, "SQLITE_PATH": f"{tmp}/db.sqlite3", "DEBUG": "0"}
    manage = [str(BIN / "python"), "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [*manage, "loaddata", "roles", "questions", "rates", "-v0"], cwd=ROOT, env=env, check=True
    )
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "advisor.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        pages = {
            "landing": base + "/",
            "step": base + "/wizard/use-case/",
            "result": make_result(base),
        }
        scores = {}
        chrome = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
        for name, url in pages.items():
            report = args.out / f"{name}.json"
            subprocess.run(
                [
                    str(LIGHTHOUSE),
                    url,
                    f"--chrome-flags={CHROME_FLAGS}",
                    "--output=json",
                    f"--output-path={report}",
                    "--quiet",
                ],
                env={**os.environ, "CHROME_PATH": chrome},
                check=True,
            )
            data = json.loads(report.read_text())
            scores[name] = {
                key: round(category["score"] * 100) for key, category in data["categories"].items()
            }
            failed = [
                audit["title"]
                for audit in data["audits"].values()
                if audit.get("score") is not None
                and audit["score"] < 1
                and audit.get("scoreDisplayMode") in ("binary", "numeric")
            ]
            scores[name]["failing audits"] = failed
    finally:
        server.terminate()
        server.wait(timeout=10)

    categories = ["performance", "accessibility", "best-practices", "seo"]
    print(f"{'page':10}" + "".join(f"{c:>16}" for c in categories))
    for name, row in scores.items():
        print(f"{name:10}" + "".join(f"{row.get(c, '-'):>16}" for c in categories))
        for title in row["failing audits"]:
            print(f"    below full marks: {title}")
    (args.out / "summary.json").write_text(json.dumps(scores, indent=2))
    print(f"reports in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
