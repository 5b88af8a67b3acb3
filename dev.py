#!/usr/bin/env python3
"""Set up the project's virtual environment, then run the app, the tests or the benchmarks.

    python3 dev.py run [ARGS...]     set up, then launch roadmap-app (ARGS go to it)
    python3 dev.py test [ARGS...]    set up, then run the whole test suite (ARGS go to pytest)
    python3 dev.py bench             set up (and Graphviz, for the layout comparison), then run the benchmarks
    python3 dev.py screenshots       set up, then regenerate the README screenshots

Needs only python3 (3.11 or newer); everything else is installed into .venv.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_environment() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    stamp = VENV / ".installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    print("Installing roadmap-app and its dependencies into .venv ...", flush=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-e", f"{ROOT}[test]"], check=True)
    stamp.write_text(digest)


def ensure_graphviz() -> None:
    """The layout benchmarks compare with Graphviz dot: install it when it is missing and we can."""
    if shutil.which("dot"):
        return
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if is_root and shutil.which("apt-get") and Path("/etc/debian_version").exists():
        environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (["apt-get", "update"], ["apt-get", "install", "-y", "graphviz"]):
            print(f"Graphviz dot is missing; running: {' '.join(command)}", flush=True)
            if subprocess.call(command, env=environment) != 0:
                break
    if not shutil.which("dot"):
        print("Graphviz dot is not installed, so the layout comparisons with it are skipped. Install it with "
              "`sudo apt-get install graphviz` (Debian, Ubuntu), `brew install graphviz` (macOS) or from "
              "https://graphviz.org/download/, then run the benchmarks again.", flush=True)


def main(argv: list[str]) -> int:
    task, rest = (argv[0], argv[1:]) if argv else ("run", [])
    if rest[:1] == ["--"]:
        rest = rest[1:]
    commands = {
        "run": [str(PYTHON), "-m", "roadmap_app", *rest],
        "test": [str(PYTHON), "-m", "pytest", *rest],
        "bench": [str(PYTHON), "-m", "pytest", "-m", "benchmark", "-s", "tests/benchmarks", *rest],
        "screenshots": [str(PYTHON), str(ROOT / "scripts" / "screenshots.py"), *rest],
    }
    if task not in commands:
        print(__doc__)
        return 2
    ensure_environment()
    if task == "bench":
        ensure_graphviz()
    return subprocess.call(commands[task], cwd=ROOT)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
