"""Errors that name what went wrong, where, and what to do: never a bare traceback."""

from __future__ import annotations

from pathlib import Path


class ExplorerError(Exception):
    """Base of every error the CLI and the window report as a message."""


class SourceError(ExplorerError):
    """A raw input file is unusable: names the file, the line (1-based, header = 1) and the problem."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        # a problem quoting a huge cell is cut: the message must stay readable
        problem = problem if len(problem) <= 2000 else problem[:2000] + f"... ({len(problem):,} characters)"
        self.problem = problem
        where = f"{self.path}" + (f", line {line}" if line is not None else "")
        super().__init__(f"{where}: {problem}")


class UnmatchedCountries(ExplorerError):
    """Names no harmonisation rule knows; the build stops and lists them all."""

    def __init__(self, unmatched: list[tuple[str, str, str, int | None]]):
        self.unmatched = unmatched
        lines = [f"  {src}: {name!r} ({Path(f).name}, line {ln})" for src, name, f, ln in unmatched]
        super().__init__(
            f"{len(unmatched)} country name(s) could not be matched to ISO 3166 alpha-3; "
            "add them to resources/country_aliases.csv (as a country or an explicit exclusion):\n"
            + "\n".join(lines)
        )


class IndexUnavailable(ExplorerError):
    """The SQLite index is missing, corrupt or of another schema version."""
