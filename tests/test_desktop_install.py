"""roadmap-app install-desktop / uninstall-desktop: the user's menu entry, icon and file types, and undoing them."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys

import pytest

from roadmap_app.cli import main
from roadmap_app.desktop_files import APP_ID, ICON_SIZES, icon_png
from roadmap_app.services import desktop_integration
from roadmap_app.services.desktop_integration import Target, entry_text, exec_quote
from roadmap_app.services.errors import UserError
from tests.conftest import ML_ROADMAP


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_DIRS", "/usr/local/share:/usr/share")
    return home


def installed_entry(home) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read(home / "applications" / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_install_puts_the_entry_icons_and_file_types_in_the_users_folders(data_home, capsys) -> None:
    assert main(["install-desktop"]) == 0
    out = capsys.readouterr().out
    assert "application menu" in out and "uninstall-desktop" in out
    values = installed_entry(data_home)
    assert values["Exec"] == " ".join(desktop_integration.launcher()) + " %f"
    assert os.path.isabs(values["TryExec"]) and values["Icon"] == APP_ID
    for size in ICON_SIZES:
        copied = data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert copied.read_bytes() == icon_png(size).read_bytes()
    assert (data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (data_home / "mime" / "packages" / f"{APP_ID}.xml").is_file()


def test_the_launcher_starts_this_installation() -> None:
    command = desktop_integration.launcher()
    done = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("roadmap-app ")


def test_uninstall_removes_only_what_install_wrote(data_home, capsys) -> None:
    other = data_home / "applications" / "someone-else.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n")
    main(["install-desktop"])
    written = desktop_integration.installed_files()
    assert len(written) == len(ICON_SIZES) + 3
    assert main(["uninstall-desktop"]) == 0
    assert "no longer" in capsys.readouterr().out
    assert not any(path.exists() for path in written) and other.is_file()
    assert main(["uninstall-desktop"]) == 0
    assert "Nothing to remove" in capsys.readouterr().out


def test_installing_again_replaces_the_entry_in_place(data_home) -> None:
    main(["install-desktop"])
    (data_home / "applications" / f"{APP_ID}.desktop").write_text("stale")
    main(["install-desktop"])
    assert installed_entry(data_home)["Icon"] == APP_ID
    assert not [p for p in (data_home / "applications").iterdir() if ".partial" in p.name]


@pytest.mark.parametrize(("argument", "written"), [
    ("/opt/roadmap/roadmap-app", "/opt/roadmap/roadmap-app"),
    ("/home/ann/My Apps/roadmap-app", '"/home/ann/My Apps/roadmap-app"'),
    ('/a"b/x', '"/a\\\\"b/x"'),  # \" in the argument, and the value's own escaping doubles the backslash
    ("/a$b/x", '"/a\\\\$b/x"'),
    ("C:\\x y", '"C:\\\\\\\\x y"'),  # a literal backslash in a quoted argument is four
])
def test_exec_arguments_are_quoted_as_the_desktop_entry_spec_asks(argument, written) -> None:
    assert exec_quote(argument) == written


def test_a_folder_with_spaces_gives_a_valid_entry(tmp_path) -> None:
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed")
    entry = tmp_path / f"{APP_ID}.desktop"
    entry.write_text(entry_text(["/home/ann/My Apps/roadmap $1/roadmap-app"]), encoding="utf-8")
    done = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


@pytest.mark.parametrize(("path", "why"), [("/tmp/a\nb", "control character"), ("/opt/100%/roadmap-app", "% sign")])
def test_a_path_desktops_cannot_start_is_refused(path, why) -> None:
    with pytest.raises(UserError, match=why):
        exec_quote(path)


def test_no_icon_cache_is_made_where_there_was_none_and_one_there_is_kept_up_to_date(data_home) -> None:
    if shutil.which("gtk-update-icon-cache") is None:
        pytest.skip("gtk-update-icon-cache is not installed")
    cache = data_home / "icons" / "hicolor" / "icon-theme.cache"
    report = desktop_integration.install(Target.for_user())
    assert not cache.exists() and "gtk-update-icon-cache" not in report.refreshed
    cache.write_bytes(b"")  # made by another program before
    report = desktop_integration.install(Target.for_user())
    assert "gtk-update-icon-cache" in report.refreshed and cache.stat().st_size > 0


def test_the_desktop_then_opens_roadmap_files_with_the_app(data_home) -> None:
    """What a file manager asks when a file is double-clicked: its type, then the application for that type."""
    if shutil.which("xdg-mime") is None or shutil.which("update-mime-database") is None:
        pytest.skip("xdg-utils and shared-mime-info are not installed")
    desktop_integration.install(Target.for_user())

    def ask(*words: str) -> str:
        done = subprocess.run(["xdg-mime", "query", *words], capture_output=True, text=True, timeout=60,
                              env={**os.environ, "XDG_CURRENT_DESKTOP": "X-Generic"})
        return done.stdout.strip()

    assert ask("filetype", str(ML_ROADMAP)) == "application/x-roadmap+yaml"
    assert ask("default", "application/x-roadmap+yaml") == f"{APP_ID}.desktop"
    assert ask("default", "application/x-roadmap+json") == f"{APP_ID}.desktop"
    desktop_integration.uninstall(Target.for_user())
    assert ask("filetype", str(ML_ROADMAP)) != "application/x-roadmap+yaml"
    assert ask("default", "application/x-roadmap+yaml") == ""


def test_other_systems_are_told_what_to_do_instead(data_home, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert main(["install-desktop"]) == 2
    assert "Linux" in capsys.readouterr().err and not data_home.exists()


def test_an_unwritable_folder_is_a_message_not_a_traceback(data_home, capsys) -> None:
    data_home.mkdir(parents=True)
    (data_home / "applications").write_text("a file where a folder should be")
    assert main(["install-desktop"]) == 2
    err = capsys.readouterr().err
    assert "could not write" in err and "Traceback" not in err


def test_the_help_menu_adds_the_app_to_the_menu_and_removes_it(window, data_home, qtbot, monkeypatch) -> None:
    from roadmap_app.ui import desktop_entry

    told: list[str] = []
    monkeypatch.setattr(desktop_entry, "tell", lambda parent, title, text, *icon: told.append(text))
    controller = window.commands.desktop_entry
    assert controller is not None
    help_menu = next(action.menu() for action in window.menuBar().actions() if action.text() == "&Help")
    assert controller.action in help_menu.actions()
    help_menu.aboutToShow.emit()
    assert controller.action.text() == desktop_entry.ADD_TEXT
    controller.action.trigger()
    qtbot.waitUntil(lambda: len(told) == 1, timeout=10_000)
    assert "is in your applications menu" in told[0]
    assert installed_entry(data_home)["Exec"].startswith(desktop_integration.launcher()[0])
    assert controller.action.text() == desktop_entry.REMOVE_TEXT and controller.action.isEnabled()
    controller.action.trigger()
    qtbot.waitUntil(lambda: len(told) == 2, timeout=10_000)
    assert "no longer" in told[1] and desktop_integration.installed_files() == []
    assert controller.action.text() == desktop_entry.ADD_TEXT


def test_the_help_menu_says_what_went_wrong(window, data_home, qtbot, monkeypatch) -> None:
    from roadmap_app.ui import desktop_entry

    told: list[str] = []
    monkeypatch.setattr(desktop_entry, "tell", lambda parent, title, text, *icon: told.append(text))
    data_home.mkdir(parents=True)
    (data_home / "applications").write_text("a file where a folder should be")
    window.commands.desktop_entry.action.trigger()
    qtbot.waitUntil(lambda: len(told) == 1, timeout=10_000)
    assert told[0].startswith("Could not write") and "uninstall-desktop" in told[0]
