"""Reads: reusable queries for views and APIs."""

from __future__ import annotations

from django.db.models import Count

from reports.models import Report


def report_counts() -> dict[str, int]:
    """Totals for the home page."""
    by_status = dict(Report.objects.values_list("status").annotate(n=Count("id")))
    return {"total": sum(by_status.values()), **by_status}
