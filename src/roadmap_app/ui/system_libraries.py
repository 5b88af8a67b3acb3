"""What to tell a person whose Linux lacks a system library that Qt needs (instead of a traceback or Qt's abort)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

# What a window needs on a minimal Debian 12 or Ubuntu 24.04, measured by scripts/check_linux_libraries.sh (on
# Ubuntu, apt takes libglib2.0-0 as libglib2.0-0t64). A font comes with libfontconfig1's dependencies.
DEBIAN_PACKAGES = (
    "libdbus-1-3 libegl1 libfontconfig1 libfreetype6 libgl1 libglib2.0-0 libx11-6 libx11-xcb1 libxcb-cursor0 "
    "libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-render0 libxcb-shape0 "
    "libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxcb1 libxkbcommon-x11-0 libxkbcommon0"
)

_NOT_FOUND = re.compile(r"([\w.+-]+\.so(?:\.\d+)*): cannot open shared object file")


def missing_library(error: BaseException) -> str | None:
    """The shared library that an import or a dlopen did not find ("libGL.so.1"); None for any other failure."""
    match = _NOT_FOUND.search(str(error))
    return match.group(1) if match else None


def missing_library_message(library: str) -> str:
    return (f"Qt needs the system library {library}, which is not installed. On Debian or Ubuntu, install the "
            f"libraries Qt's window needs: sudo apt-get install {DEBIAN_PACKAGES}\n"
            f"On another system, install the package that provides {library}.")


def x11_plugin_missing_library() -> str | None:
    """The library that keeps Qt's X11 platform plugin (xcb) from loading, or None if it loads or is not there."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.is_file():
        return None
    import ctypes  # only here: the window's start does without it

    try:
        ctypes.CDLL(str(plugin))  # what Qt does with it; the error names the first library not found
    except OSError as error:
        return missing_library(error)
    return None
