"""Load a roadmap file into the domain model, collecting every problem with its position."""

from __future__ import annotations

import codecs
import errno
import gc
import hashlib
import os
import re
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roadmap_app.domain.roadmap import Category, Node, Resource, Roadmap
from roadmap_app.formats.diagnostics import Diagnostic, RoadmapFileError
from roadmap_app.formats.schema import FORMAT_VERSION, ROADMAP_SCHEMA

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

    from roadmap_app.formats.tree import Tree

# jsonschema, the YAML parser (tree.py) and networkx (checks.py) load when a file is first read, not with
# this module: the window's first frame comes from the checked-roadmap cache and needs none of them.

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_NODES = 20_000


# -- the schema check ---------------------------------------------------------------------------------
# jsonschema words its errors with the whole offending value (a 19 MB title would become a 19 MB
# message); these keywords keep its logic and give short messages (translate() writes the real ones),
# and a pattern is not matched against text already too long.

def _type(validator: Any, types: Any, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    from jsonschema.exceptions import ValidationError

    names = [types] if isinstance(types, str) else list(types)
    if not any(validator.is_type(instance, name) for name in names):
        yield ValidationError(f"is not of type {', '.join(names)}")


def _max_length(validator: Any, limit: int, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and len(instance) > limit:
        yield ValidationError(f"is {len(instance):,} characters long, more than {limit:,}")


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "string") or len(instance) > schema.get("maxLength", len(instance)):
        return
    if re.search(pattern, instance) is None:
        yield ValidationError(f"does not match {pattern!r}")


def _base_keyword(name: str) -> Callable[..., Iterator[ValidationError]]:
    from jsonschema import Draft202012Validator

    return Draft202012Validator.VALIDATORS[name]


def _enum(validator: Any, choices: list[Any], instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    from jsonschema.exceptions import ValidationError

    if not all(isinstance(choice, str) for choice in choices):
        yield from _base_keyword("enum")(validator, choices, instance, schema)
    elif not (isinstance(instance, str) and instance in choices):
        yield ValidationError("is not one of the allowed values")


def _additional_properties(validator: Any, allowed: Any, instance: Any,
                           schema: dict[str, Any]) -> Iterator[ValidationError]:
    from jsonschema.exceptions import ValidationError

    if allowed is not False or "patternProperties" in schema:
        yield from _base_keyword("additionalProperties")(validator, allowed, instance, schema)
    elif validator.is_type(instance, "object") and set(instance) - set(schema.get("properties", {})):
        yield ValidationError("has unknown keys")


@cache
def _validator() -> Any:
    """jsonschema's validator of the roadmap schema, with the keywords above."""
    from jsonschema import Draft202012Validator, validators

    extended = validators.extend(Draft202012Validator, {
        "type": _type, "maxLength": _max_length, "pattern": _pattern, "enum": _enum,
        "additionalProperties": _additional_properties,
    })
    return extended(ROADMAP_SCHEMA)


def __getattr__(name: str) -> Any:
    """`_VALIDATOR`, made when first asked for."""
    if name == "_VALIDATOR":
        return _validator()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# Most files are valid, and jsonschema takes a second for 20,000 skills. This check, compiled from
# the same schema, answers "certainly valid" quickly; whenever it is not certain (any error, or a
# keyword it does not know), jsonschema checks the file and words the errors.
_Check = Callable[[Any], bool]
_UNDERSTOOD = {"$schema", "title", "description", "type", "properties", "required", "additionalProperties", "items",
               "minItems", "minLength", "maxLength", "pattern", "enum", "const", "exclusiveMinimum", "maximum"}
_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,), "array": (list,), "string": (str,), "number": (int, float), "integer": (int,),
    "boolean": (bool,), "null": (type(None),),
}


def _never(_value: Any) -> bool:
    return False


