"""The app's identity on a desktop: its id, icon files, desktop entry, metainfo and file types, as shipped."""

from __future__ import annotations

import sys
from pathlib import Path

from roadmap_app.paths import resources_dir

APP_ID = "org.roadmap_app.Roadmap"  # reverse-DNS id: desktop entry, icon, metainfo and Wayland's app id
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_TYPES = {"application/x-roadmap+yaml": ("*.roadmap.yaml", "*.roadmap.yml"),
              "application/x-roadmap+json": ("*.roadmap.json",)}


def supported() -> bool:
    """Whether the desktop reads these files: freedesktop.org desktops, on Linux and the BSDs."""
    return sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def icon_theme_dir() -> Path:
    """The icons in the hicolor theme's layout, so installing them is a copy of this tree."""
    return resources_dir() / "icons" / "hicolor"


def icon_svg() -> Path:
    return icon_theme_dir() / "scalable" / "apps" / f"{APP_ID}.svg"


def icon_png(size: int) -> Path:
    return icon_theme_dir() / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def desktop_entry() -> Path:
    return resources_dir() / f"{APP_ID}.desktop"


def metainfo() -> Path:
    return resources_dir() / f"{APP_ID}.metainfo.xml"


def mime_info() -> Path:
    return resources_dir() / f"{APP_ID}.mime.xml"
