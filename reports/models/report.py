"""A report, its photos and its audit trail.

Coordinates are plain latitude/longitude floats (WGS84 degrees) plus indexed H3 cell columns;
geometry work happens in ``geo`` (no GeoDjango), so SQLite and PostgreSQL behave the same.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone

from reports.models.choices import (
    AltitudeReference,
    DroneType,
    EncounterClass,
    EnrichmentStatus,
    EvasiveAction,
    FlightPhase,
    NmacHazard,
    ObjectClass,
    PositionSource,
    ReporterRole,
    ReportStatus,
    RiskCategory,
    Source,
)


class ReportQuerySet(models.QuerySet["Report"]):
    def pending_enrichment(self, *, older_than: dt.datetime) -> ReportQuerySet:
        return self.filter(enrichment_status=EnrichmentStatus.PENDING, received_at__lt=older_than)

    def needs_location(self) -> ReportQuerySet:
        """Enriched reports that could not be placed: someone has to ask or look."""
        return self.filter(
            enrichment_status=EnrichmentStatus.DONE, latitude__isnull=True
        ) | self.filter(enrichment_status=EnrichmentStatus.FAILED)

    def public(self) -> ReportQuerySet:
        """What the public may see: reports the workflow published (and published reports
        later closed, which stay on the record). Selected on the status, which only
        ``reports.services.workflow``/``publishing`` set, never on ``published_at`` alone: a
        date typed into a form must not publish a report still in triage."""
        return self.filter(
            models.Q(status=ReportStatus.PUBLISHED)
            | models.Q(status=ReportStatus.CLOSED, published_at__isnull=False)
        )

    def in_bbox(self, bbox: tuple[float, float, float, float]) -> ReportQuerySet:
        """Reports inside ``(min_lon, min_lat, max_lon, max_lat)`` (degrees); a box whose
        min_lon exceeds its max_lon crosses the antimeridian."""
        min_lon, min_lat, max_lon, max_lat = bbox
        qs = self.filter(latitude__gte=min_lat, latitude__lte=max_lat)
        if min_lon <= max_lon:
            return qs.filter(longitude__gte=min_lon, longitude__lte=max_lon)
        return qs.filter(models.Q(longitude__gte=min_lon) | models.Q(longitude__lte=max_lon))


class Report(models.Model):
    """One person's account of one sighting."""

    # --- identity and workflow ---
    reference = models.CharField(max_length=16, unique=True, editable=False)
    status_token = models.CharField(max_length=48, unique=True, editable=False)
    status = models.CharField(
        max_length=16, choices=ReportStatus.choices, default=ReportStatus.RECEIVED, db_index=True
    )
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    observed_at = models.DateTimeField(db_index=True, help_text="UTC")
    observed_time_known = models.BooleanField(
        default=True, help_text="False when only the date was given"
    )
    source = models.CharField(
        max_length=8, choices=Source.choices, default=Source.WEB, db_index=True
    )
    # Provenance of imported rows: a stable key makes re-imports change nothing.
    source_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    source_file = models.CharField(max_length=255, blank=True)
    source_row = models.PositiveIntegerField(null=True, blank=True)
    source_release = models.CharField(max_length=64, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    quarantine_reason = models.CharField(max_length=200, blank=True)
    client_hash = models.CharField(
        max_length=64, blank=True, help_text="Keyed hash of the client address; never the IP"
    )

    # --- reporter (private: regulators only) ---
    reporter_role = models.CharField(
        max_length=16, choices=ReporterRole.choices, default=ReporterRole.PUBLIC
    )
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(max_length=254, blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_consent = models.BooleanField(default=False)

    # --- where, as entered and as resolved ---
    location_text = models.CharField(max_length=500, blank=True)
    city = models.CharField(max_length=120, blank=True)
    state_region = models.CharField(max_length=120, blank=True)
    country = models.CharField(max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True, help_text="WGS84 degrees")
    longitude = models.FloatField(null=True, blank=True, help_text="WGS84 degrees")
    location_method = models.CharField(max_length=24, blank=True)
    location_uncertainty_nm = models.FloatField(null=True, blank=True)
    location_reference = models.CharField(max_length=120, blank=True)
    location_note = models.CharField(max_length=300, blank=True)
    position_source = models.CharField(
        max_length=10, choices=PositionSource.choices, blank=True, db_index=True
    )

    # --- altitude ---
    altitude_ft = models.IntegerField(null=True, blank=True)
    altitude_reference = models.CharField(
        max_length=8, choices=AltitudeReference.choices, default=AltitudeReference.UNKNOWN
    )

    # --- the drone ---
    drone_type = models.CharField(
        max_length=12, choices=DroneType.choices, default=DroneType.UNKNOWN
    )
    drone_count = models.PositiveSmallIntegerField(null=True, blank=True)
    drone_colour = models.CharField(max_length=60, blank=True)
    drone_lights = models.BooleanField(null=True, blank=True)

    # --- the aircraft ---
    aircraft_involved = models.BooleanField(null=True, blank=True)
    aircraft_type = models.CharField(max_length=40, blank=True)
    aircraft_callsign = models.CharField(max_length=40, blank=True)
    flight_phase = models.CharField(max_length=12, choices=FlightPhase.choices, blank=True)
    closest_proximity_ft = models.IntegerField(null=True, blank=True)
    evasive_action = models.CharField(
        max_length=12, choices=EvasiveAction.choices, default=EvasiveAction.NOT_STATED
    )
    nmac_declared = models.BooleanField(null=True, blank=True)
    law_enforcement_notified = models.BooleanField(null=True, blank=True)

    narrative = models.TextField(blank=True)
    narrative_redacted = models.TextField(blank=True, help_text="The published form")

    # --- derived by enrichment ---
    aerodrome_code = models.CharField(max_length=8, blank=True, db_index=True)
    aerodrome_name = models.CharField(max_length=200, blank=True)
    aerodrome_distance_nm = models.FloatField(null=True, blank=True)
    aerodrome_bearing_deg = models.FloatField(
        null=True, blank=True, help_text="True bearing from the aerodrome"
    )
    # The aerodrome the report is about ("3 NM SE of JFK" -> JFK), which is often not the
    # nearest one (a point 3 NM SE of LAX is nearest HHR): both are kept, each with its own
    # distance and bearing, and filters say which they mean.
    referred_aerodrome_code = models.CharField(max_length=8, blank=True, db_index=True)
    referred_aerodrome_name = models.CharField(max_length=200, blank=True)
    referred_aerodrome_distance_nm = models.FloatField(null=True, blank=True)
    referred_aerodrome_bearing_deg = models.FloatField(
        null=True, blank=True, help_text="True bearing from the referred aerodrome"
    )
    airspace_zones = models.JSONField(default=list, blank=True)
    in_runway_corridor = models.BooleanField(null=True, blank=True)
    above_400ft_agl = models.BooleanField(null=True, blank=True)
    country_code = models.CharField(max_length=2, blank=True, db_index=True)
    region = models.CharField(max_length=120, blank=True)
    locality = models.CharField(max_length=120, blank=True)
    # H3 cells as 64-bit integers (always < 2**63): cheap to index and to load into numpy.
    h3_r5 = models.BigIntegerField(null=True, blank=True, db_index=True)
    h3_r6 = models.BigIntegerField(null=True, blank=True, db_index=True)
    h3_r7 = models.BigIntegerField(null=True, blank=True, db_index=True)
    h3_r8 = models.BigIntegerField(null=True, blank=True, db_index=True)
    h3_r9 = models.BigIntegerField(null=True, blank=True, db_index=True)
    encounter_class = models.CharField(
        max_length=16, choices=EncounterClass.choices, blank=True, db_index=True
    )
    nmac_hazard = models.CharField(max_length=10, choices=NmacHazard.choices, blank=True)
    risk_category = models.CharField(
        max_length=1, choices=RiskCategory.choices, blank=True, db_index=True
    )
    object_class = models.CharField(max_length=16, choices=ObjectClass.choices, blank=True)
    extraction = models.JSONField(
        default=dict, blank=True, help_text="Facts extracted from the narrative, with provenance"
    )

    # --- enrichment bookkeeping: the database, not the broker, knows what is pending ---
    enrichment_status = models.CharField(
        max_length=8,
        choices=EnrichmentStatus.choices,
        default=EnrichmentStatus.PENDING,
        db_index=True,
    )
    enrichment_attempts = models.PositiveSmallIntegerField(default=0)
    enrichment_error = models.CharField(max_length=500, blank=True)
    enriched_at = models.DateTimeField(null=True, blank=True)

    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        # Exporting takes more than reading: a whole filtered list, contact data included.
        permissions = [("export_report", "Can export reports (CSV, XLSX, GeoJSON, GeoPackage)")]
        indexes = [
            models.Index(fields=["observed_at", "status"]),
            models.Index(fields=["latitude", "longitude"]),
        ]

    def __str__(self) -> str:
        return self.reference


class Attachment(models.Model):
    """A photo. The original is private; the public copy is re-encoded with no metadata."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    original_path = models.CharField(max_length=300, help_text="Under PRIVATE_MEDIA_ROOT")
    public_image = models.ImageField(upload_to="photos/%Y/%m/")
    content_type = models.CharField(max_length=40)
    size_bytes = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    # EXIF GPS may suggest a location to the reporter; it is never published.
    exif_latitude = models.FloatField(null=True, blank=True)
    exif_longitude = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.report_id}: {self.public_image.name}"


class ReportEvent(models.Model):
    """The audit trail: every status change and who made it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.CharField(max_length=150, blank=True)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} -> {self.to_status}"
