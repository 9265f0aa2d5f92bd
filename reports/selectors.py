"""Reads: reusable queries for views, APIs, commands and exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from django.db.models import Count, Q

from geo.synopsis import SYNOPSIS_FIELDS, synopses_from_records
from reports.models import AerodromeRole, Export, Report, ReportQuerySet


def report_counts() -> dict[str, int]:
    """Totals for the home page."""
    by_status = dict(Report.objects.values_list("status").annotate(n=Count("id")))
    return {"total": sum(by_status.values()), **by_status}


@dataclass(frozen=True)
class ReportFilters:
    """What the staff list and the exports filter on. Times are UTC; bbox is
    (min_lon, min_lat, max_lon, max_lat) in WGS84 degrees; empty means "any"."""

    observed_from: dt.datetime | None = None
    observed_to: dt.datetime | None = None
    bbox: tuple[float, float, float, float] | None = None
    aerodrome: str = ""
    # Which aerodrome ``aerodrome`` matches: the one the report refers to, the nearest, or either.
    aerodrome_role: str = AerodromeRole.EITHER
    needs_location: bool = False
    status: str = ""
    encounter_class: str = ""
    source: str = ""

    def to_json(self) -> dict:
        data = asdict(self)
        for key in ("observed_from", "observed_to"):
            data[key] = data[key].isoformat() if data[key] else None
        data["bbox"] = list(self.bbox) if self.bbox else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> ReportFilters:
        data = dict(data or {})
        for key in ("observed_from", "observed_to"):
            data[key] = dt.datetime.fromisoformat(data[key]) if data.get(key) else None
        data["bbox"] = tuple(data["bbox"]) if data.get("bbox") else None
        return cls(**data)


def aerodrome_q(code: str, role: str) -> Q:
    """Reports about aerodrome ``code``: the one their text refers to, the nearest, or either
    (``AerodromeRole``); the staff list, exports and hotspot maps share this rule."""
    referred = Q(referred_aerodrome_code__iexact=code)
    nearest = Q(aerodrome_code__iexact=code)
    if role == AerodromeRole.REFERRED:
        return referred
    if role == AerodromeRole.NEAREST:
        return nearest
    return referred | nearest


def report_list(*, filters: ReportFilters | None = None) -> ReportQuerySet:
    """Reports matching ``filters``, newest sighting first."""
    f = filters or ReportFilters()
    qs = Report.objects.all()
    if f.observed_from:
        qs = qs.filter(observed_at__gte=f.observed_from)
    if f.observed_to:
        qs = qs.filter(observed_at__lt=f.observed_to)
    if f.bbox:
        qs = qs.in_bbox(f.bbox)
    if f.aerodrome:
        qs = qs.filter(aerodrome_q(f.aerodrome, f.aerodrome_role))
    if f.needs_location:
        qs = qs.needs_location()
    for field in ("status", "encounter_class", "source"):
        value = getattr(f, field)
        if value:
            qs = qs.filter(**{field: value})
    return qs.order_by("-observed_at", "-id")


def report_synopses(*, reports: Sequence[Report]) -> list[str]:
    """The controllers'-style one-line summary of each report, in order, written from its
    stored fields when it is read so it follows every correction (``geo.synopsis``)."""
    return synopses_from_records([{f: getattr(r, f) for f in SYNOPSIS_FIELDS} for r in reports])


def published_reports() -> ReportQuerySet:
    """What the public may see (de-identified by ``reports.services.opendata``)."""
    return Report.objects.public().order_by("observed_at", "id")


def export_get(*, export_id: int) -> Export | None:
    return Export.objects.filter(pk=export_id).first()
