from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

from config.chunked import ChunkedBodyMiddleware

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
# Chunked request bodies (no Content-Length) are read to their end instead of arriving empty.
application = ChunkedBodyMiddleware(get_wsgi_application())
