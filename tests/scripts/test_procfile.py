"""Ctrl-C in the terminal of `make run` stops everything cleanly: make does not die of SIGINT
(printing "Interrupt" and an error), the runner stops its children and exits 0."""

from __future__ import annotations

import os
import pty
import select
import shutil
import sys
import time
from pathlib import Path

import pytest

RUNNER = Path(__file__).parents[2] / "scripts" / "procfile.py"


def _read(fd: int, seconds: float) -> bytes:
    out, end = b"", time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_ctrl_c_under_make_stops_the_processes_and_make_exits_cleanly(tmp_path):
    (tmp_path / "Procfile").write_text("a: sleep 1000\nb: sleep 1000\n")
    (tmp_path / "Makefile").write_text(
        f"run:\n\t{sys.executable} {RUNNER} {tmp_path / 'Procfile'}\n"
    )
    pid, fd = pty.fork()
    if pid == 0:  # the child: make in a new terminal, as a person would run it
        os.execvp("make", ["make", "-C", str(tmp_path), "run"])
    out = _read(fd, 3.0)
    os.write(fd, b"\x03")  # Ctrl-C: the terminal signals its foreground process group
    out += _read(fd, 20.0)
    _, status = os.waitpid(pid, 0)
    text = out.decode(errors="replace")
    assert "stopping a, b" in text, text
    assert "Interrupt" not in text and "Error" not in text, text
    assert os.waitstatus_to_exitcode(status) == 0, text
