"""gunicorn settings for ``make run`` and production (``gunicorn -c config/gunicorn_conf.py``).

The application is loaded in the master (``preload_app``) and the reference data warmed there
in ``on_starting``, which gunicorn calls before it binds its socket: the server is quiet while
it loads (~10-30 s on a small machine) and answers at once when it listens, instead of
accepting connections that wait for the first request's lazy load. Workers fork with the
loaded data (copy-on-write).
"""

from __future__ import annotations

from typing import Any

preload_app = True


def on_starting(server: Any) -> None:
    from reports.services.warmup import process_warm

    server.log.info("Skywatch: reference data loaded in %.1f s", process_warm())
