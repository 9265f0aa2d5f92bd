"""The one exception a caller of the FAA reader needs to catch."""

from __future__ import annotations

from pathlib import Path


class FaaFormatError(ValueError):
    """A release file that cannot be read as an FAA UAS sightings table.

    Raised instead of a parser crash so an importer can report *which* file is wrong and *why*
    (empty, no data rows, a required column missing) and carry on with the other releases.
    """

    def __init__(self, path: str | Path, problem: str, *, missing: tuple[str, ...] = ()) -> None:
        self.path = Path(path)
        self.problem = problem
        self.missing = missing
        super().__init__(f"{self.path.name}: {problem}")
