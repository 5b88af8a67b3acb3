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


def test_smoke_test_writes_a_message_box_to_stderr_and_closes_it(qapp, capsys) -> None:
    """A message box would wait for a click that never comes: the smoke test (and the packaging check) would hang."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from roadmap_app.ui.app import _SmokeTest
    from roadmap_app.ui.dialogs import tell

    smoke = _SmokeTest(qapp)
    still_open: list[bool] = []

    def close_it_anyway() -> None:  # so that a broken smoke test fails this test instead of hanging it
        box = QApplication.activeModalWidget()
        still_open.append(box is not None)
        if box is not None:
            box.close()

    fallback = QTimer(singleShot=True, interval=5000)
    fallback.timeout.connect(close_it_anyway)
    fallback.start()
    tell(None, "Cannot draw roadmap", "ImportError: no numpy")
    fallback.stop()
    assert smoke.messages == ["Cannot draw roadmap: ImportError: no numpy"]
    assert "smoke test: a message box was shown: Cannot draw roadmap: ImportError: no numpy" in capsys.readouterr().err
    assert still_open in ([], [False])
