"""File operations of the main window: open a roadmap, export the graph, the plan or progress, import progress.

Every file dialog starts in the folder last used (remembered across restarts); every export says
where it went; nothing is ever written over a file the window reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from roadmap_app.paths import bundled_roadmaps_dir
from roadmap_app.services import progress_ops as ops
from roadmap_app.services.database_thread import Job
from roadmap_app.services.errors import UserError
from roadmap_app.services.output import write_output
from roadmap_app.ui.dialogs import tell

if TYPE_CHECKING:
    from roadmap_app.persistence.transfer import ImportReport

LAST_FOLDER = "last_folder"
ROADMAP_FILTER = "Roadmap files (*.roadmap.yaml *.roadmap.yml *.roadmap.json *.yaml *.yml *.json);;All files (*)"
CONFIRM_MS = 8000


class FileController(QObject):
    """Asks for file names, writes or reads, and reports the result in the window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    # ------------------------------------------------------------------ dialogs
    def _folder(self) -> Path:
        """The folder of the last file chosen; at first the open roadmap's folder, else the home folder."""
        stored = self.window.settings.value(LAST_FOLDER)
        if isinstance(stored, str) and stored and Path(stored).is_dir():
            return Path(stored)
        document = self.window.document
        if document is not None and document.path is not None and Path(document.path).parent.is_dir():
            return Path(document.path).parent
        return Path.home()

    def _remember(self, name: str) -> Path:
        path = Path(name)
        self.window.settings.setValue(LAST_FOLDER, str(path.parent))
        return path

    def ask_save(self, title: str, file_name: str, filters: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog  # its Python type is made when a dialog is first asked for

        name, _ = QFileDialog.getSaveFileName(self.window, title, str(self._folder() / file_name), filters)
        return self._remember(name) if name else None

    def ask_open(self, title: str, filters: str, folder: Path | None = None) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self.window, title, str(folder or self._folder()), filters)
        return self._remember(name) if name else None

    def _confirm(self, what: str, path: Path) -> None:
        self.window.statusBar().showMessage(f"Saved {what} to {path}", CONFIRM_MS)

    def _inputs(self) -> tuple[Path, ...]:
        document = self.window.document
        return document.files_read() if document is not None else (self.window.store.path,)

    # ------------------------------------------------------------------ roadmaps
    def open_roadmap(self) -> None:
        first_time = self.window.settings.value(LAST_FOLDER) is None
        path = self.ask_open("Open Roadmap", ROADMAP_FILTER, bundled_roadmaps_dir() if first_time else None)
        if path is not None:
            self.window.open_roadmap(path)

    # ------------------------------------------------------------------ image
    def export_image(self) -> None:
        window = self.window
        if window.scene is None or window.document is None:
            return
        path = self.ask_save("Export Image", f"{window.document.roadmap.id}.png",
                             "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)")
        if path is not None:
            self.export_image_to(path)

    def export_image_to(self, path: Path) -> bool:
        from roadmap_app.ui.canvas.export import export_scene  # with QtSvg: when an image is first exported

        window = self.window
        try:
            export_scene(window.scene, path, window.theme.color("canvas"), inputs=self._inputs())
        except UserError as exc:
            tell(window, "Export failed", str(exc))
            return False
        self._confirm("the image", path)
        return True

    # ------------------------------------------------------------------ plan
    def export_plan(self, fmt: str) -> None:
        from roadmap_app.ui.panels.plan_view import EXPORTS  # the plan panel (and its module) is made when needed

        window = self.window
        if window.plan_panel.plan is None or window.document is None:
            return
        label, pattern = EXPORTS[fmt]
        path = self.ask_save(f"Export Plan as {label}", f"{window.document.roadmap.id}-plan{pattern[1:]}",
                             f"{label} ({pattern})")
        if path is not None:
            self.export_plan_to(path, fmt)

    def export_plan_to(self, path: Path, fmt: str) -> bool:
        try:
            write_output(path, self.window.plan_panel.render_export(fmt), list(self._inputs()))
        except UserError as exc:
            tell(self.window, "Export failed", str(exc))
            return False
        self._confirm("the plan", path)
        return True

    # ------------------------------------------------------------------ progress
    def export_progress(self) -> None:
        window = self.window
        if window.document is None:
            return
        path = self.ask_save("Export Progress", f"{window.document.roadmap.id}-progress.json",
                             "Progress files (*.json)")
        if path is not None:
            self.export_progress_to(path)

    def export_progress_to(self, path: Path) -> None:
        window = self.window
        if window.document is None:
            return
        roadmap_id, inputs = window.document.roadmap.id, self._inputs()
        window.database.submit(lambda session: ops.export_progress(session.store, path, roadmap_id, inputs),
                               lambda job: self._exported(path, job))

    def _exported(self, path: Path, job: Job) -> None:
        window = self.window
        if job.error is None:
            self._confirm("your progress", path)
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
        path = self.ask_open("Import Progress", "Progress files (*.json);;All files (*)")
        if path is not None:
            window.document.import_progress(path, self._imported)

    def _imported(self, report: ImportReport | None) -> None:
        if report is None:
            return  # the document already showed why
        tell(self.window, "Progress imported",
             f"{report.added_progress} new and {report.updated_progress} updated statuses, "
             f"{report.added_resources} resources, {report.added_sessions} study sessions. "
             "Edit ▸ Undo takes the whole import back."
             if report.changed else "Nothing new: this file was already imported.",
             QMessageBox.Icon.Information)
