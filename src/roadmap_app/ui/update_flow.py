"""Before a new version of a tracked roadmap is shown: what it changes, told in a bar (reloads) or a dialog (opens).

A version that changes no skill is taken at once. One read from disk (the file changed, or Reload) is taken and
described in a bar above the graph, unless it moves progress (to the archive, or from one skill to another): then
the bar waits for an answer and the map keeps the version before. Opening a file of a tracked roadmap that adds,
removes or renames skills, moves progress or the plan's finish date, compared with the version open or accepted
last (a newer copy someone sent, a bundled roadmap after an upgrade), shows the whole preview first; smaller
changes (titles, estimates, lines) are used and told in the bar. The version accepted last is kept per roadmap id
in the data folder.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QBoxLayout

from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.domain.tracking import TrackedProgress
from roadmap_app.services.accepted_versions import last_accepted, remember
from roadmap_app.services.database_thread import Job

if TYPE_CHECKING:  # the preview, its plans and its widgets load when a new version first comes, not at start-up
    from roadmap_app.services.planning import PlanRequest
    from roadmap_app.services.update_preview import UpdatePreview
    from roadmap_app.ui.main_window import MainWindow
    from roadmap_app.ui.update_banner import UpdateBanner
    from roadmap_app.ui.update_preview import UpdatePreviewDialog

class UpdateFlow(QObject):
    """Decides how a new version is shown: at once, in the update bar, or after the preview dialog."""

    def __init__(self, window: MainWindow, place: QBoxLayout):
        """`place`: the layout above the graph the update bar goes to (at its top) when first needed."""
        super().__init__(window)
        self.window = window
        self._place = place
        self._banner: UpdateBanner | None = None
        self.preview: UpdatePreview | None = None  # the one the bar tells of
        self.waiting: tuple[Roadmap, Path] | None = None  # a version read from disk that waits for an answer
        self._accepted: dict[str, Roadmap] = {}  # what this window knows to be stored as accepted
        self.dialog: UpdatePreviewDialog | None = None  # the preview being shown

    @property
    def banner(self) -> UpdateBanner:
        if self._banner is None:
            from roadmap_app.ui.update_banner import UpdateBanner

            banner = self._banner = UpdateBanner()
            banner.detailsRequested.connect(self._show_details)
            banner.acceptRequested.connect(self._accept_waiting)
            banner.keepRequested.connect(self._keep_current)
            self._place.insertWidget(0, banner)
        return self._banner

    # ------------------------------------------------------------------ a new version of the open roadmap
    def new_version(self, roadmap: Roadmap, path: Path, *, from_disk: bool) -> None:
        """`roadmap` has the open document's id: replace it now, tell of it, or ask first."""
        document = self.window.document
        assert document is not None and roadmap.id == document.roadmap.id
        if roadmap == document.roadmap:  # a save of what is shown, or a copy of it
            self._take(roadmap, path)
            return
        preview = self._preview(document.roadmap, roadmap, document.tracked)
        if from_disk and preview.update.moves_progress():
            self.waiting, self.preview = (roadmap, path), preview
            self.banner.show_pending(preview)
        elif not from_disk and _worth_asking(preview):
            self._ask(preview, lambda: self._take(roadmap, path))
        else:  # read from disk, or opened on purpose with only titles, estimates or lines changed: used, and told
            self._take(roadmap, path)
            if not preview.update.is_empty():  # only words or resources changed: nothing to tell
                self.preview = preview
                self.banner.show_applied(preview)

    def _take(self, roadmap: Roadmap, path: Path) -> None:
        self._drop_waiting()  # a version read from disk and waiting is not the one shown any more
        self.window.replace_roadmap(roadmap, path)
        self.accepted(roadmap)

    def _ask(self, preview: UpdatePreview, take: Callable[[], None], keep: Callable[[], None] | None = None) -> None:
        from roadmap_app.services.update_preview import summary_line
        from roadmap_app.ui.update_preview import UpdatePreviewDialog  # with its widgets: when first needed

        dialog = UpdatePreviewDialog(preview, self.window)
        self.dialog = dialog

        def answered(result: int) -> None:
            self.dialog = None
            dialog.deleteLater()
            if result:
                take()
                self.window.statusBar().showMessage(f"Using the new version: {summary_line(preview)}", 8000)
            else:
                self.window.statusBar().showMessage("Kept the version you had; the new one was not used.", 8000)
                if keep is not None:
                    keep()

        dialog.finished.connect(answered)
        dialog.open()  # window-modal, and the event loop goes on (file watching, the database thread)

    def _show_details(self) -> None:
        if self.preview is None:
            return
        if self.waiting is None:  # already applied: the dialog only tells, whatever button closes it
            self._ask(self.preview, lambda: None)
        else:
            self._ask(self.preview, self._accept_waiting, self._keep_current)

    def _accept_waiting(self) -> None:
        waiting, self.waiting = self.waiting, None
        self.banner.dismiss()
        if waiting is not None and self.window.document is not None and self.window.document.roadmap.id == \
                waiting[0].id:
            self._take(*waiting)

    def _keep_current(self) -> None:
        if self.waiting is not None:
            self.waiting = None
            self.window.statusBar().showMessage("Kept the version you had. The file on disk is newer: File ▸ Reload "
                                                "offers it again.", 8000)
        self.banner.dismiss()

    def _drop_waiting(self) -> None:
        if self.waiting is not None:
            self.waiting = None
            self.banner.dismiss()
        elif self._banner is not None and self._banner.isVisible():
            self._banner.dismiss()  # it told of a version that is not the one shown any more

    # ------------------------------------------------------------------ opening a tracked roadmap's file
    def before_opening(self, roadmap: Roadmap, open_it: Callable[[], None], refused: Callable[[], None]) -> None:
        """A roadmap not open now: compare it with the version accepted last, and ask if its skills differ."""
        old = self._accepted.get(roadmap.id) or last_accepted(self.window.data_dir, roadmap.id)
        if old is not None and old == roadmap:
            self._accepted[roadmap.id] = old  # stored already: nothing to write
            open_it()
            return
        if old is None:
            self.accepted(roadmap)
            open_it()
            return

        def compare(job: Job) -> None:
            if job.error is not None:  # the progress could not be read: the open goes on and says why itself
                open_it()
                return
            preview = self._preview(old, roadmap, job.result)
            if not _worth_asking(preview):
                self.accepted(roadmap)
                open_it()
            else:
                def take() -> None:
                    self.accepted(roadmap)
                    open_it()

                self._ask(preview, take, refused)

        self.window.database.submit(lambda session: session.load(old), compare)

    def accepted(self, roadmap: Roadmap) -> None:
        """Keep `roadmap` as the version its id is tracked with (what the next update is compared with)."""
        if self._accepted.get(roadmap.id) != roadmap:
            remember(self.window.data_dir, roadmap)
            self._accepted[roadmap.id] = roadmap

    # ------------------------------------------------------------------ the plan compared
    def _preview(self, old: Roadmap, new: Roadmap, tracked: TrackedProgress) -> UpdatePreview:
        from roadmap_app.services.update_preview import preview_update

        return preview_update(old, new, tracked, self._plan_request(old.id), date.today())

    def _plan_request(self, roadmap_id: str) -> PlanRequest:
        return self.window.plan_request(roadmap_id)


def _worth_asking(preview: UpdatePreview) -> bool:
    """Skills come, go or are renamed, progress moves, or the plan's finish date moves: a person decides."""
    update = preview.update
    return bool(update.added or update.removed or update.renamed or update.merged or update.moves_progress()
                or preview.finish_before != preview.finish_after)

