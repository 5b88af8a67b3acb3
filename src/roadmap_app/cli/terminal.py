"""Text from roadmap files, shown safely on a terminal.

A title, id or message read from a file may hold control characters: an ANSI escape sequence
("\\x1b[31m", "\\x1b]0;title\\x07") would recolour the terminal, retitle its window or worse, and a
carriage return would overwrite what was printed before it. Everything the CLI prints to a terminal
goes through printable() or printable_lines() (main() routes all printing through EscapingStream),
which show such characters escaped (\\x1b, \\r, \\u202e) instead.
Output written to a file with -o keeps the text as it is.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO, TextIO

# C0 controls, DEL, C1 controls, and the Unicode controls that reorder or break displayed text
# (bidirectional embeddings, overrides and isolates; line and paragraph separators).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """One line of text with every control character escaped, newlines and tabs included."""
    return _CONTROL.sub(_escape, str(text))


def printable_lines(text: str) -> str:
    """Several lines: newlines and tabs are kept, every other control character is escaped."""
    return "\n".join("\t".join(printable(part) for part in line.split("\t")) for line in text.split("\n"))


class EscapingStream(io.TextIOBase):
    """A text stream that writes through printable_lines(): whatever a command prints, no control character
    from a file reaches the terminal. Bytes written to .buffer (iCalendar) are the caller's to escape."""

    def __init__(self, stream: TextIO):
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(printable_lines(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def buffer(self) -> BinaryIO:
        return self.stream.buffer

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding


@contextmanager
def escaped_output() -> Iterator[None]:
    """Within the block, sys.stdout and sys.stderr escape control characters."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingStream(sys.stdout), EscapingStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = saved
