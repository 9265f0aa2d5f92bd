"""Bringing reports in from files: the FAA releases and our own export format."""

from __future__ import annotations

from reports.services.imports.faa import faa_import
from reports.services.imports.generic import reports_import
from reports.services.imports.result import ImportResult, errors_write

__all__ = ["ImportResult", "errors_write", "faa_import", "reports_import"]
