"""Problems found in a roadmap file, printed as FILE:LINE:COL: severity: message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at a 1-based line and column of a file."""

    line: int
    col: int
    severity: Severity
    message: str
    file: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self, file: str | None = None) -> str:
        name = file if file is not None else self.file
        return f"{name}:{self.line}:{self.col}: {self.severity}: {self.message}"


class RoadmapFileError(Exception):
    """Raised when a roadmap file cannot be used; carries every diagnostic found."""

    def __init__(self, path: str, diagnostics: list[Diagnostic]):
        self.path = path
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.is_error] or diagnostics
        super().__init__("\n".join(d.format(path) for d in errors[:20]))
