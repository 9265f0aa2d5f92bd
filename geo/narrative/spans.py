"""Where a fact was read: offsets in rewritten text mapped back to the original narrative.

The extractor reads a rewritten text (upper case, ``_x000D_`` as newlines, single spaces, number
words as digits, one block at a time), so a match's offsets are not the narrative's. Every
rewrite that changes lengths goes through ``sub_mapped``, which records what it replaced; a
``TextMap`` undoes a chain of such rewrites (and the slicing into blocks) for any offset.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

# One replacement: (start, end) in the new text, (start, end) in the text before the rewrite.
Row = tuple[int, int, int, int]
Span = tuple[int, int]


class TextMap:
    """Offsets in a derived text -> offsets in the text it came from.

    The derived text is ``source[base:]`` rewritten by ``steps`` in order (each a sorted list
    of replacements), and ``parent`` maps ``source`` further back when it was derived too.
    """

    __slots__ = ("base", "parent", "starts", "steps")

    def __init__(self, base: int = 0, parent: TextMap | None = None) -> None:
        self.base = base
        self.parent = parent
        self.steps: list[list[Row]] = []
        self.starts: list[list[int]] = []

    def add(self, rows: list[Row]) -> None:
        if rows:
            self.steps.append(rows)
            self.starts.append([r[0] for r in rows])

    def back(self, pos: int, *, end: bool = False) -> int:
        """The offset in the source text; ``end`` maps an exclusive end (a replaced region
        maps to its whole original extent)."""
        for rows, starts in zip(reversed(self.steps), reversed(self.starts), strict=True):
            i = (bisect_left(starts, pos) if end else bisect_right(starts, pos)) - 1
            if i < 0:
                continue
            new_start, new_end, old_start, old_end = rows[i]
            if pos < new_end or (end and pos == new_end):
                pos = old_end if end else old_start
            else:
                pos += old_end - new_end
        pos += self.base
        return self.parent.back(pos, end=end) if self.parent is not None else pos

    def span(self, start: int, end: int) -> Span:
        return self.back(start), self.back(end, end=True)


def sub_mapped(
    rx: re.Pattern[str],
    repl: str | Callable[[re.Match[str]], str],
    text: str,
    into: TextMap,
) -> str:
    """``rx.sub(repl, text)`` that records its replacements in ``into``."""
    pieces: list[str] = []
    rows: list[Row] = []
    last = shift = 0
    for m in rx.finditer(text):
        new = repl(m) if callable(repl) else m.expand(repl)
        start, stop = m.span()
        pieces.append(text[last:start])
        pieces.append(new)
        if new != m[0]:
            rows.append((start + shift, start + shift + len(new), start, stop))
        shift += len(new) - (stop - start)
        last = stop
    if not pieces:
        return text
    pieces.append(text[last:])
    into.add(rows)
    return "".join(pieces)


def replace_mapped(text: str, old: str, new: str, into: TextMap) -> str:
    """``text.replace(old, new)`` that records its replacements in ``into``."""
    if old not in text:
        return text
    return sub_mapped(re.compile(re.escape(old)), new.replace("\\", r"\\"), text, into)
