"""Changes to a round-trip tree that each record their exact inverse, so a step undoes byte for byte."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import ordereddict

from roadmap_app.formats.comment_gaps import (
    document_end,
    end_holder,
    gap_before,
    keys_of,
    set_document_end,
    set_gap_before,
)

Container = CommentedMap | CommentedSeq
_Change = tuple[Callable[[], None], Callable[[], None]]


@dataclass
class Journal:
    """The changes of one edit, in order; `undo` reverts them all, `redo` makes them again."""

    changes: list[_Change] = field(default_factory=list)

    def record(self, do: Callable[[], None], undo: Callable[[], None]) -> None:
        do()
        self.changes.append((do, undo))

    def undo(self) -> None:
        for _, undo in reversed(self.changes):
            undo()

    def redo(self) -> None:
        for do, _ in self.changes:
            do()


def _raw_set(container: Container, key: Any, value: Any) -> None:
    """Set without ruamel's habit of re-quoting a new string like the old one: the caller chose the style."""
    if isinstance(container, CommentedMap):
        ordereddict.__setitem__(container, key, value)
    else:
        list.__setitem__(container, key, value)


def replace(journal: Journal, container: Container, key: Any, value: Any) -> None:
    """Put value in place of an existing entry's value (comments beside it stay)."""
    old = container[key]
    journal.record(lambda: _raw_set(container, key, value), lambda: _raw_set(container, key, old))


def _put_entry(container: Container, key: Any, entry: list[Any] | None) -> None:
    if entry is None:
        container.ca.items.pop(key, None)
    else:
        container.ca.items[key] = entry


def insert_key(journal: Journal, mapping: CommentedMap, position: int, key: str, value: Any) -> None:
    def undo() -> None:
        del mapping[key]
        mapping.ca.items.pop(key, None)

    journal.record(lambda: mapping.insert(position, key, value), undo)


def insert_item(journal: Journal, seq: CommentedSeq, index: int, value: Any) -> None:
    journal.record(lambda: seq.insert(index, value), lambda: seq.__delitem__(index))


def _delete_key(journal: Journal, mapping: CommentedMap, key: str) -> None:
    position = list(mapping).index(key)
    value, entry = mapping[key], mapping.ca.items.get(key)

    def do() -> None:
        del mapping[key]
        mapping.ca.items.pop(key, None)

    def undo() -> None:
        mapping.insert(position, key, value)
        _put_entry(mapping, key, entry)

    journal.record(do, undo)


def _delete_item(journal: Journal, seq: CommentedSeq, index: int) -> None:
    value, entry = seq[index], seq.ca.items.get(index)

    def undo() -> None:
        seq.insert(index, value)
        _put_entry(seq, index, entry)

    journal.record(lambda: seq.__delitem__(index), undo)


def set_gap(journal: Journal, container: Container, key: Any, text: str) -> None:
    """Make the lines before entry `key` read `text` (blank lines and comment lines)."""
    if gap_before(container, key) == text:
        return
    entry = container.ca.items.get(key)
    journal.record(lambda: set_gap_before(container, key, text), lambda: _put_entry(container, key, entry))


def _set_end(journal: Journal, root: CommentedMap, text: str) -> None:
    holder = end_holder(root)
    if holder is None:
        return
    old_comment, old_end = holder.ca.comment, holder.ca.end

    def undo() -> None:
        holder.ca.comment, holder.ca.end = old_comment, old_end

    journal.record(lambda: set_document_end(root, text), undo)


def has_comment(text: str) -> bool:
    return any(line.strip() for line in text.splitlines())


def separator(container: Container) -> str:
    """The blank lines that usually stand between the container's entries ('' or '\\n')."""
    keys = keys_of(container)[1:]
    spaced = sum(1 for key in keys if gap_before(container, key).startswith("\n"))
    return "\n" if keys and spaced * 2 >= len(keys) else ""


def add_entry(journal: Journal, container: Container, position: int, value: Any, key: str | None = None) -> None:
    """Insert an entry at position (a key into a mapping, or an item into a list), spaced like its siblings.

    The gap before the entry that was at `position` (a section's heading comment, say) stays before it.
    """
    spacing = separator(container) if not container.fa.flow_style() else ""
    count = len(container)
    new_key: Any = key
    if isinstance(container, CommentedMap):
        assert key is not None
        insert_key(journal, container, position, key, value)
    else:
        insert_item(journal, container, position, value)
        new_key = position
    if not spacing or count == 0:
        return
    if position > 0:
        set_gap(journal, container, new_key, spacing)
    else:  # before the first entry: the list's own opening comment stays above; space the old first one
        set_gap(journal, container, keys_of(container)[1], spacing + gap_before(container, keys_of(container)[1]))


def remove_entry(journal: Journal, container: Container, key: Any, root: CommentedMap | None = None) -> None:
    """Remove an entry and its own lines; comment lines above it stay, before whatever follows it."""
    keys = keys_of(container)
    index = keys.index(key)
    own_gap = gap_before(container, key) if index > 0 else ""
    follower = keys[index + 1] if index + 1 < len(keys) else None
    if follower is not None:
        follower_gap = gap_before(container, follower)
        if index == 0:
            merged = "" if not has_comment(follower_gap) else follower_gap.lstrip("\n")
        elif not has_comment(own_gap):
            merged = follower_gap
        elif not has_comment(follower_gap):
            merged = own_gap
        else:
            merged = own_gap + follower_gap
        set_gap(journal, container, follower, merged)
    elif has_comment(own_gap) and root is not None and end_holder(root) is container:
        _set_end(journal, root, own_gap + document_end(root))
    if isinstance(container, CommentedMap):
        _delete_key(journal, container, key)
    else:
        _delete_item(journal, container, index)
