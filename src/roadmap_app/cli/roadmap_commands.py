"""Subcommands about roadmap files themselves: validate and schema."""

from __future__ import annotations

import argparse
import json
import sys

from roadmap_app.cli.terminal import printable
from roadmap_app.formats.loader import check_file
from roadmap_app.formats.schema import ROADMAP_SCHEMA


def register(commands: argparse._SubParsersAction) -> None:
    validate = commands.add_parser(
        "validate",
        help="check roadmap files and report every problem",
        description="Check roadmap files. Prints one line per problem as FILE:LINE:COL: error|warning: MESSAGE. "
        "Exit status: 0 all valid, 1 some file invalid, 2 usage or I/O error.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="*.roadmap.yaml or *.roadmap.json files")
    validate.add_argument("-q", "--quiet", action="store_true", help="print errors only, no warnings or summary")
    validate.set_defaults(handler=run_validate)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of roadmap files",
        description="Print the JSON Schema of the roadmap format, for editors and CI.",
    )
    schema.set_defaults(handler=run_schema)


def run_validate(args: argparse.Namespace) -> int:
    worst = 0
    for name in args.files:
        try:
            result = check_file(name)
        except IsADirectoryError:
            print(printable(f"{name}: error: is a folder; give roadmap files (e.g. {name}/*.roadmap.yaml)"),
                  file=sys.stderr)
            worst = 2
            continue
        except OSError as exc:
            print(printable(f"{name}: error: cannot read the file: {exc.strerror or exc}"), file=sys.stderr)
            worst = 2
            continue
        shown = result.diagnostics if not args.quiet else result.errors
        for line in (d.format(name) for d in shown):
            print(printable(line))  # a message may quote the file: its control characters are shown escaped
        if result.errors:
            worst = max(worst, 1)
        elif not args.quiet:
            warnings = len(result.diagnostics)
            nodes = len(result.roadmap.nodes) if result.roadmap else 0
            suffix = f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
            print(printable(f"{name}: ok ({nodes} nodes{suffix})"))
    return worst


def run_schema(args: argparse.Namespace) -> int:
    json.dump(ROADMAP_SCHEMA, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0
