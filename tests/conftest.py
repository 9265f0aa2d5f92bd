"""Shared fixtures. The real data lives in ../shared/data, never inside the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(
    os.environ.get(
        "SHARED_DATA_DIR", Path(__file__).resolve().parent.parent.parent / "shared" / "data"
    )
)


def require_shared_data(*parts: str) -> Path:
    """The path under ../shared/data, or skip the test with a message (an error under CI=true)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        message = f"shared data missing: {path} (set SHARED_DATA_DIR or put ../shared/data beside the project)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def shared_data() -> Path:
    return require_shared_data()


@pytest.fixture
def faa_dir() -> Path:
    return require_shared_data("faa_uas_sightings")
