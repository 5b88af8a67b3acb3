"""Hostile roadmap text and damaged app state in the window.

A summary loads no file and no web address (and opens only http/https links); titles are text, never
markup, wherever they are shown; a title of hundreds of kilobytes is cut short wherever it is drawn, so
the window does not freeze; a damaged settings.ini or layout-cache entry is ignored, never a crash.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QDate, QSettings, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

from roadmap_app.domain.layout import LAYOUT_VERSION, LayoutSpec
from roadmap_app.domain.progress import Status
from roadmap_app.formats import schema
from roadmap_app.formats.loader import check_file, load_roadmap
from roadmap_app.persistence.store import ProgressStore
from roadmap_app.services import planning
from roadmap_app.services.layout_cache import cache_key, cached_layout, compute_layout, layout_from_cache
from roadmap_app.ui.panels.details import ClickLabel, OfflineTextBrowser
from roadmap_app.ui.text import CARD_CHARS
from tests.conftest import ML_ROADMAP, ROADMAPS, saved
from tests.helpers.links import anchor_point, record_opened_links

TAG = "<img src=x><b>bold</b>"
RED = "#ff0000"


def write_roadmap_json(path: Path, *, title: str = "Demo", categories: list[dict] | None = None,
                       nodes: list[dict]) -> Path:
    """A roadmap file from Python values (any text is fine in JSON); a node needs only id, title and category."""
    full = [{"summary": "s", "hours": 2, "resources": [{"kind": "reading", "title": "R"}], **node} for node in nodes]
    categories = categories or [{"id": "math", "title": "Maths"}, {"id": "code", "title": "Code"}]
    path.write_text(json.dumps({"format": 1, "id": "demo", "title": title, "categories": categories,
                                "nodes": full}), encoding="utf-8")
    return path


def open_in(window, qtbot, path: Path) -> None:
    before = window.scene
    assert window.open_roadmap(path)
    qtbot.waitUntil(lambda: window.scene is not before and window.document.roadmap.id == "demo", timeout=10_000)
    saved(qtbot, window)


def shown(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What a person reads: rich text rendered to its characters, plain text as it is (Qt's own guess for Auto)."""
    guessed = text_format == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    if not (text_format == Qt.TextFormat.RichText or guessed):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def label_shows(label: QLabel) -> str:
    return shown(label.text(), label.textFormat())


def red_pixels(image: QImage) -> int:
    count = 0
    for y in range(0, image.height()):
        for x in range(0, image.width()):
            color = QColor(image.pixel(x, y))
            count += color.red() > 200 and color.green() < 70 and color.blue() < 70
    return count


# ---------------------------------------------------------------------------------------------- Markdown


def test_a_summary_loads_no_file_and_opens_only_web_links(window, qtbot, tmp_path, monkeypatch) -> None:
    png = tmp_path / "red.png"
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor(RED))
    assert image.save(str(png))
    css = tmp_path / "red.css"
    css.write_text(f"p {{ color: {RED}; font-size: 40px; font-weight: bold }}", encoding="utf-8")
    summary = (f"Look: ![a]({png.as_uri()}) ![b]({png}) <img src=\"{png}\"/> html image\n\n"
               f"<div><style>@import url(\"{css.as_uri()}\");</style><p>styled text</p></div>\n\n"
               "[local file](file:///etc/passwd) and [the web](https://example.com/x)")
    open_in(window, qtbot, write_roadmap_json(tmp_path / "r.roadmap.json",
                                              nodes=[{"id": "a", "title": "A", "category": "math",
                                                      "summary": summary}]))
    window.scene.select_node("a")
    browser = window.details.summary
    assert isinstance(browser, OfflineTextBrowser)
    image_kind, sheet_kind = (QTextDocument.ResourceType.ImageResource.value,
                              QTextDocument.ResourceType.StyleSheetResource.value)
    blank = browser.loadResource(image_kind, QUrl.fromLocalFile(str(png)))
    assert isinstance(blank, QImage) and blank.width() == 1
    assert browser.loadResource(sheet_kind, QUrl.fromLocalFile(str(css))) == ""
    for url in (png.as_uri(), str(png)):  # Qt's own fallbacks would load the file when given nothing
        loaded = browser.document().resource(image_kind, QUrl(url))
        assert isinstance(loaded, QImage) and loaded.width() <= 1, url
    assert "styled text" in browser.toPlainText() and browser.toHtml().count("<img") == 3
    assert red_pixels(browser.grab().toImage()) == 0  # neither the red image nor the red style sheet

    opened = record_opened_links(monkeypatch)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton,
                     pos=anchor_point(browser, "file:///etc/passwd"))
    assert opened == [] and browser.source().isEmpty() and "styled text" in browser.toPlainText()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=anchor_point(browser, "https://example.com/x"))
    assert opened == ["https://example.com/x"]

    # Only now that nothing is loaded: /dev/zero never ends, and used to freeze the window (a regression hangs here).
    browser.setMarkdown("![z](/dev/zero) ![z](file:///dev/zero) <img src=\"/dev/zero\"/>\n\n"
                        "<div><style>@import url(\"/dev/zero\");</style><p>ok</p></div>")
    browser.document().setTextWidth(300)
    assert browser.document().size().height() > 0


