"""Parse YAML or JSON text into plain values plus the position of every key and value.

Nothing here constructs Python objects from tags, and nothing here recurses: the text is read
as a stream of parser events (libyaml's parser is a state machine, not recursive) and the events
are turned into dicts, lists and scalars with an explicit stack. So hostile files end as
diagnostics: object tags, alias bombs (values and characters are counted as aliases expand),
deep nesting (refused at the event that crosses the limit, before anything recursive sees it),
duplicate keys.

ruamel's own composer is not used: it recurses in C once per nesting level, and a file of
thousands of nested `- ` or `? ` crashes the process (SIGSEGV) before any Python check can run.
"""

from __future__ import annotations

import functools
import io
import json
import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from ruamel.yaml.resolver import implicit_resolvers

from roadmap_app.formats.diagnostics import Diagnostic

try:  # libyaml through ruamel.yaml.clib; ruamel's pure-Python parser is the fallback
    from ruamel.yaml.cyaml import CParser
except ImportError:  # pragma: no cover - the clib wheel is a dependency
    CParser = None

Path = tuple[str | int, ...]

MAX_DEPTH = 64
MAX_ALIAS_EXTRA_VALUES = 100_000
#: Characters of text that aliases may repeat in total (a 1 MB string aliased into 3,000 titles is refused).
MAX_ALIAS_EXTRA_CHARS = 1_000_000

_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
}


def _implicit_table() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """ruamel's YAML 1.2 rules for plain scalars (what `true`, `12`, `~` mean), by first character."""
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) not in versions or tag == "tag:yaml.org,2002:value":
            continue  # '!!value' (a lone '=') is only a tag for YAML 1.1 tooling: keep '=' as text
        compiled = re.compile(regexp.pattern, regexp.flags)
        for char in first:
            table.setdefault(char, []).append((tag, compiled))
    return table


_IMPLICIT = _implicit_table()


@dataclass
class Tree:
    """Plain data from a file, with 1-based (line, col) of each value and each mapping key."""

    data: Any = None
    value_pos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[Path, tuple[int, int]] = field(default_factory=dict)
    #: The text as written of every number in data that is not finite (.nan, .inf, 1e400, NaN in JSON):
    #: the loader finds them here, and words its messages with the text.
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


def _depth_error(line: int, col: int) -> TreeError:
    return _error(line, col, f"the file nests deeper than {MAX_DEPTH} levels; flatten it")


def shorten(text: str, limit: int = 40) -> str:
    """Text for a message: long values are cut, with their length, so a message never holds a megabyte."""
    return text if len(text) <= limit else f"{text[: limit - 10]}… ({len(text):,} characters)"


def parse_text(text: str, *, is_json: bool) -> tuple[Tree, list[Diagnostic]]:
    """Parse text into a Tree; syntax problems raise TreeError, softer ones are returned."""
    if is_json and not _check_json_syntax(text):
        try:  # nested too deep for the JSON reader: the YAML pass below says where
            return _Builder(is_json=True).run(text)
        except TreeError as exc:
            if "nests deeper" in exc.diagnostic.message:
                raise
        raise _depth_error(1, 1)
    return _Builder(is_json=is_json).run(text)


def _check_json_syntax(text: str) -> bool:
    """Raise on a JSON syntax error; False when the text nests too deep for Python's JSON reader."""

    def keep_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        return dict(pairs)  # duplicates are reported with positions by the builder

    try:
        json.loads(text, object_pairs_hook=keep_duplicates, parse_int=len)  # values unused: no 4300-digit limit
    except json.JSONDecodeError as exc:
        raise _error(exc.lineno, exc.colno, f"JSON syntax error: {exc.msg}") from None
    except RecursionError:
        return False
    return True


def _event_source(text: str) -> Callable[[], Any]:
    """A function giving the text's next parser event, None after the last.

    libyaml's parser is a state machine with its own stack: no nesting can crash it.
    """
    if CParser is None:  # pragma: no cover
        return functools.partial(next, YAML(typ="safe", pure=True).parse(io.StringIO(text)), None)
    return CParser(text).get_event  # a str is handed to libyaml as one UTF-8 buffer: no StringIO copy


