"""Build the one-folder app with PyInstaller into dist/roadmap-app/, check it, and report its size.

    python3 dev.py package            sets up .venv and the checking tools, then runs this with .venv's Python
    python packaging/build.py --no-build    checks the build that is there
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from checks import Report, run_all  # packaging/ is on the path: this file runs as a script

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "roadmap-app.spec"
DIST, WORK = ROOT / "dist", ROOT / "build"
APP = DIST / "roadmap-app"
PACKAGE_SOURCE = ROOT / "src" / "roadmap_app"
SIZE_LIMIT_MIB = 230  # 196 MiB when written, 280 MiB before the trimming: a new Qt module or library shows here
MIB = 1024 * 1024


def package_version() -> str:
    """__version__ as written in the package's __init__.py (the checks import nothing of the app)."""
    for node in ast.parse((PACKAGE_SOURCE / "__init__.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__" for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise SystemExit("no __version__ in src/roadmap_app/__init__.py")


def build() -> bool:
    """Run PyInstaller on the spec; its long log goes to build/pyinstaller.log, shown in part if it fails."""
    WORK.mkdir(exist_ok=True)
    log = WORK / "pyinstaller.log"
    print(f"Building with PyInstaller (a minute or two; log: {log.relative_to(ROOT)}) ...", flush=True)
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as handle:
        code = subprocess.call([sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm",
                                "--distpath", str(DIST), "--workpath", str(WORK)],
                               cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
    if code != 0:
        print("".join(log.read_text(encoding="utf-8").splitlines(keepends=True)[-40:]), flush=True)
        print(f"PyInstaller failed (exit code {code}); the whole log is in {log}", flush=True)
        return False
    print(f"Built {APP.relative_to(ROOT)} in {time.monotonic() - started:.0f} s", flush=True)
    return True


def sizes(folder: Path) -> Counter[str]:
    """Bytes per part of the build: each top-level entry of _internal/, and the executable (links not counted)."""
    parts: Counter[str] = Counter()
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            relative = path.relative_to(folder).parts
            parts[relative[1] if relative[0] == "_internal" and len(relative) > 1 else relative[0]] += \
                path.stat().st_size
    return parts


def report_size(report: Report) -> float:
    parts = sizes(APP)
    total = sum(parts.values()) / MIB
    print(f"\nSize of {APP.relative_to(ROOT)}: {total:.0f} MiB. The biggest parts:", flush=True)
    for name, size in parts.most_common(10):
        print(f"  {size / MIB:6.1f} MiB  {name}", flush=True)
    report.check(f"size under {SIZE_LIMIT_MIB} MiB", None if total <= SIZE_LIMIT_MIB else
                 f"{total:.0f} MiB: see what is new in the list above, and leave it out in "
                 "packaging/bundle_contents.py if the app does not need it")
    return total


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="check the build in dist/ without building again")
    options = parser.parse_args(argv)
    if not options.no_build and not build():
        print("FAIL: the build failed")
        return 1
    if not (APP / "roadmap-app").is_file():
        print(f"FAIL: there is no build in {APP}; run without --no-build")
        return 1
    report = Report()
    print("\nChecking the build:", flush=True)
    run_all(APP, PACKAGE_SOURCE, package_version(), report)
    total = report_size(report)
    if report.failures:
        print(f"\nFAIL: {len(report.failures)} of {len(report.failures) + report.passed} checks failed: "
              f"{'; '.join(report.failures)}")
        return 1
    print(f"\nPASS: {report.passed} checks; {APP.relative_to(ROOT)} is {total:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
