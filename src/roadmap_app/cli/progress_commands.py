"""Subcommands that read and record progress: progress, mark, log, export/import, backups."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from roadmap_app.domain.progress import Status
from roadmap_app.domain.records import EventRecord
from roadmap_app.services import progress_ops as ops
from roadmap_app.services.errors import UserError
from roadmap_app.services.workspace import open_roadmap, open_store, resolve_node

STATUS_SYMBOLS = {Status.DONE: "✔", Status.LEARNING: "◐", Status.SKIPPED: "⤼", Status.TODO: "○"}


def register(commands: argparse._SubParsersAction) -> None:
    progress = commands.add_parser(
        "progress", help="show progress on a roadmap",
        description="Per node: status, resources done/total and minutes logged; then archived entries "
        "(progress kept for nodes the file no longer has) and the percent complete. Percent complete "
        "weighs each node by its estimated hours; skipped nodes count as neither done nor remaining.")
    progress.add_argument("file", metavar="FILE", help="roadmap file")
    progress.add_argument("--json", action="store_true", help="print JSON instead of a table")
    progress.set_defaults(handler=run_progress)

    mark = commands.add_parser("mark", help="set a node's status",
                               description="Set a node's status: todo, learning, done or skipped.")
    mark.add_argument("file", metavar="FILE", help="roadmap file")
    mark.add_argument("node", metavar="NODE", help="node id (a former id listed in 'aliases' works too)")
    mark.add_argument("status", metavar="STATUS", help="todo, learning, done or skipped")
    mark.set_defaults(handler=run_mark)

    log = commands.add_parser("log", help="log study time on a node", description="Record a study session.")
    log.add_argument("file", metavar="FILE", help="roadmap file")
    log.add_argument("node", metavar="NODE", help="node id (or a former id)")
    log.add_argument("minutes", metavar="MINUTES", help="whole minutes, 1 to 1440")
    log.add_argument("--date", metavar="YYYY-MM-DD", help="day of the session (default: today)")
    log.add_argument("--note", metavar="TEXT", default="", help="what you did")
    log.set_defaults(handler=run_log)

    sessions = commands.add_parser(
        "sessions", help="list study sessions",
        description="List the study sessions logged on a roadmap (or one node), oldest first, with the id "
        "that 'delete-session' and 'edit-session' take (its first 8 characters are enough).")
    sessions.add_argument("file", metavar="FILE", help="roadmap file")
    sessions.add_argument("node", metavar="NODE", nargs="?", help="only this node (id or former id)")
    sessions.add_argument("--json", action="store_true", help="print JSON instead of a table")
    sessions.set_defaults(handler=run_sessions)

    edit = commands.add_parser("edit-session", help="change a study session",
                               description="Change the minutes, day or note of a study session.")
    edit.add_argument("file", metavar="FILE", help="roadmap file")
    edit.add_argument("session", metavar="SESSION", help="session id (or its first characters) from 'sessions'")
    edit.add_argument("--minutes", metavar="MINUTES", help="whole minutes, 1 to 1440")
    edit.add_argument("--date", metavar="YYYY-MM-DD", help="day of the session")
    edit.add_argument("--note", metavar="TEXT", help="what you did")
    edit.set_defaults(handler=run_edit_session)

    remove = commands.add_parser("delete-session", help="delete a study session",
                                 description="Delete one study session (see 'sessions' for the ids).")
    remove.add_argument("file", metavar="FILE", help="roadmap file")
    remove.add_argument("session", metavar="SESSION", help="session id (or its first characters) from 'sessions'")
    remove.set_defaults(handler=run_delete_session)

    export = commands.add_parser("export-progress", help="write progress to a JSON file",
                                 description="Export progress on FILE's roadmap (or all roadmaps with --all) "
                                 "to a JSON file that 'import-progress' reads on another machine.")
    export.add_argument("file", metavar="FILE", help="roadmap file")
    export.add_argument("-o", "--output", required=True, metavar="OUT.json", help="file to write")
    export.add_argument("--all", action="store_true", help="export progress on every roadmap")
    export.set_defaults(handler=run_export)

    imp = commands.add_parser("import-progress", help="merge progress from a JSON file",
                              description="Merge an exported progress file into this machine's progress. "
                              "Importing the same file twice changes nothing; newer entries win.")
    imp.add_argument("file", metavar="FILE", help="roadmap file whose progress to import")
    imp.add_argument("input", metavar="IN.json", help="file written by export-progress")
    imp.add_argument("--all", action="store_true", help="import progress on every roadmap in the file")
    imp.set_defaults(handler=run_import)

    backups = commands.add_parser("backups", help="list database backups", description="List backups, newest first.")
    backups.set_defaults(handler=run_backups)
    restore = commands.add_parser("restore-backup", help="restore the progress database from a backup",
                                  description="Replace the progress database with a backup (default: the newest). "
                                  "The current database is moved aside, not deleted.")
    restore.add_argument("backup", nargs="?", metavar="BACKUP", help="backup file (see 'roadmap-app backups')")
    restore.set_defaults(handler=run_restore)


def run_progress(args: argparse.Namespace) -> int:
    roadmap = open_roadmap(args.file)
    store = open_store(args.data_dir)
    snapshot = store.snapshot(roadmap)
    rows: list[dict[str, Any]] = []
    for node in roadmap.nodes:
        state = snapshot.state(node.id)
        done, total = snapshot.resources_done(node.id)
        rows.append({"node": node.id, "title": node.title, "status": state.status.value,
                     "resources_done": done, "resources_total": total, "minutes": state.minutes})
    archived = [{"node": a.node_id, "status": a.state.status.value, "minutes": a.state.minutes,
                 "resources_done": len(a.state.done_resources)} for a in snapshot.archived]
    percent = round(snapshot.percent_complete(), 1)
    if args.json:
        json.dump({"roadmap": roadmap.id, "percent_complete": percent, "nodes": rows, "archived": archived},
                  sys.stdout, indent=2)
        print()
        return 0
    width = max(len(r["node"]) for r in rows)
    for row in rows:
        symbol = STATUS_SYMBOLS[Status(row["status"])]
        print(f"{symbol} {row['node']:<{width}}  {row['status']:<8}  {row['resources_done']}/{row['resources_total']}"
              f"  {row['minutes']:>5} min")
    if archived:
        print("\nArchived (progress kept for ids this file no longer has):")
        for entry in archived:
            print(f"  {entry['node']}: {entry['status']}, {entry['minutes']} min")
    counts = snapshot.counts()
    print(f"\n{roadmap.title}: {percent:.1f}% complete by estimated hours "
          f"({counts[Status.DONE]} done, {counts[Status.LEARNING]} learning, {counts[Status.SKIPPED]} skipped, "
          f"{counts[Status.TODO]} to do; skipped nodes are left out of the percentage)")
    return 0


def run_mark(args: argparse.Namespace) -> int:
    roadmap = open_roadmap(args.file)
    node_id = resolve_node(roadmap, args.node)
    try:
        status = Status.parse(args.status)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    node = roadmap.node(node_id)
    change = ops.set_status(open_store(args.data_dir), roadmap.id, node_id, status, title=node.title,
                            former_ids=node.aliases)
    if change.empty:
        print(f"{node_id}: already {status.value}")
    else:
        event = next(r.after for r in change.rows if isinstance(r.after, EventRecord))
        print(f"{node_id}: {event.old_status.value} -> {event.new_status.value}")
    return 0


def run_log(args: argparse.Namespace) -> int:
    roadmap = open_roadmap(args.file)
    node_id = resolve_node(roadmap, args.node)
    minutes = _minutes(args.minutes)
    day = _day(args.date) if args.date else date.today()
    ops.log_study(open_store(args.data_dir), roadmap.id, node_id, minutes, day, args.note)
    print(f"{node_id}: logged {minutes} min on {day.isoformat()}")
    return 0


def _minutes(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise UserError(f"MINUTES must be a whole number, not '{text}'") from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"--date must be a date like 2026-03-14, not '{text}'") from None


def run_sessions(args: argparse.Namespace) -> int:
    roadmap = open_roadmap(args.file)
    tracked = open_store(args.data_dir).tracked(roadmap)
    chosen = [resolve_node(roadmap, args.node)] if args.node else [node.id for node in roadmap.nodes]
    sessions = sorted((s for node_id in chosen for s in tracked.sessions(node_id)),
                      key=lambda s: (s.day, s.created_at))
    if not args.node:  # sessions kept for nodes the file no longer has
        sessions += sorted((s for entry in tracked.snapshot.archived
                            for s in tracked.records.sessions.get(entry.node_id, {}).values()),
                           key=lambda s: (s.day, s.created_at))
    if args.json:
        json.dump([{"id": s.uid, "node": roadmap.resolve(s.node_id) or s.node_id, "day": s.day.isoformat(),
                    "minutes": s.minutes, "note": s.note, "logged_at": s.created_at.isoformat()} for s in sessions],
                  sys.stdout, indent=2)
        print()
        return 0
    if not sessions:
        print("no study sessions logged yet; add one with 'roadmap-app log FILE NODE MINUTES'")
        return 0
    for s in sessions:
        node = roadmap.resolve(s.node_id) or f"{s.node_id} (archived)"
        print(f"{s.uid[:8]}  {s.day.isoformat()}  {s.minutes:>4} min  {node}" + (f"  {s.note}" if s.note else ""))
    print(f"\n{len(sessions)} sessions, {sum(s.minutes for s in sessions) / 60:.1f} h in all")
    return 0


def _find_session(store, roadmap_id: str, text: str) -> str:
    prefix = text.strip().lower()
    if len(prefix) < 4:
        raise UserError(f"give at least the first 4 characters of the session id, not '{text}'")
    found = store.find_sessions(roadmap_id, prefix)
    if not found:
        raise UserError(f"there is no study session whose id starts with '{text}'; list them with "
                        "'roadmap-app sessions FILE'")
    if len(found) > 1:
        raise UserError(f"'{text}' matches {len(found)} sessions; give more characters of the id")
    return found[0].uid


def run_edit_session(args: argparse.Namespace) -> int:
    roadmap = open_roadmap(args.file)
    if args.minutes is None and args.date is None and args.note is None:
        raise UserError("say what to change: --minutes, --date and/or --note")
    store = open_store(args.data_dir)
    uid = _find_session(store, roadmap.id, args.session)
    change = ops.edit_study_session(store, uid, minutes=None if args.minutes is None else _minutes(args.minutes),
                                    day=None if args.date is None else _day(args.date), note=args.note)
    print(f"session {uid[:8]}: " + ("updated" if not change.empty else "unchanged"))
    return 0


def run_delete_session(args: argparse.Namespace) -> int:
    roadmap = open_roadmap(args.file)
    store = open_store(args.data_dir)
    uid = _find_session(store, roadmap.id, args.session)
    change = ops.delete_study_session(store, uid)
    print(f"deleted session {uid[:8]} ({change.label.removeprefix('Delete ')})")
    return 0


def run_export(args: argparse.Namespace) -> int:
    roadmap = open_roadmap(args.file)
    counts = ops.export_progress(open_store(args.data_dir), Path(args.output), None if args.all else roadmap.id,
                                 inputs=(Path(args.file),))
    print(f"wrote {args.output}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return 0


def run_import(args: argparse.Namespace) -> int:
    roadmap = open_roadmap(args.file)
    _, report = ops.import_progress(open_store(args.data_dir), Path(args.input), None if args.all else roadmap.id)
    print(f"imported: {report.added_progress} new and {report.updated_progress} updated statuses, "
          f"{report.added_resources} resources, {report.added_sessions} study sessions, "
          f"{report.added_events} status changes" + ("" if report.changed else " (nothing new)"))
    if report.skipped_other_roadmaps:
        print(f"skipped {report.skipped_other_roadmaps} entries of other roadmaps (use --all to import them)")
    return 0


def run_backups(args: argparse.Namespace) -> int:
    store = open_store(args.data_dir)
    backups = store.backups()
    for path in backups:
        print(path)
    if not backups:
        print(f"no backups yet in {store.path.parent / 'backups'} (one is made each day the app starts)")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from roadmap_app.paths import data_dir
    from roadmap_app.persistence.backups import list_backups
    from roadmap_app.persistence.database import DB_FILENAME
    from roadmap_app.persistence.errors import DatabaseAccessError
    from roadmap_app.persistence.restore import RestoreError, restore_backup

    folder = data_dir(args.data_dir)
    choices = list_backups(folder / DB_FILENAME)
    chosen = Path(args.backup) if args.backup else (choices[0] if choices else None)
    if chosen is None:
        raise UserError(f"there are no backups in {folder / 'backups'}")
    try:
        kept = restore_backup(folder, chosen)
    except (RestoreError, DatabaseAccessError) as exc:
        raise UserError(str(exc)) from None
    print(f"restored {chosen.name}" + (f"; the database it replaced was copied to {kept}" if kept else ""))
    return 0