# ---------------------------------------------------------------------------------------------- titles as text


def test_titles_are_text_not_markup_everywhere(window, qtbot, tmp_path) -> None:
    title_a, title_b, category = f"{TAG} one & two", '<a href="file:///etc/passwd">B</a>', "<i>Maths</i> & co"
    resource = {"kind": "reading", "title": f"{TAG} book", "url": "https://example.com/<b>x</b>",
                "note": "<u>chapter</u> 2"}
    open_in(window, qtbot, write_roadmap_json(
        tmp_path / "r.roadmap.json", categories=[{"id": "math", "title": category}],
        nodes=[{"id": "a", "title": title_a, "category": "math", "resources": [resource]},
               {"id": "b", "title": title_b, "category": "math", "requires": ["a"]}]))
    details = window.details
    window.scene.select_node("a")
    assert label_shows(details.title) == title_a
    assert category in label_shows(details.meta)
    assert title_b in label_shows(details.relations)  # under "Unlocks"
    rows = [label_shows(label) for label in details.findChildren(ClickLabel)]
    assert any(f"{TAG} book" in row and "<u>chapter</u> 2" in row for row in rows), rows
    link_tips = [w.toolTip() for w in details.findChildren(QWidget) if "example.com" in w.toolTip()]
    assert len(link_tips) >= 2  # the checkbox (and its label) and the Open button
    assert all("https://example.com/<b>x</b>" in shown(tip) for tip in link_tips), link_tips
    window.scene.select_node("b")
    assert label_shows(details.title) == title_b
    assert title_a in label_shows(details.relations)  # under "Needs"
    assert title_a in shown(window.scene.nodes["a"].tooltip_text())

    window.plan_up_to("b")
    panel = window.plan_panel
    panel.recompute()
    assert label_shows(panel.goals_label) == title_b
    assert f"{title_a} → {title_b}" in label_shows(panel.summary)
    week = panel.table.topLevelItem(0)
    assert [week.child(i).text(0) for i in range(week.childCount())] == [title_a, title_b]
    assert week.child(0).text(2) == category and shown(week.child(0).toolTip(0)) == title_a
    panel.tabs.setCurrentIndex(1)
    labels = [label.get_text() for label in panel.chart.figure.axes[0].get_yticklabels()]
    assert labels[0] == title_a


def test_a_plan_message_quoting_a_title_is_text(window, qtbot, tmp_path) -> None:
    open_in(window, qtbot, write_roadmap_json(tmp_path / "r.roadmap.json",
                                              nodes=[{"id": "a", "title": TAG, "category": "math"}]))
    window.document.set_status("a", Status.DONE)
    saved(qtbot, window)
    window.plan_up_to("a")
    window.plan_panel.recompute()
    assert f"Nothing to plan: '{TAG}'" in label_shows(window.plan_panel.summary)


# ---------------------------------------------------------------------------------------------- long titles


