"""Register the app with a Linux desktop for the current user (menu entry, icon, file types), and undo it."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_app.desktop_files import APP_ID, ICON_SIZES, desktop_entry, icon_png, icon_svg, mime_info, supported
from roadmap_app.services.errors import UserError
from roadmap_app.services.output import atomic_output

EXEC_RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')  # the desktop entry spec: such an argument must be quoted
REFRESH_TIMEOUT = 60  # seconds for each of update-mime-database and the others


@dataclass(frozen=True)
class Target:
    """Where the desktop looks for this user's applications, icons and file types (the XDG base folders)."""

    data_home: Path

    @classmethod
    def for_user(cls) -> Target:
        chosen = os.environ.get("XDG_DATA_HOME", "").strip()
        home = Path(chosen) if chosen and Path(chosen).is_absolute() else Path.home() / ".local" / "share"
        return cls(home)

    @property
    def applications(self) -> Path:
        return self.data_home / "applications"

    @property
    def mime(self) -> Path:
        return self.data_home / "mime"

    @property
    def icons(self) -> Path:
        return self.data_home / "icons" / "hicolor"

    def desktop_entry(self) -> Path:
        return self.applications / f"{APP_ID}.desktop"

    def mime_package(self) -> Path:
        return self.mime / "packages" / f"{APP_ID}.xml"

    def icon_files(self) -> dict[Path, Path]:
        """Each shipped icon file and where it goes."""
        files = {icon_svg(): self.icons / "scalable" / "apps" / f"{APP_ID}.svg"}
        for size in ICON_SIZES:
            files[icon_png(size)] = self.icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        return files

    def files(self) -> list[Path]:
        return [self.desktop_entry(), self.mime_package(), *self.icon_files().values()]


@dataclass
class Report:
    """What installing or uninstalling did, for the command to print."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    not_refreshed: list[str] = field(default_factory=list)  # tools missing or failing: "name: why"


def launcher() -> list[str]:
    """The command that starts this very installation of the app: the frozen executable, the `roadmap-app`
    script beside this Python (a venv, pipx), or this Python running the package."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.executable).parent / ("roadmap-app.exe" if os.name == "nt" else "roadmap-app")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [str(Path(sys.executable).absolute()), "-m", "roadmap_app"]


def exec_quote(argument: str) -> str:
    """One argument of an Exec line, quoted and escaped as the desktop entry spec asks."""
    if any(ord(char) < 32 for char in argument):
        raise UserError(f"the path {argument!r} has a control character, which a desktop entry cannot hold; "
                        "install the app in a folder without one")
    if "%" in argument:  # the spec writes it %%, but GLib looks for the program without undoing that
        raise UserError(f"the path {argument!r} has a % sign, which desktops do not find in a menu entry; "
                        "move the app to a folder without one")
    if EXEC_RESERVED.isdisjoint(argument):
        return argument
    inner = "".join("\\" + char if char in '"`$\\' else char for char in argument)
    return '"' + inner.replace("\\", "\\\\") + '"'  # the value's own escaping doubles every backslash again


def entry_text(command: Sequence[str]) -> str:
    """The shipped desktop entry with Exec and TryExec pointing at `command`."""
    lines = []
    for line in desktop_entry().read_text(encoding="utf-8").splitlines():
        key = line.split("=", 1)[0].strip()
        if key == "Exec":
            line = "Exec=" + " ".join(exec_quote(part) for part in command) + " %f"
        elif key == "TryExec":
            line = "TryExec=" + command[0].replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def install(target: Target | None = None, command: Sequence[str] | None = None) -> Report:
    """Copy the desktop entry, the icons and the file types into the user's folders and tell the desktop."""
    _check_platform()
    target = target or Target.for_user()
    report = Report()
    _write(target.desktop_entry(), entry_text(command or launcher()).encode("utf-8"), report)
    _write(target.mime_package(), mime_info().read_bytes(), report)
    for source, destination in target.icon_files().items():
        _write(destination, source.read_bytes(), report)
    _refresh(target, report)
    return report


def uninstall(target: Target | None = None) -> Report:
    """Remove what install() wrote (only those files) and tell the desktop; the user's data is not touched."""
    _check_platform()
    target = target or Target.for_user()
    report = Report()
    for path in target.files():
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise UserError(f"could not remove {path}: {exc.strerror or exc}; remove it by hand") from exc
        report.removed.append(path)
    _refresh(target, report)
    return report


def installed_files(target: Target | None = None) -> list[Path]:
    return [path for path in (target or Target.for_user()).files() if path.exists()]


def _check_platform() -> None:
    if not supported():
        raise UserError("install-desktop registers the app with Linux and BSD desktops (freedesktop.org); on "
                        "Windows and macOS use the built app's folder, or start it with 'roadmap-app'")


def _write(path: Path, data: bytes, report: Report) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(path) as temporary:
            temporary.write_bytes(data)
            temporary.chmod(0o644)
    except OSError as exc:
        raise UserError(f"could not write {path}: {exc.strerror or exc}. Files written so far: "
                        f"{len(report.written)}; 'roadmap-app uninstall-desktop' removes them") from exc
    report.written.append(path)


def _refresh(target: Target, report: Report) -> None:
    """Rebuild the caches desktops read; each tool is optional (a desktop without it rescans by itself)."""
    steps = [("update-mime-database", [str(target.mime)], target.mime),
             ("update-desktop-database", ["-q", str(target.applications)], target.applications)]
    if (target.icons / "icon-theme.cache").exists():  # one made before: keep it up to date
        steps.append(("gtk-update-icon-cache", ["-q", "-t", "-f", str(target.icons)], target.icons))
    elif target.icons.is_dir():  # none: make none (an app adding icons later without one would go unseen)
        with contextlib.suppress(OSError):
            os.utime(target.icons)  # toolkits rescan a theme folder whose time changed
    for tool, arguments, folder in steps:
        program = shutil.which(tool)
        if not folder.is_dir():
            continue
        if program is None:
            report.not_refreshed.append(f"{tool}: not installed")
            continue
        try:
            done = subprocess.run([program, *arguments], capture_output=True, text=True, timeout=REFRESH_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as exc:
            report.not_refreshed.append(f"{tool}: {exc}")
            continue
        if done.returncode == 0:
            report.refreshed.append(tool)
        else:
            last_line = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:] or [f"exit {done.returncode}"]
            report.not_refreshed.append(f"{tool}: {last_line[0]}")
