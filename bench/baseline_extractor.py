"""The narrative extractor as it was before issue 11, loaded from git history for comparison.

``baseline_extract()`` copies ``geo/narrative`` at ``BASELINE_COMMIT`` out of the repository
(``git archive``), renames the package to ``narrative_baseline`` in a temporary directory and
imports its ``extract``; the current code is untouched. Benchmarks and the accuracy report use
it to measure the old and the new extractor in the same run. In a checkout without that
history (a shallow CI clone, an exported tarball) it returns None and a reason to print.
"""

from __future__ import annotations

import importlib
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The last commit before the issue-11 extractor changes (main at d75a11d).
BASELINE_COMMIT = "d75a11d77d66ae33923f83eab01b0aedd9646416"
PACKAGE = "narrative_baseline"
_cache: dict[str, Callable[..., Any]] = {}


def _archive(commit: str) -> bytes:
    return subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit, "geo/narrative"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout


def baseline_extract(commit: str = BASELINE_COMMIT) -> tuple[Callable[..., Any] | None, str]:
    """(the old ``extract`` or None, a one-line note saying what was loaded or why not)."""
    if commit in _cache:
        return _cache[commit], f"baseline extractor from commit {commit[:7]}"
    try:
        data = _archive(commit)
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"baseline extractor unavailable (no git history for {commit[:7]}: {exc})"
    target = Path(tempfile.mkdtemp(prefix="narrative-baseline-"))
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(target, filter="data")
    package = target / PACKAGE
    (target / "geo" / "narrative").rename(package)
    for path in package.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\bgeo\.narrative\b", PACKAGE, source), encoding="utf-8")
    # Only the pure extractor is needed: its __init__ also imports the locator, which is not.
    (package / "__init__.py").write_text("", encoding="utf-8")
    sys.path.insert(0, str(target))
    try:
        module = importlib.import_module(f"{PACKAGE}.core")
    finally:
        sys.path.remove(str(target))
    _cache[commit] = module.extract
    return module.extract, f"baseline extractor from commit {commit[:7]}"
