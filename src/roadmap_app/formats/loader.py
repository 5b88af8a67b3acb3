"""Load a roadmap file into the domain model, collecting every problem with its position."""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from roadmap_app.domain.roadmap import Category, Node, Resource, Roadmap
from roadmap_app.formats.checks import check_numbers, check_semantics, non_finite_numbers
from roadmap_app.formats.diagnostics import Diagnostic, RoadmapFileError
from roadmap_app.formats.messages import translate
from roadmap_app.formats.schema import FORMAT_VERSION, ROADMAP_SCHEMA
from roadmap_app.formats.tree import Tree, TreeError, parse_text

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_NODES = 20_000

_VALIDATOR = Draft202012Validator(ROADMAP_SCHEMA)


@dataclass
class LoadResult:
    """What reading one file gave: the roadmap if it is usable, and every diagnostic."""

    path: str
    roadmap: Roadmap | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def ok(self) -> bool:
        return self.roadmap is not None and not self.errors

    def lines(self) -> list[str]:
        return [d.format(self.path) for d in self.diagnostics]


def check_file(path: str | os.PathLike[str]) -> LoadResult:
    """Read and validate a file. Raises OSError only when the file cannot be read at all."""
    name = str(path)
    size = os.stat(path).st_size
    if size > MAX_FILE_BYTES:
        return LoadResult(name, None, [Diagnostic(1, 1, "error",
            f"the file is {size / 1e6:.1f} MB; roadmap files are limited to {MAX_FILE_BYTES // (1024 * 1024)} MB")])
    with open(path, "rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    return check_bytes(raw, name, is_json=name.lower().endswith(".json"))


def check_bytes(raw: bytes, name: str = "<text>", *, is_json: bool = False) -> LoadResult:
    """Validate file content; never raises for any input."""
    result = LoadResult(name)
    try:
        text = _decode(raw)
        tree, soft = parse_text(text, is_json=is_json)
    except TreeError as exc:
        result.diagnostics = [exc.diagnostic]
        return result
    except Exception as exc:  # noqa: BLE001 - last line of defence: a user never sees a traceback
        result.diagnostics = [Diagnostic(1, 1, "error", f"the file could not be read ({type(exc).__name__}); "
                                         "check that it is a roadmap in YAML or JSON")]
        return result
    result.diagnostics = soft + _validate_tree(tree)
    result.diagnostics.sort(key=lambda d: (d.line, d.col, d.severity, d.message))
    if not result.errors:
        result.roadmap = build_roadmap(tree.data, hashlib.sha256(raw).hexdigest())
    return result


def load_roadmap(path: str | os.PathLike[str]) -> Roadmap:
    """The roadmap in a valid file; raises RoadmapFileError listing the problems, or OSError."""
    result = check_file(path)
    if not result.ok:
        raise RoadmapFileError(str(path), result.diagnostics)
    assert result.roadmap is not None
    return result.roadmap


def _decode(raw: bytes) -> str:
    for bom, encoding in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                          (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if raw.startswith(bom):
            raise TreeError(Diagnostic(1, 1, "error", f"the file is encoded as {encoding}; save it as UTF-8"))
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise TreeError(Diagnostic(line, col, "error",
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it with UTF-8 encoding")) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise TreeError(Diagnostic(line, 1, "error", "the file contains a NUL character; it is not a text file"))
    return text


def _validate_tree(tree: Tree) -> list[Diagnostic]:
    data = tree.data
    if not isinstance(data, dict):
        return [Diagnostic(1, 1, "error", "the top level must be a mapping with keys such as 'format', 'id', "
                           "'title', 'categories' and 'nodes'")]
    numbers = dict(non_finite_numbers(data))
    if "format" in data and data["format"] != FORMAT_VERSION:
        unsupported = check_numbers(tree, numbers.items())
        if ("format",) not in numbers:  # a non-finite format already has its message
            line, col = tree.pos(("format",))
            unsupported.append(Diagnostic(line, col, "error", f"unsupported format {data['format']!r}; this app "
                                          f"reads format {FORMAT_VERSION} (write 'format: {FORMAT_VERSION}', or "
                                          "update the app)"))
        return unsupported
    nodes = data.get("nodes")
    if isinstance(nodes, list) and len(nodes) > MAX_NODES:
        return [Diagnostic(*tree.pos(("nodes",)), "error",
                           f"the file has {len(nodes):,} nodes; the limit is {MAX_NODES:,}")]
    found: list[Diagnostic] = []
    for error in _VALIDATOR.iter_errors(data):
        path = tuple(error.absolute_path)
        if path in numbers:
            if error.validator != "type":
                continue  # e.g. "must be greater than 0 (got -inf)": the finite-number message says it better
            del numbers[path]  # a number where text or a list belongs: the type message is the one to act on
        found.extend(translate(error, tree))
    found.extend(check_numbers(tree, numbers.items()))
    found.extend(check_semantics(tree))
    return _dedupe(found)


def _dedupe(found: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple] = set()
    unique = []
    for diagnostic in found:
        key = (diagnostic.line, diagnostic.col, diagnostic.message)
        if key not in seen:
            seen.add(key)
            unique.append(diagnostic)
    return unique


def build_roadmap(data: dict[str, Any], digest: str = "") -> Roadmap:
    """The domain model from validated plain data."""
    return Roadmap(
        id=data["id"],
        title=data["title"],
        description=data.get("description") or "",
        version=None if data.get("version") is None else str(data["version"]),
        authors=tuple(data.get("authors") or ()),
        license=data.get("license"),
        format=data["format"],
        categories=tuple(Category(c["id"], c["title"], c.get("color")) for c in data["categories"]),
        nodes=tuple(_node(n) for n in data["nodes"]),
        source_digest=digest,
    )


def _node(data: dict[str, Any]) -> Node:
    return Node(
        id=data["id"],
        title=data["title"],
        category=data["category"],
        summary=data.get("summary") or "",
        hours=float(data["hours"]),
        requires=tuple(data.get("requires") or ()),
        recommends=tuple(data.get("recommends") or ()),
        aliases=tuple(data.get("aliases") or ()),
        resources=tuple(
            Resource(r["kind"], r["title"], r.get("url"),
                     None if r.get("hours") is None else float(r["hours"]), r.get("note"))
            for r in data.get("resources") or ()
        ),
    )


def find_roadmap_files(folder: str | os.PathLike[str]) -> list[Path]:
    """Roadmap files directly inside a folder, sorted by name."""
    base = Path(folder)
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.name.endswith((".roadmap.yaml", ".roadmap.yml", ".roadmap.json")))
