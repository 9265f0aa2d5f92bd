"""The export format: every column, its type and what it means (the data dictionary).

The same columns, in this order, in CSV, XLSX, GeoJSON and GeoPackage, and ``import_reports``
reads them back. Times are ISO 8601 UTC text (``...Z``) so every format carries them alike;
H3 cells are the standard hexadecimal strings; lists and objects are JSON text. GeoJSON and
GeoPackage geometries are WGS84 points (EPSG:4326) from ``latitude``/``longitude``; a report
that could not be located has no geometry.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.locate import Method


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # text | integer | number | boolean | datetime | json | h3
    description: str
    private: bool = False  # reporter contact data: only with include_contact
    derived: bool = False  # written from other columns on export; not read back on import


COLUMNS: tuple[Column, ...] = (
    Column("reference", "text", "Public reference of the report (DR-XXXX-XXXX), random"),
    Column(
        "status",
        "text",
        "Workflow state: received, triage, verified, classified, "
        "published, closed, quarantined, rejected, duplicate",
    ),
    Column(
        "source",
        "text",
        "How the report arrived: web, api, faa, import, or demo (generated demonstration data "
        "from seed_demo: invented reports, never real sightings)",
    ),
    Column(
        "source_key",
        "text",
        "Stable key of an imported record (FAA: hash of date and "
        "narrative); re-imports with the same key change nothing",
    ),
    Column("source_file", "text", "File the record was imported from"),
    Column("source_row", "integer", "1-based data row in that file"),
    Column("source_release", "text", "FAA release id, YYYY-MM_YYYY-MM"),
    Column("received_at", "datetime", "When the platform received or imported it (UTC)"),
    Column("observed_at", "datetime", "When the sighting happened (UTC)"),
    Column(
        "observed_time_known",
        "boolean",
        "False when only the date was known (the time is then 12:00 local, or 12:00 UTC)",
    ),
    Column("published_at", "datetime", "When it was published (UTC); empty if unpublished"),
    Column("duplicate_of", "text", "Reference of the report this one duplicates"),
    Column("quarantine_reason", "text", "Why it was quarantined as suspected spam"),
    Column(
        "reporter_role",
        "text",
        "pilot, atc, airport_staff, law_enforcement, public, drone_operator, other",
    ),
    Column("contact_name", "text", "Reporter's name (private)", private=True),
    Column("contact_email", "text", "Reporter's e-mail (private)", private=True),
    Column("contact_phone", "text", "Reporter's phone (private)", private=True),
    Column("contact_consent", "boolean", "Reporter agreed to be contacted", private=True),
    Column("location_text", "text", "Location as the reporter wrote it"),
    Column("city", "text", "City as given (FAA: the City column)"),
    Column("state_region", "text", "State or region as given (FAA: USPS code)"),
    Column("country", "text", "Country as given (FAA: ISO code hint)"),
    Column("latitude", "number", "WGS84 degrees, entered or located"),
    Column("longitude", "number", "WGS84 degrees, entered or located"),
    Column(
        "location_method",
        "text",
        "How the position was found: " + ", ".join(Method),
    ),
    Column("location_uncertainty_nm", "number", "Radius of the position's uncertainty, NM"),
    Column("location_reference", "text", "What the position was measured from"),
    Column("location_note", "text", "Locator's note, or why it could not locate"),
    Column(
        "position_source",
        "text",
        "Where the position came from: text (typed location), map (map click), both (typed "
        "text and map click agreeing), device (device geolocation), entered (coordinates "
        "given), narrative (the narrative or city/state); empty when not located",
    ),
    Column("altitude_ft", "integer", "Drone altitude, feet"),
    Column("altitude_reference", "text", "AGL, MSL or unknown"),
    Column("drone_type", "text", "multirotor, fixed_wing, helicopter, unknown"),
    Column("drone_count", "integer", "Number of drones seen"),
    Column("drone_colour", "text", "Colour(s) of the drone"),
    Column("drone_lights", "boolean", "The drone showed lights"),
    Column("aircraft_involved", "boolean", "An aircraft was involved"),
    Column("aircraft_type", "text", "Aircraft type (ICAO designator where known)"),
    Column("aircraft_callsign", "text", "Flight callsign (never published)"),
    Column("flight_phase", "text", "taxi, departure, climb, cruise, approach, final, unknown"),
    Column("closest_proximity_ft", "integer", "Closest distance drone-aircraft, feet"),
    Column("evasive_action", "text", "yes, no, unknown, not_stated"),
    Column("nmac_declared", "boolean", "A near mid-air collision was declared"),
    Column("law_enforcement_notified", "boolean", "Police were notified"),
    Column("narrative", "text", "The reporter's or the FAA's own words, as received"),
    Column("narrative_redacted", "text", "The published form of the narrative"),
    Column(
        "referred_aerodrome_code",
        "text",
        "The aerodrome the report is about: the one its location text (or narrative position) "
        "names, e.g. JFK for '3 NM SE of JFK'; empty when none is named. Often not the nearest",
    ),
    Column("referred_aerodrome_name", "text", "Referred-to aerodrome's name"),
    Column(
        "referred_aerodrome_distance_nm", "number", "Distance from the referred-to aerodrome, NM"
    ),
    Column(
        "referred_aerodrome_bearing_deg",
        "number",
        "True bearing from the referred-to aerodrome to the position, degrees",
    ),
    Column(
        "aerodrome_code",
        "text",
        "Nearest aerodrome to the position (FAA LID, else ICAO), whatever the text names",
    ),
    Column("aerodrome_name", "text", "Nearest aerodrome's name"),
    Column("aerodrome_distance_nm", "number", "Distance from the nearest aerodrome, NM"),
    Column("aerodrome_bearing_deg", "number", "True bearing from the nearest aerodrome, degrees"),
    Column("airspace_zones", "json", "Names of the airspace zones containing the position"),
    Column("in_runway_corridor", "boolean", "Inside a runway approach/departure corridor"),
    Column("above_400ft_agl", "boolean", "Above 400 ft above ground level (estimated)"),
    Column("country_code", "text", "ISO country of the position (reverse geocoded)"),
    Column("region", "text", "Region of the position (reverse geocoded)"),
    Column("locality", "text", "Nearest place to the position (reverse geocoded)"),
    Column("h3_r5", "h3", "H3 cell of the position, resolution 5"),
    Column("h3_r6", "h3", "H3 cell, resolution 6"),
    Column("h3_r7", "h3", "H3 cell, resolution 7"),
    Column("h3_r8", "h3", "H3 cell, resolution 8"),
    Column("h3_r9", "h3", "H3 cell, resolution 9"),
    Column("encounter_class", "text", "sighting or close_encounter"),
    Column("nmac_hazard", "text", "critical (<100 ft), potential (<500 ft), none"),
    Column("risk_category", "text", "UK Airprox Board risk category A-E"),
    Column("object_class", "text", "drone, model_aircraft, balloon, unknown_object"),
    Column(
        "synopsis",
        "text",
        "One-line summary in the controllers' style, written from this row's fields when exported",
        derived=True,
    ),
    Column("extraction", "json", "Facts extracted from the narrative, with provenance"),
    Column("enrichment_status", "text", "pending, done, failed"),
    Column("enriched_at", "datetime", "When enrichment last ran (UTC)"),
)
BY_NAME = {c.name: c for c in COLUMNS}


def export_columns(*, include_contact: bool = False) -> tuple[Column, ...]:
    return tuple(c for c in COLUMNS if include_contact or not c.private)


def dictionary_rows(columns: tuple[Column, ...] = COLUMNS) -> list[dict[str, str]]:
    return [{"column": c.name, "type": c.type, "description": c.description} for c in columns]
