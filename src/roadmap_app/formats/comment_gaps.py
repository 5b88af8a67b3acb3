"""The blank lines and comment lines between the entries of a round-trip YAML tree, as one movable "gap".

ruamel.yaml keeps what lies between two entries wherever its parser happened to be: after the end of the
line before (a scalar's comment slot), at the end of a nested list, or before the next entry. `normalize`
moves every such gap to one place, the comment lines before the entry that follows it (or the end of the
document), without changing what the tree dumps to. Then an entry inserted, moved or removed takes only
its own lines with it, and an entry's own end-of-line comment stays beside it.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

Container = CommentedMap | CommentedSeq


def is_block(value: Any) -> bool:
    """A mapping or list written one entry per line (not `{...}` or `[...]`)."""
    return isinstance(value, CommentedMap | CommentedSeq) and len(value) > 0 and not value.fa.flow_style()


def keys_of(container: Container) -> list[Any]:
    return list(container.keys()) if isinstance(container, CommentedMap) else list(range(len(container)))


def gap_tokens(text: str) -> list[CommentToken]:
    """Comment tokens, one a line, that print `text` (whole lines: blank ones and `  # ...` ones)."""
    tokens = []
    for line in text.splitlines(keepends=True):
        stripped = line.lstrip(" ")
        tokens.append(CommentToken(stripped if stripped.strip() else "\n", CommentMark(len(line) - len(stripped))))
    return tokens


def tokens_text(tokens: list[Any] | None) -> str:
    """The lines that comment tokens before an entry print."""
    if not tokens:
        return ""
    lines = []
    for token in tokens:
        value = token.value
        if value.startswith("\n") or not value.strip():
            lines.append(value)
        else:
            lines.append(" " * token.start_mark.column + value)
    return "".join(lines)


def gap_before(container: Container, key: Any) -> str:
    """The lines between the entry before `key` and `key` itself."""
    entry = container.ca.items.get(key)
    return tokens_text(entry[1]) if entry and len(entry) > 1 else ""


def set_gap_before(container: Container, key: Any, text: str) -> None:
    """Replace the lines before `key` (a new list object: the old one, kept for undo, is never changed)."""
    old = container.ca.items.get(key)
    entry = list(old) if old else [None, None, None, None]
    while len(entry) < 4:
        entry.append(None)
    entry[1] = gap_tokens(text) if text else None
    if any(part is not None for part in entry):
        container.ca.items[key] = entry
    else:
        container.ca.items.pop(key, None)


def end_holder(root: CommentedMap) -> Container | None:
    """Where the lines after the document's last entry are kept: the last top-level list or mapping, which
    prints them after its last entry however many entries it has then."""
    last = root[keys_of(root)[-1]] if len(root) else None
    return last if is_block(last) else None


def document_end(root: CommentedMap) -> str:
    holder = end_holder(root)
    return tokens_text(holder.ca.end) if holder is not None else ""


def set_document_end(root: CommentedMap, text: str) -> None:
    holder = end_holder(root)
    if holder is not None:
        _set_end(holder, text)


def _set_end(holder: Container, text: str) -> None:
    if holder.ca.comment is None:
        holder.ca.comment = [None, None]  # ruamel prints a container's end lines only next to its own comment
    holder.ca.end = gap_tokens(text) if text else []


def _split_line_end(value: Any, text: str) -> tuple[str, str]:
    """(what ends the value's own line, whole lines after it) of a comment slot after a value."""
    if isinstance(value, LiteralScalarString | FoldedScalarString):
        return "", text  # a block scalar ends with its own line break
    cut = text.find("\n")
    return (text, "") if cut < 0 else (text[: cut + 1], text[cut + 1:])


def take_trailing(holder: Container, key: Any) -> str:
    """Remove and return the whole lines that follow entry `key` of holder (at any depth inside it)."""
    value = holder[key]
    if is_block(value):
        inner = keys_of(value)
        text = take_trailing(value, inner[-1])
        if value.ca.end:
            text += tokens_text(value.ca.end)
            value.ca.end = []
        return text
    slot = 2 if isinstance(holder, CommentedMap) else 0
    entry = holder.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    if token is None:
        return ""
    line_end, rest = _split_line_end(value, token.value)
    if not rest:
        return ""
    new_entry = list(entry)
    new_entry[slot] = CommentToken(line_end, token.start_mark) if line_end.strip() else None
    holder.ca.items[key] = new_entry
    if isinstance(value, CommentedBase) and value.ca.comment and value.ca.comment[0] is token:
        value.ca.comment = [new_entry[slot], *value.ca.comment[1:]]  # a flow list's copy of its line's comment
    return rest


def normalize(root: CommentedMap) -> None:
    """Move every gap to the comment lines before the entry that follows it (see the module's docstring)."""
    _normalize(root)
    holder = end_holder(root)
    if holder is not None:
        end = take_trailing(holder, keys_of(holder)[-1]) + tokens_text(holder.ca.end)
        if end:
            _set_end(holder, end)


def _normalize(container: Container) -> None:
    keys = keys_of(container)
    for key in keys:
        if is_block(container[key]):
            _normalize(container[key])
    for before, key in pairwise(keys):
        gap = take_trailing(container, before)
        if gap:
            set_gap_before(container, key, gap + gap_before(container, key))
