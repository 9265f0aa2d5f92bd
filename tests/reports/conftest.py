"""Fixtures shared by the report tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    """An empty cache before and after the test (hotspot maps are cached)."""
    cache.clear()
    yield
    cache.clear()
