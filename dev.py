#!/usr/bin/env python3
"""Set up the project's virtual environment, then run the app, the tests or the benchmarks.

    python3 dev.py run [ARGS...]     set up, then launch roadmap-app (ARGS go to it)
    python3 dev.py test [ARGS...]    set up, then run the whole test suite on every core (ARGS go to pytest)
    python3 dev.py bench             set up (and Graphviz, for the layout comparison), then run the benchmarks
    python3 dev.py screenshots       set up, then regenerate the README screenshots
    python3 dev.py package           set up (with PyInstaller and the desktop-file validators), then build
                                     dist/roadmap-app/ and check it (packaging/build.py)

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


def ensure_environment(extras: tuple[str, ...] = ("test",)) -> None:
    """Install the project with these optional dependency groups into .venv, unless it is there already.

    The stamp holds pyproject.toml's hash and the groups installed with it. Asking again for groups installed
    already does nothing: `dev.py test` after `dev.py package` installs nothing, and `dev.py package` after
    `dev.py test` adds the package group once. A changed pyproject.toml installs every recorded group again."""
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    stamp = VENV / ".installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    recorded = stamp.read_text().split() if stamp.exists() else []
    installed = set(recorded[1:]) or ({"test"} if recorded else set())  # an older stamp holds only the hash
    if recorded[:1] == [digest] and installed >= set(extras) and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("Creating .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    wanted = sorted(set(extras) | installed)
    print(f"Installing roadmap-app and its dependencies ({', '.join(wanted)} too) into .venv ...", flush=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-e", f"{ROOT}[{','.join(wanted)}]"], check=True)
    stamp.write_text(" ".join([digest, *wanted]))


def parallel(pytest_arguments: list[str]) -> list[str]:
    """The suite on every core (pytest-xdist), unless the arguments choose (-n 0 runs it in one process)."""
    chosen = any(argument.startswith(("-n", "--numprocesses")) for argument in pytest_arguments)
    return [] if chosen else ["-n", "auto"]


def compile_sources() -> None:
    """Byte-compile the package (quick when nothing changed). Where PYTHONDONTWRITEBYTECODE is set, as on some CI
    machines, Python would otherwise compile every module at every start: 2.1 s to the app's first frame, not 0.5 s,
    in each test that starts the app."""
    subprocess.run([str(PYTHON), "-m", "compileall", "-q", str(ROOT / "src")], check=False)


def install_debian_packages(packages: list[str], why: str) -> None:
    """apt-get install the packages when we are root on Debian or Ubuntu; otherwise leave it to the caller."""
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if not (is_root and shutil.which("apt-get") and Path("/etc/debian_version").exists()):
        return
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", *packages]):
        print(f"{why}; running: {' '.join(command)}", flush=True)
        if subprocess.call(command, env=environment) != 0:
            break


def ensure_graphviz() -> None:
    """The layout benchmarks compare with Graphviz dot: install it when it is missing and we can."""
    if not shutil.which("dot"):
        install_debian_packages(["graphviz"], "Graphviz dot is missing")
    if not shutil.which("dot"):
        print("Graphviz dot is not installed, so the layout comparisons with it are skipped. Install it with "
              "`sudo apt-get install graphviz` (Debian, Ubuntu), `brew install graphviz` (macOS) or from "
              "https://graphviz.org/download/, then run the benchmarks again.", flush=True)


# command -> Debian package. PyInstaller reads binaries with binutils' objdump, the build strips them with strip.
PACKAGING_TOOLS = {"objdump": "binutils", "strip": "binutils", "desktop-file-validate": "desktop-file-utils",
                   "appstreamcli": "appstream", "update-mime-database": "shared-mime-info"}
X11_CHECK_TOOLS = {"xvfb-run": "xvfb", "xauth": "xauth"}  # the window on an X server; skipped without them


def ensure_packaging_tools() -> bool:
    """The build's tools and the validators of the desktop files are needed; Xvfb is used when it is there."""
    missing = {package for command, package in (PACKAGING_TOOLS | X11_CHECK_TOOLS).items() if not shutil.which(command)}
    if missing:
        install_debian_packages(sorted(missing), "Tools for building and checking the package are missing")
    still_missing = sorted({package for command, package in PACKAGING_TOOLS.items() if not shutil.which(command)})
    if still_missing:
        print(f"Building and checking the package needs {', '.join(still_missing)}: install them with "
              f"`sudo apt-get install {' '.join(still_missing)}` (Debian, Ubuntu) or your system's package "
              "manager, then run `python3 dev.py package` again.", flush=True)
        return False
    return True


def main(argv: list[str]) -> int:
    task, rest = (argv[0], argv[1:]) if argv else ("run", [])
    if rest[:1] == ["--"]:
        rest = rest[1:]
    commands = {
        "run": [str(PYTHON), "-m", "roadmap_app", *rest],
        "test": [str(PYTHON), "-m", "pytest", *parallel(rest), *rest],
        "bench": [str(PYTHON), "-m", "pytest", "-m", "benchmark", "-s", "tests/benchmarks", *rest],
        "screenshots": [str(PYTHON), str(ROOT / "scripts" / "screenshots.py"), *rest],
        "package": [str(PYTHON), str(ROOT / "packaging" / "build.py"), *rest],
    }
    if task not in commands:
        print(__doc__)
        return 2
    ensure_environment(("package",) if task == "package" else ("test",))
    compile_sources()
    if task == "bench":
        ensure_graphviz()
    if task == "package" and not ensure_packaging_tools():
        return 1
    return subprocess.call(commands[task], cwd=ROOT)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
