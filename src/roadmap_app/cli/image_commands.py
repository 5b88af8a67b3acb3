"""`roadmap-app export-image`: draw a roadmap to PNG, SVG or PDF without opening a window."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from roadmap_app.cli.terminal import printable
from roadmap_app.services.errors import UserError
from roadmap_app.services.workspace import open_roadmap


def register(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export-image", help="draw a roadmap to PNG, SVG or PDF",
        description="Draw the whole graph to an image. The format follows OUT's suffix (.png, .svg, .pdf). "
        "With --data-dir (or $ROADMAP_APP_DATA_DIR) the nodes show that progress; --no-progress draws a blank map.")
    export.add_argument("file", metavar="FILE", help="roadmap file")
    export.add_argument("-o", "--output", required=True, metavar="OUT", help="image file: .png, .svg or .pdf")
    export.add_argument("--theme", choices=["light", "dark"], default="light", help="colours (default: light)")
    export.add_argument("--no-progress", action="store_true", help="draw every skill as not started")
    export.add_argument("--scale", type=float, default=1.5, help="PNG pixels per layout unit (default: 1.5)")
    export.set_defaults(handler=run_export_image)


def run_export_image(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if output.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise UserError(f"cannot export '{output.name}': use a name ending in .png, .svg or .pdf")
    if not output.parent.exists():
        raise UserError(f"the folder {output.parent} does not exist")
    if not 0.1 <= args.scale <= 8:
        raise UserError("--scale must be between 0.1 and 8")
    roadmap = open_roadmap(args.file)
    if "DISPLAY" not in os.environ and "WAYLAND_DISPLAY" not in os.environ:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from roadmap_app.domain.tracking import ProgressRecords, TrackedProgress
    from roadmap_app.persistence.store import ProgressStore
    from roadmap_app.services.layout_cache import cached_layout
    from roadmap_app.services.workspace import open_store
    from roadmap_app.ui import theme as themes
    from roadmap_app.ui.canvas.export import export_scene
    from roadmap_app.ui.canvas.scene import GraphScene
    from roadmap_app.ui.document import RoadmapDocument
    from roadmap_app.ui.layout_task import layout_options

    app = QApplication.instance() or QApplication(["roadmap-app"])
    theme = themes.LIGHT if args.theme == "light" else themes.DARK
    store: ProgressStore = open_store(args.data_dir)
    try:
        tracked = TrackedProgress(roadmap, ProgressRecords(roadmap.id)) if args.no_progress else store.tracked(roadmap)
        document = RoadmapDocument(roadmap, Path(args.file), tracked)
        layout = cached_layout(roadmap, store.data_dir / "layout-cache", options=layout_options(roadmap))
        scene = GraphScene.for_document(document, layout, theme)
        export_scene(scene, output, theme.color("canvas"), scale=args.scale, inputs=(Path(args.file), store.path))
    finally:
        store.close()
    del app
    print(printable(f"wrote {output}"))
    return 0
