"""A smoke test per tool in scripts/: each serves the app at a tiny size for a few seconds
through `python -m scripts.<tool>`, as the Makefile runs it, and must exit 0.

The tools make throw-away databases of their own: SQLite, or, when the suite itself runs
on PostgreSQL (`DATABASE_URL`, as CI's second pass) and as root, a PostgreSQL cluster of
their own, so the two passes try the tools' two forms instead of one twice. bench needs
wrk and faults nginx: each is installed the way the Makefile does (Debian's package, as
root) when missing. faults also needs root for its tmpfs and privilege drop, so without
root it is skipped, saying so.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings


def run_tool(*argv: str, timeout: int = 240) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    done = subprocess.run(
        [sys.executable, "-m", *argv],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return done.stdout


def need(command: str, package: str) -> None:
    """Install Debian's `package` for `command` as `make bench`/`make faults` do."""
    if shutil.which(command):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip(f"{command} is not installed, and installing it needs root and apt-get")
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", package], check=True, env=env, capture_output=True
    )


DB = "postgres" if os.environ.get("DATABASE_URL") and os.geteuid() == 0 else "sqlite"


def test_load_verifies_every_result_it_made_conditions_included():
    argv = ["--db", DB, "--founders", "3", "--duration", "3", "--conditional"]
    out = run_tool("scripts.load", *argv)
    assert "lost/corrupted         0" in out and out.rstrip().endswith("PASS")


def test_scale_times_each_admin_action_within_its_budget():
    out = run_tool("scripts.scale", "--db", DB, "--results", "300")
    assert "effect check" in out and out.rstrip().endswith("PASS")


def test_bench_measures_every_page_against_the_baseline(tmp_path):
    need("wrk", "wrk")
    report = tmp_path / "bench.json"
    argv = ["--duration", "1", "--connections", "4", "--smoke", "--json", str(report)]
    out = run_tool("scripts.bench", *argv)
    assert "PASS  responses" in out
    assert json.loads(report.read_text())["passed"] is True


@pytest.mark.skipif(os.geteuid() != 0, reason="faults mounts a tmpfs and drops privileges: root")
def test_faults_keeps_slow_clients_out_behind_nginx():
    # The smallest fault, whose targets do not hang on how loaded the machine is; every
    # fault runs in full in CI's `make faults --short`.
    need("nginx", "nginx")
    out = run_tool("scripts.faults", "--short", "--only", "slow-clients", "--founders", "3")
    assert "== slow-clients: PASS" in out and out.rstrip().endswith("PASS")


def test_bench_scoring_times_scoring_one_answer_set():
    out = run_tool("scripts.bench_scoring", "--sets", "50", "--budget-ms", "1000")
    assert "ms" in out


def test_audit_scores_a_page_with_lighthouse(tmp_path):
    out = run_tool("scripts.audit", "--only", "step", "--out", str(tmp_path))
    assert "step" in out and (tmp_path / "step.json").exists()
    assert json.loads((tmp_path / "summary.json").read_text())["step"]["accessibility"] > 0


def test_vulns_names_vulnerable_packages_or_says_it_could_not_check():
    done = subprocess.run(
        [sys.executable, "-m", "scripts.vulns"],
        cwd=settings.BASE_DIR,
        env=os.environ | {"DEPS_AUDIT": "warn"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    said = (done.stdout + done.stderr).lower()
    # 0: nothing known, or (warned) not checked; 1: each vulnerable package named.
    assert done.returncode in (0, 1), said
    if done.returncode == 1:
        assert "vulnerable " in said and "fixed in" in said, said
    else:
        assert "no known vulnerabilities" in said or "not checked" in said, said
