"""Checked, not conventions: the core (domain, formats, persistence, services) never imports Qt,
and ruff and mypy find nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORE_PACKAGES = ["domain", "formats", "persistence", "services"]


def installed_tool(name: str) -> Path:
    """A command-line tool installed next to this Python (the test extra puts them there)."""
    tool = Path(sys.executable).with_name(name)
    if not tool.exists():
        pytest.fail(f"{name} is not installed; run the README's test command")
    return tool


def test_import_linter_contracts_hold() -> None:
    lint = installed_tool("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing() -> None:
    ruff = installed_tool("ruff")
    result = subprocess.run([str(ruff), "check", "src", "tests", "scripts", "packaging", "dev.py"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    """Checks the files configured in pyproject.toml ([tool.mypy] files)."""
    mypy = installed_tool("mypy")
    result = subprocess.run([str(mypy)], cwd=REPO, capture_output=True, text=True)
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