def _compile(schema: dict[str, Any]) -> _Check:
    """A function that is True only for values certainly valid against schema."""
    names = schema.get("type", ())
    names = [names] if isinstance(names, str) else list(names)
    if (not set(schema) <= _UNDERSTOOD or not set(names) <= set(_TYPES)
            or schema.get("additionalProperties", False) is not False
            or not isinstance(schema.get("items", {}), dict)
            or not all(isinstance(choice, str) for choice in schema.get("enum", ()))
            or type(schema.get("const", 0)) not in (int, str)):
        return _never  # not understood: let jsonschema decide
    types = tuple(kind for name in names for kind in _TYPES[name]) or None  # type(True) is bool, never int
    properties = {name: _compile(sub) for name, sub in schema.get("properties", {}).items()}
    required = tuple(schema.get("required", ()))
    closed = "additionalProperties" in schema
    items = _compile(schema["items"]) if "items" in schema else None
    min_items = schema.get("minItems", 0)
    min_length, max_length = schema.get("minLength", 0), schema.get("maxLength")
    regex = re.compile(schema["pattern"]) if "pattern" in schema else None
    choices = frozenset(schema["enum"]) if "enum" in schema else None
    has_const, const = "const" in schema, schema.get("const")
    above, at_most = schema.get("exclusiveMinimum"), schema.get("maximum")

    def check(value: Any) -> bool:
        kind = type(value)
        if types is not None and kind not in types:
            return False
        if kind is dict:
            for name in required:
                if name not in value:
                    return False
            for name, item in value.items():
                sub = properties.get(name)
                if sub is None:
                    if closed:
                        return False
                elif not sub(item):
                    return False
        elif kind is list:
            if len(value) < min_items or (items is not None and not all(map(items, value))):
                return False
        elif kind is str:
            if len(value) < min_length or (max_length is not None and len(value) > max_length):
                return False
            if regex is not None and regex.search(value) is None:
                return False
        elif (kind is int or kind is float) and (
                (above is not None and not value > above) or (at_most is not None and not value <= at_most)):
            return False
        if choices is not None and not (kind is str and value in choices):
            return False
        return not has_const or (kind is type(const) and value == const)

    return check


