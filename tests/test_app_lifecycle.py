"""The real entry point starts, paints its first frame and exits cleanly (catches broken Qt releases)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ML_ROADMAP


@pytest.mark.slow
def test_app_starts_paints_and_quits_with_exit_code_zero(tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ROADMAP_APP_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "roadmap_app", "gui", "--smoke-test"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "first frame painted" in result.stdout
    assert "Traceback" not in result.stderr and "none_dealloc" not in result.stderr


@pytest.mark.slow
def test_export_image_cli_in_a_subprocess(tmp_path) -> None:
    env = {**os.environ, "ROADMAP_APP_DATA_DIR": str(tmp_path)}
    env.pop("DISPLAY", None)
    out = tmp_path / "map.pdf"
    result = subprocess.run([sys.executable, "-m", "roadmap_app", "export-image", str(ML_ROADMAP), "-o", str(out)],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
