"""A tqdm bar per stage when stdout is a terminal; nothing otherwise (logs, CI, pipes)."""

from __future__ import annotations

import sys

from tqdm import tqdm


class StageBars:
    """A progress callback (``stage, done, total``) drawing one bar per stage on a tty."""

    def __init__(self, stream: object) -> None:
        # ``stream`` is the command's underlying stdout: bars only when it is the real terminal.
        self.enabled = sys.stdout.isatty() and stream is sys.stdout
        self.bars: dict[str, tqdm] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = tqdm(
                total=total,
                desc=stage,
                unit="row" if stage != "read" else "file",
                file=sys.stderr,
                leave=True,
            )
        bar.update(done - bar.n)
        if done >= total:
            bar.close()
