#!/usr/bin/env python3
"""Set up the project's virtual environment, then run the app, the tests or the benchmarks.

    python3 dev.py run [ARGS...]     set up, then launch roadmap-app (ARGS go to it)
    python3 dev.py test [ARGS...]    set up, then run the whole test suite (ARGS go to pytest)
    python3 dev.py bench             set up, then run the benchmark suite
    python3 dev.py screenshots       set up, then regenerate the README screenshots

Needs only python3 (3.11 or newer); everything else is installed into .venv.
"""

from __future__ import annotations

import hashlib
import os
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
    return subprocess.call(commands[task], cwd=ROOT)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
