"""Start every process of a Procfile, show their output, and stop them all together.

``make run`` uses this instead of a process manager from PyPI, so the runtime install carries no
development tool. Each line ``name: command`` runs under ``bash -c`` (the Procfile uses shell
defaults such as ``${WEB_PORT:-8000}``) in its own session, so the terminal's Ctrl-C reaches
only this supervisor, which then stops the children in order: SIGTERM, then SIGKILL after a grace
period. If one process exits, the others are stopped too and its exit code is returned.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

GRACE_SECONDS = 15.0
COLOURS = ("\033[36m", "\033[33m", "\033[35m", "\033[32m", "\033[34m")
RESET = "\033[0m"


def read_procfile(path: Path) -> list[tuple[str, str]]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, command = line.partition(":")
            entries.append((name.strip(), command.strip()))
    return entries


def start(entries: list[tuple[str, str]]) -> dict[str, subprocess.Popen[bytes]]:
    return {
        name: subprocess.Popen(
            ["bash", "-c", f"exec {command}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for name, command in entries
    }


def stop(procs: dict[str, subprocess.Popen[bytes]]) -> None:
    for proc in procs.values():
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + GRACE_SECONDS
    for proc in procs.values():
        try:
            proc.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def pump(procs: dict[str, subprocess.Popen[bytes]], stopping: list[bool]) -> int:
    """Copy the children's output, prefixed, until one exits or we are asked to stop."""
    width = max(len(name) for name in procs)
    colour = sys.stdout.isatty()
    sel = selectors.DefaultSelector()
    for i, (name, proc) in enumerate(procs.items()):
        prefix = f"{name:<{width}} | "
        if colour:
            prefix = f"{COLOURS[i % len(COLOURS)]}{prefix}{RESET}"
        assert proc.stdout is not None
        sel.register(proc.stdout, selectors.EVENT_READ, prefix)
    while not stopping[0]:
        for key, _ in sel.select(timeout=0.5):
            line = key.fileobj.readline()  # type: ignore[union-attr]
            if line:
                _echo(key.data + line.decode(errors="replace"))
            else:
                sel.unregister(key.fileobj)
        for name, proc in procs.items():
            if proc.poll() is not None:
                _echo(f"{name} exited with code {proc.returncode}; stopping the others\n")
                return proc.returncode or 1
    return 0


def _echo(text: str) -> None:
    # The terminal (or a pipe such as `| tee`) may be gone after Ctrl-C; the children must still
    # be stopped, so output is best effort.
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except (BrokenPipeError, OSError):
        pass


def own_the_terminal() -> None:
    """Become the terminal's foreground process group, so Ctrl-C reaches this supervisor only
    and not `make` above it (which would print "Interrupt" and an error for a clean stop)."""
    try:
        tty = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        return  # no terminal (CI, a pipe): nothing to take over
    try:
        os.setpgid(0, 0)
        signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # allowed to hand the terminal over
        os.tcsetpgrp(tty, os.getpgrp())
    except OSError:
        pass
    finally:
        os.close(tty)


def main() -> int:
    own_the_terminal()
    procs = start(read_procfile(Path(sys.argv[1] if len(sys.argv) > 1 else "Procfile")))
    stopping = [False]

    def on_signal(signum: int, _frame: object) -> None:
        stopping[0] = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    code = 1
    try:
        code = pump(procs, stopping)
    finally:
        _echo("stopping " + ", ".join(procs) + "\n")
        stop(procs)
    return code


if __name__ == "__main__":
    sys.exit(main())
