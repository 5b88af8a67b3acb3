"""Render the whole graph to PNG, SVG or PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from roadmap_app.services.errors import UserError
from roadmap_app.services.output import check_output_path, write_output

IMAGE_FORMATS = {".png": "PNG image", ".svg": "SVG drawing", ".pdf": "PDF document"}
MAX_PNG_SIDE = 16_000
MARGIN = 40


def export_scene(scene: QGraphicsScene, path: Path, background, *, scale: float = 1.5,
                 inputs: tuple[Path, ...] = ()) -> Path:
    """Write the scene to path (never over one of `inputs`, never half-written); the format comes from the suffix.

    The drawing is made in memory and written in one go, so a full disk is an error, never a cut-off file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in IMAGE_FORMATS:
        raise UserError(f"cannot export '{path.name}': use a name ending in .png, .svg or .pdf")
    path = check_output_path(path, list(inputs))
    selection = scene.selectedItems()
    scene.clearSelection()
    source = scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    # Cards kept as pictures for the screen would be pictures in the file too (an SVG or PDF wants their text),
    # and a view far away draws cards and lines itself: in the file each item draws itself, in full.
    cached = [(item, item.cacheMode()) for item in scene.items()
              if item.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    empty = [item for item in scene.items() if item.flags() & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents]
    for item, _mode in cached:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    for item in empty:
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, False)
    try:
        render = {".png": _png, ".svg": _svg, ".pdf": _pdf}[suffix]
        data = render(scene, source, background, scale)
    finally:
        for item in selection:
            item.setSelected(True)
        for item, mode in cached:
            item.setCacheMode(mode)
        for item in empty:
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
    return write_output(path, data, list(inputs))


def _render(device, scene: QGraphicsScene, source: QRectF, width: float, height: float, background) -> None:
    """Paint the scene's source rectangle onto a paint device of the given size."""
    painter = QPainter()
    if not painter.begin(device):
        raise UserError("could not draw the image (the drawing is too large for memory?); nothing was written")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        target = QRectF(0, 0, width, height)
        painter.fillRect(target, background)
        scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
    finally:
        painter.end()


def _png(scene, source: QRectF, background, scale: float) -> bytes:
    scale = min(scale, MAX_PNG_SIDE / max(source.width(), source.height()))
    size = QSize(max(1, int(source.width() * scale)), max(1, int(source.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(background)
    _render(image, scene, source, size.width(), size.height(), background)
    buffer = _open_buffer()
    # The stubs want bytes for the format, but PySide 6.11 refuses bytes at run time and takes only str.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise UserError("could not encode the PNG image; nothing was written")
    return bytes(buffer.data().data())


def _svg(scene, source: QRectF, background, _scale: float) -> bytes:
    buffer = _open_buffer()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle("Roadmap")
    _render(generator, scene, source, source.width(), source.height(), background)
    return bytes(buffer.data().data())


def _pdf(scene, source: QRectF, background, _scale: float) -> bytes:
    buffer = _open_buffer()
    writer = QPdfWriter(buffer)
    writer.setResolution(72)
    page = QPageSize(QSizeF(source.width(), source.height()), QPageSize.Unit.Point, "Roadmap")
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    _render(writer, scene, source, source.width(), source.height(), background)
    del writer  # the PDF is finished when its writer goes
    return bytes(buffer.data().data())


def _open_buffer() -> QBuffer:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return buffer
