"""Input validation for public submissions: every error names the field and the reason."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework import serializers

from reports.api_fields import StrictSerializer
from reports.models import (
    AltitudeReference,
    DroneType,
    EvasiveAction,
    FlightPhase,
    ReporterRole,
)

MAX_ALTITUDE_FT = 60_000  # above FL600 nothing a drone does is plausible
FUTURE_TOLERANCE = timedelta(minutes=5)  # reporters' clocks drift


class AwareDateTimeField(serializers.DateTimeField):
    """A datetime that must carry its offset: guessing the zone of a sighting loses hours."""

    def to_internal_value(self, value: object) -> datetime:
        if isinstance(value, str):
            try:
                parsed = parse_datetime(value.strip())
            except ValueError as exc:
                # Well-formed but impossible (30 February, hour 24, offset +25:00): Django raises
                # rather than returning None, and that escaped as a 500.
                reason = str(exc).rstrip(".")
                if "offset" in reason:  # Python's wording names timedelta internals
                    reason = "the UTC offset must be less than 24 hours"
                raise serializers.ValidationError(f"Not a valid date-time: {reason}.") from exc
            if parsed is not None and timezone.is_naive(parsed):
                raise serializers.ValidationError(
                    "Give a time zone, e.g. 2025-06-01T14:30:00Z (times are stored in UTC)."
                )
        elif isinstance(value, datetime) and timezone.is_naive(value):
            raise serializers.ValidationError("Give a time zone.")
        if not isinstance(value, str | datetime):
            raise serializers.ValidationError("Give a date-time as an ISO 8601 string.")
        return super().to_internal_value(value)


def validate_observed_at(value: datetime) -> None:
    if value > timezone.now() + FUTURE_TOLERANCE:
        raise serializers.ValidationError("A sighting cannot be in the future.")
    if value < datetime(1990, 1, 1, tzinfo=value.tzinfo):
        raise serializers.ValidationError("A sighting cannot be before 1990.")


class ReportSubmitSerializer(StrictSerializer):
    observed_at = AwareDateTimeField(
        validators=[validate_observed_at],
        help_text="When the drone was seen (ISO 8601 with offset)",
    )
    latitude = serializers.FloatField(
        required=False, allow_null=True, min_value=-90, max_value=90, help_text="WGS84 degrees"
    )
    longitude = serializers.FloatField(
        required=False, allow_null=True, min_value=-180, max_value=180, help_text="WGS84 degrees"
    )
    location = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        trim_whitespace=True,
        help_text='Where, in words: coordinates, an aerodrome code, "3 NM SE of EGLL", a place',
    )
    city = serializers.CharField(required=False, allow_blank=True, max_length=120)
    state = serializers.CharField(required=False, allow_blank=True, max_length=120)
    country = serializers.CharField(required=False, allow_blank=True, max_length=120)
    altitude_ft = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=MAX_ALTITUDE_FT
    )
    altitude_reference = serializers.ChoiceField(
        choices=AltitudeReference.choices, required=False, default=AltitudeReference.UNKNOWN
    )
    narrative = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    reporter_role = serializers.ChoiceField(
        choices=ReporterRole.choices, default=ReporterRole.PUBLIC
    )
    contact_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    contact_email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    contact_phone = serializers.RegexField(
        r"^[0-9+()\-. ]{5,40}$", required=False, allow_blank=True, max_length=40
    )
    contact_consent = serializers.BooleanField(required=False, default=False)
    drone_type = serializers.ChoiceField(
        choices=DroneType.choices, required=False, default=DroneType.UNKNOWN
    )
    drone_count = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=500
    )
    drone_colour = serializers.CharField(required=False, allow_blank=True, max_length=60)
    drone_lights = serializers.BooleanField(required=False, allow_null=True, default=None)
    aircraft_involved = serializers.BooleanField(required=False, allow_null=True, default=None)
    aircraft_type = serializers.CharField(required=False, allow_blank=True, max_length=40)
    aircraft_callsign = serializers.CharField(required=False, allow_blank=True, max_length=40)
    flight_phase = serializers.ChoiceField(
        choices=FlightPhase.choices, required=False, allow_blank=True
    )
    closest_proximity_ft = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=100_000
    )
    evasive_action = serializers.ChoiceField(
        choices=EvasiveAction.choices, required=False, default=EvasiveAction.NOT_STATED
    )
    nmac_declared = serializers.BooleanField(required=False, allow_null=True, default=None)

    def cross_field_errors(self, data: Mapping[str, Any]) -> dict[str, list[str]]:
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat in (None, "")) != (lon in (None, "")):
            missing = "longitude" if lon in (None, "") else "latitude"
            return {missing: ["Give both latitude and longitude."]}
        if lat in (None, "") and not str(data.get("location") or "").strip():
            return {"location": ["Give either latitude and longitude, or a location in words."]}
        return {}

    def validate(self, attrs: dict) -> dict:
        errors = self.cross_field_errors(attrs)
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def to_report_data(self) -> dict:
        """Map API names onto the report's fields."""
        data = dict(self.validated_data)
        data["location_text"] = data.pop("location", "")
        data["state_region"] = data.pop("state", "")
        return data


class ReportCreatedSerializer(serializers.Serializer):
    reference = serializers.CharField()
    status = serializers.CharField()
    status_url = serializers.URLField()


class StatusEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    status = serializers.CharField(source="to_status")


class ReportStatusSerializer(serializers.Serializer):
    """What anyone holding the private link may see: no contact data, no narrative."""

    reference = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    received_at = serializers.DateTimeField()
    located = serializers.SerializerMethodField()
    history = StatusEventSerializer(source="events", many=True)

    def get_located(self, report) -> bool:
        return report.latitude is not None
