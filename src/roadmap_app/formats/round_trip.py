"""A roadmap file held as a round-trip tree, so saving keeps its comments, key order, quoting and layout."""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarbool import ScalarBoolean

from roadmap_app.domain.roadmap import Roadmap
from roadmap_app.formats import tree_values
from roadmap_app.formats.comment_gaps import normalize, set_gap_before
from roadmap_app.formats.diagnostics import Diagnostic
from roadmap_app.formats.loader import MAX_FILE_BYTES, LoadResult, build_roadmap, check_bytes, check_file

WIDTH = 1_000_000  # never re-wrap a long line

_DOCUMENT_START = re.compile(r"---[ \t]*(#.*)?")
_DOCUMENT_END = re.compile(r"\.\.\.[ \t]*(#.*)?")
_KEY_ALONE = re.compile(r"^( *)(?:- +)*([^\s#\-][^:#]*|\"[^\"]*\"|'[^']*'):[ \t]*(#.*)?$")
_BLOCK_SCALAR = re.compile(r"^( *)(?:- +)*([^\s#\-][^:#]*|\"[^\"]*\"|'[^']*'):[ \t]+[|>][-+0-9]*[ \t]*(#.*)?$")
_SEQ_ITEM = re.compile(r"^( *)(- +)")


class SourceError(ValueError):
    """The text is not a valid roadmap; carries every diagnostic (the file is never parsed any further)."""

    def __init__(self, name: str, diagnostics: list[Diagnostic]):
        self.name = name
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.is_error] or diagnostics
        super().__init__(f"{name} is not a valid roadmap:\n" + "\n".join(d.format(name) for d in errors[:20]))


@dataclass
class _Layout:
    """How a file writes what the tree does not hold: line endings, indentation, text around the document."""

    newline: str = "\n"
    final_newline: bool = True
    bom: bool = False
    prologue: str = ""  # comments and directives up to and including a `---` line, kept as written
    epilogue: str = ""  # a closing `...` line and what follows it
    mapping: int = 2
    sequence: int = 4
    offset: int = 2
    json_indent: int | str | None = 2


@dataclass
class RoadmapSource:
    """A roadmap file's text as a round-trip tree: `data` is edited in place and `dump()` writes it back."""

    data: Any
    is_json: bool
    layout: _Layout = field(default_factory=_Layout)
    checked: LoadResult | None = None  # what the safe reader said about the text (diagnostics, roadmap)

    @classmethod
    def from_text(cls, text: str, *, is_json: bool, name: str = "<text>") -> RoadmapSource:
        """Parse text that the safe reader accepts; raises SourceError listing its errors otherwise."""
        return cls.from_bytes(text.encode("utf-8"), is_json=is_json, name=name)

    @classmethod
    def from_bytes(cls, raw: bytes, *, is_json: bool, name: str = "<text>") -> RoadmapSource:
        result = check_bytes(raw, name, is_json=is_json)  # hostile text ends here, before ruamel reads it
        return cls._from_checked(raw, is_json, name, result)

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> RoadmapSource:
        """The file at path (`.json` is JSON, anything else YAML); OSError when it cannot be read."""
        name = str(path)
        is_json = name.lower().endswith(".json")
        result = check_file(path)  # refuses folders, pipes, devices and huge files before reading them
        if not result.ok or result.roadmap is None:
            raise SourceError(name, result.diagnostics)
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
        if hashlib.sha256(raw).hexdigest() != result.roadmap.source_digest:  # changed since it was checked
            return cls.from_bytes(raw, is_json=is_json, name=name)
        return cls._from_checked(raw, is_json, name, result)

    @classmethod
    def _from_checked(cls, raw: bytes, is_json: bool, name: str, result: LoadResult) -> RoadmapSource:
        if not result.ok or result.roadmap is None:
            raise SourceError(name, result.diagnostics)
        bom = raw.startswith(codecs.BOM_UTF8)
        source = cls._parse(raw[len(codecs.BOM_UTF8) if bom else 0:].decode("utf-8"), is_json=is_json)
        source.layout.bom = bom
        source.checked = result
        return source

    @classmethod
    def _parse(cls, text: str, *, is_json: bool) -> RoadmapSource:
        layout = _Layout()
        if text.count("\r\n") * 2 > text.count("\n"):
            layout.newline = "\r\n"
        text = text.replace("\r\n", "\n")
        layout.final_newline = text.endswith("\n")
        if is_json:
            layout.json_indent = _json_indent(text)
            return cls(_commented(json.loads(text)), True, layout)
        layout.prologue, text, layout.epilogue = _split_document(text)
        layout.mapping, layout.sequence, layout.offset = guess_indent(text)
        data = _yaml(layout).load(text)
        if not isinstance(data, CommentedMap):  # the safe reader accepted it, so this cannot be
            raise SourceError("<text>", [Diagnostic(1, 1, "error", "the top level must be a mapping")])
        normalize(data)
        return cls(data, False, layout)

    @classmethod
    def converted(cls, data: dict[str, Any], *, is_json: bool) -> RoadmapSource:
        """Plain roadmap data as a new file's tree (Save As in the other format)."""
        if is_json:
            return cls(_commented(data), True, _Layout())
        return cls(yaml_tree(data), False, _Layout())

    def dump(self) -> str:
        """The text that saving writes."""
        layout = self.layout
        if self.is_json:
            text = json.dumps(self.data, indent=layout.json_indent, ensure_ascii=False) + "\n"
        else:
            out = io.StringIO()
            _yaml(layout).dump(self.data, out)
            text = layout.prologue + out.getvalue() + layout.epilogue
        if not layout.final_newline:
            text = text.removesuffix("\n")
        if layout.newline != "\n":
            text = text.replace("\n", layout.newline)
        return ("\ufeff" if layout.bom else "") + text