def test_the_longest_title_a_file_may_have_is_cut_short_wherever_it_is_drawn(window, qtbot, tmp_path) -> None:
    """The validator refuses longer text (a 200 KB title froze the window for 53 s); what it allows still fits."""
    long = ("Very long title " * 20)[: schema.MAX_TITLE_CHARS]
    text = ("A long summary. " * 2000)[: schema.MAX_TEXT_CHARS]
    path = write_roadmap_json(tmp_path / "long.roadmap.json", title=long,
                              categories=[{"id": "math", "title": long}],
                              nodes=[{"id": "a", "title": long, "category": "math", "summary": text,
                                      "resources": [{"kind": "reading", "title": long, "note": text}]},
                                     {"id": "b", "title": "B", "category": "math", "requires": ["a"]}])
    open_in(window, qtbot, path)
    window.scene.select_node("a")
    window.plan_dock.show()
    panel = window.plan_panel
    qtbot.waitUntil(lambda: panel.plan is not None)
    panel.tabs.setCurrentIndex(1)
    panel.chart.draw()
    window.view.viewport().grab()
    window.details.grab()

    beginning = long[:40]
    labels = [label.get_text() for label in panel.chart.figure.axes[0].get_yticklabels()]
    assert labels[0].startswith(beginning) and labels[0].endswith("…") and len(labels[0]) <= 60
    item = panel.table.topLevelItem(0).child(0)
    assert item.text(0).startswith(beginning) and len(item.text(0)) <= 120
    assert long in shown(item.toolTip(0))  # the whole title is one hover away
    assert len(item.text(2)) <= 80
    assert len(panel.summary.text()) < 2000
    node = window.scene.nodes["a"]
    assert node.title.startswith(beginning) and node.title.endswith("…") and len(node.title) <= CARD_CHARS
    assert long in shown(node.tooltip_text())
    legend = window.scene.legend
    assert len(legend.title) <= 120 and all(len(name) <= 60 for name, _ in legend.categories)
    details = window.details
    assert shown(details.title.text()) == long  # the panel has room for the whole title
    assert all(len(label.text()) < 3000 for label in details.findChildren(QLabel))


def test_dollar_signs_in_a_title_are_text_in_the_chart(window, qtbot, tmp_path) -> None:
    title = "Costs $x^{$ now"  # between two "$" matplotlib reads TeX, and "x^{" is not valid TeX
    open_in(window, qtbot, write_roadmap_json(tmp_path / "r.roadmap.json",
                                              nodes=[{"id": "a", "title": title, "category": "math"}]))
    window.plan_dock.show()
    panel = window.plan_panel
    qtbot.waitUntil(lambda: panel.plan is not None)
    panel.tabs.setCurrentIndex(1)
    panel.chart.draw()
    assert panel.chart.rows == 1


# ---------------------------------------------------------------------------------------------- plan limits


def test_the_window_and_the_command_line_share_the_plan_limits(window) -> None:
    panel = window.plan_panel
    assert (panel.hours.minimum(), panel.hours.maximum()) == (planning.MIN_HOURS_PER_WEEK, planning.MAX_HOURS_PER_WEEK)
    assert (panel.pace.minimum(), panel.pace.maximum()) == (planning.MIN_PACE, planning.MAX_PACE)
    first, last = planning.EARLIEST_START, planning.LATEST_START
    assert panel.start.minimumDate() == QDate(first.year, first.month, first.day)
    assert panel.start.maximumDate() == QDate(last.year, last.month, last.day)


def test_a_plan_longer_than_100_years_is_a_message_in_the_window(window, qtbot) -> None:
    window.plan_dock.show()
    panel = window.plan_panel
    panel.hours.setValue(panel.hours.minimum())
    panel.pace.setValue(panel.pace.maximum())
    panel.recompute()
    assert panel.plan is None and "within 100 years" in panel.summary.text()
    assert panel.table.topLevelItemCount() == 0
    panel.tabs.setCurrentIndex(1)
    panel.chart.draw()
    panel.pace.setValue(1)
    panel.recompute()
    assert panel.plan is not None and "Finish" in panel.summary.text()


# ---------------------------------------------------------------------------------------------- settings.ini

