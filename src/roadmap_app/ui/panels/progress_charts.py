"""The Progress Charts panel's widgets: one tab per chart, a switch that hides every number and date, streaks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from roadmap_app.services.stats import CHART_KINDS

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    from roadmap_app.services.chart_figures import ChartPalette
    from roadmap_app.services.stats import Stats

MIN_CHART_HEIGHT = 220
TAB_TITLES = {"burnup": "Burn-up", "weekly": "Weekly hours", "calendar": "Activity", "categories": "By category",
              "calibration": "Estimates"}


class ProgressChartsPanel(QWidget):
    """Draws the shown tab's chart from Stats; a tab is drawn when it is first shown after a change."""

    tabShown = Signal(str)  # a chart kind
    optionsChanged = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Progress charts")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        options = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        options.addWidget(self.summary, 1)
        self.hide_numbers = QCheckBox("Hide numbers and dates")
        self.hide_numbers.setToolTip("Show the shapes only, for when time figures are more stress than help")
        self.streak = QCheckBox("Show streak")
        self.streak.setToolTip("Count days with at least 15 minutes of study; one rest day in a row is allowed")
        for box in (self.streak, self.hide_numbers):
            box.toggled.connect(lambda _=False: self.optionsChanged.emit())
            options.addWidget(box)
        layout.addLayout(options)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.canvases: dict[str, FigureCanvasQTAgg | None] = {}
        for kind in CHART_KINDS:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, TAB_TITLES[kind])
            self.canvases[kind] = None
        self.tabs.currentChanged.connect(lambda index: self.tabShown.emit(CHART_KINDS[index]))
        layout.addWidget(self.tabs, 1)
        self.drawn: set[str] = set()  # tabs drawn from the current numbers

    @property
    def current_kind(self) -> str:
        return CHART_KINDS[self.tabs.currentIndex()]

    def canvas(self, kind: str) -> FigureCanvasQTAgg:
        """The tab's canvas, made when the tab is first drawn (matplotlib loads with the first)."""
        canvas = self.canvases[kind]
        if canvas is None:
            import matplotlib

            matplotlib.use("QtAgg")
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            canvas = self.canvases[kind] = FigureCanvasQTAgg(Figure(layout="constrained"))
            canvas.setAccessibleName(f"{TAB_TITLES[kind]} chart")
            canvas.setMinimumHeight(MIN_CHART_HEIGHT)  # room for the axes, however small the dock is made
            holder = self.tabs.widget(CHART_KINDS.index(kind))
            layout = holder.layout() if holder is not None else None
            if layout is not None:
                layout.addWidget(canvas)
        return canvas

    def draw(self, kind: str, stats: Stats, palette: ChartPalette) -> None:
        from roadmap_app.services.chart_figures import chart_figure

        canvas = self.canvas(kind)
        chart_figure(kind, stats, palette, self.hide_numbers.isChecked(), figure=canvas.figure)
        canvas.draw_idle()
        self.drawn.add(kind)

    def show_summary(self, stats: Stats) -> None:
        if self.hide_numbers.isChecked():
            self.summary.setText("Numbers and dates are hidden: the shapes show how it goes.")
            return
        forecast, parts = stats.forecast, [f"{stats.percent_complete:.0f} % complete"]
        if forecast.likely is not None:
            pessimistic = f", {forecast.pessimistic:%d %b %Y} at worst" if forecast.pessimistic else ""
            parts.append(f"at your pace: {forecast.likely:%d %b %Y}{pessimistic}")
        if forecast.promised is not None:
            parts.append(f"plan: {forecast.promised:%d %b %Y}")
        self.summary.setText(" · ".join(parts))
