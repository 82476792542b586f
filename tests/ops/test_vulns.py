"""`make lint`'s dependency check names vulnerable packages, and says when it could not check."""

from __future__ import annotations

import json
import subprocess

from scripts import vulns


def answer(monkeypatch, stdout: str, stderr: str = ""):
    def run(command, **kwargs):
        assert "constraints.txt" in command[command.index("-r") + 1]
        return subprocess.CompletedProcess(command, 0, stdout, stderr)

    monkeypatch.setattr(vulns.subprocess, "run", run)


def test_a_vulnerable_package_is_named_with_its_fix(monkeypatch, capsys):
    report = {
        "dependencies": [
            {
                "name": "django",
                "version": "5.2.0",
                "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"]}],
            },
            {"name": "whitenoise", "version": "6.12.0", "vulns": []},
        ]
    }
    answer(monkeypatch, json.dumps(report))
    assert vulns.main() == 1
    assert "VULNERABLE django 5.2.0: PYSEC-2025-1 (fixed in 5.2.1)" in capsys.readouterr().out


def test_a_clean_report_passes(monkeypatch, capsys):
    answer(
        monkeypatch,
        json.dumps({"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}),
    )
    assert vulns.main() == 0
    assert "no known vulnerabilities in 1 locked packages" in capsys.readouterr().out


def test_an_unreachable_service_is_said_not_passed(monkeypatch, capsys):
    answer(monkeypatch, "", "requests.exceptions.ConnectionError: Failed to resolve 'api.osv.dev'")
    assert vulns.main() == 2
    out = capsys.readouterr().out
    assert "dependencies not checked" in out and "api.osv.dev" in out
    skipped = {"name": "django", "skip_reason": "Dependency not found on PyPI"}
    answer(monkeypatch, json.dumps({"dependencies": [skipped]}))
    monkeypatch.setenv("DEPS_AUDIT", "warn")
    assert vulns.main() == 0
    assert "WARNING: dependencies not checked" in capsys.readouterr().out
