"""Fail when a function is more complex, or a module longer, than the ceiling.

``python scripts/complexity.py geo --max 15`` lists every function or method whose cyclomatic
complexity (radon's count, which includes boolean operators and comprehensions) exceeds 15;
``--max-lines 300`` lists modules longer than that (migrations aside). It exits 1 if it lists
anything. ``make lint`` runs both: complexity over the geo core, length over reports and geo.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Class, Function


def too_complex(folders: list[Path], ceiling: int) -> list[str]:
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            for block in _functions(cc_visit(path.read_text(encoding="utf-8"))):
                if block.complexity > ceiling:
                    found.append(f"{path}:{block.lineno} {block.fullname}: {block.complexity}")
    return found


def _functions(blocks: list[Function | Class]) -> list[Function]:
    """Every function, method and closure (a class's own figure is an aggregate, not a function)."""
    out: list[Function] = []
    for block in blocks:
        if isinstance(block, Class):
            out += _functions([*block.methods, *block.inner_classes])
        else:
            out += [block, *_functions(block.closures)]
    return out


def too_long(folders: list[Path], ceiling: int) -> list[str]:
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if "migrations" not in path.parts and lines > ceiling:
                found.append(f"{path}: {lines} lines")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--max", type=int, default=None, help="cyclomatic complexity ceiling")
    parser.add_argument("--max-lines", type=int, default=None, help="module length ceiling")
    args = parser.parse_args()
    found = []
    if args.max is not None:
        found += too_complex(args.folders, args.max)
    if args.max_lines is not None:
        found += too_long(args.folders, args.max_lines)
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