DAMAGED_SETTINGS = [
    "plan_hours=banana\nplan_pace=nan\ngeometry=garbage\ntheme=purple\nwindow_state=garbage\n",
    "plan_hours=nan\nplan_pace=banana\ngeometry=1, 2\nwindow_state=@ByteArray(garbage)\ntheme=\n",
    "plan_hours=1e400\nplan_pace=0\ngeometry=@ByteArray(\\0\\0\\0\\0)\ntheme=1, 2\nwindow_state=3\n",
    "plan_hours=-3\nplan_pace=99\ngeometry=@Variant(garbage)\ntheme=@ByteArray(dark)\n",
    "plan_hours=inf\nplan_pace=-inf\ngeometry=\nwindow_state=\n",
    "plan_hours=true\nplan_pace=\n",
    "plan_hours=0.4\nplan_pace=4.01\n",
]


def make_window(qtbot, data_dir: Path):
    from roadmap_app.ui.main_window import MainWindow

    store = ProgressStore(data_dir)
    win = MainWindow(store, data_dir)
    qtbot.addWidget(win)
    win.show()
    return win, store


@pytest.mark.parametrize("values", [*DAMAGED_SETTINGS, b"\x00\xff\xfe[General\n=\x1b\n\n"])
def test_damaged_settings_are_ignored(qtbot, data_dir, values) -> None:
    raw = values if isinstance(values, bytes) else ("[General]\n" + values).encode()
    (data_dir / "settings.ini").write_bytes(raw)
    win, store = make_window(qtbot, data_dir)
    try:
        assert win.plan_panel.hours.value() == 8 and win.plan_panel.pace.value() == 1.0
        assert win.theme_choice == "system"
        assert win.open_roadmap(ML_ROADMAP)
        qtbot.waitUntil(lambda: win.scene is not None)
    finally:
        win.close()
        store.close()


def test_good_settings_are_still_restored(qtbot, data_dir) -> None:
    (data_dir / "settings.ini").write_text("[General]\nplan_hours=12.5\nplan_pace=1.3\ntheme=light\n")
    win, store = make_window(qtbot, data_dir)
    try:
        assert (win.plan_panel.hours.value(), win.plan_panel.pace.value(), win.theme_choice) == (12.5, 1.3, "light")
        win.resize(700, 500)
        size = (win.width(), win.height())
    finally:
        win.close()
        store.close()
    win, store = make_window(qtbot, data_dir)  # what closing saved is read back
    try:
        assert (win.plan_panel.hours.value(), win.plan_panel.pace.value()) == (12.5, 1.3)
        assert (win.width(), win.height()) == size
    finally:
        win.close()
        store.close()


# ---------------------------------------------------------------------------------------------- layout cache


def _drop_first(mapping: dict) -> None:
    mapping.pop(next(iter(mapping)))


def _first_key(mapping: dict) -> str:
    return next(iter(mapping))


CACHE_DAMAGE = {
    "a node missing": lambda d: _drop_first(d["positions"]),
    "an extra node": lambda d: d["positions"].update(ghost=[0, 0]),
    "a point of one number": lambda d: d["positions"].update({_first_key(d["positions"]): [1]}),
    "a point of three numbers": lambda d: d["positions"].update({_first_key(d["positions"]): [1, 2, 3]}),
    "a point of text": lambda d: d["positions"].update({_first_key(d["positions"]): ["a", "b"]}),
    "a point of booleans": lambda d: d["positions"].update({_first_key(d["positions"]): [True, False]}),
    "a NaN position": lambda d: d["positions"].update({_first_key(d["positions"]): [float("nan"), 0]}),
    "an infinite position": lambda d: d["positions"].update({_first_key(d["positions"]): [0, float("inf")]}),
    "an absurd position": lambda d: d["positions"].update({_first_key(d["positions"]): [1e300, 0]}),
    "positions a list": lambda d: d.update(positions=list(d["positions"])),
    "positions missing": lambda d: d.pop("positions"),
    "a route missing": lambda d: d["routes"].pop(),
    "an extra route": lambda d: d["routes"].append(["ghost", "host", [[0, 0], [1, 1]]]),
    "a route between other nodes": lambda d: d["routes"][0].__setitem__(slice(0, 2), ["ghost", "host"]),
    "a route twice": lambda d: d["routes"].__setitem__(1, d["routes"][0]),
    "a route to a list": lambda d: d["routes"].__setitem__(0, [["x"], ["y"], [[0, 0], [1, 1]]]),
    "a route of one point": lambda d: d["routes"][0].__setitem__(2, [[0, 0]]),
    "a route with a NaN": lambda d: d["routes"][0].__setitem__(2, [[0, 0], [float("nan"), 1]]),
    "a route not a list": lambda d: d["routes"].__setitem__(0, "route"),
    "a layer missing": lambda d: _drop_first(d["layers"]),
    "a layer of text": lambda d: d["layers"].update({_first_key(d["layers"]): "1"}),
    "a NaN width": lambda d: d.update(width=float("nan")),
    "a negative height": lambda d: d.update(height=-5),
    "text for a width": lambda d: d.update(width="wide"),
    "crossings missing": lambda d: d.pop("crossings"),
    "crossings a boolean": lambda d: d.update(crossings=True),
}


