"""Subcommands that change a roadmap file in place: rename."""

from __future__ import annotations

import argparse

from roadmap_app.cli.terminal import printable
from roadmap_app.services.errors import UserError
from roadmap_app.services.file_saving import read_only_reason
from roadmap_app.services.roadmap_editing import RoadmapEditor
from roadmap_app.services.workspace import resolve_node


def register(commands: argparse._SubParsersAction) -> None:
    rename = commands.add_parser(
        "rename",
        help="change a skill's id everywhere in a roadmap file",
        description="Change a skill's id in FILE and in every 'requires' and 'recommends' that names it, and add "
        "the old id to the skill's 'aliases', so progress recorded under it carries over. The file is rewritten "
        "in place: comments and formatting stay, only the lines with the id change.",
    )
    rename.add_argument("file", metavar="FILE", help="roadmap file to change (*.roadmap.yaml or *.roadmap.json)")
    rename.add_argument("old", metavar="OLD", help="the skill's current id")
    rename.add_argument("new", metavar="NEW", help="the new id: lowercase words joined by hyphens")
    rename.set_defaults(handler=run_rename)


def run_rename(args: argparse.Namespace) -> int:
    reason = read_only_reason(args.file, new_file_ok=False)
    if reason:
        raise UserError(reason)
    editor = RoadmapEditor.open(args.file)
    if args.old not in editor.roadmap.alias_map:
        resolve_node(editor.roadmap, args.old)  # an unknown id: the message other commands give, with a suggestion
    references = sum(node.requires.count(args.old) + node.recommends.count(args.old)
                     for node in editor.roadmap.nodes)
    editor.rename_skill(args.old, args.new)
    editor.save()
    plural = "reference" if references == 1 else "references"
    print(printable(f"renamed '{args.old}' to '{args.new}' in {args.file}: {references} {plural} updated; "
                    f"progress under '{args.old}' carries over through aliases"))
    return 0
