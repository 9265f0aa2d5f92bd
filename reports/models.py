"""The database state: reports, their attachments, audit trail, idempotency and reference data.

Coordinates are plain latitude/longitude floats (WGS84 degrees) plus indexed H3 cell columns;
geometry work happens in ``geo`` (no GeoDjango), so SQLite and PostgreSQL behave the same.
Models carry no side effects: every write goes through ``reports.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from geo.synopsis_records import SYNOPSIS_FIELDS, synopsis_from_record


class ReportStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    TRIAGE = "triage", "In triage"
    VERIFIED = "verified", "Verified"
    CLASSIFIED = "classified", "Classified"
    PUBLISHED = "published", "Published"
    CLOSED = "closed", "Closed"
    QUARANTINED = "quarantined", "Quarantined"
    REJECTED = "rejected", "Rejected"
    DUPLICATE = "duplicate", "Duplicate"


# The state machine: status -> the statuses it may move to. Anything else is refused.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    ReportStatus.RECEIVED: frozenset(
        {
            ReportStatus.TRIAGE,
            ReportStatus.QUARANTINED,
            ReportStatus.REJECTED,
            ReportStatus.DUPLICATE,
        }
    ),
    ReportStatus.TRIAGE: frozenset(
        {
            ReportStatus.VERIFIED,
            ReportStatus.CLASSIFIED,
            ReportStatus.REJECTED,
            ReportStatus.DUPLICATE,
        }
    ),
    ReportStatus.VERIFIED: frozenset(
        {ReportStatus.CLASSIFIED, ReportStatus.REJECTED, ReportStatus.DUPLICATE}
    ),
    ReportStatus.CLASSIFIED: frozenset(
        {ReportStatus.PUBLISHED, ReportStatus.CLOSED, ReportStatus.TRIAGE}
    ),
    ReportStatus.PUBLISHED: frozenset({ReportStatus.CLOSED, ReportStatus.CLASSIFIED}),
    ReportStatus.CLOSED: frozenset({ReportStatus.TRIAGE}),
    ReportStatus.QUARANTINED: frozenset({ReportStatus.TRIAGE, ReportStatus.REJECTED}),
    ReportStatus.REJECTED: frozenset({ReportStatus.TRIAGE}),
    ReportStatus.DUPLICATE: frozenset({ReportStatus.TRIAGE}),
}


class EnrichmentStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ReporterRole(models.TextChoices):
    PILOT = "pilot", "Pilot"
    ATC = "atc", "Air traffic control"
    AIRPORT_STAFF = "airport_staff", "Airport staff"
    LAW_ENFORCEMENT = "law_enforcement", "Law enforcement"
    PUBLIC = "public", "Member of the public"
    DRONE_OPERATOR = "drone_operator", "Drone operator"
    OTHER = "other", "Other"


class Source(models.TextChoices):
    WEB = "web", "Web form"
    API = "api", "API"
    FAA = "faa", "FAA release import"
    IMPORT = "import", "Generic import"
    DEMO = "demo", "Demo data"


class PositionSource(models.TextChoices):
    """Where the stored position came from, so nobody mistakes a map click for the typed text."""

    TEXT = "text", "Typed location text"
    MAP = "map", "Map click"
    BOTH = "both", "Typed text and map click agreeing"
    DEVICE = "device", "Device geolocation"
    ENTERED = "entered", "Coordinates given with the report"
    NARRATIVE = "narrative", "Narrative or city/state"
    UNKNOWN = "", "Not located"


class AerodromeRole(models.TextChoices):
    """Which of a report's two aerodromes a filter, export or statistic means."""

    REFERRED = "referred", "Referred to in the location text"
    NEAREST = "nearest", "Nearest to the position"
    EITHER = "either", "Either"


class AltitudeReference(models.TextChoices):
    AGL = "AGL", "Above ground level"
    MSL = "MSL", "Above mean sea level"
    UNKNOWN = "unknown", "Unknown"


class DroneType(models.TextChoices):
    MULTIROTOR = "multirotor", "Multirotor"
    FIXED_WING = "fixed_wing", "Fixed-wing"
    HELICOPTER = "helicopter", "Helicopter"
    UNKNOWN = "unknown", "Unknown"


class FlightPhase(models.TextChoices):
    TAXI = "taxi", "Taxi"
    DEPARTURE = "departure", "Departure"
    CLIMB = "climb", "Climb"
    CRUISE = "cruise", "Cruise"
    APPROACH = "approach", "Approach"
    FINAL = "final", "Final"
    UNKNOWN = "unknown", "Unknown"


