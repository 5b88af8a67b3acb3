"""Light and dark themes: the Qt palette plus the colours the graph canvas draws with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from roadmap_app.domain.progress import Status

ICONS = Path(__file__).parent / "icons"
STYLE = "Fusion"
STYLE_SET = "roadmapStyleSet"  # an application property: True once the application runs STYLE
FALLBACK_CATEGORY_COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#9c755f",
                            "#ff9da7", "#bab0ac"]


@dataclass(frozen=True)
class Theme:
    name: str
    window: str
    surface: str
    surface_alt: str
    text: str
    text_muted: str
    border: str
    edge: str
    edge_soft: str
    accent: str
    match: str
    canvas: str
    status: dict
    on_accent: str = "#ffffff"  # text and marks drawn on the accent colour

    def color(self, attribute: str) -> QColor:
        return QColor(getattr(self, attribute))

    def status_color(self, status: Status) -> QColor:
        return QColor(self.status[status])


LIGHT = Theme(
    name="light", window="#f4f5f7", surface="#ffffff", surface_alt="#eef0f3", text="#1d2330",
    text_muted="#5b6475", border="#c5cad3", edge="#7d8594", edge_soft="#a9b0bc", accent="#2f6fde",
    match="#f2b705", canvas="#f7f8fa",
    status={Status.DONE: "#1f8a4c", Status.LEARNING: "#c77700", Status.SKIPPED: "#7b8290", Status.TODO: "#8a93a3"},
)
DARK = Theme(
    name="dark", window="#1e2128", surface="#2a2e37", surface_alt="#333844", text="#e8ebf1",
    text_muted="#a3abba", border="#4a5060", edge="#8891a3", edge_soft="#5d6576", accent="#6ea1ff",
    match="#ffd54a", canvas="#181b21",
    status={Status.DONE: "#4cc27e", Status.LEARNING: "#f0a53a", Status.SKIPPED: "#8f97a6", Status.TODO: "#9aa3b3"},
    on_accent="#14171d",
)

def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        value = scheme()
        if value == Qt.ColorScheme.Dark:
            return True
        if value == Qt.ColorScheme.Light:
            return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def resolve(choice: str) -> Theme:
    if choice == "dark":
        return DARK
    if choice == "light":
        return LIGHT
    return DARK if system_prefers_dark() else LIGHT


def apply_palette(app: QApplication, theme: Theme) -> None:
    """Fusion style with the theme's palette, so every widget is legible in both themes."""
    if app.property(STYLE_SET) is not True:
        app.setStyle(STYLE)  # returns the QStyle: its Python type, with a dozen enums, is made then (~7 ms)
        app.setProperty(STYLE_SET, True)
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.window, QPalette.ColorRole.WindowText: theme.text,
        QPalette.ColorRole.Base: theme.surface, QPalette.ColorRole.AlternateBase: theme.surface_alt,
        QPalette.ColorRole.Text: theme.text, QPalette.ColorRole.Button: theme.surface_alt,
        QPalette.ColorRole.ButtonText: theme.text, QPalette.ColorRole.ToolTipBase: theme.surface,
        QPalette.ColorRole.ToolTipText: theme.text, QPalette.ColorRole.Highlight: theme.accent,
        QPalette.ColorRole.HighlightedText: theme.on_accent, QPalette.ColorRole.Link: theme.accent,
        QPalette.ColorRole.PlaceholderText: theme.text_muted, QPalette.ColorRole.Mid: theme.border,
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.text_muted))
    app.setPalette(palette)
    app.setStyleSheet(style_sheet(theme))


def style_sheet(theme: Theme) -> str:
    """What Fusion draws too faintly on a dark window: check boxes (their outline is the window colour,
    darker) and pressed toggle buttons. Both themes use the same rules, so they look alike."""
    check = (ICONS / f"check-{theme.name}.svg").as_posix()
    return f"""
        QCheckBox::indicator {{ width: 14px; height: 14px; border: 1px solid {theme.text_muted};
                               border-radius: 3px; background: {theme.surface}; }}
        QCheckBox::indicator:hover {{ border-color: {theme.accent}; }}
        QCheckBox::indicator:checked {{ background: {theme.accent}; border-color: {theme.accent};
                                       image: url("{check}"); }}
        QCheckBox::indicator:disabled {{ border-color: {theme.border}; background: {theme.surface_alt}; }}
        QToolButton:checked, QPushButton:checked {{ background: {theme.accent}; color: {theme.on_accent};
                                                   border: 1px solid {theme.accent}; border-radius: 3px; }}
    """


def category_colors(roadmap) -> dict[str, QColor]:
    colors = {}
    for i, category in enumerate(roadmap.categories):
        colors[category.id] = QColor(category.color or FALLBACK_CATEGORY_COLORS[i % len(FALLBACK_CATEGORY_COLORS)])
    return colors