@pytest.fixture
def cache_entry(tmp_path):
    roadmap = load_roadmap(ML_ROADMAP)
    cached_layout(roadmap, tmp_path)
    path = tmp_path / f"{cache_key(roadmap, LayoutSpec())}.json"
    assert layout_from_cache(json.loads(path.read_text()), roadmap) is not None
    return roadmap, path


@pytest.mark.parametrize("damage", CACHE_DAMAGE.values(), ids=CACHE_DAMAGE.keys())
def test_a_wrong_layout_cache_entry_is_rebuilt(cache_entry, damage) -> None:
    roadmap, path = cache_entry
    data = json.loads(path.read_text())
    damage(data)
    path.write_text(json.dumps(data))
    assert cached_layout(roadmap, path.parent) == compute_layout(roadmap)
    assert layout_from_cache(json.loads(path.read_text()), roadmap) is not None  # stored sound again


@pytest.mark.parametrize("content", ["[]", "null", '"text"', "{}", json.dumps({"version": LAYOUT_VERSION}),
                                     "[" * 100_000, "\ufeff{", "\xff\xfe"])
def test_a_layout_cache_entry_of_the_wrong_kind_is_rebuilt(cache_entry, content) -> None:
    roadmap, path = cache_entry
    path.write_text(content, encoding="utf-8", errors="surrogateescape")
    assert cached_layout(roadmap, path.parent) == compute_layout(roadmap)


def test_another_graphs_layout_under_this_name_is_rebuilt(cache_entry) -> None:
    roadmap, path = cache_entry
    other = compute_layout(load_roadmap(ROADMAPS / "ml-interview-prep.roadmap.yaml"))
    path.write_text(json.dumps(other.to_json()))
    assert cached_layout(roadmap, path.parent) == compute_layout(roadmap)


def test_the_window_opens_a_roadmap_whose_cache_entry_is_wrong(window, qtbot) -> None:
    assert window.open_roadmap(ROADMAPS / "ml-interview-prep.roadmap.yaml")  # away, so the next open draws anew
    qtbot.waitUntil(lambda: window.document.roadmap.id == "ml-interview-prep", timeout=10_000)
    entries = list((window.data_dir / "layout-cache").glob("*.json"))
    assert entries
    for entry in entries:
        data = json.loads(entry.read_text())
        _drop_first(data["positions"])
        data["routes"] = data["routes"][1:]
        entry.write_text(json.dumps(data))
    before = window.scene
    assert window.open_roadmap(ML_ROADMAP)
    qtbot.waitUntil(lambda: window.scene is not before, timeout=10_000)
    assert set(window.scene.nodes) == {node.id for node in window.document.roadmap.nodes}


# ---------------------------------------------------------------------------------------------- hostile roadmap files
CORPUS = Path(__file__).parent / "corpus"
BROKEN = sorted(p for p in CORPUS.glob("*.roadmap.*")
                if not p.name.endswith(".expect") and not check_file(p).ok)


@pytest.fixture
def problems_shown(monkeypatch) -> list[list[str]]:
    """What the window's problem dialogs list, instead of showing them."""
    shown: list[list[str]] = []
    monkeypatch.setattr("roadmap_app.ui.main_window.show_problems", lambda _parent, _title, _summary, lines:
                        shown.append(lines))
    return shown


