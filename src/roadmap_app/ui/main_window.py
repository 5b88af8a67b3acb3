"""The main window: graph in the centre, details on the right, menus, toolbar and status bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QRectF, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from roadmap_app.domain.layout import LayoutResult
from roadmap_app.domain.navigation import Direction, neighbour, start_node
from roadmap_app.domain.progress import Status
from roadmap_app.domain.records import SessionRecord
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.domain.search import search_nodes
from roadmap_app.formats.loader import MAX_FILE_BYTES, LoadResult
from roadmap_app.paths import default_roadmap_path
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services.database_thread import Job
from roadmap_app.services.roadmap_cache import cached_check, cached_check_content
from roadmap_app.ui import theme as themes
from roadmap_app.ui.arrangement import MapArrangement
from roadmap_app.ui.canvas.minimap import Minimap
from roadmap_app.ui.canvas.scene import GraphScene
from roadmap_app.ui.canvas.view import GraphView
from roadmap_app.ui.charts_controller import ChartsController
from roadmap_app.ui.database_bridge import DatabaseBridge
from roadmap_app.ui.dialogs import LogStudyDialog, message_box, show_problems, tell
from roadmap_app.ui.document import RoadmapDocument
from roadmap_app.ui.drop_opener import RoadmapDropTarget
from roadmap_app.ui.edit_controller import EditController
from roadmap_app.ui.file_controller import FileController
from roadmap_app.ui.layout_task import LayoutRunner
from roadmap_app.ui.library import Library
from roadmap_app.ui.live_reload import LiveReload
from roadmap_app.ui.panels.details import DetailsPanel
from roadmap_app.ui.panels.progress_summary import CategoryShare, ProgressSummary
from roadmap_app.ui.panels.search import SearchBar
from roadmap_app.ui.recent_files import RecentRoadmaps
from roadmap_app.ui.roadmap_loader import RoadmapLoader
from roadmap_app.ui.text import elide
from roadmap_app.ui.this_week_controller import ThisWeekController
from roadmap_app.ui.update_flow import UpdateFlow
from roadmap_app.ui.view_memory import ViewState, load_view_state, save_view_state, setting_number
from roadmap_app.ui.window_actions import WindowCommands, build_menus_and_toolbar

if TYPE_CHECKING:
    from roadmap_app.services.planning import PlanRequest
    from roadmap_app.ui.panels.plan_view import PlanPanel

MINIMAP_SKILLS = 40  # smaller maps fit the window; the overview would only cover them
SCENE_IN_ONE_GO = 2000  # skills; a bigger map is built a chunk at a time between events


DEFAULT_PLAN_HOURS = 8.0  # the Plan panel's own default, for a plan asked of before the panel is made


class MainWindow(QMainWindow):
    roadmapOpened = Signal(object, str)  # resolved path, title: a roadmap is now shown (or shown anew)

    def __init__(self, store: ProgressStore, data_dir: Path):
        super().__init__()
        self.store = store
        self.database = DatabaseBridge(store, self)
        self.data_dir = Path(data_dir)
        self.settings = QSettings(str(self.data_dir / "settings.ini"), QSettings.Format.IniFormat)
        # settings.ini may be damaged or edited by hand: a value that makes no sense is ignored
        theme_choice = str(self.settings.value("theme", "system"))
        self.theme_choice = theme_choice if theme_choice in ("system", "light", "dark") else "system"
        self.theme = themes.resolve(self.theme_choice)
        self.document: RoadmapDocument | None = None
        self.scene: GraphScene | None = None
        self.matches: list[str] = []
        self.match_index = -1
        self.layout_runner = LayoutRunner(self.data_dir / "layout-cache", self)
        self.arrangement = MapArrangement(self.settings, self.data_dir / "layout-cache", lambda: self.theme, self)
        self.arrangement.rearranged.connect(self._show_rearranged)
        self.arrangement.failed.connect(lambda message: tell(self, "Cannot draw roadmap", message))
        self._reveal: str | None = None  # a skill to select once its collapsed category is drawn expanded
        self.layout_runner.finished.connect(self._on_layout_ready)
        self.layout_runner.failed.connect(self._on_layout_failed)
        self._pending: tuple[Roadmap, Path] | None = None
        self._reading: Path | None = None
        self._reading_content: bytes | None = None
        self._keep_view = False
        self.loader = RoadmapLoader(self)
        self.loader.finished.connect(self._on_file_read)
        self.loader.failed.connect(self._on_file_failed)

        self.files = FileController(self)
        self.setWindowTitle("Roadmap")
        available = self.screen().availableGeometry()  # a first start on a small screen fits it
        self.resize(min(1400, available.width() * 9 // 10), min(900, available.height() * 9 // 10))
        self._build_central()
        self._build_details()
        self._build_plan()
        self.this_week = ThisWeekController(self)
        self.tabifyDockWidget(self.plan_dock, self.this_week.dock)
        self.charts = ChartsController(self)
        self.tabifyDockWidget(self.this_week.dock, self.charts.dock)
        # the ways of opening a roadmap besides File ▸ Open: Open Recent, drag and drop, the Library page
        self.recent = RecentRoadmaps(self.settings)
        self.roadmapOpened.connect(self.recent.add)
        self.drops = RoadmapDropTarget(self)
        self.library = Library(self)
        self.live = LiveReload(self)  # follows the open file on disk; owns the Problems dock
        self.updates = UpdateFlow(self, self.central_layout)  # what a new version changes, told before it is used
        self.tabifyDockWidget(self.plan_dock, self.live.dock)
        self.commands = WindowCommands(self)
        self.commands.all_lines.setChecked(str(self.settings.value("show_all_lines", "false")).lower() == "true")
        self.commands.minimap.setChecked(str(self.settings.value("show_minimap", "true")).lower() == "true")
        self.commands.lanes.setChecked(self.arrangement.lanes)
        build_menus_and_toolbar(self, self.commands)
        self.edits = EditController(self)  # edit mode: the Roadmap menu, the skill editor, drag to connect
        self.history = self.edits.history
        self._build_status_bar()
        self._apply_theme()
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):  # anything else is damage; restoreGeometry() rejects bad bytes itself
            self.restoreGeometry(geometry)
        state = self.settings.value("window_state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        hints = QApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._on_color_scheme_changed)

    # ------------------------------------------------------------------ building
    def _build_central(self) -> None:
        container = QWidget()
        layout = self.central_layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.search_bar = SearchBar()
        self.search_bar.hide()
        self.search_bar.queryChanged.connect(self._on_search)
        self.search_bar.nextRequested.connect(lambda: self._jump_match(+1))
        self.search_bar.previousRequested.connect(lambda: self._jump_match(-1))
        self.search_bar.closed.connect(lambda: self.view.setFocus())
        self.stack = QStackedWidget()
        self.view: GraphView = GraphView()
        self.view.zoomChanged.connect(lambda s: self.zoom_label.setText(f"Zoom {s * 100:.0f} %"))
        self.view.nodeContextMenuRequested.connect(self._show_node_menu)
        self.view.navigateRequested.connect(self._navigate)
        self.minimap = Minimap(self.view, self.theme)
        self.minimap.hide()
        self.placeholder = QLabel("Open a roadmap file (File ▸ Open…) to see its skills.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(container)

    def _build_details(self) -> None:
        self.details = DetailsPanel()
        self.details.nodeLinkActivated.connect(self.select_and_show)
        self.details.logStudyRequested.connect(self.log_study_time)
        self.details.editSessionRequested.connect(self.edit_session)
        self.details_dock = QDockWidget("Details", self)
        self.details_dock.setObjectName("detailsDock")
        self.details_dock.setWidget(self.details)
        self.details_dock.setMinimumWidth(340)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details_dock)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)

    def _build_plan(self) -> None:
        """The Study Plan dock; its panel is made when the dock is first shown or the panel first needed."""
        self._plan_panel: PlanPanel | None = None
        self._plan_goals: list[str] = []  # the goals until the panel is made (it keeps them then)
        self.plan_dock = QDockWidget("Study Plan", self)
        self.plan_dock.setObjectName("planDock")
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.plan_dock)
        self.plan_dock.hide()
        self.plan_dock.visibilityChanged.connect(self._make_plan_panel_when_shown)
        self.plan_dock.visibilityChanged.connect(lambda _: self._on_plan_changed(None))
        self.plan_dock.visibilityChanged.connect(self._leave_room_for_the_graph)

    @property
    def plan_panel(self) -> PlanPanel:
        """The Study Plan panel. Hidden at start (unless the last session left it open), it is made when first
        needed rather than before the first frame (its module, widgets and their Python types: ~10 ms)."""
        return self._make_plan_panel()

    def _make_plan_panel_when_shown(self, visible: bool) -> None:
        if visible:
            self._make_plan_panel()

    def _make_plan_panel(self) -> PlanPanel:
        if self._plan_panel is None:
            from roadmap_app.ui.panels.plan_view import PlanPanel

            panel = PlanPanel(self.theme)
            panel.restore_inputs(self.settings.value("plan_hours"), self.settings.value("plan_pace"))
            panel.add_goal_button.clicked.connect(self._add_selected_goal)
            panel.planChanged.connect(self._on_plan_changed)
            panel.exportRequested.connect(self.files.export_plan)
            self._plan_panel = panel
            if self.document is not None:
                panel.set_document(self.document)
                if self._plan_goals:
                    panel.set_goals(self._plan_goals)
            self.plan_dock.setWidget(panel)
        return self._plan_panel

    def plan_goals(self) -> list[str]:
        """The open roadmap's plan goals, whether or not the Plan panel was made yet."""
        return list(self._plan_goals if self._plan_panel is None else self._plan_panel.goals)

    def plan_request(self, roadmap_id: str) -> PlanRequest:
        """The plan the person sees (or would see) for a roadmap: the Plan panel's inputs and goals."""
        from roadmap_app.services.planning import PlanRequest

        document, panel = self.document, self._plan_panel
        is_open = document is not None and document.roadmap.id == roadmap_id
        if panel is not None and is_open:
            return panel.request()
        hours, pace = (setting_number(self.settings.value(key)) for key in ("plan_hours", "plan_pace"))
        hours = hours if hours is not None and hours > 0 else DEFAULT_PLAN_HOURS  # a damaged value is ignored
        pace = pace if pace is not None and pace > 0 else 1.0
        if is_open:
            goals = self.plan_goals()
        else:
            state = load_view_state(self.settings, roadmap_id)
            goals = list(state.goals) if state is not None else []
        return PlanRequest(hours_per_week=hours, goals=goals, pace=pace)

    def made_plan_panel(self) -> PlanPanel | None:
        """The Plan panel if it was made (its inputs are then the ones to use), else None: nothing is made."""
        return self._plan_panel

    def _set_plan_goals(self, goals: list[str]) -> None:
        if self._plan_panel is None:
            self._plan_goals = list(dict.fromkeys(goals))
        else:
            self._plan_panel.set_goals(goals)

    def _add_selected_goal(self) -> None:
        node_id = self.selected_node()
        if node_id:
            self.plan_panel.add_goal(node_id)

    def _on_plan_changed(self, _plan) -> None:
        if self.scene is not None:
            visible = self.plan_dock.isVisible()
            self.scene.set_plan_nodes(self.plan_panel.current_week_nodes() if visible else set())

    def plan_up_to(self, node_id: str | None = None) -> None:
        node_id = node_id or self.selected_node()
        if node_id is None:
            return
        self.plan_panel.set_goals([node_id])
        self.plan_dock.show()
        self.plan_dock.raise_()

    def _show_node_menu(self, node_id: str, position) -> None:
        self.node_menu_for(node_id).exec(position)

    def node_menu_for(self, node_id: str) -> QMenu:
        """The right-click menu of a skill."""
        menu = QMenu(self)
        for action in self.commands.status.values():
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.commands.log)
        menu.addAction(self.commands.plan_here)

        def add_to_goals() -> None:
            self.plan_panel.add_goal(node_id)
            self.plan_dock.show()

        menu.addAction("Add to Plan Goals", add_to_goals)
        menu.addSeparator()
        menu.addAction(self.commands.zoom_selection)
        if self.document is not None and node_id in self.document.roadmap.nodes_by_id:
            roadmap = self.document.roadmap
            category = roadmap.node(node_id).category
            title = next((c.title for c in roadmap.categories if c.id == category), category)
            menu.addAction(f"Collapse Category “{elide(title, 40)}”", lambda: self.collapse_category(category))
        self.edits.add_node_actions(menu, node_id)
        return menu

    def _leave_room_for_the_graph(self, visible: bool) -> None:
        """The plan docked below takes at most 45 % of the height when it appears; the graph keeps the rest."""
        def shrink() -> None:  # once the dock has been laid out
            if not self.plan_dock.isFloating() and self.plan_dock.height() > 0.45 * self.height():
                self.resizeDocks([self.plan_dock], [int(0.4 * self.height())], Qt.Orientation.Vertical)

        if visible:
            QTimer.singleShot(0, shrink)

    def _build_status_bar(self) -> None:
        self.progress_label = ProgressSummary()
        self.saving_label = QLabel("Saving…")
        self.saving_label.setToolTip("Waiting for the progress database; the window stays usable")
        self.saving_label.hide()
        self.zoom_label = QLabel()
        self.statusBar().addPermanentWidget(self.progress_label, 1)
        # a message is drawn left of the first permanent widget, and the stretching summary leaves it no room
        self.statusBar().messageChanged.connect(lambda text: self.progress_label.setVisible(not text))
        self.statusBar().addPermanentWidget(self.saving_label)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # moving, with no percentage: reading and laying out give none
        self.busy_bar.setMaximumWidth(140)
        self.busy_bar.hide()
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.statusBar().addPermanentWidget(self.zoom_label)

    # ------------------------------------------------------------------ opening
    def open_initial(self, requested: str | None) -> None:
        candidates = [Path(requested)] if requested else []
        last = self.settings.value("last_roadmap")
        if not requested and last and Path(str(last)).is_file():
            candidates.append(Path(str(last)))
        if not requested:
            candidates.append(default_roadmap_path())
        for path in candidates:
            if self.open_roadmap(path):
                return
        self.library.show()  # nothing could be opened: offer what there is

    def reload(self) -> None:
        """Read the open file again; problems go to the Problems panel while the map stays."""
        self.live.reload()

    # ------------------------------------------------------------------ edits of the roadmap file (edit_controller)
    def edits_unsaved(self) -> bool:
        """The roadmap has edits not yet written to its file."""
        return self.edits.unsaved

    def reload_discarding_edits(self) -> None:
        """Drop unsaved edits and show the file as it is on disk (it changed there, and the person chose it)."""
        self.edits.reload_discarding_edits()

    def select_when_drawn(self, node_id: str | None) -> None:
        """Select a skill of the roadmap just replaced once its new map is drawn."""
        self._reveal = node_id

    def open_roadmap(self, path: Path, keep_view: bool = False, content: bytes | None = None) -> bool:
        """Load and validate a file; on problems show every message and keep what is open.

        Returns False when the file was refused at once; a large file is read in another process and
        its problems, if any, are shown when it is done. `content`: the file's bytes, read already because it
        changed on disk (or File ▸ Reload): problems then go to the Problems panel, not to a dialog.
        """
        path = Path(path)
        if not self.edits.files.confirm_unsaved("opening a roadmap"):
            return False
        self._keep_view = keep_view
        size = len(content) if content is not None else None
        if RoadmapLoader.needs_worker(path) if size is None else RoadmapLoader.is_big(size) and size <= MAX_FILE_BYTES:
            self._reading, self._reading_content = path, content
            self.statusBar().showMessage(f"Reading {path.name}…")
            self.busy_bar.show()
            self.loader.start(path, content)
            return True
        try:
            result = (cached_check(path, self.data_dir / "roadmap-cache") if content is None
                      else cached_check_content(content, str(path), self.data_dir / "roadmap-cache"))
        except OSError as exc:
            tell(self, "Cannot open roadmap", f"Cannot read {path}: {exc.strerror or exc}")
            return False
        return self._use_checked(path, result, content)

    def opening_another_file(self, path: Path) -> bool:
        """A file other than `path` is being read or laid out, to be shown instead."""
        return (self._reading not in (None, path)) or (self._pending is not None and self._pending[1] != path)

    def checking(self, path: Path) -> bool:
        """A version of `path` is being read and checked in another process."""
        return self._reading == path

    def _on_file_read(self, path: Path, result: LoadResult) -> None:
        if path != self._reading:
            return  # another file was asked for since
        content, self._reading, self._reading_content = self._reading_content, None, None
        self.busy_bar.hide()
        self.statusBar().clearMessage()
        if not self._use_checked(path, result, content):
            self._open_default_if_empty()

    def _on_file_failed(self, path: Path, message: str) -> None:
        if path == self._reading:
            self._reading = None
            self.busy_bar.hide()
            tell(self, "Cannot open roadmap", f"Cannot read {path}: {message}")
            self._open_default_if_empty()

    def _open_default_if_empty(self) -> None:
        """At start-up, when the last roadmap turned out to be unusable, show the bundled one instead."""
        if self.document is None and self._pending is None and self._reading is None:
            self.open_roadmap(default_roadmap_path())

    def _use_checked(self, path: Path, result: LoadResult, content: bytes | None = None) -> bool:
        """Show a checked file. `content` (the bytes checked) when it changed on disk: a version with problems
        then keeps the last good map on screen and lists them in the Problems panel, with no dialog."""
        if content is not None and (not result.ok or result.roadmap is None):
            self.live.show_invalid(path, result, content)
            return False
        if not result.ok or result.roadmap is None:
            show_problems(self, "Roadmap has problems",
                          f"{path.name} cannot be opened because it has {len(result.errors)} problem(s). "
                          "Fix them in the file and open it again; nothing was changed.",
                          [d.format(path.name) for d in result.errors])
            return False
        if content is not None:
            self.live.valid_again(path)
        document = self.document
        if document is not None and result.roadmap.id == document.roadmap.id:
            self.updates.new_version(result.roadmap, path, from_disk=content is not None)
            return True
        roadmap = result.roadmap
        self.updates.before_opening(roadmap, lambda: self._lay_out_to_open(roadmap, path), self._open_default_if_empty)
        return True

    def _lay_out_to_open(self, roadmap: Roadmap, path: Path) -> None:
        self._pending = (roadmap, path)
        self.statusBar().showMessage(f"Laying out {len(roadmap.nodes)} skills…")
        self.busy_bar.show()
        self.layout_runner.start(roadmap, self.arrangement.lanes, self.arrangement.collapsed(roadmap))

    def replace_roadmap(self, roadmap: Roadmap, path: Path | None = None) -> None:
        """Show a new version of the open roadmap (same id): keep progress, both undo histories, zoom, position,
        selection and plan goals; only the map is laid out again, and only if its skills changed."""
        document = self.document
        assert document is not None and roadmap.id == document.roadmap.id
        self._pending = None  # a file being opened meanwhile is superseded
        self.details.save_notes()  # under the skill's id as it is now, before the ids may change
        if roadmap == document.roadmap:  # the same content (a touched file, or a save of what is shown)
            if path is not None:
                document.path = path
            self.live.follow(document)
            return
        if self._plan_panel is None:
            self._plan_goals = [g for g in (roadmap.resolve(goal) for goal in self._plan_goals) if g is not None]
        document.replace_roadmap(roadmap, path)
        self.setWindowTitle(f"{roadmap.title}[*] — Roadmap")  # [*]: unsaved edits (edit mode)
        self._update_status_bar()
        self.arrangement.redraw(document)
        self.live.follow(document)

    def _on_layout_failed(self, roadmap: Roadmap, message: str) -> None:
        self.busy_bar.hide()
        tell(self, "Cannot draw roadmap", f"The graph of '{roadmap.title}' could not be laid out: {message}")

    def _on_layout_ready(self, roadmap: Roadmap, layout: LayoutResult) -> None:
        if self._pending is None or self._pending[0] is not roadmap:
            return  # a newer open request replaced this one
        scene = GraphScene(roadmap, layout, self.theme, parent=self, lanes=self.arrangement.lanes)
        steps = scene.build_steps()
        if len(roadmap.nodes) <= SCENE_IN_ONE_GO:
            for _ in steps:
                pass
            self._load_progress(roadmap, scene)
            return

        def next_step() -> None:  # a big map is built a chunk at a time; the window stays usable meanwhile
            if self._pending is None or self._pending[0] is not roadmap:
                scene.deleteLater()
            elif next(steps, "built") == "built":
                self._load_progress(roadmap, scene)
            else:
                QTimer.singleShot(0, next_step)

        QTimer.singleShot(0, next_step)

    def _load_progress(self, roadmap: Roadmap, scene: GraphScene) -> None:
        self.details.save_notes()  # queued before the load, so the load reads it
        self.database.submit(lambda session: session.load(roadmap),
                             lambda job: self._on_progress_loaded(roadmap, scene, job))

    def _on_progress_loaded(self, roadmap: Roadmap, scene: GraphScene, job: Job) -> None:
        if self._pending is None or self._pending[0] is not roadmap:
            scene.deleteLater()
            return
        _, path = self._pending
        self._pending = None
        if job.error is not None:
            scene.deleteLater()
            self.statusBar().clearMessage()
            self.busy_bar.hide()
            tell(self, "Cannot read progress", f"Your progress on '{roadmap.title}' could not be read "
                 f"({type(job.error).__name__}: {job.error}). Nothing was changed.")
            return
        self.details.save_notes()
        selected = self.scene.selected_node() if self.scene else None
        if not self._keep_view:
            self._remember_view()
        document = RoadmapDocument(roadmap, path, job.result, self.database, self)
        document.nodesChanged.connect(self._on_nodes_changed)
        document.errorOccurred.connect(self._show_error)
        document.historyChanged.connect(
            lambda: self.history.show_progress(document.undo_label, document.redo_label))
        document.busyChanged.connect(self.saving_label.setVisible)
        document.performed.connect(lambda label: self.statusBar().showMessage(f"{label} (Ctrl+Z undoes it)", 4000))
        document.outsideChangeApplied.connect(self._on_outside_change)
        self.history.show_progress(None, None)

        def show_stored_history(job: Job) -> None:
            if job.error is None and document is self.document:
                self.history.show_progress(*job.result)

        self.database.submit(lambda session: session.history(roadmap.id).labels(), show_stored_history)
        if scene.theme is not self.theme:  # switched while the scene was being built
            scene.set_theme(self.theme)
        scene.attach(document)
        scene.selectedNodeChanged.connect(self._on_selection)
        scene.expandRequested.connect(self.expand_category)
        old_scene, old_document = self.scene, self.document
        self.document, self.scene = document, scene
        self.view.setScene(scene)
        self.minimap.set_scene(scene)
        self._show_minimap()
        self.details.set_document(document)
        self.edits.document_changed(document)
        if self._plan_panel is None:
            self._plan_goals = []  # as set_document() leaves them
        else:
            self._plan_panel.set_document(document)
        if not self._keep_view:  # reloading keeps the page shown (the Library, say)
            self.stack.setCurrentWidget(self.view)
        scene.set_ready_only(self.commands.ready.isChecked())
        scene.set_show_implied(self.commands.all_lines.isChecked())
        if old_scene is not None:
            old_scene.deleteLater()
        if old_document is not None:
            old_document.retire(document)
        self.setWindowTitle(f"{roadmap.title}[*] — Roadmap")  # [*]: unsaved edits (edit mode)
        self.settings.setValue("last_roadmap", str(path.resolve()))
        self._update_status_bar()
        self.statusBar().clearMessage()
        self.busy_bar.hide()
        if self._keep_view and selected in scene.nodes:
            scene.select_node(selected)
        else:
            self._restore_view(roadmap)
        self._on_search(self.search_bar.field.text())
        # the file is watched from the next turn of the event loop: its module loads after the first frame
        QTimer.singleShot(0, lambda: self.live.follow(self.document) if self.document is document else None)
        self.this_week.follow(document)
        self.charts.follow(document)
        if old_document is None and self.plan_goals():  # the first roadmap of this start, with a plan: its week
            self.this_week.show_at_start()
        self.roadmapOpened.emit(path.resolve(), roadmap.title)

    def _remember_view(self) -> None:
        """Save where the open roadmap was left, to come back to it (after a restart too)."""
        if self.document is None or self.scene is None:
            return
        # the exact middle, where centerOn() puts the point: QRect.center() is half a pixel off it, which moved the
        # map a pixel at each switch away and back
        middle = QRectF(self.view.viewport().rect()).center()
        center = self.view.viewportTransform().inverted()[0].map(middle)
        save_view_state(self.settings, self.document.roadmap.id,
                        ViewState(self.view.scale_factor(), (center.x(), center.y()), self.scene.selected_node(),
                                  tuple(self._plan_goals if self._plan_panel is None else self._plan_panel.goals)))

    def _restore_view(self, roadmap: Roadmap) -> None:
        state = load_view_state(self.settings, roadmap.id)
        if state is None:
            self.view.show_start(start=self.scene.ready_area() if self.scene is not None else None)
            return
        self.view.zoom_by(state.zoom / self.view.scale_factor())
        self.view.centerOn(*state.center)
        if state.selected is not None and self.scene is not None and state.selected in self.scene.nodes:
            self.scene.select_node(state.selected)
        known = [goal for goal in state.goals if goal in roadmap.nodes_by_id]
        if known:
            self._set_plan_goals(known)

    # ------------------------------------------------------------------ selection and search
    def _on_selection(self, node_id: str | None) -> None:
        if self.document is not None and node_id not in self.document.roadmap.nodes_by_id:
            node_id = None  # a skill of the version being replaced, clicked before the new map is drawn
        self.details.show_node(node_id)
        for action in self.commands.node_actions():
            action.setEnabled(node_id is not None)
        self.edits.on_selection(node_id)

    def _navigate(self, direction: Direction) -> None:
        """An arrow key on the graph: select the neighbour that way (or the first skill) and keep it in view."""
        if self.scene is None or self.document is None:
            return
        roadmap, layout, current = self.scene.roadmap, self.scene.layout, self.scene.selected_node()
        nodes = self.scene.nodes
        shown = lambda node_id: nodes[node_id].isVisible()  # noqa: E731 - not inside a collapsed category
        target = (start_node(roadmap, layout, shown) if current is None
                  else neighbour(roadmap, layout, current, direction, shown))
        if target is None:
            self.statusBar().showMessage("Nothing further that way", 2000)
            return
        self.scene.select_node(target)
        self.view.ensureVisible(self.scene.nodes[target], 60, 60)

    def select_and_show(self, node_id: str) -> None:
        if self.scene and node_id in self.scene.nodes:
            if not self.scene.nodes[node_id].isVisible():  # inside a collapsed category: open it first
                self._reveal = node_id
                self.expand_category(self.scene.nodes[node_id].node.category)
                return
            self.scene.select_node(node_id)
            self.view.center_on_item(self.scene.nodes[node_id])

    # ------------------------------------------------------------------ category lanes and collapsing
    def toggle_lanes(self, _checked: bool = False) -> None:
        self.arrangement.set_lanes(self.commands.lanes.isChecked(), self.document)

    def collapse_category(self, category_id: str) -> None:
        self.arrangement.collapse(self.document, category_id)

    def expand_category(self, category_id: str) -> None:
        self.arrangement.expand(self.document, category_id)

    def collapse_all_categories(self) -> None:
        if self.document is not None:
            all_ids = frozenset(category.id for category in self.document.roadmap.categories)
            self.arrangement.set_collapsed(self.document, all_ids)

    def expand_all_categories(self) -> None:
        self.arrangement.set_collapsed(self.document, frozenset())

    def _show_rearranged(self, scene: GraphScene) -> None:
        """The same document drawn anew (lanes or collapsed categories changed): swap the scene, keep the rest."""
        if self.document is None or scene.document is not self.document or self.scene is None:
            scene.deleteLater()
            return
        selected, old = self._reveal or self.scene.selected_node(), self.scene
        self._reveal = None
        was = old.nodes.get(selected) if selected is not None else None
        anchor = self.view.mapFromScene(was.sceneBoundingRect().center()) if was is not None and was.isVisible() \
            else None  # where the selected card was on screen: it stays there while the rest of the map changes
        scene.setParent(self)
        scene.selectedNodeChanged.connect(self._on_selection)
        scene.expandRequested.connect(self.expand_category)
        self.scene = scene
        self.view.setScene(scene)
        self.minimap.set_scene(scene)
        self._show_minimap()
        scene.set_ready_only(self.commands.ready.isChecked())
        scene.set_show_implied(self.commands.all_lines.isChecked())
        self._on_plan_changed(None)
        self._on_search(self.search_bar.field.text())
        if selected is not None and selected in scene.nodes and scene.nodes[selected].isVisible():
            scene.select_node(selected)
            if anchor is None:
                self.view.center_on_item(scene.nodes[selected])
            else:
                self.view.keep_at(scene.nodes[selected].sceneBoundingRect().center(), anchor)
        else:
            self._on_selection(None)
        old.deleteLater()

    def open_search(self) -> None:
        self.search_bar.open_bar()

    def _on_search(self, query: str) -> None:
        if self.scene is None or self.document is None:
            return
        self.matches = search_nodes(self.document.roadmap, query)
        self.match_index = -1
        self.scene.set_matches(set(self.matches) if query.strip() else None)
        self.search_bar.set_count(0, len(self.matches), query)

    def _jump_match(self, step: int) -> None:
        if not self.matches:
            return
        self.match_index = (self.match_index + step) % len(self.matches)
        self.select_and_show(self.matches[self.match_index])
        self.search_bar.set_count(self.match_index + 1, len(self.matches), self.search_bar.field.text())
        self.search_bar.field.setFocus()

    # ------------------------------------------------------------------ progress actions
    def selected_node(self) -> str | None:
        """The selected skill, if the open roadmap still has it (a new version may be waiting for its map)."""
        selected = self.scene.selected_node() if self.scene else None
        known = self.document is not None and selected in self.document.roadmap.nodes_by_id
        return selected if known else None

    def set_selected_status(self, status: Status) -> None:
        node_id = self.selected_node()
        if self.document is not None and node_id is not None:
            self.document.set_status(node_id, status)

    def log_study_time(self, node_id: str | None = None) -> None:
        node_id = node_id or self.selected_node()
        if self.document is None or node_id is None:
            return
        dialog = LogStudyDialog(self.document.roadmap.node(node_id).title, self)
        if dialog.exec():
            minutes, day, note = dialog.values()
            self.document.log_study(node_id, minutes, day, note)

    def edit_session(self, session: SessionRecord) -> None:
        if self.document is None:
            return
        current = self.document.roadmap.resolve(session.node_id)
        title = self.document.roadmap.node(current).title if current else session.node_id
        dialog = LogStudyDialog(title, self, editing=session)
        if dialog.exec():
            minutes, day, note = dialog.values()
            self.document.edit_session(session, minutes, day, note)

    def undo(self) -> None:
        if self.document is not None:
            self.details.save_notes()  # typed notes become their own step first
            self.document.undo()

    def redo(self) -> None:
        if self.document is not None:
            self.document.redo()

    def _show_minimap(self) -> None:
        big = self.scene is not None and len(self.scene.nodes) >= MINIMAP_SKILLS
        wanted = self.commands.minimap.isChecked() and big
        self.minimap.setVisible(wanted)
        if wanted:
            self.minimap.raise_()
            self.view.place_overlays()

    def toggle_minimap(self, _checked: bool = False) -> None:
        self.settings.setValue("show_minimap", self.commands.minimap.isChecked())
        self._show_minimap()

    def toggle_all_lines(self, _checked: bool = False) -> None:
        shown = self.commands.all_lines.isChecked()
        self.settings.setValue("show_all_lines", shown)
        if self.scene is not None:
            self.scene.set_show_implied(shown)

    def toggle_ready(self, checked: bool) -> None:
        if self.scene is not None:
            self.scene.set_ready_only(checked)

    def _on_nodes_changed(self, _node_ids: set[str], aspects: frozenset[str]) -> None:
        if "status" in aspects:
            self._update_status_bar()

    def _on_outside_change(self, reopened: bool) -> None:
        self.statusBar().showMessage("The progress database was replaced (a backup was restored); showing it now."
                                     if reopened else "Progress changed outside this window; updated.", 6000)

    def _show_error(self, message: str) -> None:
        """A non-blocking warning: the window stays usable behind it."""
        box = message_box(self, "Not saved", message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _update_status_bar(self) -> None:
        if self.document is None:
            self.progress_label.clear_progress()
            return
        totals, roadmap = self.document.tracked.totals, self.document.roadmap
        counts, percents = totals.counts, totals.category_percent()
        colors = themes.category_colors(roadmap)
        overall = f"{totals.percent_complete():.0f} % complete ({counts[Status.DONE]} done, " \
                  f"{counts[Status.LEARNING]} learning)"
        self.progress_label.show_progress(overall, [CategoryShare(c.title, colors[c.id], percents[c.id])
                                                    for c in roadmap.categories])

    # ------------------------------------------------------------------ theme and help
    def set_theme_choice(self, choice: str) -> None:
        self.theme_choice = choice
        self.settings.setValue("theme", choice)
        self._apply_theme()

    def _on_color_scheme_changed(self, *_: object) -> None:
        if self.theme_choice == "system":
            self._apply_theme()

    def _apply_theme(self) -> None:
        self.theme = themes.resolve(self.theme_choice)
        # instance() is typed QCoreApplication; a process with windows always runs a QApplication.
        app = cast(QApplication | None, QApplication.instance())
        if app is not None:
            themes.apply_palette(app, self.theme)
        self.view.setBackgroundBrush(self.theme.color("canvas"))
        self.minimap.set_theme(self.theme)
        if self.scene is not None:
            self.scene.set_theme(self.theme)
        if getattr(self, "_plan_panel", None) is not None:
            self.plan_panel.set_theme(self.theme)
        if getattr(self, "charts", None) is not None:
            self.charts.set_theme()
        self._update_status_bar()

    def show_format_help(self) -> None:
        from roadmap_app.ui.format_guide import show_format_guide

        show_format_guide(self)

    def show_shortcuts(self) -> None:
        from roadmap_app.ui.shortcuts_dialog import ShortcutsDialog, shortcut_groups

        dialog = ShortcutsDialog(shortcut_groups(self, (self.view,)), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_about(self) -> None:
        from roadmap_app.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self.data_dir, self.store.path, Path(self.settings.fileName()), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self.edits.files.confirm_unsaved("closing"):
            event.ignore()
            return
        self.details.save_notes()
        self.this_week.stop_timer()  # the time studied so far is logged, like notes typed so far are saved
        self.loader.shutdown()
        self.live.stop()
        if not self.database.stop():  # every change asked for is written before the window goes
            tell(self, "Last changes not saved",
                 "The progress database stayed busy for 30 seconds (another program may be holding "
                 "it), so your last changes could not be saved. Everything saved before is safe.")
        self._remember_view()
        if self._plan_panel is not None:  # else the stored values are still the ones it would show
            self.settings.setValue("plan_hours", self._plan_panel.hours.value())
            self.settings.setValue("plan_pace", self._plan_panel.pace.value())
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        self.settings.sync()
        super().closeEvent(event)
