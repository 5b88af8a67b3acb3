"""Subcommands that register the app with the desktop for the current user: install-desktop, uninstall-desktop."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from roadmap_app.services import desktop_integration
from roadmap_app.services.desktop_integration import Report, Target


def register(commands: argparse._SubParsersAction) -> None:
    install = commands.add_parser(
        "install-desktop",
        help="add Roadmap to your application menu and open roadmap files with it (Linux)",
        description="Add Roadmap to this user's application menu, with its icon, and make double-clicking a "
        "*.roadmap.yaml or *.roadmap.json file open it. Writes only into $XDG_DATA_HOME (~/.local/share): "
        "applications/, icons/hicolor/ and mime/packages/. The menu entry starts this installation of the app, "
        "so run it again after moving the app. 'roadmap-app uninstall-desktop' reverses it.",
    )
    install.set_defaults(handler=run_install)
    uninstall = commands.add_parser(
        "uninstall-desktop",
        help="remove what install-desktop added (your progress is kept)",
        description="Remove the menu entry, icons and file types that install-desktop added for this user. "
        "Your progress, settings and roadmaps are not touched.",
    )
    uninstall.set_defaults(handler=run_uninstall)


def run_install(args: argparse.Namespace) -> int:
    target = Target.for_user()
    report = desktop_integration.install(target)
    print("Roadmap is in your application menu; double-clicking a .roadmap.yaml or .roadmap.json file opens it.")
    print(f"It starts: {' '.join(desktop_integration.launcher())}")
    _print_files("Wrote", report.written, target)
    _print_refresh(report)
    print("To undo: roadmap-app uninstall-desktop")
    return 0


def run_uninstall(args: argparse.Namespace) -> int:
    target = Target.for_user()
    report = desktop_integration.uninstall(target)
    if not report.removed:
        print(f"Nothing to remove: Roadmap was not installed in {target.data_home}.")
        return 0
    print("Roadmap is no longer in your application menu, and roadmap files no longer open with it. "
          "Your progress and settings are kept.")
    _print_files("Removed", report.removed, target)
    _print_refresh(report)
    return 0


def _print_files(verb: str, files: list[Path], target: Target) -> None:
    print(f"{verb} {len(files)} files in {target.data_home}:")
    for path in files:
        print(f"  {os.path.relpath(path, target.data_home)}")


def _print_refresh(report: Report) -> None:
    if report.refreshed:
        print(f"Refreshed: {', '.join(report.refreshed)}")
    if report.not_refreshed:
        print("Not refreshed (the desktop notices the change at the next login): " + "; ".join(report.not_refreshed))
