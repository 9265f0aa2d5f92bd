"""What every API input serializer shares: unknown fields refused, and one bounding box.

Filing, the staff list and its exports, and the staff and public hotspot maps all validate
with these, so a rule (and its message) is written once and holds on every route.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from rest_framework import serializers

UNKNOWN_FIELD = "Unknown field; see /api/docs/ for the accepted fields."

BBox = tuple[float, float, float, float]


class StrictSerializer(serializers.Serializer):
    """Unknown fields are rejected with a 400 naming each one, not silently dropped: a typo
    must not lose data or quietly widen a filter."""

    # (This docstring is shown in the API schema of every subclass without its own.)

    def cross_field_errors(self, data: Mapping[str, Any]) -> dict[str, list[str]]:
        """Override to report problems involving several fields along with the per-field
        ones, so a form shows every error in one round trip."""
        return {}

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        known = {name for name, field in self.fields.items() if not field.read_only}
        unknown = sorted(set(data) - known) if isinstance(data, Mapping) else []
        errors = {name: [UNKNOWN_FIELD] for name in unknown}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not isinstance(exc.detail, dict):
                raise
            extra = self.cross_field_errors(data) if isinstance(data, Mapping) else {}
            raise serializers.ValidationError({**extra, **exc.detail, **errors}) from exc
        if errors:
            raise serializers.ValidationError(errors)
        return value


class BBoxField(serializers.CharField):
    """``min_lon,min_lat,max_lon,max_lat`` in WGS84 degrees, as a 4-tuple of floats.

    One rule everywhere: latitudes within ±90 with ``min_lat < max_lat`` (equal latitudes are
    an empty box); longitudes within ±180 and different, and ``min_lon > max_lon`` is a box
    that crosses the antimeridian (``ReportQuerySet.in_bbox`` reads it so).
    """

    default_help_text = (
        "min_lon,min_lat,max_lon,max_lat in WGS84 degrees; min_lat < max_lat; "
        "min_lon > max_lon crosses the antimeridian"
    )

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", self.default_help_text)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> BBox:  # type: ignore[override]
        text = super().to_internal_value(data)
        try:
            parts = tuple(float(p) for p in text.split(","))
        except ValueError:
            parts = ()
        if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
            raise serializers.ValidationError("four numbers: min_lon,min_lat,max_lon,max_lat")
        min_lon, min_lat, max_lon, max_lat = parts
        if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
            raise serializers.ValidationError("latitudes must be within -90 and 90")
        if not min_lat < max_lat:
            raise serializers.ValidationError(
                "min_lat must be below max_lat (south edge first; equal latitudes are empty)"
            )
        if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
            raise serializers.ValidationError("longitudes must be within -180 and 180")
        if min_lon == max_lon:
            raise serializers.ValidationError(
                "min_lon and max_lon must differ (min_lon > max_lon crosses the antimeridian)"
            )
        return min_lon, min_lat, max_lon, max_lat

    def to_representation(self, value: Any) -> str:
        if isinstance(value, tuple | list):
            return ",".join(str(v) for v in value)
        return str(value)
