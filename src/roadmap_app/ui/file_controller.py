"""File operations of the main window: export the graph image, export and import progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from roadmap_app.persistence.transfer import ImportReport
from roadmap_app.services import progress_ops as ops
from roadmap_app.services.database_thread import Job
from roadmap_app.services.errors import UserError
from roadmap_app.ui.canvas.export import export_scene
from roadmap_app.ui.dialogs import tell


class FileController(QObject):
    """Asks for file names, writes or reads, and reports the result in the window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def export_image(self) -> None:
        window = self.window
        if window.scene is None or window.document is None:
            return
        suggested = str(Path.home() / f"{window.document.roadmap.id}.png")
        name, _ = QFileDialog.getSaveFileName(window, "Export Image", suggested,
                                              "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)")
        if name:
            self.export_image_to(Path(name))

    def export_image_to(self, path: Path) -> bool:
        window = self.window
        try:
            inputs = (window.document.path,) if window.document and window.document.path else ()
            export_scene(window.scene, path, window.theme.color("canvas"), inputs=(*inputs, window.store.path))
        except UserError as exc:
            tell(window, "Export failed", str(exc))
            return False
        window.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def export_progress(self) -> None:
        window = self.window
        if window.document is None:
            return
        name, _ = QFileDialog.getSaveFileName(window, "Export Progress",
                                              str(Path.home() / f"{window.document.roadmap.id}-progress.json"),
                                              "Progress files (*.json)")
        if name:
            self.export_progress_to(Path(name))

    def export_progress_to(self, path: Path) -> None:
        window = self.window
        if window.document is None:
            return
        roadmap_id = window.document.roadmap.id
        window.database.submit(lambda session: ops.export_progress(session.store, path, roadmap_id),
                               lambda job: self._exported(path, job))

    def _exported(self, path: Path, job: Job) -> None:
        window = self.window
        if job.error is None:
            window.statusBar().showMessage(f"Saved progress to {path}", 5000)
        elif isinstance(job.error, UserError):
            tell(window, "Export failed", str(job.error))
        elif isinstance(job.error, OSError):
            tell(window, "Export failed", f"Cannot write {path}: {job.error.strerror or job.error}")
        else:
            tell(window, "Export failed", f"Cannot export progress: {job.error}")

    def import_progress(self) -> None:
        window = self.window
        if window.document is None:
            return
        name, _ = QFileDialog.getOpenFileName(window, "Import Progress", str(Path.home()), "Progress files (*.json)")
        if name:
            window.document.import_progress(Path(name), self._imported)

    def _imported(self, report: ImportReport | None) -> None:
        if report is None:
            return  # the document already showed why
        tell(self.window, "Progress imported",
             f"{report.added_progress} new and {report.updated_progress} updated statuses, "
             f"{report.added_resources} resources, {report.added_sessions} study sessions. "
             "Edit ▸ Undo takes the whole import back."
             if report.changed else "Nothing new: this file was already imported.",
             QMessageBox.Icon.Information)
