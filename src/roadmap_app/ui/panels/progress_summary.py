"""The status bar's progress summary: overall percent, then each category's, as long as the names fit."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QLabel, QSizePolicy


@dataclass(frozen=True)
class CategoryShare:
    title: str
    color: QColor
    percent: float


class ProgressSummary(QLabel):
    """Shows category names whole when they fit, else their first words, else only colour and percent.

    Whatever the width, every category stays in view; the tooltip always lists the full names.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._overall = ""
        self._shares: list[CategoryShare] = []

    def show_progress(self, overall: str, shares: list[CategoryShare]) -> None:
        """overall: plain text such as '12 % complete (3 done, 1 learning)'."""
        self._overall, self._shares = overall, shares
        self.setToolTip("Percent complete by estimated hours (skipped skills left out)\n" +
                        "\n".join(f"{share.title}: {share.percent:.0f} %" for share in shares))
        self._fit()

    def clear_progress(self) -> None:
        self._overall, self._shares = "", []
        self.setToolTip("")
        self.clear()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self._overall:
            return
        room = self.contentsRect().width()
        whole, first_word, none = (lambda t: t), (lambda t: t.split()[0]), (lambda t: "")
        for counts, naming in ((True, whole), (True, first_word), (False, first_word), (False, none)):
            text = self._text(counts, naming)
            if self._width(text) <= room:
                break
        self.setText(text)

    def _text(self, counts: bool, naming: Callable[[str], str]) -> str:
        head, _, rest = self._overall.partition(" complete")
        parts = [f"<b>{html.escape(head)} complete</b>{html.escape(rest) if counts else ''}"]
        for share in self._shares:
            name = naming(share.title)
            label = f"{html.escape(name)} {share.percent:.0f} %" if name else f"{share.percent:.0f} %"
            parts.append(f'<span style="color:{share.color.name()}">■</span> {label}')
        return " &nbsp; ".join(parts)

    def _width(self, rich: str) -> float:
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setDocumentMargin(0)
        document.setHtml(rich)
        return document.idealWidth()
