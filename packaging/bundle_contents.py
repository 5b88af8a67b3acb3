"""What the one-folder build holds and leaves out; read by roadmap-app.spec and by tests/test_packaging.py.

No PyInstaller import at module level, so the tests can read the lists without it installed.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# Folders of src/roadmap_app that the code opens as files at run time (through Path(__file__)), shipped to the same
# place under roadmap_app/ in the bundle. Alembic runs the migration scripts from files, so they ship as files too.
PACKAGE_DATA_FOLDERS = ("roadmaps", "resources", "persistence/migrations", "ui/icons")

# Files of the package that ship inside no data folder: nothing reads them at run time.
NOT_READ_AT_RUN_TIME = ("py.typed",)

# Loaded by name at run time, so the analysis cannot see them.
HIDDEN_IMPORTS = ["sqlalchemy.dialects.sqlite", "_ruamel_yaml"]

# Matplotlib picks the canvas for a file format by name: the window draws with QtAgg, the chart command writes
# PNG (Agg), SVG and PDF.
MATPLOTLIB_BACKENDS = ["QtAgg", "Agg", "SVG", "PDF"]

EXCLUDED_MODULES = [
    # other GUI toolkits
    "tkinter", "_tkinter", "PIL.ImageTk", "PIL._imagingtk",
    # Qt modules the app does not use (its Python code imports QtCore, QtGui, QtWidgets and QtSvg only)
    "PySide6.QtNetwork", "PySide6.QtDBus", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtPrintSupport",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtPdf", "PySide6.QtConcurrent",
    "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtXml", "PySide6.QtSvgWidgets", "PySide6.QtUiTools",
    "PySide6.QtWebEngineCore", "PySide6.Qt3DCore",
    # no network: OpenSSL stays out (hashlib then uses Python's own SHA-256)
    "ssl", "_ssl", "_hashlib",
    # image formats matplotlib never writes (Pillow's AVIF alone brings a 5 MB library)
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin",
    # test and build tools that some libraries import only when they are there
    "pytest", "_pytest", "pluggy", "iniconfig", "hypothesis", "pygments", "pkg_resources", "setuptools",
    "IPython", "matplotlib.testing", "numpy.f2py",
]

# Qt plugins: these types stay out whole...
QT_PLUGIN_TYPES_LEFT_OUT = {
    "generic",  # evdev and tuio input, for the framebuffer platforms below
    "egldeviceintegrations",  # eglfs (embedded, no window system)
    "tls",  # QtNetwork
    "networkinformation",  # QtNetwork
}
# ...of these types only these plugins ship; every other type ships whole.
QT_PLUGINS_KEPT = {
    # X11, Wayland and offscreen (the smoke test); not the framebuffer, VNC or Vulkan-display ones
    "platforms": ["libqxcb.so", "libqwayland*.so", "libqoffscreen.so", "libqminimal.so"],
    # the desktop portal (dark mode, file dialogs in a sandbox); the GTK 3 theme would bring GTK's libraries
    "platformthemes": ["libqxdgdesktopportal.so"],
    # the check mark of the style sheet is an SVG file; PNG is built into QtGui
    "imageformats": ["libqsvg.so"],
}

QT_DATA_LEFT_OUT = ["PySide6/Qt/translations/*"]  # the app installs no translator of Qt's own texts
MATPLOTLIB_DATA_LEFT_OUT = ["matplotlib/mpl-data/sample_data/*"]

TocEntry = tuple[str, str, str]  # PyInstaller's (name in the bundle, source file, type)


def datas(package_source: str | os.PathLike[str]) -> list[tuple[str, str]]:
    """The spec's `datas`: each data folder, from the package's source to roadmap_app/<the same folder>."""
    return [(os.path.join(package_source, *folder.split("/")), f"roadmap_app/{folder}")
            for folder in PACKAGE_DATA_FOLDERS]


def is_wanted_qt_plugin(name: str) -> bool:
    """`name`: a file's place in the bundle; True for anything that is not a Qt plugin left out."""
    parts = PurePosixPath(name.replace(os.sep, "/")).parts
    if "plugins" not in parts or parts[:2] != ("PySide6", "Qt"):
        return True
    plugin_path = parts[parts.index("plugins") + 1:]
    if len(plugin_path) < 2:
        return True
    plugin_type, file_name = plugin_path[0], plugin_path[-1]
    if plugin_type in QT_PLUGIN_TYPES_LEFT_OUT:
        return False
    kept = QT_PLUGINS_KEPT.get(plugin_type)
    return kept is None or any(fnmatch.fnmatch(file_name, pattern) for pattern in kept)


def is_wanted_data(name: str) -> bool:
    posix = name.replace(os.sep, "/")
    return not any(fnmatch.fnmatch(posix, pattern) for pattern in QT_DATA_LEFT_OUT + MATPLOTLIB_DATA_LEFT_OUT)


def is_loaded_by_python(name: str) -> bool:
    """An extension module (Python imports it) or a Qt plugin (Qt loads it): the roots of what needs libraries."""
    base = PurePosixPath(name.replace(os.sep, "/"))
    return ".cpython-" in base.name or base.name.endswith(".abi3.so") or "lib-dynload" in base.parts \
        or "plugins" in base.parts or base.name.startswith("libpython")


def without_unneeded_libraries(binaries: Iterable[TocEntry],
                               imports_of: Callable[[str], Iterable[str]]) -> list[TocEntry]:
    """Drop shared libraries that no kept extension module or Qt plugin links to (those that only a plugin or
    module left out needed, such as GTK's for the GTK theme). `imports_of(source)`: the names of every library a
    binary loads, directly or not (ldd's list). Links (type SYMLINK) go when what they point to goes."""
    entries = list(binaries)
    needed: set[str] = set()
    for name, source, kind in entries:
        if kind != "SYMLINK" and is_loaded_by_python(name):
            needed.update(os.path.basename(library) for library in imports_of(source))
    kept = [entry for entry in entries
            if entry[2] == "SYMLINK" or is_loaded_by_python(entry[0]) or os.path.basename(entry[0]) in needed]
    kept_names = {entry[0] for entry in kept}
    return [entry for entry in kept if entry[2] != "SYMLINK" or _link_target(entry) in kept_names]


def without_dangling_links(entries: Iterable[TocEntry], others: Iterable[TocEntry]) -> list[TocEntry]:
    """Drop links (type SYMLINK) in `entries` that point to nothing kept in either list: PyInstaller puts the
    top-level ones among the datas, where without_unneeded_libraries() does not see them."""
    entries, others = list(entries), list(others)
    present = {entry[0] for entry in entries + others}
    while True:
        kept = [entry for entry in entries if entry[2] != "SYMLINK" or _link_target(entry) in present]
        if len(kept) == len(entries):
            return kept
        entries = kept
        present = {entry[0] for entry in entries + others}


def _link_target(entry: TocEntry) -> str:
    """The bundle name a SYMLINK entry points to (its source is the target, relative to the link's folder)."""
    name, target, _ = entry
    return os.path.normpath(os.path.join(os.path.dirname(name), target))