def _pos(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


class _Anchor:
    """A value given an &anchor: what an alias to it repeats, and what that costs."""

    __slots__ = ("chars", "entries", "name", "nested", "pos", "raw", "tag", "value", "values")

    def __init__(self, name: str, pos: tuple[int, int]) -> None:
        self.name = name
        self.pos = pos
        self.value: Any = None
        self.raw: str | None = None  # the text of an anchored scalar, for use as a mapping key
        self.tag = ""
        self.values = 1  # values it expands to, counting its own aliases expanded
        self.chars = 0  # characters of text it expands to
        #: Positions inside it, relative to it: (table, relative path, position or number text).
        self.entries: list[tuple[int, Path, Any]] = []
        self.nested: list[tuple[Path, _Anchor]] = []  # aliases inside it, repeated wherever it is


_VALUE, _KEY, _NUMBER = 0, 1, 2
_NEED_KEY: Any = object()  # a mapping's next event is a key
_NOTHING: Any = object()  # no document at all


class _Open:
    """A sequence or mapping whose end event has not come yet."""

    __slots__ = ("anchor", "container", "cut", "dropping", "first_seen", "is_key", "is_map", "key", "path",
                 "start_chars", "start_values")

    def __init__(self, container: Any, path: Path, cut: int | None) -> None:
        self.container = container
        self.is_map = type(container) is dict
        self.path = path
        #: None when this value is part of the tree. Otherwise it sits in (or is) the value of a duplicate key,
        #: a merge key or a key that is a list: still checked and filled in (an anchor in it may be used), but
        #: left out of the tree; cut is then the path length of the innermost mapping that left it out.
        self.cut = cut
        self.is_key = False  # a list or mapping written as a mapping key: an error, left out
        self.key: Any = _NEED_KEY if self.is_map else None
        self.dropping = False  # the value for the current key is left out of this mapping
        self.first_seen: dict[str, int] = {}
        self.anchor: _Anchor | None = None
        self.start_values = 0
        self.start_chars = 0

    def slot(self) -> tuple[Path, int | None]:
        """The path and cut of the value that comes next in this collection."""
        if not self.is_map:
            return (*self.path, len(self.container)), self.cut
        return (*self.path, self.key), len(self.path) if self.dropping else self.cut

    def put(self, value: Any) -> None:
        """Add the value that came next (unless its key is left out)."""
        if not self.is_map:
            self.container.append(value)
            return
        if not self.dropping:
            self.container[self.key] = value
        self.key, self.dropping = _NEED_KEY, False


class _Builder:
    """Turns parser events into plain values, recording positions, without recursion."""

    def __init__(self, *, is_json: bool = False) -> None:
        self.soft: list[Diagnostic] = []
        self.is_json = is_json
        self.tree = Tree()
        self.anchors: dict[str, _Anchor] = {}
        self.recording: list[tuple[_Anchor, int]] = []  # open anchored collections and their path length
        self.open_anchors: set[str] = set()
        self.alias_uses: list[tuple[Path, _Anchor]] = []
        self.values = 0  # values the file expands to, aliases expanded
        self.chars = 0  # characters of text, aliases expanded
        self.extra_values = 0  # of those, brought in by aliases
        self.extra_chars = 0
        self.chars_crossed: tuple[int, int] | None = None  # the alias where the character limit was crossed
        self.problem: TreeError | None = None  # the first hard problem; syntax errors later on still win

    # -- the event loop -------------------------------------------------------------------------------

    def run(self, text: str) -> tuple[Tree, list[Diagnostic]]:
        try:
            root = self._read(_event_source(text))
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem = exc.problem or exc.context or "invalid YAML"
            raise _error(line, col, f"YAML syntax error: {problem}; check the indentation and quoting here") from None
        except YAMLError as exc:
            raise _error(1, 1, f"YAML syntax error: {exc}") from None
        if root is _NOTHING:
            raise _error(1, 1, "the file is empty; a roadmap needs at least 'format', 'id', 'title', 'categories' "
                         "and 'nodes'")
        self._check_expansion()
        if self.problem is not None:
            raise self.problem
        self.tree.data = root
        self._repeat_positions()
        return self.tree, self.soft

    def _read(self, next_event: Callable[[], Any]) -> Any:
        stack: list[_Open] = []
        top: _Open | None = None
        root: Any = _NOTHING
        value_pos, key_pos = self.tree.value_pos, self.tree.key_pos
        documents = 0
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is ScalarEvent:  # the hot path: most events are plain keys and values in the tree
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1)
                text = event.value
                tag = _resolve(event)
                self.values += 1
                self.chars += len(text)
                if top is None:
                    value_pos[()] = pos
                    root = self._scalar(event, text, tag, (), pos, None)
                elif top.key is _NEED_KEY:  # sequences never need a key
                    if (tag is _STR_TAG and event.anchor is None and not self.recording and top.cut is None
                            and text not in top.first_seen):  # the usual key: a plain word, first time here
                        top.first_seen[text] = pos[0]
                        top.key = text
                        key_pos[(*top.path, text)] = pos
                    else:
                        self._key(text, tag, pos, event, top)
                else:
                    path, cut = top.slot()
                    if cut is None:
                        value_pos[path] = pos
                    top.put(self._scalar(event, text, tag, path, pos, cut))
            elif kind is AliasEvent:
                if top is not None and top.key is _NEED_KEY:
                    self._alias_key(event, top)
                elif top is None:
                    root = self._alias(event, (), None)
                else:
                    top.put(self._alias(event, *top.slot()))
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _depth_error(*_pos(event))
                pos = _pos(event)
                is_key = top is not None and top.key is _NEED_KEY
                if is_key:
                    self._fail(*pos, "a mapping key must be a plain word, not a list or mapping")
                    assert top is not None
                    path, cut = (*top.path, ""), len(top.path)  # never in the tree
                else:
                    path, cut = ((), None) if top is None else top.slot()
                tag = event.tag
                if tag is not None and tag != "!" and (
                        tag not in _STANDARD_TAGS or tag == (_SEQ_TAG if kind is MappingStartEvent else _MAP_TAG)):
                    self._fail(*pos, _tag_message(tag))
                opened = _Open({} if kind is MappingStartEvent else [], path, cut)
                opened.is_key = is_key
                self.values += 1
                opened.start_values, opened.start_chars = self.values, self.chars
                self._record(_VALUE, path, pos, cut)
                if event.anchor is not None:
                    anchor = self._new_anchor(event)
                    opened.anchor = anchor
                    self.open_anchors.add(anchor.name)
                    anchor.entries.append((_VALUE, (), pos))
                    self.recording.append((anchor, len(path)))
                stack.append(opened)
                top = opened
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                closed = stack.pop()
                top = stack[-1] if stack else None
                if closed.anchor is not None:
                    self._close_anchor(closed)
                if top is None:
                    root = closed.container
                elif closed.is_key:
                    top.key, top.dropping = None, True  # its value comes next, and is left out
                else:
                    top.put(closed.container)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _error(*_pos(event), "a second YAML document starts here; a roadmap file holds one "
                                 "document, so remove the separator ('---' or '...') and what follows, or merge it")
            elif kind is StreamEndEvent:
                break
            elif kind is not StreamStartEvent and kind is not DocumentEndEvent:  # pragma: no cover
                raise _error(*_pos(event), "unsupported YAML construct")
        return root

    def _record(self, table: int, path: Path, value: Any, cut: int | None) -> None:
        """Note a position (or a number's text) in the tree, and in each open anchor the value is part of."""
        if cut is None:
            (self.tree.value_pos, self.tree.key_pos, self.tree.number_text)[table][path] = value
        for anchor, base in self.recording:
            if cut is None or cut < base:
                anchor.entries.append((table, path[base:], value))

    def _fail(self, line: int, col: int, message: str) -> None:
        """Remember a hard problem and read on: a syntax error later in the file is reported instead."""
        if self.problem is None:
            self.problem = _error(line, col, message)

    # -- anchors and aliases --------------------------------------------------------------------------

    def _new_anchor(self, event: Any) -> _Anchor:
        name = str(event.anchor)
        pos = _pos(event)
        earlier = self.anchors.get(name)
        if earlier is not None or name in self.open_anchors:
            where = f" (first at line {earlier.pos[0]})" if earlier is not None else ""
            self._fail(*pos, f"YAML anchor '&{shorten(name)}' is defined twice{where}; give this one another name")
        return _Anchor(name, pos)

    def _close_anchor(self, closed: _Open) -> None:
        anchor = closed.anchor
        assert anchor is not None
        self.recording.pop()
        self.open_anchors.discard(anchor.name)
        anchor.value = closed.container
        anchor.values = self.values - closed.start_values + 1
        anchor.chars = self.chars - closed.start_chars
        self.anchors[anchor.name] = anchor

    def _scalar_anchor(self, event: Any, value: Any, text: str, tag: str, pos: tuple[int, int]) -> None:
        anchor = self._new_anchor(event)
        anchor.value, anchor.raw, anchor.tag, anchor.chars = value, text, tag, len(text)
        anchor.entries.append((_VALUE, (), pos))
        if is_non_finite(value):
            anchor.entries.append((_NUMBER, (), str(text)))
        self.anchors[anchor.name] = anchor

    def _alias(self, event: Any, path: Path, cut: int | None) -> Any:
        anchor = self._find_anchor(event)
        if anchor is None:
            return None
        self._count_alias(event, anchor)
        if cut is None:
            self.alias_uses.append((path, anchor))
        for recording, base in self.recording:
            if cut is None or cut < base:
                recording.nested.append((path[base:], anchor))
        return anchor.value

    def _count_alias(self, event: Any, anchor: _Anchor) -> None:
        self.values += anchor.values
        self.chars += anchor.chars
        self.extra_values += anchor.values
        self.extra_chars += anchor.chars
        if self.extra_chars > MAX_ALIAS_EXTRA_CHARS and self.chars_crossed is None:
            self.chars_crossed = _pos(event)

    def _find_anchor(self, event: Any) -> _Anchor | None:
        name = str(event.anchor)
        if name in self.open_anchors:
            self._fail(*_pos(event), "a YAML alias refers to a value that contains it (a recursive alias); "
                       "remove the alias")
            return None
        anchor = self.anchors.get(name)
        if anchor is None:
            raise _error(*_pos(event), f"YAML alias '*{shorten(name)}' has no anchor '&{shorten(name)}' before it; "
                         "define the anchor first or write the value out")
        return anchor

    # -- scalars and keys -----------------------------------------------------------------------------

    def _scalar(self, event: Any, text: str, tag: str, path: Path, pos: tuple[int, int], cut: int | None) -> Any:
        """The value of a scalar event (counted already, and its position in the tree recorded)."""
        if tag is _STR_TAG and not self.is_json and event.style != ">":
            value: Any = text
        else:
            value = _convert(text, tag, event.style, is_json=self.is_json)
        if tag not in _STANDARD_TAGS:
            self._fail(*pos, _tag_message(tag))
        for anchor, base in self.recording:
            if cut is None or cut < base:
                anchor.entries.append((_VALUE, path[base:], pos))
        if type(value) is not str and is_non_finite(value):
            self._record(_NUMBER, path, str(text), cut)
        if event.anchor is not None:
            self._scalar_anchor(event, value, text, tag, pos)
        return value

    def _alias_key(self, event: Any, parent: _Open) -> None:
        anchor = self._find_anchor(event)
        if anchor is not None:
            self._count_alias(event, anchor)
        if anchor is None or anchor.raw is None:
            if anchor is not None:
                self._fail(*_pos(event), "a mapping key must be a plain word, not a list or mapping")
            parent.key, parent.dropping = None, True
            return
        self._use_key(anchor.raw, anchor.tag, anchor.pos, parent)

    def _key(self, text: str, tag: str, pos: tuple[int, int], event: Any, parent: _Open) -> None:
        """A scalar key (counted already): anchored, tagged, in an anchor, left out, repeated, or a merge key."""
        if tag not in _STANDARD_TAGS and tag != _MERGE_TAG:
            self._fail(*pos, _tag_message(tag))
        if event.anchor is not None:
            self._scalar_anchor(event, _convert(text, tag, event.style, is_json=self.is_json), text, tag, pos)
        self._use_key(text, tag, pos, parent)

    def _use_key(self, text: str, tag: str, pos: tuple[int, int], parent: _Open) -> None:
        line, col = pos
        if tag == _MERGE_TAG:  # reported even where the value is left out: it is in the file all the same
            self.soft.append(Diagnostic(line, col, "error",
                                        "YAML merge keys ('<<') are not supported; write the fields out"))
            parent.key, parent.dropping = None, True
            return
        key = str(text)
        first = parent.first_seen.get(key)
        if first is not None:
            self.soft.append(Diagnostic(line, col, "error", f"duplicate key '{shorten(key)}' (first at line "
                                        f"{first}); keep only one of them"))
            parent.key, parent.dropping = key, True
            return
        parent.first_seen[key] = line
        parent.key = key
        self._record(_KEY, (*parent.path, key), pos, parent.cut)

    # -- after the last event -------------------------------------------------------------------------

    def _check_expansion(self) -> None:
        """Reject alias bombs: too many values, or too much text, repeated by aliases."""
        if self.extra_values > MAX_ALIAS_EXTRA_VALUES:
            raise _error(
                1,
                1,
                f"YAML aliases expand this file to {self.values:,} values (limit: {MAX_ALIAS_EXTRA_VALUES:,} "
                "extra values from aliases); write the repeated parts out or remove the anchors",
            )
        if self.chars_crossed is not None:
            raise _error(
                *self.chars_crossed,
                f"YAML aliases repeat {self.extra_chars:,} characters of text (limit: {MAX_ALIAS_EXTRA_CHARS:,}); "
                "write the repeated parts out or remove the anchors",
            )

    def _repeat_positions(self) -> None:
        """Give each value an alias repeats the position of the value it repeats (bounded by the checks above)."""
        tables: tuple[dict[Path, Any], ...] = (self.tree.value_pos, self.tree.key_pos, self.tree.number_text)
        work = list(self.alias_uses)
        while work:
            path, anchor = work.pop()
            for table, relative, value in anchor.entries:
                tables[table][path + relative] = value
            work.extend((path + relative, nested) for relative, nested in anchor.nested)


