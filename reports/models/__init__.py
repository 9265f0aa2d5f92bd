"""The database state: reports, their attachments, audit trail, idempotency and reference data.

A package split by sub-domain; every model and choice is re-exported here, so
``from reports.models import Report`` and the migrations' ``reports.Report`` are unchanged.
Models carry no side effects: every write goes through ``reports.services``.
"""

from __future__ import annotations

from reports.models.choices import (
    STATUS_TRANSITIONS,
    AerodromeRole,
    AltitudeReference,
    DroneType,
    EncounterClass,
    EnrichmentStatus,
    EvasiveAction,
    ExportStatus,
    FlightPhase,
    NmacHazard,
    ObjectClass,
    PositionSource,
    ReporterRole,
    ReportStatus,
    RiskCategory,
    Source,
)
from reports.models.intake import FormSubmission, IdempotencyRecord
from reports.models.outputs import Export, HotspotSnapshot
from reports.models.reference import AirspaceZone, Navaid, Runway
from reports.models.report import Attachment, Report, ReportEvent, ReportQuerySet

__all__ = [
    "AerodromeRole",
    "PositionSource",
    "STATUS_TRANSITIONS",
    "AirspaceZone",
    "AltitudeReference",
    "Attachment",
    "DroneType",
    "EncounterClass",
    "EnrichmentStatus",
    "EvasiveAction",
    "Export",
    "ExportStatus",
    "FlightPhase",
    "FormSubmission",
    "HotspotSnapshot",
    "IdempotencyRecord",
    "Navaid",
    "NmacHazard",
    "ObjectClass",
    "Report",
    "ReportEvent",
    "ReportQuerySet",
    "ReportStatus",
    "ReporterRole",
    "RiskCategory",
    "Runway",
    "Source",
]
