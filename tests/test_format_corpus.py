"""Every broken file in tests/corpus reports exactly the diagnostics its header expects."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_app.formats.loader import check_file

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(p for p in CORPUS.iterdir() if ".roadmap." in p.name and not p.name.endswith(".expect"))


def expected_for(path: Path) -> list[str]:
    sidecar = path.with_name(path.name.split(".roadmap.")[0] + ".roadmap.expect")
    if sidecar.exists():
        return [line for line in sidecar.read_text().splitlines() if line.strip()]
    prefix = "# expect: "
    return [line[len(prefix):] for line in path.read_text().splitlines() if line.startswith(prefix)]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file_reports_exact_lines(path: Path) -> None:
    expected = expected_for(path)
    assert expected, f"{path.name} declares no expectations"
    result = check_file(path)
    got = [f"{d.line}:{d.col}: {d.severity}: {d.message}" for d in result.diagnostics]
    assert got == expected


def test_corpus_covers_every_check() -> None:
    text = "\n".join("\n".join(expected_for(p)) for p in FILES)
    for phrase in [
        "YAML syntax error", "JSON syntax error", "top level must be a mapping", "duplicate key",
        "missing required key", "must be a number", "is not a valid id", "duplicate id",
        "unknown category", "unknown node", "lists itself", "prerequisite cycle", "greater than 0",
        "only http and https", "not a valid web link", "unknown kind", "unsupported format",
        "has no resources", "YAML tag", "YAML aliases expand", "unknown key", "must be a finite number",
        "out of range", "'format' must be 1", "nests deeper than 64 levels", "characters long; shorten it",
        "more than the 10,000 hours", "YAML aliases repeat", "has no summary",
    ]:
        assert phrase in text, f"no corpus file covers: {phrase}"


def test_broken_files_are_invalid_and_warning_only_file_is_valid() -> None:
    for path in FILES:
        result = check_file(path)
        if path.name.startswith(("no-resources", "no-summary")):
            assert result.ok and result.diagnostics and not result.errors
        else:
            assert not result.ok and result.roadmap is None