def _resolve(event: Any) -> str:
    """The tag of a scalar, by YAML 1.2 rules when none is written (as ruamel's composer does).

    Text gets the _STR_TAG object itself, so a caller may test `tag is _STR_TAG`.
    """
    tag = event.tag
    if tag is not None and tag != "!":
        return _STR_TAG if tag == _STR_TAG else str(tag)
    if not event.implicit[0]:
        return _STR_TAG
    text = event.value
    for resolved, regexp in _IMPLICIT.get(text[:1], ()):
        if regexp.match(text):
            return resolved
    return _STR_TAG


def _tag_message(tag: str) -> str:
    return f"YAML tag '{shorten(_short_tag(tag), 60)}' is not allowed in a roadmap file; remove the tag"


def is_non_finite(value: Any) -> bool:
    """Whether value is a number that is nan, infinite, or an integer too large to become a float."""
    if isinstance(value, float):
        return not math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > sys.float_info.max


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


# Python's json module reads these bare words as numbers; YAML would read them as text.
_JSON_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def _convert(text: str, tag: str, style: str | None, *, is_json: bool = False) -> Any:
    if is_json and not style and text in _JSON_NON_FINITE:
        return _JSON_NON_FINITE[text]
    if tag == _STR_TAG:
        return text.replace("\a", "") if style == ">" else text  # a round-trip scanner marks folds with BEL
    converter = _CONVERTERS.get(tag)
    return text if converter is None else converter(text)


def _to_int(text: str) -> Any:
    try:
        return int(text.replace("_", ""), 0)
    except ValueError:
        return text


def _to_float(text: str) -> Any:
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


_CONVERTERS: dict[str, Callable[[str], Any]] = {
    "tag:yaml.org,2002:null": lambda _text: None,
    "tag:yaml.org,2002:bool": lambda text: text.lower() in ("true", "yes", "on", "y"),
    "tag:yaml.org,2002:int": _to_int,
    "tag:yaml.org,2002:float": _to_float,
}
