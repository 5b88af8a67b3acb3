"""A slim bar above the graph: what a reload of the roadmap changed, or a question before one that moves progress."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton, QWidget

from roadmap_app.services.update_preview import UpdatePreview, summary_line
from roadmap_app.ui.text import LABEL_CHARS, elide, plain_tooltip

SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard


class UpdateBanner(QWidget):
    """A slim bar above the graph telling what a reload changed, or asking before a reload that moves progress."""

    detailsRequested = Signal()
    acceptRequested = Signal()
    keepRequested = Signal()
    closed = Signal()

    AUTO_HIDE_MS = 15_000

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview: UpdatePreview | None = None
        self.pending = False
        self._hovered = False
        self._texts: list[str] = []  # the message, from the longest form down: the one that fits is shown
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setAccessibleName("Roadmap update")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 5, 6, 5)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.RichText)  # the title in it is escaped
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(SELECTABLE)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(self.message, 1)
        self.details_button = self._button("Details", "Show what the new version changed", self.detailsRequested)
        self.review_button = self._button("Review…", "Show what the new version would change",
                                          self.detailsRequested)
        self.accept_button = self._button("Use New Version", "Replace the current version with the new one",
                                          self.acceptRequested, answers=True)
        self.keep_button = self._button("Keep Current", "Keep the version you have; the new one is not used",
                                        self.keepRequested, answers=True)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName("Close")
        self.close_button.setToolTip("Close this message")
        self.close_button.clicked.connect(self.dismiss)
        for widget in (self.details_button, self.review_button, self.accept_button, self.keep_button,
                       self.close_button):
            row.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._hide_unless_in_use)
        self.hide()

    def _button(self, text: str, tip: str, signal, answers: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        button.setToolTip(tip)
        button.clicked.connect(signal.emit)
        if answers:
            button.clicked.connect(self._answered)
        return button

    # ------------------------------------------------------------------ showing
    def show_applied(self, preview: UpdatePreview) -> None:
        """The update was applied at once: its summary, Details and ×; hides itself after a while unless hovered."""
        self._show(preview, pending=False, leads=("Updated", "Updated"))
        self._timer.start(self.AUTO_HIDE_MS)

    def show_pending(self, preview: UpdatePreview) -> None:
        """The update would move progress, so it waits: summary, Review…, Use New Version and Keep Current."""
        self._show(preview, pending=True, leads=("A new version is waiting", "New version"))
        self._timer.stop()

    def _show(self, preview: UpdatePreview, pending: bool, leads: tuple[str, str]) -> None:
        self.preview, self.pending = preview, pending
        title = html.escape(elide(preview.new.title, LABEL_CHARS))
        whole, short = html.escape(summary_line(preview)), html.escape(summary_line(preview, with_plan=False))
        self._texts = [f"<b>{leads[0]}: ‘{title}’</b> — {whole}", f"<b>{leads[1]}:</b> {whole}",
                       f"<b>{leads[1]}:</b> {short}"]
        self.setToolTip(plain_tooltip(f"{leads[0]}: ‘{preview.new.title}’ — {summary_line(preview)}"))
        self.message.setText(self._texts[0])
        self.details_button.setVisible(not pending)
        self.close_button.setVisible(not pending)
        for button in (self.review_button, self.accept_button, self.keep_button):
            button.setVisible(pending)
        self.show()
        self._fit_message()

    def _fit_message(self) -> None:
        """The longest of the texts that fits in two lines, so the bar stays slim in a narrow window."""
        width = self.message.width()
        if not self._texts or width <= 0:
            return
        room = 2 * self.message.fontMetrics().lineSpacing() + 2
        for text in self._texts:
            self.message.setText(text)
            if self.message.heightForWidth(width) <= room:
                return

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_message()

    def dismiss(self) -> None:
        """Hide the bar (its ×); a pending update stays unanswered."""
        self._timer.stop()
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def _answered(self) -> None:
        self._timer.stop()
        self.pending = False
        self.hide()

    def _hide_unless_in_use(self) -> None:
        if self._hovered:  # being read (a Leave restarts the timer, but look again in case it never comes)
            self._timer.start(self.AUTO_HIDE_MS // 3)
            return
        self.dismiss()

    # ------------------------------------------------------------------ drawing
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Enter:
            self._hovered = True
            self._timer.stop()
        elif event.type() == QEvent.Type.Leave:
            self._hovered = False
            if self.isVisible() and not self.pending:
                self._timer.start(self.AUTO_HIDE_MS)
        return super().event(event)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        base = palette.color(QPalette.ColorRole.Base)
        painter = QPainter(self)
        painter.fillRect(self.rect(), _mix(base, accent, 0.14))
        painter.fillRect(0, 0, 4, self.height(), accent)
        painter.fillRect(0, self.height() - 1, self.width(), 1, palette.color(QPalette.ColorRole.Mid))
        painter.end()


def _mix(first: QColor, second: QColor, share: float) -> QColor:
    """`first` with `share` of `second` mixed in."""
    return QColor(*(round(a * (1 - share) + b * share) for a, b in
                    ((first.red(), second.red()), (first.green(), second.green()), (first.blue(), second.blue()))))
