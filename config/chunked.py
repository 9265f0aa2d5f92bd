"""WSGI: a request body sent with ``Transfer-Encoding: chunked`` is read, not dropped.

Django reads at most ``CONTENT_LENGTH`` bytes of a body, and a chunked request has no
Content-Length: a JSON report filed that way reached the API as an empty body. A server that
de-chunks the body and ends the stream there says so with ``wsgi.input_terminated`` (gunicorn
does); then the body can safely be read to its end. This wrapper reads it into a spooled file
(memory up to ``FILE_UPLOAD_MAX_MEMORY_SIZE``, then disk), at most ``REQUEST_MAX_BODY_BYTES``
or a 413, and hands Django the real length, so Django's own limits
(``DATA_UPLOAD_MAX_MEMORY_SIZE``, file counts) apply to it exactly as to any other body.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from django.conf import settings

logger = logging.getLogger(__name__)

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
BLOCK = 64 * 1024


class BodyTooLarge(Exception):
    """The chunked body passed ``REQUEST_MAX_BODY_BYTES``."""


def is_chunked(environ: dict[str, Any]) -> bool:
    """A chunked body the server has de-chunked and terminated (no Content-Length)."""
    return (
        bool(environ.get("wsgi.input_terminated"))
        and not environ.get("CONTENT_LENGTH")
        and "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    )


def read_body(stream: IO[bytes], *, limit: int) -> tuple[IO[bytes], int]:
    """The whole body in a spooled file (rewound) and its length; ``BodyTooLarge`` past
    ``limit`` bytes, without reading further."""
    # Closed by ``_Closing`` once the response is done (or just below on an error).
    body = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
    size = 0
    try:
        while block := stream.read(BLOCK):
            size += len(block)
            if size > limit:
                raise BodyTooLarge
            body.write(block)
    except BaseException:
        body.close()
        raise
    body.seek(0)
    return body, size


class _Closing:
    """The app's response, closing the spooled body with it (PEP 3333 ``close``)."""

    def __init__(self, result: Iterable[bytes], body: IO[bytes]) -> None:
        self.result, self.body = result, body

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.result)

    def close(self) -> None:
        try:
            close = getattr(self.result, "close", None)
            if close is not None:
                close()
        finally:
            self.body.close()


def _refuse(start_response: StartResponse, status: str, detail: str) -> list[bytes]:
    payload = json.dumps({"detail": detail}).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))]
    )
    return [payload]


class ChunkedBodyMiddleware:
    """Wraps the Django WSGI application (``config/wsgi.py``)."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if not is_chunked(environ):
            return self.app(environ, start_response)
        limit = settings.REQUEST_MAX_BODY_BYTES
        try:
            body, size = read_body(environ["wsgi.input"], limit=limit)
        except BodyTooLarge:
            return _refuse(
                start_response,
                "413 Request Entity Too Large",
                f"Request body is too large: at most {limit} bytes.",
            )
        except Exception:  # the server's de-chunker raises its own parse errors
            logger.warning("unreadable chunked request body", exc_info=True)
            return _refuse(start_response, "400 Bad Request", "Malformed chunked request body.")
        environ["wsgi.input"] = body
        environ["CONTENT_LENGTH"] = str(size)
        return _Closing(self.app(environ, start_response), body)
