"""Values to put into a round-trip tree that look like what a person would have written there."""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Iterable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

MIN_FOLD_WIDTH = 40


def number(value: float) -> int | float:
    """A whole number is written without `.0`."""
    return int(value) if math.isfinite(value) and float(value).is_integer() else float(value)


def text(value: str, like: Any = None, *, is_json: bool = False, flow: bool = False) -> str:
    """`value` as a string written the way `like` (the value it replaces, if any) was written.

    Quoted stays quoted the same way; a block scalar stays one, with the same line break at its end (a folded
    one is folded near its old width); new text is plain where YAML allows it (ruamel quotes it otherwise),
    and a `|` block when it has several lines. Text that needs quotes gets double ones (`flow`: it goes
    inside `{...}` or `[...]`, where more characters need them).
    """
    if is_json:
        return value
    if isinstance(like, LiteralScalarString | FoldedScalarString):
        if like.endswith("\n") != value.endswith("\n"):
            value = value + "\n" if like.endswith("\n") else value.rstrip("\n")
        if isinstance(like, LiteralScalarString):
            return LiteralScalarString(value)
        return refolded(like, value)
    if "\n" in value.strip("\n"):
        return LiteralScalarString(value)
    if isinstance(like, SingleQuotedScalarString | DoubleQuotedScalarString) and "\n" not in value:
        return type(like)(value)
    if needs_quotes(value, flow=flow):
        return DoubleQuotedScalarString(value)
    return value


def needs_quotes(value: str, *, flow: bool = False) -> bool:
    """True when value unquoted would be read as something else (a number, true, null) or not at all.

    ruamel writes some text plain that the app's own reader (libyaml's rules) refuses, such as `a:b` inside
    `{...}`: so the plain form is read back with that reader, in the context it is going into.
    """
    from roadmap_app.formats.tree import TreeError, parse_text

    written = inline_scalar(value)
    if written.startswith(("'", '"')):
        return True
    probe = f"k: {{a: {written}, b: 1}}\n" if flow else f"k: {written}\n"
    try:
        tree, _ = parse_text(probe, is_json=False)
    except TreeError:
        return True
    read = tree.data.get("k") if isinstance(tree.data, dict) else None
    if flow:
        read = read.get("a") if isinstance(read, dict) else None
    return read != value


def _usual_width(old: FoldedScalarString) -> int:
    """How wide the lines of a folded block are, leaving out paragraph ends and the odd overlong line."""
    breaks = sorted(getattr(old, "fold_pos", None) or [])
    starts = [0, *(position + 1 for position in breaks)]
    widths = sorted(end - start for start, end in zip(starts, breaks, strict=False))
    if not widths:
        return max(len(line) for line in old.split("\n"))
    usual = widths[len(widths) // 2] * 5 // 4
    return max(width for width in widths if width <= usual)


def refolded(old: FoldedScalarString, value: str) -> FoldedScalarString:
    """value folded like old: old's line breaks before the first change and after the last one are kept."""
    shortest = min(len(old), len(value))
    head = next((i for i in range(shortest) if old[i] != value[i]), shortest)
    tail = next((i for i in range(shortest - head) if old[-1 - i] != value[-1 - i]), shortest - head)
    shift = len(value) - len(old)
    old_folds = sorted(getattr(old, "fold_pos", None) or [])
    kept_after = [position + shift for position in old_folds if position >= len(old) - tail]
    return folded(value, _usual_width(old), kept=[p for p in old_folds if p < head], resync=kept_after)


def folded(value: str, width: int, kept: Iterable[int] = (), resync: Iterable[int] = ()) -> FoldedScalarString:
    """A `>` block: folded at the `kept` spaces, then at single spaces so lines stay within width characters,
    until one of the `resync` folds fits on the current line: from there on the `resync` folds are used."""
    width = max(width, MIN_FOLD_WIDTH)

    def foldable(index: int) -> bool:
        return (0 < index < len(value) - 1 and value[index] == " " and value[index - 1] not in " \n"
                and value[index + 1] not in " \n")

    folds = sorted(p for p in kept if foldable(p))
    later = sorted(p for p in resync if foldable(p))
    line_start = folds[-1] + 1 if folds else 0
    while line_start < len(value):
        end = value.find("\n", line_start)
        end = len(value) if end < 0 else end
        rejoin = next((p for p in later if p > line_start), None)
        if rejoin is not None and rejoin < end and rejoin - line_start <= width:
            folds += [p for p in later if p >= rejoin]
            break
        if end - line_start <= width:
            line_start = end + 1
            continue
        spaces = [i for i in range(line_start + 1, end) if foldable(i)]
        fitting = [i for i in spaces if i - line_start <= width]
        cut = fitting[-1] if fitting else (spaces[0] if spaces else None)
        if cut is None:
            line_start = end + 1
            continue
        folds.append(cut)
        line_start = cut + 1
    result = FoldedScalarString(value)
    result.fold_pos = sorted(set(folds))
    return result


def id_list(ids: Iterable[str], like: Any = None, *, is_json: bool = False) -> CommentedSeq:
    """A list of ids: `[a, b]` unless lists like it are written one item a line."""
    seq = CommentedSeq(ids)
    if not is_json:
        seq.fa.set_block_style() if is_block_like(like) else seq.fa.set_flow_style()
    return seq


def block_list(items: Iterable[Any], *, is_json: bool = False) -> CommentedSeq:
    """A list written one item a line."""
    seq = CommentedSeq(items)
    if not is_json:
        seq.fa.set_block_style()
    return seq


def mapping(pairs: Iterable[tuple[str, Any]], like: Any = None, *, is_json: bool = False,
            flow: bool | None = None) -> CommentedMap:
    """A mapping written like its sibling `like` (or as `flow` says): `{...}` on one line, or a block."""
    result = CommentedMap(pairs)
    if is_json:
        return result
    if flow is None:
        flow = is_flow(like)
    if flow:
        result.fa.set_flow_style()
    for key, value in result.items():
        if type(value) is str and needs_quotes(value, flow=flow):
            result[key] = DoubleQuotedScalarString(value)
    return result


def is_flow(value: Any) -> bool:
    return isinstance(value, CommentedSeq | CommentedMap) and bool(value.fa.flow_style())


def is_block_like(value: Any) -> bool:
    return isinstance(value, CommentedSeq | CommentedMap) and len(value) > 0 and not value.fa.flow_style()


def inline_scalar(value: str) -> str:
    """value as ruamel writes it on one line after `key: ` (plain when it thinks YAML allows, else quoted)."""
    out = io.StringIO()
    _one_line_yaml().dump({"k": value.replace("\n", " ")}, out)
    return out.getvalue()[len("k: "):].rstrip("\n")


@functools.cache
def _one_line_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 1_000_000
    return yaml
