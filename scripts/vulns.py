"""Known vulnerabilities in the locked dependencies (constraints.txt), with pip-audit: run by
`make lint`. Exits 1 naming each vulnerable package, its version, the advisory and the
version that fixes it; exits 2 when the dependencies could not be checked (the
vulnerability service did not answer, or did not know the packages), saying so, unless
`DEPS_AUDIT=warn`, which only warns then.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    service = os.environ.get("DEPS_AUDIT_SERVICE", "pypi")  # or "osv"
    command = [sys.executable, "-m", "pip_audit", "-r", str(ROOT / "constraints.txt"), "--no-deps"]
    command += ["--disable-pip", "--progress-spinner", "off", "-f", "json", "-s", service]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return unchecked(f"pip-audit could not reach the {service} vulnerability service: {last}")
    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d["name"] for d in deps if d.get("skip_reason")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            print(f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed})")
    if vulnerable:
        print(
            f"{len(vulnerable)} locked dependencies have known vulnerabilities: raise their pins."
        )
        return 1
    if skipped:
        names = ", ".join(skipped)
        return unchecked(
            f"the {service} vulnerability service did not know {len(skipped)} of "
            f"{len(deps)} locked dependencies, so they were NOT checked: {names}"
        )
    print(f"dependencies: no known vulnerabilities in {len(deps)} locked packages ({service})")
    return 0


def unchecked(message: str) -> int:
    warn_only = os.environ.get("DEPS_AUDIT") == "warn"
    print(f"{'WARNING' if warn_only else 'ERROR'}: dependencies not checked: {message}")
    print("  (DEPS_AUDIT_SERVICE=osv asks OSV instead; DEPS_AUDIT=warn only warns)")
    return 0 if warn_only else 2


if __name__ == "__main__":
    sys.exit(main())