_surely_valid = _compile(ROADMAP_SCHEMA)


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
    """Read and validate a file.

    Raises OSError only when the file cannot be read at all (IsADirectoryError for a folder). A pipe,
    a device such as /dev/zero or a socket is refused with a diagnostic before anything is read, so
    nothing waits for a writer or reads forever.
    """
    name = str(path)
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
    if not stat.S_ISREG(info.st_mode):
        return _not_a_file(name, info.st_mode)
    if info.st_size > MAX_FILE_BYTES:
        return _too_big(name, info.st_size)
    # O_NONBLOCK: should the path become a pipe after the check above, opening it does not wait for a writer.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    with open(os.open(path, flags), "rb") as handle:
        opened = os.fstat(handle.fileno())
        if stat.S_ISDIR(opened.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
        if not stat.S_ISREG(opened.st_mode):
            return _not_a_file(name, opened.st_mode)
        raw = handle.read(MAX_FILE_BYTES + 1)  # never more, even if the file grows while it is read
    if len(raw) > MAX_FILE_BYTES:
        return _too_big(name, len(raw))
    return check_bytes(raw, name, is_json=name.lower().endswith(".json"))


_FILE_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device (a disk)"), (stat.S_ISSOCK, "a socket"))


def _not_a_file(name: str, mode: int) -> LoadResult:
    kind = next((text for test, text in _FILE_KINDS if test(mode)), "a special file")
    return LoadResult(name, None, [Diagnostic(1, 1, "error", f"this is {kind}, not a file; give a roadmap file "
                                              "saved on disk (NAME.roadmap.yaml or NAME.roadmap.json)")])


def _too_big(name: str, size: int) -> LoadResult:
    return LoadResult(name, None, [Diagnostic(1, 1, "error",
        f"the file is {size / 1e6:.1f} MB; roadmap files are limited to {MAX_FILE_BYTES // (1024 * 1024)} MB")])


def check_bytes(raw: bytes, name: str = "<text>", *, is_json: bool = False) -> LoadResult:
    """Validate file content; never raises for any input."""
    with _cyclic_gc_paused():
        try:
            return _check(raw, name, is_json)
        except Exception as exc:  # noqa: BLE001 - last line of defence: a user never sees a traceback
            return LoadResult(name, None, [Diagnostic(1, 1, "error", f"{INTERNAL_ERROR} ({type(exc).__name__}); "
                                                      "check that it is a roadmap in YAML or JSON")])


#: The start of the message for a file the reader failed on unexpectedly (a bug: tests look for it).
INTERNAL_ERROR = "the file could not be read"


def _check(raw: bytes, name: str, is_json: bool) -> LoadResult:
    from roadmap_app.formats.tree import TreeError, parse_text

    result = LoadResult(name)
    try:
        text = _decode(raw)
        tree, soft = parse_text(text, is_json=is_json)
    except TreeError as exc:
        result.diagnostics = [exc.diagnostic]
        return result
    result.diagnostics = soft + _validate_tree(tree)
    result.diagnostics.sort(key=lambda d: (d.line, d.col, d.severity, d.message))
    if not result.errors:
        result.roadmap = build_roadmap(tree.data, hashlib.sha256(raw).hexdigest())
    return result


_gc_lock = threading.Lock()
_gc_pausers = 0
_gc_was_enabled = False


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a file is read.

    A roadmap becomes about a million objects, and the collector's full passes over them took a
    quarter of the time for 20,000 skills. Nothing built here holds a reference cycle (recursive
    aliases are refused), so reference counting frees all of it; other threads' cycles wait a second.
    Re-entrant and thread-safe: the collector runs again when the last reader is done, if it ran before.
    """
    global _gc_pausers, _gc_was_enabled
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_was_enabled:
                gc.enable()


def load_roadmap(path: str | os.PathLike[str]) -> Roadmap:
    """The roadmap in a valid file; raises RoadmapFileError listing the problems, or OSError."""
    result = check_file(path)
    if not result.ok:
        raise RoadmapFileError(str(path), result.diagnostics)
    assert result.roadmap is not None
    return result.roadmap


def _decode(raw: bytes) -> str:
    from roadmap_app.formats.tree import TreeError

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
    from roadmap_app.formats.checks import check_numbers, check_semantics
    from roadmap_app.formats.messages import translate

    data = tree.data
    if not isinstance(data, dict):
        return [Diagnostic(1, 1, "error", "the top level must be a mapping with keys such as 'format', 'id', "
                           "'title', 'categories' and 'nodes'")]
    numbers = {path: _value_at(data, path) for path in tree.number_text}  # the builder noted every one
    if "format" in data and data["format"] != FORMAT_VERSION:
        unsupported = check_numbers(tree, numbers.items())
        if ("format",) not in numbers:  # a non-finite format already has its message
            line, col = tree.pos(("format",))
            unsupported.append(Diagnostic(line, col, "error", f"unsupported format {_shown(data['format'])}; this app "
                                          f"reads format {FORMAT_VERSION} (write 'format: {FORMAT_VERSION}', or "
                                          "update the app)"))
        return unsupported
    nodes = data.get("nodes")
    if isinstance(nodes, list) and len(nodes) > MAX_NODES:
        return [Diagnostic(*tree.pos(("nodes",)), "error",
                           f"the file has {len(nodes):,} nodes; the limit is {MAX_NODES:,}")]
    found: list[Diagnostic] = []
    for error in () if _surely_valid(data) else _validator().iter_errors(data):
        path = tuple(error.absolute_path)
        if path in numbers:
            if error.validator != "type":
                continue  # e.g. "must be greater than 0 (got -inf)": the finite-number message says it better
            del numbers[path]  # a number where text or a list belongs: the type message is the one to act on
        found.extend(translate(error, tree))
    found.extend(check_numbers(tree, numbers.items()))
    found.extend(check_semantics(tree))
    return _dedupe(found)


def _value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _shown(value: Any) -> str:
    from roadmap_app.formats.tree import shorten

    return shorten(repr(value)) if not isinstance(value, str) else f"'{shorten(value)}'"


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
