"""The shipped desktop entry, metainfo, file types and icons agree with each other and with the package."""

from __future__ import annotations

import configparser
import fnmatch
import os
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from roadmap_app import __version__
from roadmap_app.desktop_files import (
    APP_ID,
    ICON_SIZES,
    MIME_TYPES,
    desktop_entry,
    icon_png,
    icon_svg,
    metainfo,
    mime_info,
)
from roadmap_app.paths import bundled_roadmaps_dir, format_guide, resources_dir
from tests.conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE = REPO / "src" / "roadmap_app"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment, method-assign]  # keys are case-sensitive
    parser.read_string(desktop_entry().read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def listed(value: str) -> list[str]:
    return [part for part in value.split(";") if part]


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_the_desktop_entry_names_the_package_command_icon_and_file_types() -> None:
    script = next(iter(PYPROJECT["project"]["scripts"]))
    values = entry()
    assert values["Type"] == "Application" and values["Name"] == "Roadmap"
    assert values["Exec"].split()[0] == script and values["Exec"].split()[-1] == "%f"  # opens one file
    assert values["TryExec"] == script
    assert values["Icon"] == APP_ID and desktop_entry().name == f"{APP_ID}.desktop"
    assert set(listed(values["MimeType"])) == set(MIME_TYPES)


def test_the_metainfo_matches_the_package() -> None:
    root = ET.parse(metainfo()).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID and metainfo().name == f"{APP_ID}.metainfo.xml"
    assert root.findtext("launchable") == desktop_entry().name
    assert root.findtext("project_license") == PYPROJECT["project"]["license"]
    assert root.findtext("name") == entry()["Name"]
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == __version__ == PYPROJECT["project"]["version"]
    provides = root.find("provides")
    assert provides is not None
    assert [binary.text for binary in provides.findall("binary")] == list(PYPROJECT["project"]["scripts"])
    assert {media.text for media in provides.findall("mediatype")} == set(MIME_TYPES)


def test_the_file_types_match_the_desktop_entry_and_the_files_the_app_opens() -> None:
    from roadmap_app.ui.drop_opener import ROADMAP_SUFFIXES

    root = ET.parse(mime_info()).getroot()
    declared = {kind.get("type"): tuple(glob.get("pattern") for glob in kind.findall(f"{MIME_NS}glob"))
                for kind in root.findall(f"{MIME_NS}mime-type")}
    assert declared == MIME_TYPES
    for patterns in declared.values():
        assert all(str(pattern).endswith(ROADMAP_SUFFIXES) for pattern in patterns)
    for bundled in bundled_roadmaps_dir().glob("*"):  # every bundled roadmap is of one of these types
        assert any(fnmatch.fnmatch(bundled.name, p) for patterns in declared.values() for p in patterns), bundled


def test_every_icon_size_is_shipped_at_its_size_and_the_svg_is_square() -> None:
    assert ICON_SIZES[0] == 16 and ICON_SIZES[-1] == 512
    for size in ICON_SIZES:
        assert png_size(icon_png(size)) == (size, size)
    svg = ET.parse(icon_svg()).getroot()
    _, _, width, height = (float(number) for number in str(svg.get("viewBox")).split())
    assert width == height


def test_the_package_data_covers_every_shipped_resource_and_roadmap() -> None:
    """A wheel (pip, pipx) carries what the app reads at run time: the package-data globs match every file."""
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["roadmap_app"]
    shipped = {path for folder in (resources_dir(), bundled_roadmaps_dir()) for path in folder.rglob("*")
               if path.is_file()}
    assert format_guide() in shipped and len(shipped) >= len(ICON_SIZES) + 6
    matched = {path for pattern in patterns for path in PACKAGE.glob(pattern)}  # * stays in a folder, as in setuptools
    assert sorted(str(path.relative_to(PACKAGE)) for path in shipped - matched) == []


def run_tool(*command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (python3 dev.py package installs and runs it)")
    return subprocess.run(command, capture_output=True, text=True, timeout=120,
                          env=None if env is None else {**os.environ, **env})


def test_desktop_file_validate_accepts_the_desktop_entry() -> None:
    done = run_tool("desktop-file-validate", str(desktop_entry()))
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_appstreamcli_accepts_the_metainfo() -> None:
    done = run_tool("appstreamcli", "validate", "--no-net", str(metainfo()))
    remarks = [line for line in done.stdout.splitlines() if line[:2] in {"E:", "W:", "I:"}]  # infos too
    assert done.returncode == 0 and not remarks, done.stdout + done.stderr


def test_update_mime_database_reads_the_file_types(tmp_path) -> None:
    mime = tmp_path / "mime"
    (mime / "packages").mkdir(parents=True)
    shutil.copy(mime_info(), mime / "packages" / f"{APP_ID}.xml")
    # it exits 0 even on a file it cannot parse: what it says and what it wrote tell
    done = run_tool("update-mime-database", str(mime), env={"XDG_DATA_HOME": str(tmp_path)})
    assert done.returncode == 0 and not (done.stdout + done.stderr).strip(), done.stdout + done.stderr
    globs = (mime / "globs2").read_text(encoding="utf-8")
    for kind, patterns in MIME_TYPES.items():
        for pattern in patterns:
            assert f":{kind}:{pattern}" in globs


def test_each_file_type_extends_a_type_the_system_knows() -> None:
    """So a file manager also offers text editors for roadmap files (through YAML or JSON, then plain text)."""
    system = Path("/usr/share/mime")
    if not (system / "types").is_file():
        pytest.skip("no shared-mime-info database on this system")
    known = set((system / "types").read_text(encoding="utf-8").split())
    known |= {line.split()[0] for line in (system / "aliases").read_text(encoding="utf-8").splitlines() if line}
    root = ET.parse(mime_info()).getroot()
    for kind in root.findall(f"{MIME_NS}mime-type"):
        parents = [parent.get("type") for parent in kind.findall(f"{MIME_NS}sub-class-of")]
        assert parents and all(parent in known for parent in parents), (kind.get("type"), parents)