def _yaml(layout: _Layout) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    return yaml


def _split_document(text: str) -> tuple[str, str, str]:
    """(lines before the document, the document, lines after it): a `---` start line and a `...` end line."""
    lines = text.splitlines(keepends=True)
    start = 0
    for index, line in enumerate(lines):
        bare = line.strip()
        if _DOCUMENT_START.fullmatch(bare):
            start = index + 1
            break
        if bare and not bare.startswith(("#", "%")):
            break
    end = len(lines)
    for index in range(len(lines) - 1, start - 1, -1):
        bare = lines[index].strip()
        if _DOCUMENT_END.fullmatch(bare):
            end = index
            break
        if bare and not bare.startswith("#"):
            break
    return "".join(lines[:start]), "".join(lines[start:end]), "".join(lines[end:])


def guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) that the text uses, for ruamel's emitter."""
    lines = [line for line in text.split("\n") if line.strip() and not line.lstrip().startswith("#")]
    nested_map = block_scalar = None
    sequence = offset = None
    for line, following in pairwise(lines):
        parent = _KEY_ALONE.match(line)
        scalar = _BLOCK_SCALAR.match(line)
        found = parent or scalar
        key_column = line.index(found.group(2)) if found else 0
        child_indent = len(following) - len(following.lstrip(" "))
        if scalar and block_scalar is None and child_indent > key_column:
            block_scalar = child_indent - key_column
        item = _SEQ_ITEM.match(following)
        if not parent or child_indent < key_column or (child_indent == key_column and not item):
            continue
        if item and sequence is None:
            offset = len(item.group(1)) - key_column
            sequence = offset + len(item.group(2))
        elif not item and nested_map is None:
            nested_map = child_indent - key_column
    sequence = sequence if sequence is not None else 4
    offset = offset if offset is not None else 2
    return nested_map or block_scalar or 2, max(sequence, offset + 2), offset


def _json_indent(text: str) -> int | str | None:
    """The indentation of a JSON text's first indented line (None for JSON on one line)."""
    match = re.search(r"\n([ \t]+)\S", text)
    if match is None:
        return None
    indent = match.group(1)
    return len(indent) if set(indent) == {" "} else indent


def _commented(value: Any) -> Any:
    """JSON values as the containers the editing code works on (dicts keep their key order)."""
    if isinstance(value, dict):
        return CommentedMap((key, _commented(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_commented(item) for item in value)
    return value


def plain(value: Any) -> Any:
    """The tree as plain dicts, lists, str, int, float, bool and None: what the safe reader makes of the text."""
    kind = type(value)
    if kind is CommentedMap:  # OrderedDict's own (C) iteration: ruamel's is slow on a large file
        return {str(key): plain(item) for key, item in OrderedDict.items(value)}
    if kind is CommentedSeq:
        return [plain(item) for item in list.__iter__(value)]
    if kind is str or kind is int or kind is float or value is None or kind is bool:
        return value
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, bool | ScalarBoolean):
        return bool(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def check_data(data: Any) -> list[Diagnostic]:
    """What the safe reader would report about a file holding this plain data (positions are not known: 1:1)."""
    from roadmap_app.formats.loader import _validate_tree
    from roadmap_app.formats.tree import Tree

    return _validate_tree(Tree(data=data))


def check_tree(tree: Any) -> tuple[Roadmap | None, list[Diagnostic]]:
    """The roadmap a round-trip tree holds (None when it has errors) and every diagnostic, checked like a file."""
    from roadmap_app.formats.loader import _cyclic_gc_paused

    with _cyclic_gc_paused():  # a collection would walk the whole tree: a tenth of a second on a large file
        data = plain(tree)
        diagnostics = check_data(data)
        roadmap = None if any(d.is_error for d in diagnostics) else build_roadmap(data)
    return roadmap, diagnostics


def yaml_tree(data: dict[str, Any]) -> CommentedMap:
    """Plain roadmap data as a tree that dumps the way the bundled roadmaps are written."""
    root = CommentedMap()
    for key, value in data.items():
        if key == "categories":
            value = block_seq(flow_map(category) for category in value)
        elif key == "nodes":
            value = block_seq(_node_tree(node) for node in value)
            for index in range(1, len(value)):
                set_gap_before(value, index, "\n")
        elif key == "authors":
            value = block_seq(value)
        root[key] = tree_values.text(value) if isinstance(value, str) else value
    return root


def _node_tree(node: dict[str, Any]) -> CommentedMap:
    result = CommentedMap()
    for key, value in node.items():
        if key in ("requires", "recommends", "aliases"):
            value = tree_values.id_list(value)
        elif key == "resources":
            value = block_seq(flow_map(resource) for resource in value)
        result[key] = tree_values.text(value) if isinstance(value, str) else value
    return result


def block_seq(items: Any) -> CommentedSeq:
    return tree_values.block_list(items)


def flow_map(data: dict[str, Any]) -> CommentedMap:
    return tree_values.mapping(data.items(), flow=True)