class EvasiveAction(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Unknown"
    NOT_STATED = "not_stated", "Not stated"


class EncounterClass(models.TextChoices):
    SIGHTING = "sighting", "Sighting"
    CLOSE_ENCOUNTER = "close_encounter", "Close encounter"


class NmacHazard(models.TextChoices):
    CRITICAL = "critical", "Critical (< 100 ft)"
    POTENTIAL = "potential", "Potential (< 500 ft)"
    NONE = "none", "None"


class RiskCategory(models.TextChoices):
    A = "A", "A - risk of collision"
    B = "B", "B - safety not assured"
    C = "C", "C - no risk of collision"
    D = "D", "D - risk not determined"
    E = "E", "E - normal procedures pertained"


class ObjectClass(models.TextChoices):
    DRONE = "drone", "Drone"
    MODEL_AIRCRAFT = "model_aircraft", "Model aircraft"
    BALLOON = "balloon", "Balloon"
    UNKNOWN = "unknown_object", "Unknown object"


class ReportQuerySet(models.QuerySet["Report"]):
    def pending_enrichment(self, *, older_than: timezone.datetime) -> ReportQuerySet:
        return self.filter(enrichment_status=EnrichmentStatus.PENDING, received_at__lt=older_than)

    def needs_location(self) -> ReportQuerySet:
        """Enriched reports that could not be placed: someone has to ask or look."""
        return self.filter(
            enrichment_status=EnrichmentStatus.DONE, latitude__isnull=True
        ) | self.filter(enrichment_status=EnrichmentStatus.FAILED)

    def published(self) -> ReportQuerySet:
        return self.filter(published_at__isnull=False)

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
        indexes = [
            models.Index(fields=["observed_at", "status"]),
            models.Index(fields=["latitude", "longitude"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def synopsis(self) -> str:
        """The controllers'-style one-line summary, written from the stored fields on read so
        it follows every correction (``geo.synopsis_records``)."""
        return synopsis_from_record({f: getattr(self, f) for f in SYNOPSIS_FIELDS})


def _private_upload_to(instance: Attachment, filename: str) -> str:
    return f"originals/{instance.report.reference}/{filename}"


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


class IdempotencyRecord(models.Model):
    """The first response to a request carrying an Idempotency-Key, replayed on retries."""

    key = models.CharField(max_length=255, unique=True)
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return self.key


class FormSubmission(models.Model):
    """One-time token of a rendered web form: a double click or refresh files one report."""

    token = models.CharField(max_length=64, unique=True)
    report = models.OneToOneField(Report, null=True, blank=True, on_delete=models.CASCADE)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.token


# --- Operator-loaded reference data -----------------------------------------------------------


class Runway(models.Model):
    """One runway from an OurAirports runways file: both thresholds and true headings."""

    airport_ident = models.CharField(max_length=8, db_index=True)
    length_ft = models.IntegerField(null=True, blank=True)
    le_ident = models.CharField(max_length=8, blank=True)
    le_latitude = models.FloatField(null=True, blank=True)
    le_longitude = models.FloatField(null=True, blank=True)
    le_heading_deg = models.FloatField(null=True, blank=True)
    le_elevation_ft = models.FloatField(null=True, blank=True)
    he_ident = models.CharField(max_length=8, blank=True)
    he_latitude = models.FloatField(null=True, blank=True)
    he_longitude = models.FloatField(null=True, blank=True)
    he_heading_deg = models.FloatField(null=True, blank=True)
    he_elevation_ft = models.FloatField(null=True, blank=True)
    closed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["airport_ident", "le_ident", "he_ident"], name="runway_unique_ends"
            )
        ]

    def __str__(self) -> str:
        return f"{self.airport_ident} {self.le_ident}/{self.he_ident}"


class Navaid(models.Model):
    ident = models.CharField(max_length=8, db_index=True)
    name = models.CharField(max_length=120, db_index=True)
    navaid_type = models.CharField(max_length=16)
    latitude = models.FloatField()
    longitude = models.FloatField()
    country = models.CharField(max_length=2, blank=True, db_index=True)
    associated_airport = models.CharField(max_length=8, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ident", "navaid_type", "country", "name"], name="navaid_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ident} {self.name} {self.navaid_type}"


class AirspaceZone(models.Model):
    name = models.CharField(max_length=200)
    zone_type = models.CharField(max_length=40, db_index=True)
    lower_limit = models.CharField(max_length=60, blank=True)
    upper_limit = models.CharField(max_length=60, blank=True)
    geometry = models.JSONField(help_text="GeoJSON geometry, WGS84")
    source = models.CharField(max_length=255, blank=True)
    properties = models.JSONField(default=dict, blank=True)
    # Loading the same file twice must change nothing: a hash of name+geometry is the identity.
    fingerprint = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.zone_type})"


class ExportStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class Export(models.Model):
    """A background export of a filtered report list: the page polls ``progress``.

    A worker claims it with a conditional UPDATE (pending -> running), so a redelivered task
    does nothing; the file lives under ``EXPORT_ROOT`` (private storage), never in MEDIA_ROOT.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    format = models.CharField(max_length=8)
    variant = models.CharField(max_length=8, default="staff", help_text="staff or public")
    filters = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=8, choices=ExportStatus.choices, default=ExportStatus.PENDING, db_index=True
    )
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent")
    row_count = models.PositiveIntegerField(null=True, blank=True)
    file = models.CharField(max_length=300, blank=True, help_text="Under EXPORT_ROOT")
    error = models.CharField(max_length=500, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"export {self.pk} ({self.format}, {self.status})"


class HotspotSnapshot(models.Model):
    """A precomputed hotspot map (GeoJSON) for a common view, kept across restarts.

    The periodic task ``reports.hotspot_snapshots_refresh`` overwrites each row by its ``key``
    (a hash of the normalised query), so running it twice does no harm. The Django cache sits in
    front of this table; the table lets a freshly started web process answer in milliseconds
    and is shared by every web machine.
    """

    key = models.CharField(max_length=64, unique=True)
    query = models.JSONField(default=dict)
    fingerprint = models.CharField(max_length=120, help_text="Report data the map was computed on")
    # Stored gzip-compressed, as it is served: a national map is ~100 MB of GeoJSON but ~17 MB
    # compressed, and a restarted web process answers from this row without recompressing.
    body_gzip = models.BinaryField(help_text="The GeoJSON FeatureCollection, gzip-compressed")
    cells = models.PositiveIntegerField(default=0)
    reports = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0.0, help_text="Time the computation took")
    computed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"hotspot snapshot {self.key[:12]} ({self.computed_at:%Y-%m-%d %H:%M})"
