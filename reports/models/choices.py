"""The explicit vocabularies of the database state: statuses, roles, classes (``TextChoices``),
and the report workflow's state machine."""

from __future__ import annotations

from django.db import models


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


class ExportStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    EXPIRED = "expired", "Expired"  # its file deleted after EXPORT_RETENTION_HOURS
