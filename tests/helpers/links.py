"""Where a link is drawn in a text browser, to click it as a person would."""

from __future__ import annotations

from PySide6.QtCore import QPoint


def anchor_point(browser, href: str) -> QPoint:
    viewport = browser.viewport()
    for y in range(0, viewport.height(), 2):
        for x in range(0, viewport.width(), 2):
            if browser.anchorAt(QPoint(x, y)) == href:
                return QPoint(x, y)
    raise AssertionError(f"no link to {href} on screen")


def record_opened_links(monkeypatch) -> list[str]:
    """The links the app hands to the desktop (QDesktopServices.openUrl), recorded instead of opened."""
    opened: list[str] = []

    class Desktop:
        @staticmethod
        def openUrl(url) -> bool:  # noqa: N802 - Qt API
            opened.append(url.toString())
            return True

    monkeypatch.setattr("roadmap_app.ui.links.QDesktopServices", Desktop)
    return opened
