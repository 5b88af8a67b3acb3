"""Render the whole graph to PNG, SVG or PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from roadmap_app.services.errors import UserError
from roadmap_app.services.output import atomic_output, check_output_path

IMAGE_FORMATS = {".png": "PNG image", ".svg": "SVG drawing", ".pdf": "PDF document"}
MAX_PNG_SIDE = 16_000
MARGIN = 40


def export_scene(scene: QGraphicsScene, path: Path, background, *, scale: float = 1.5,
                 inputs: tuple[Path, ...] = ()) -> Path:
    """Write the scene to path (never over one of `inputs`, never half-written); the format comes from the suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in IMAGE_FORMATS:
        raise UserError(f"cannot export '{path.name}': use a name ending in .png, .svg or .pdf")
    path = check_output_path(path, list(inputs))
    selection = scene.selectedItems()
    scene.clearSelection()
    source = scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    try:
        with atomic_output(path) as temporary:
            if suffix == ".png":
                _png(scene, source, temporary, background, scale)
            elif suffix == ".svg":
                _svg(scene, source, temporary, background)
            else:
                _pdf(scene, source, temporary, background)
    except OSError as exc:
        raise UserError(f"could not write {path}: {exc.strerror or exc}; nothing was written") from None
    finally:
        for item in selection:
            item.setSelected(True)
    return path


def _render(device, scene: QGraphicsScene, source: QRectF, width: float, height: float, path: Path,
            background) -> None:
    """Paint the scene's source rectangle onto a paint device of the given size."""
    painter = QPainter()
    if not painter.begin(device):
        raise UserError(f"could not write {path}; check that the folder exists and is writable")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        target = QRectF(0, 0, width, height)
        painter.fillRect(target, background)
        scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
    finally:
        painter.end()


def _png(scene, source: QRectF, path: Path, background, scale: float) -> None:
    scale = min(scale, MAX_PNG_SIDE / max(source.width(), source.height()))
    size = QSize(max(1, int(source.width() * scale)), max(1, int(source.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(background)
    _render(image, scene, source, size.width(), size.height(), path, background)
    # The stubs want bytes for the format, but PySide 6.11 refuses bytes at run time and takes only str.
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
        raise UserError(f"could not write {path}; check that the folder exists and is writable")


def _svg(scene, source: QRectF, path: Path, background) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle("Roadmap")
    _render(generator, scene, source, source.width(), source.height(), path, background)


def _pdf(scene, source: QRectF, path: Path, background) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(72)
    page = QPageSize(QSizeF(source.width(), source.height()), QPageSize.Unit.Point, "Roadmap")
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    _render(writer, scene, source, source.width(), source.height(), path, background)
