"""The `roadmap-app` command: no arguments opens the GUI, subcommands do headless work."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sqlite3
import sys
from collections.abc import Callable

from roadmap_app import __version__
from roadmap_app.paths import DATA_DIR_ENV
from roadmap_app.persistence.errors import describe
from roadmap_app.services.errors import UserError

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

MAY_BE_EMPTY = {"note"}  # edit-session --note "" clears a note


def build_parser(commands_too: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without `commands_too` only the window's part (the subcommands' modules load
    SQLAlchemy, jsonschema and more, which opening the window has no need of before its first frame)."""
    parser = argparse.ArgumentParser(
        prog="roadmap-app",
        description="Skill roadmaps as dependency graphs, with local progress tracking and study plans. "
        "Run without a command to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"folder for all personal data (progress database, backups, settings); default: ${DATA_DIR_ENV} "
        "or the platform's user data folder",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = commands.add_parser("gui", help="open the window (the default)", description="Open the window.")
    gui.add_argument("file", nargs="?", help="roadmap file to open (default: the last one, or the bundled roadmap)")
    gui.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    gui.set_defaults(handler=_run_gui)
    if commands_too:
        from roadmap_app.cli import edit_commands, image_commands, plan_commands, progress_commands, roadmap_commands

        for module in (roadmap_commands, edit_commands, progress_commands, plan_commands, image_commands):
            module.register(commands)
    return parser


def _only_opens_the_window(argv: list[str]) -> bool:
    """True for no command or `gui`, after nothing but --data-dir: the window's parser alone reads those the same."""
    rest = list(argv)
    while rest and rest[0].startswith("--") and len(rest[0].split("=")[0]) > 2 \
            and "--data-dir".startswith(rest[0].split("=")[0]):  # argparse also takes a prefix such as --data
        rest = rest[1:] if "=" in rest[0] else rest[2:]
    return not rest or rest[0] == "gui"


# The Qt-free modules the window imports before its first frame (and what they load). PySide6 reads the source
# of every module imported after it, to learn whether it uses PySide6 (its `__feature__` import hook, PYSIDE-2029),
# and keeps that source in memory: importing these before Qt saves that time and tens of MB. The study plan's
# (planning, plan_export) load with the Plan panel, when it is first shown.
WINDOW_CORE = ["roadmap_app.domain.graph", "roadmap_app.domain.navigation", "roadmap_app.domain.search",
               "roadmap_app.services.database_thread", "roadmap_app.services.layout_cache",
               "roadmap_app.services.progress_ops", "roadmap_app.services.progress_session",
               "roadmap_app.services.roadmap_cache", "roadmap_app.ui.text", "roadmap_app.ui.undo_routing"]


def _run_gui(args: argparse.Namespace) -> int:
    # Loading Qt and the window makes some 45,000 objects that live as long as it, and next to no garbage: the
    # cyclic garbage collector would walk them over and over (10-20 ms before the first frame). It stays off
    # until the window is built; run_gui() then freezes what was made (gc.freeze) and turns it on again.
    gc.disable()
    try:
        for name in WINDOW_CORE:
            importlib.import_module(name)
        from roadmap_app.ui.app import run_gui  # Qt is loaded only for the window

        return run_gui(file=getattr(args, "file", None), data_dir=args.data_dir,
                       smoke_test=getattr(args, "smoke_test", False))
    finally:
        gc.enable()  # whatever happened


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(commands_too=not _only_opens_the_window(arguments))
    args = parser.parse_args(arguments)
    if args.data_dir is not None and not args.data_dir.strip():
        parser.error("--data-dir needs a folder name; leave the option out to use the default folder")
    for name, value in vars(args).items():  # an empty value is a slip of the keyboard, never "use the default"
        if isinstance(value, str) and not value.strip() and name not in MAY_BE_EMPTY:
            parser.error(f"{name.replace('_', '-')} is empty; give a value or leave it out")
    if args.data_dir:
        os.environ[DATA_DIR_ENV] = os.path.abspath(os.path.expanduser(args.data_dir))
        args.data_dir = os.environ[DATA_DIR_ENV]
    handler = getattr(args, "handler", _run_gui)
    if handler is _run_gui:  # the window shows text its own way
        return _run_command(handler, args)
    from roadmap_app.cli.terminal import escaped_output

    with escaped_output():
        return _run_command(handler, args)


def _run_command(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a headless command; every failure a person can fix is one line on stderr, never a traceback."""
    try:
        return handler(args)
    except UserError as exc:
        print(f"roadmap-app: error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if not _is_database_error(exc):
            raise
        print(f"roadmap-app: error: cannot use the progress database: {describe(exc)}. Nothing was changed.",
              file=sys.stderr)
        return EXIT_INVALID


def _is_database_error(error: Exception) -> bool:
    """sqlite3's and SQLAlchemy's errors (SQLAlchemy raised none if it was never loaded: the window loads it late)."""
    # the store (and the domain with it) loads with the command that needs it: for the window, in _run_gui()
    from roadmap_app.persistence.store import DatabaseMovedError

    if isinstance(error, sqlite3.Error | DatabaseMovedError):
        return True
    sqlalchemy_errors = sys.modules.get("sqlalchemy.exc")
    return sqlalchemy_errors is not None and isinstance(error, sqlalchemy_errors.SQLAlchemyError)
