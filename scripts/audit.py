"""Lighthouse against the served app: the landing page, a wizard step and a result.

Serves the app with gunicorn on a throw-away SQLite database, makes a result through
real HTTP, runs Lighthouse (from node_modules, on Debian's Chromium) on each page, and
writes the JSON reports to reports/lighthouse/ with a table of the category scores.

    .venv/bin/python -m scripts.audit [--out reports/lighthouse] [--only landing step]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.forms import form_of
from scripts.serving import (
    ROOT,
    app_env,
    browser,
    fetch,
    free_port,
    load_bank,
    serve,
    stop,
    wait_ready,
)

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"


def make_result(base: str) -> str:
    """Walk the wizard like a browser without JavaScript, the first choice on each step;
    return the result URL."""
    _, opener = browser()
    path = "/wizard/"
    for _ in range(40):
        if path.startswith("/r/"):
            return base + path
        status, headers, html = fetch(opener, base + path)
        if status == 303:
            path = headers["Location"]
            continue
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        page = form_of(html)
        form = {"csrfmiddlewaretoken": page.csrf}
        for name, values in page.choices.items():
            form[name] = values[0]
        action = page.action
        status, headers, _ = fetch(opener, base + action, form)
        if status != 303:
            raise RuntimeError(f"POST {action} answered {status}")
        path = headers["Location"]
    raise RuntimeError("the wizard never reached a result")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "lighthouse")
    parser.add_argument("--only", nargs="+", choices=["landing", "step", "result"])
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    tmp = Path(tempfile.mkdtemp(prefix="advisor-audit-"))
    env = app_env(tmp)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = None
    try:
        load_bank(env)
        server = serve(env, port, tmp / "gunicorn.log", ["--workers", "2"])
        wait_ready(server, base + "/", tmp / "gunicorn.log")
        pages = {
            "landing": lambda: base + "/",
            "step": lambda: base + "/wizard/use-case/",
            "result": lambda: make_result(base),
        }
        pages = {name: url() for name, url in pages.items() if name in (args.only or pages)}
        scores = {}
        chrome = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
        for name, url in pages.items():
            report = args.out / f"{name}.json"
            command = [
                str(LIGHTHOUSE),
                url,
                f"--chrome-flags={CHROME_FLAGS}",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
            ]
            # Lighthouse sometimes loses a page load's trace ("Please run Lighthouse
            # again"): as it asks, a page is tried up to three times.
            for _attempt in range(3):
                done = subprocess.run(command, env={**os.environ, "CHROME_PATH": chrome})
                if done.returncode == 0:
                    break
            else:
                raise RuntimeError(f"Lighthouse failed three times on {url}")
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
        if server:
            stop(server)
        shutil.rmtree(tmp, ignore_errors=True)

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