def still_showing_the_bundled_roadmap(window) -> bool:
    return window.document.roadmap.id == "ml-engineer" and len(window.scene.nodes) == len(
        window.document.roadmap.nodes)


@pytest.mark.parametrize("path", BROKEN, ids=[p.name for p in BROKEN])
def test_every_broken_corpus_file_shows_the_validators_messages(window, qtbot, path, problems_shown) -> None:
    assert not window.open_roadmap(path)
    assert problems_shown == [[d.format(path.name) for d in check_file(path).errors]]
    assert still_showing_the_bundled_roadmap(window)
    window.select_and_show("pandas")  # and it goes on working
    assert window.details.title.text() == "Pandas"


def hostile_files(folder: Path) -> dict[str, Path]:
    """Files that crashed (deep nesting in the C parser) or hung (a pipe, a device) the window before."""
    files = {
        "nested sequences": "- " * 100_000 + "x\n",
        "nested complex keys": "? " * 100_000 + "x\n",
        "nested flow mappings, large": "{a: " * 300_000 + "}" * 300_000 + "\n",  # read in the worker process
        "a 19 MB title": "format: 1\nid: d\ntitle: \"" + "t" * 19_000_000 + "\"\n",
    }
    paths = {}
    for number, (name, text) in enumerate(files.items()):
        paths[name] = folder / f"hostile-{number}.roadmap.yaml"
        paths[name].write_text(text, encoding="utf-8")
    if hasattr(os, "mkfifo"):
        paths["a named pipe"] = folder / "pipe.roadmap.yaml"
        os.mkfifo(paths["a named pipe"])
    if Path("/dev/zero").exists():
        paths["a device"] = Path("/dev/zero")
    return paths


def test_hostile_files_are_messages_and_the_window_lives_on(window, qtbot, tmp_path, problems_shown) -> None:
    for name, path in hostile_files(tmp_path).items():
        problems_shown.clear()
        if window.open_roadmap(path):  # a large file: read in another process
            qtbot.waitUntil(lambda: bool(problems_shown), timeout=60_000)
        assert len(problems_shown) == 1 and problems_shown[0], name
        assert all(line.startswith(path.name) for line in problems_shown[0]), name
        assert still_showing_the_bundled_roadmap(window), name


def test_a_folder_is_a_message(window, qtbot, tmp_path, monkeypatch) -> None:
    told: list[str] = []
    monkeypatch.setattr("roadmap_app.ui.main_window.tell", lambda _parent, _title, text, *rest: told.append(text))
    assert not window.open_roadmap(tmp_path)
    assert told and "Is a directory" in told[0]
    assert still_showing_the_bundled_roadmap(window)


def test_a_broken_last_roadmap_still_starts_on_the_bundled_one(qtbot, data_dir, tmp_path, problems_shown) -> None:
    from roadmap_app.ui.main_window import MainWindow

    deep = tmp_path / "deep.roadmap.yaml"
    deep.write_text("- " * 300_000 + "x\n")  # large enough to be read in another process
    QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat).setValue("last_roadmap", str(deep))
    store = ProgressStore(data_dir)
    window = MainWindow(store, data_dir)
    qtbot.addWidget(window)
    window.open_initial(None)
    qtbot.waitUntil(lambda: window.scene is not None, timeout=20_000)
    assert problems_shown and "nests deeper than 64 levels" in problems_shown[0][0]
    assert still_showing_the_bundled_roadmap(window)
    window.close()
    store.close()


def test_message_boxes_show_text_not_markup(qtbot, tmp_path) -> None:
    """A file named '<img src=/dev/zero>.roadmap.yaml' is quoted in messages: Qt must not load that image."""
    from roadmap_app.ui.dialogs import message_box

    box = message_box(None, "Cannot open roadmap", "Cannot read <img src=\"/dev/zero\">.roadmap.yaml")
    box.setInformativeText("<b>not bold</b>")
    qtbot.addWidget(box)
    labels = [label for label in box.findChildren(QLabel) if label.text()]
    assert len(labels) == 2 and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
