"""The core (domain, formats, persistence, services) never imports Qt: checked, not a convention."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORE_PACKAGES = ["domain", "formats", "persistence", "services"]


def test_import_linter_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.fail("import-linter is not installed; run the README's test command")
    result = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = sorted(
        ".".join(path.relative_to(REPO / "src").with_suffix("").parts)
        for package in CORE_PACKAGES
        for path in (REPO / "src" / "roadmap_app" / package).rglob("*.py")
        if "migrations" not in path.parts
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name.removesuffix('.__init__'))\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'roadmap_app.ui'))]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
