"""Opening web links safely: only http and https ever reach the browser."""

from __future__ import annotations

from typing import TypeGuard
from urllib.parse import urlparse

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def is_web_link(url: str | None) -> TypeGuard[str]:
    if not url:
        return False
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def open_web_link(url: str | None) -> bool:
    """Open url in the browser if it is an http(s) link; returns whether it was opened."""
    if not is_web_link(url):
        return False
    return QDesktopServices.openUrl(QUrl(url))
