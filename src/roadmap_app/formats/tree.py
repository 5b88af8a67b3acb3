"""Parse YAML or JSON text into plain values plus the position of every key and value.

Nothing here constructs Python objects from tags: the text is only composed into
nodes, and the nodes are turned into dicts, lists and scalars by hand, so hostile
files (object tags, alias bombs, deep nesting, duplicate keys) end as diagnostics.
"""

from __future__ import annotations

import io
import json
import math
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from roadmap_app.formats.diagnostics import Diagnostic

Path = tuple[str | int, ...]

MAX_ALIAS_EXTRA_VALUES = 100_000
MAX_DEPTH = 64

_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
}


@dataclass
class Tree:
    """Plain data from a file, with 1-based (line, col) of each value and each mapping key."""

    data: Any = None
    value_pos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    #: The text as written of each number that is not finite (.nan, .inf, 1e400, NaN in JSON), for messages.
    number_text: dict[Path, str] = field(default_factory=dict)

    def pos(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Position of the key (or value) at path, falling back to the nearest parent."""
        table = self.key_pos if key else self.value_pos
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.value_pos:
                return self.value_pos[probe]
            probe = probe[:-1]
        return self.value_pos.get((), (1, 1))


class TreeError(Exception):
    """The text cannot be turned into a tree; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _error(line: int, col: int, message: str) -> TreeError:
    return TreeError(Diagnostic(line, col, "error", message))


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _yaml() -> YAML:
    """YAML 1.2 composer, libyaml-backed through ruamel.yaml.clib (ruamel falls back to pure Python)."""
    return YAML(typ="safe", pure=False)


def parse_text(text: str, *, is_json: bool) -> tuple[Tree, list[Diagnostic]]:
    """Parse text into a Tree; syntax problems raise TreeError, softer ones are returned."""
    _check_flow_depth(text)
    if is_json:
        _check_json_syntax(text)
    try:
        root = _yaml().compose(io.StringIO(text))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise _error(line, col, f"YAML syntax error: {problem}; check the indentation and quoting here") from None
    except RecursionError:
        raise _error(1, 1, f"the file nests deeper than {MAX_DEPTH} levels; flatten it") from None
    except YAMLError as exc:
        raise _error(1, 1, f"YAML syntax error: {exc}") from None
    if root is None:
        raise _error(1, 1, "the file is empty; a roadmap needs at least 'format', 'id', 'title', 'categories' "
                     "and 'nodes'")
    _check_expansion(root)
    builder = _Builder(is_json=is_json)
    tree = Tree()
    tree.data = builder.build(root, (), tree, 0)
    return tree, builder.soft


_QUOTED_OR_COMMENT = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\n]|\'\')*\'|#[^\n]*')
_NOT_BRACKET = re.compile(r"[^\[\]{}\n]+")


def _check_flow_depth(text: str) -> None:
    """Fail fast on deeply nested [ and { before the parser recurses into them."""
    brackets = _NOT_BRACKET.sub("", _QUOTED_OR_COMMENT.sub("", text))
    depth = line = 0
    for char in brackets:
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _error(line + 1, 1, f"the file nests deeper than {MAX_DEPTH} levels; flatten it")
        else:
            depth = max(0, depth - 1)


def _check_json_syntax(text: str) -> None:
    def reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        return dict(pairs)  # duplicates are reported with positions by the builder

    try:
        json.loads(text, object_pairs_hook=reject_duplicates)
    except json.JSONDecodeError as exc:
        raise _error(exc.lineno, exc.colno, f"JSON syntax error: {exc.msg}") from None
    except RecursionError:
        raise _error(1, 1, f"the file nests deeper than {MAX_DEPTH} levels; flatten it") from None


def _check_expansion(root: Node) -> None:
    """Reject alias bombs and recursive aliases before anything is expanded."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()
    unique_total = 0

    def size(node: Node, depth: int) -> int:
        nonlocal unique_total
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            line, col = _mark(node)
            raise _error(line, col,
                         "a YAML alias refers to a value that contains it (a recursive alias); remove the alias")
        if depth > MAX_DEPTH:
            line, col = _mark(node)
            raise _error(line, col, f"the file nests deeper than {MAX_DEPTH} levels; flatten it")
        in_progress.add(key)
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(size(child, depth + 1) for child in node.value)
        elif isinstance(node, MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        in_progress.discard(key)
        sizes[key] = total
        unique_total += 1
        return total

    expanded = size(root, 0)
    if expanded - unique_total > MAX_ALIAS_EXTRA_VALUES:
        raise _error(
            1,
            1,
            f"YAML aliases expand this file to {expanded:,} values (limit: {MAX_ALIAS_EXTRA_VALUES:,} "
            "extra values from aliases); write the repeated parts out or remove the anchors",
        )


class _Builder:
    """Turns composed nodes into plain values, recording positions."""

    def __init__(self, *, is_json: bool = False) -> None:
        self.soft: list[Diagnostic] = []
        self.is_json = is_json

    def build(self, node: Node, path: Path, tree: Tree, depth: int) -> Any:
        tree.value_pos[path] = _mark(node)
        tag = node.tag or ""
        if tag not in _STANDARD_TAGS:
            line, col = _mark(node)
            raise _error(line, col, f"YAML tag '{_short_tag(tag)}' is not allowed in a roadmap file; remove the tag")
        if isinstance(node, ScalarNode):
            value = _scalar(node, is_json=self.is_json)
            if is_non_finite(value):
                tree.number_text[path] = str(node.value)
            return value
        if isinstance(node, SequenceNode):
            return [self.build(child, (*path, i), tree, depth + 1) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, path, tree, depth)
        raise _error(*_mark(node), "unsupported YAML construct")

    def _mapping(self, node: MappingNode, path: Path, tree: Tree, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line, col = _mark(key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.soft.append(
                    Diagnostic(line, col, "error", "YAML merge keys ('<<') are not supported; write the fields out")
                )
                continue
            if not isinstance(key_node, ScalarNode):
                raise _error(line, col, "a mapping key must be a plain word, not a list or mapping")
            key = str(key_node.value)
            if key in first_seen:
                self.soft.append(
                    Diagnostic(
                        line, col, "error",
                        f"duplicate key '{key}' (first at line {first_seen[key]}); keep only one of them",
                    )
                )
                continue
            first_seen[key] = line
            tree.key_pos[(*path, key)] = (line, col)
            result[key] = self.build(value_node, (*path, key), tree, depth + 1)
        return result


def is_non_finite(value: Any) -> bool:
    """Whether value is a number that is nan, infinite, or an integer too large to become a float."""
    if isinstance(value, float):
        return not math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > sys.float_info.max


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


# Python's json module reads these bare words as numbers; YAML would read them as text.
_JSON_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def _scalar(node: ScalarNode, *, is_json: bool = False) -> Any:
    text = node.value
    tag = node.tag or ""
    if is_json and not node.style and text in _JSON_NON_FINITE:
        return _JSON_NON_FINITE[text]
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return text.lower() in ("true", "yes", "on", "y")
    if tag.endswith(":int"):
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return text
    if tag.endswith(":float"):
        lowered = text.lower().replace("_", "")
        if lowered in (".inf", "+.inf"):
            return float("inf")
        if lowered == "-.inf":
            return float("-inf")
        if lowered == ".nan":
            return float("nan")
        try:
            return float(lowered)
        except ValueError:
            return text
    if node.style == ">":
        text = text.replace("\a", "")  # the round-trip scanner marks fold points with BEL
    return text  # strings and timestamps stay text
