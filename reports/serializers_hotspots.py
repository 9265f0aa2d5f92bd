"""Query parameters of the hotspot APIs and ``manage.py hotspots``: one strict serializer per
endpoint, each turning its parameters into a ``HotspotQuery``."""

from __future__ import annotations

import datetime as dt

from rest_framework import serializers

from reports.api_fields import BBoxField, StrictSerializer
from reports.models import AerodromeRole, EncounterClass, ReportStatus, RiskCategory, Source
from reports.selectors_hotspots import RESOLUTIONS, HotspotQuery
from reports.services.opendata import open_data_resolution


class HotspotQuerySerializer(StrictSerializer):
    resolution = serializers.ChoiceField(
        RESOLUTIONS, default=7, help_text="H3 resolution (5 coarse ... 9 fine)"
    )
    since = serializers.DateTimeField(required=False, help_text="observed at or after (UTC)")
    until = serializers.DateTimeField(required=False, help_text="observed before (UTC)")
    window = serializers.ChoiceField(
        ["all", "12m"], default="all", help_text="all time, or the last 12 months"
    )
    encounter_class = serializers.ChoiceField(EncounterClass.choices, required=False)
    risk_category = serializers.ChoiceField(RiskCategory.choices, required=False)
    status = serializers.ChoiceField(ReportStatus.choices, required=False)
    # A field named like Field.source: DRF's metaclass moves it into _declared_fields, so the
    # attribute never shadows anything at run time; the stubs see only the class attribute.
    source = serializers.ChoiceField(Source.choices, required=False)  # type: ignore[assignment]
    aerodrome = serializers.RegexField(
        r"^[A-Za-z0-9]{3,4}$", required=False, help_text="LID, ICAO or IATA code"
    )
    aerodrome_role = serializers.ChoiceField(
        AerodromeRole.choices,
        default=AerodromeRole.EITHER,
        help_text="Which aerodrome `aerodrome` (without radius_nm) matches: the one the location "
        "text refers to (referred), the nearest to the position (nearest), or either; on the "
        "aerodromes layer, which one reports are counted under (either counts the nearest)",
    )
    radius_nm = serializers.FloatField(
        required=False,
        min_value=0.5,
        max_value=300,
        help_text="circle around the aerodrome, nautical miles",
    )
    bbox = BBoxField(required=False)
    include = serializers.ChoiceField(
        ["reported", "significant"],
        default="reported",
        help_text="hexagons with reports, or hot/cold ones only",
    )

    def validate(self, data: dict) -> dict:
        if data.get("since") and data.get("until") and data["until"] <= data["since"]:
            raise serializers.ValidationError({"until": ["must be after since"]})
        if data.get("window") == "12m" and data.get("since"):
            raise serializers.ValidationError({"window": ["give window or since, not both"]})
        if data.get("radius_nm") and not data.get("aerodrome"):
            raise serializers.ValidationError({"radius_nm": ["needs an aerodrome to centre on"]})
        return data

    def query(self, *, published_only: bool = False) -> HotspotQuery:
        data = dict(self.validated_data)
        window = data.pop("window", "all")
        return HotspotQuery(
            window="" if window == "all" else window, published_only=published_only, **data
        )


class PublicHotspotQuerySerializer(HotspotQuerySerializer):
    """The open-data map: published reports only, no workflow filters, no finer grid than the
    open data, and month-aligned times (the open data's time grain)."""

    def get_fields(self) -> dict:
        fields = super().get_fields()
        for private in ("status", "risk_category", "source"):
            fields.pop(private)
        return fields

    def validate_resolution(self, value: int) -> int:
        if value > open_data_resolution():
            raise serializers.ValidationError(
                f"the public map is at most resolution {open_data_resolution()}"
            )
        return value

    def validate_since(self, value: dt.datetime) -> dt.datetime:
        return _month_start(value)

    def validate_until(self, value: dt.datetime) -> dt.datetime:
        return _month_start(value)


def _month_start(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


class CellReportsQuerySerializer(HotspotQuerySerializer):
    limit = serializers.IntegerField(required=False, min_value=1, max_value=1000, default=200)

    def query(self, *, published_only: bool = False) -> HotspotQuery:
        self.validated_data.pop("limit", None)
        return super().query(published_only=published_only)


class MapImageQuerySerializer(HotspotQuerySerializer):
    width = serializers.IntegerField(required=False, min_value=200, max_value=2000, default=800)
    height = serializers.IntegerField(required=False, min_value=200, max_value=2000, default=800)

    def validate(self, data: dict) -> dict:
        data = super().validate(data)
        if not data.get("aerodrome") and not data.get("bbox"):
            raise serializers.ValidationError({"aerodrome": ["give an aerodrome or a bbox"]})
        if data.get("bbox") and data["bbox"][0] > data["bbox"][2]:
            raise serializers.ValidationError(
                {"bbox": ["the map cannot be drawn across the antimeridian: min_lon < max_lon"]}
            )
        if data.get("aerodrome"):
            data.setdefault("radius_nm", 30.0)
        return data


class ClusterQuerySerializer(HotspotQuerySerializer):
    """``resolution`` here is the clustering grid (coarse when zoomed out)."""
