"""Checked roadmaps cached in the data folder, so a file already found valid opens without parsing it again."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from typing import Any, TypeGuard

from roadmap_app import __version__
from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.formats.loader import MAX_FILE_BYTES, MAX_NODES, LoadResult, build_roadmap, check_bytes, check_file
from roadmap_app.formats.loader import _surely_valid as matches_schema  # the validator's own schema check
from roadmap_app.formats.loader import _too_big as too_big  # its message for a file over the size limit

CACHE_VERSION = 1
KEPT_ENTRIES = 32  # the most recently checked contents; older entries are removed when a new one is written


def cached_check(path: str | os.PathLike[str], cache_dir: Path | None) -> LoadResult:
    """check_file(path), taken from the cache when these exact bytes were checked before and found valid.

    An entry is named by the SHA-256 of the file's content (its size and that hash are inside too), so an
    edited file is read and checked again, while a copied or touched one is not. Every entry is checked on
    reading: its own checksum, the roadmap schema and the references and cycles the validator refuses; anything
    wrong and the file is checked as if there were no cache (and the entry written again). A hit keeps no
    warnings: they matter to `roadmap-app validate`, which never uses the cache. Raises OSError as check_file.
    """
    raw = _read_regular_file(path)
    if raw is None or cache_dir is None:  # a folder, a pipe, a missing or huge file: check_file says what it is
        return check_file(path)
    return cached_check_content(raw, str(path), cache_dir)


def cached_check_content(raw: bytes, name: str, cache_dir: Path | None) -> LoadResult:
    """check_bytes(raw) for the content of the file `name` (read already), through the same cache as cached_check."""
    if len(raw) > MAX_FILE_BYTES:
        return too_big(name, len(raw))
    if cache_dir is None:
        return check_bytes(raw, name, is_json=name.lower().endswith(".json"))
    digest = hashlib.sha256(raw).hexdigest()
    entry = Path(cache_dir) / f"{digest[:32]}.json"
    roadmap = _read_entry(entry, digest, len(raw))
    if roadmap is not None:
        return LoadResult(name, roadmap, [])
    result = check_bytes(raw, name, is_json=name.lower().endswith(".json"))
    if result.ok and result.roadmap is not None:
        _write_entry(entry, digest, len(raw), result.roadmap)
    return result


def _read_regular_file(path: str | os.PathLike[str]) -> bytes | None:
    """The bytes of a regular file within the size limit, read as check_file reads; None for anything else."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
        with open(os.open(path, flags), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    return raw if len(raw) <= MAX_FILE_BYTES else None


def _checksum(data: object) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _read_entry(entry: Path, digest: str, size: int) -> Roadmap | None:
    try:
        text = entry.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None  # missing or unreadable
    return decode_entry(text, {"app": __version__, "sha256": digest, "size": size}, digest)


def decode_entry(text: str, identity: dict[str, Any], digest: str = "") -> Roadmap | None:
    """The roadmap kept in an entry's text, or None unless the entry is whole, valid and carries `identity`."""
    try:
        stored = json.loads(text)
    except (ValueError, RecursionError):
        return None  # not JSON
    if not (isinstance(stored, dict) and stored.get("version") == CACHE_VERSION
            and all(stored.get(key) == value for key, value in identity.items())):
        return None
    data = stored.get("roadmap")
    if stored.get("checksum") != _checksum(data) or not is_valid_roadmap_data(data):
        return None
    return build_roadmap(data, digest)


def is_valid_roadmap_data(data: Any) -> TypeGuard[dict[str, Any]]:
    """True for plain data the validator would accept: the schema, unique ids, known references, no cycle."""
    if not matches_schema(data) or len(data["nodes"]) > MAX_NODES:
        return False
    categories = {category["id"] for category in data["categories"]}
    nodes = data["nodes"]
    ids = {node["id"] for node in nodes}
    names = [node["id"] for node in nodes] + [alias for node in nodes for alias in node.get("aliases", ())]
    if len(categories) != len(data["categories"]) or len(set(names)) != len(names):
        return False
    graph = {}
    for node in nodes:
        requires, recommends = node.get("requires", []), node.get("recommends", [])
        if node["category"] not in categories or node["id"] in requires or node["id"] in recommends \
                or not ids.issuperset(requires) or not ids.issuperset(recommends):
            return False
        graph[node["id"]] = requires
    try:
        TopologicalSorter(graph).prepare()
    except CycleError:
        return False
    return True


def roadmap_data(roadmap: Roadmap) -> dict[str, Any]:
    """The plain data of a roadmap file that build_roadmap turns into this roadmap."""
    data: dict[str, Any] = {
        "format": roadmap.format, "id": roadmap.id, "title": roadmap.title, "description": roadmap.description,
        "authors": list(roadmap.authors),
        "categories": [_without_none({"id": c.id, "title": c.title, "color": c.color}) for c in roadmap.categories],
        "nodes": [{"id": n.id, "title": n.title, "category": n.category, "summary": n.summary, "hours": n.hours,
                   "requires": list(n.requires), "recommends": list(n.recommends), "aliases": list(n.aliases),
                   "resources": [_without_none({"kind": r.kind, "title": r.title, "url": r.url, "hours": r.hours,
                                                "note": r.note}) for r in n.resources]}
                  for n in roadmap.nodes],
    }
    return _without_none({**data, "version": roadmap.version, "license": roadmap.license})


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def encode_entry(roadmap: Roadmap, identity: dict[str, Any]) -> str | None:
    """An entry's text: the roadmap's plain data, its checksum and `identity` (which reading must find again).

    None for a roadmap whose plain data would not come back as the same roadmap.
    """
    data = roadmap_data(roadmap)
    try:
        text = json.dumps({"version": CACHE_VERSION, **identity, "checksum": _checksum(data), "roadmap": data})
        if not is_valid_roadmap_data(data) or build_roadmap(json.loads(text)["roadmap"]) != roadmap:
            return None
    except (ValueError, TypeError, KeyError, RecursionError):
        return None
    return text


def _write_entry(entry: Path, digest: str, size: int, roadmap: Roadmap) -> None:
    """Store a checked roadmap; one whose plain data would not come back as the same roadmap is not stored."""
    text = encode_entry(roadmap, {"app": __version__, "sha256": digest, "size": size})
    if text is not None and write_entry_file(entry, text):
        with contextlib.suppress(OSError):  # another window pruning at the same time
            _prune(entry.parent)


def write_entry_file(entry: Path, text: str) -> bool:
    """Write an entry whole (a temporary file beside it, then renamed over it); False when the folder refuses."""
    import uuid  # (it imports platform) when a file is written, not with the window

    partial = entry.with_name(f"{entry.stem}.{uuid.uuid4().hex}.partial")  # two windows never write the same one
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(text, encoding="ascii")
        os.replace(partial, entry)
    except OSError:  # a read-only or full data folder
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return False
    return True


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in entries[KEPT_ENTRIES:]:
        old.unlink(missing_ok=True)
