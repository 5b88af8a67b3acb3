"""The `roadmap-app` command: no arguments (or a roadmap file) opens the GUI, subcommands do headless work."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import re
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
        usage="%(prog)s [-h] [--version] [--data-dir DIR] [FILE | COMMAND ...]",
        description="Skill roadmaps as dependency graphs, with local progress tracking and study plans. "
        "Run without a command to open the window, or with a roadmap file (roadmap-app FILE) to open the window "
        "on it. A file named like a command opens with 'roadmap-app gui FILE'.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"folder for all personal data (progress database, backups, settings); default: ${DATA_DIR_ENV} "
        "or the platform's user data folder",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", prog="roadmap-app")  # not the usage above
    gui = commands.add_parser("gui", help="open the window (the default)", description="Open the window.")
    gui.add_argument("file", nargs="?", help="roadmap file to open (default: the last one, or the bundled roadmap); "
                     "'roadmap-app FILE' does the same, except for a file named like a command such as ./validate")
    # `roadmap-app FILE --data-dir D` reads as `gui FILE --data-dir D`; without a value the folder given before stays
    gui.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                     help="the data folder, as --data-dir before the command")
    gui.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    gui.set_defaults(handler=_run_gui)
    if commands_too:
        from roadmap_app.cli import (
            desktop_commands,
            edit_commands,
            image_commands,
            plan_commands,
            progress_commands,
            roadmap_commands,
            stats_commands,
        )

        for module in (roadmap_commands, edit_commands, progress_commands, plan_commands, stats_commands,
                       image_commands, desktop_commands):
            module.register(commands)
    return parser


def _first_word(argv: list[str]) -> int:
    """Where the first argument after the leading --data-dir options is (len(argv) or more when none is)."""
    index = 0
    while index < len(argv) and argv[index].startswith("--") and len(argv[index].split("=")[0]) > 2 \
            and "--data-dir".startswith(argv[index].split("=")[0]):  # argparse also takes a prefix such as --data
        index += 1 if "=" in argv[index] else 2
    return index


def _only_opens_the_window(argv: list[str]) -> bool:
    """True for no command or `gui`, after nothing but --data-dir: the window's parser alone reads those the same."""
    index = _first_word(argv)
    return index >= len(argv) or argv[index] == "gui"


def command_names(parser: argparse.ArgumentParser) -> list[str]:
    """The subcommands a parser knows, in the order --help lists them."""
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(commands.choices)


def _could_be_a_command(word: str) -> bool:
    """Commands are lower-case words (tests/test_opening.py checks it), so a path such as ./x.yaml is none of them
    and opens the window without loading the commands' modules."""
    return re.fullmatch(r"[a-z][a-z0-9-]*", word) is not None


def _with_file_opened_in_the_window(argv: list[str]) -> list[str]:
    """`roadmap-app FILE ...` as `roadmap-app gui FILE ...`: a first word that is not a command but a file.

    A command always wins over a file of the same name; a word that is neither is an error naming the commands.
    """
    index = _first_word(argv)
    if index >= len(argv) or argv[index].startswith("-") or argv[index] == "gui":
        return argv
    word = argv[index]
    if _could_be_a_command(word) and word in command_names(build_parser()):
        return argv
    if os.path.isdir(word):
        build_parser(commands_too=False).error(
            f"{word!r} is a folder; give a roadmap file in it, such as {os.path.join(word, 'NAME.roadmap.yaml')!r}")
    if not os.path.exists(word):
        parser = build_parser()
        parser.error(f"{word!r}: no such file, and not a command. Commands: {', '.join(command_names(parser))} "
                     "(roadmap-app COMMAND --help says more). To open a file, give its path.")
    return [*argv[:index], "gui", *argv[index:]]


# The Qt-free modules the window imports before its first frame (and what they load). PySide6 reads the source
# of every module imported after it, to learn whether it uses PySide6 (its `__feature__` import hook, PYSIDE-2029),
# and keeps that source in memory: importing these before Qt saves that time and tens of MB. The study plan's
# (planning, plan_export) load with the Plan panel, when it is first shown.
WINDOW_CORE = ["roadmap_app.desktop_files", "roadmap_app.domain.graph", "roadmap_app.domain.navigation",
               "roadmap_app.domain.search", "roadmap_app.services.database_thread", "roadmap_app.services.layout_cache",
               "roadmap_app.services.progress_ops", "roadmap_app.services.progress_session",
               "roadmap_app.services.accepted_versions", "roadmap_app.services.roadmap_cache",
               "roadmap_app.services.file_saving", "roadmap_app.ui.text",
               "roadmap_app.ui.undo_routing"]


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
    arguments = _with_file_opened_in_the_window(sys.argv[1:] if argv is None else list(argv))
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
    except ImportError as exc:  # Qt's own libraries load, but a system library they link to is not installed
        from roadmap_app.ui.system_libraries import missing_library, missing_library_message

        library = missing_library(exc)
        if library is None:
            raise
        print(f"roadmap-app: error: {missing_library_message(library)}", file=sys.stderr)
        return EXIT_USAGE
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
