"""Demo data: a realistic two years of reports around real aerodromes, with hot clusters."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import numpy as np
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from geo.aerodromes import load_aerodromes
from geo.geodesy import COMPASS16, destination
from reports.models import (
    AirspaceZone,
    AltitudeReference,
    DroneType,
    EnrichmentStatus,
    FlightPhase,
    Report,
    ReporterRole,
    ReportEvent,
    ReportStatus,
    Source,
)
from reports.services.enrichment import reports_enrich
from reports.services.publishing import callsigns_redact
from reports.services.references import new_reference, new_status_token

# (code, relative weight): busy US and European aerodromes, weighted towards a few hotspots.
DEMO_AERODROMES = [
    ("JFK", 9),
    ("LAX", 8),
    ("EWR", 5),
    ("LGA", 4),
    ("TEB", 4),
    ("ORD", 5),
    ("MDW", 2),
    ("MIA", 4),
    ("FLL", 3),
    ("MCO", 3),
    ("ATL", 3),
    ("DFW", 3),
    ("IAH", 2),
    ("SFO", 3),
    ("SEA", 2),
    ("LAS", 2),
    ("BOS", 3),
    ("DCA", 2),
    ("PHX", 2),
    ("DEN", 2),
    ("EGLL", 5),
    ("EGKK", 4),
    ("EGCC", 2),
    ("EHAM", 2),
    ("EDDF", 2),
    ("LFPG", 2),
    ("EIDW", 1),
    ("CYYZ", 2),
]
_COLOURS = ["WHITE", "BLACK", "RED", "SILVER", "GRAY", "ORANGE", "BLUE"]
_AIRCRAFT = ["B738", "A320", "CRJ9", "E145", "B752", "A321", "B39M", "C172", "P28A", "HELO"]
_ROLES = (
    [ReporterRole.PILOT] * 6
    + [ReporterRole.ATC] * 2
    + [ReporterRole.PUBLIC, ReporterRole.AIRPORT_STAFF, ReporterRole.LAW_ENFORCEMENT]
)
# (phase, wording as controllers and pilots write it, altitude range in feet)
_PHASES = [
    (FlightPhase.FINAL, "ON {nm:.0f} MILE FINAL", (300, 3000)),
    (FlightPhase.APPROACH, "ON APPROACH", (1500, 6000)),
    (FlightPhase.DEPARTURE, "DEPARTING", (400, 4000)),
    (FlightPhase.CLIMB, "CLIMBING", (3000, 9000)),
    (FlightPhase.CRUISE, "IN CRUISE", (5000, 11000)),
    (FlightPhase.TAXI, "TAXIING", (50, 300)),
]
_DRONES = [
    (DroneType.MULTIROTOR, "QUADCOPTER"),
    (DroneType.MULTIROTOR, "UAS"),
    (DroneType.FIXED_WING, "FIXED WING UAS"),
    (DroneType.HELICOPTER, "MODEL HELICOPTER"),
    (DroneType.UNKNOWN, "UNKNOWN OBJECT, POSSIBLY A DRONE,"),
]
_PUBLIC_WORDS = [
    "I saw a {colour} drone hovering near the airport fence, about {alt} feet up, for around "
    "{minutes} minutes. It flew off towards the houses.",
    "{colour} drone with flashing lights circling above the car park by the terminal at roughly "
    "{alt} ft. Planes were landing over it.",
    "While walking the dog I watched a small {colour} drone climb to maybe {alt} feet right under "
    "the approach path. Reported to airport police.",
]
# Demo status -> the workflow path that leads there from triage (every step an audit event).
_PATHS: dict[str, tuple[str, ...]] = {
    ReportStatus.TRIAGE: (),
    ReportStatus.VERIFIED: (ReportStatus.VERIFIED,),
    ReportStatus.CLASSIFIED: (ReportStatus.VERIFIED, ReportStatus.CLASSIFIED),
    ReportStatus.PUBLISHED: (
        ReportStatus.VERIFIED,
        ReportStatus.CLASSIFIED,
        ReportStatus.PUBLISHED,
    ),
    ReportStatus.CLOSED: (ReportStatus.VERIFIED, ReportStatus.CLASSIFIED, ReportStatus.CLOSED),
    ReportStatus.REJECTED: (ReportStatus.REJECTED,),
}
_STATUS_WEIGHTS = dict(zip(_PATHS, (0.35, 0.1, 0.15, 0.3, 0.05, 0.05), strict=True))
DEMO_ANALYST = "analyst (demo)"


def _narrative(
    rng: np.random.Generator, code: str, nm: float, direction: str, close: bool, i: int
) -> tuple[str, str, str, int]:
    """(narrative, flight phase, drone type, altitude in feet) in the wordings real reports
    use; the altitude fits the phase."""
    colour = str(rng.choice(_COLOURS))
    drone_type, drone_words = _DRONES[int(rng.integers(len(_DRONES)))]
    phase, phase_words, (low, high) = _PHASES[int(rng.integers(len(_PHASES)))]
    alt = int(round(float(rng.uniform(low, high)), -2)) or 50
    if rng.random() < 0.2:  # a member of the public, in plain English
        alt = int(rng.integers(4, 40)) * 25  # 100-975 ft: what people on the ground guess
        words = _PUBLIC_WORDS[i % len(_PUBLIC_WORDS)].format(
            colour=colour.lower(), alt=alt, minutes=int(rng.integers(2, 15))
        )
        return words, "", drone_type, alt
    aircraft = str(rng.choice(_AIRCRAFT))
    proximity = (
        f" {int(rng.choice([50, 100, 200, 300, 500]))} FEET OFF THE RIGHT SIDE" if close else ""
    )
    evasive = (
        "TOOK EVASIVE ACTION." if close and rng.random() < 0.4 else "NO EVASIVE ACTION REPORTED."
    )
    police = " LOCAL LEO NOTIFIED." if rng.random() < 0.6 else ""
    return (
        f"{aircraft} REPORTED A {colour} {drone_words}{proximity} WHILE "
        f"{phase_words.format(nm=nm)} AT {alt:,} FEET {nm:.0f} {direction} {code}. "
        f"{evasive}{police}",
        phase,
        drone_type,
        alt,
    )


def demo_seed(*, count: int = 3000, seed: int = 20181219) -> int:
    """Create ``count`` demo reports (idempotent: does nothing if demo reports exist), enriched
    in bulk here, each with the audit trail the workflow would have written for its status."""
    if Report.objects.filter(source=Source.DEMO).exists():
        return 0
    rng = np.random.default_rng(seed)
    table = load_aerodromes()
    aerodromes = [table.lookup(code) for code, _ in DEMO_AERODROMES]
    weights = np.array([w for _, w in DEMO_AERODROMES], float)
    picks = rng.choice(len(aerodromes), size=count, p=weights / weights.sum())
    statuses = list(_STATUS_WEIGHTS)
    status_p = np.array(list(_STATUS_WEIGHTS.values()))
    now = timezone.now()
    reports, final = [], {}
    for i, pick in enumerate(picks):
        a = aerodromes[pick]
        # Most sightings are within 10 NM; a tight cluster sits off one runway end at JFK/LAX.
        cluster = a.code in ("JFK", "LAX") and rng.random() < 0.35
        nm = float(rng.uniform(2.5, 4.0) if cluster else rng.exponential(5.0) + 0.3)
        bearing = float(rng.uniform(120, 150) if cluster else rng.uniform(0, 360))
        lat, lon = destination(a.latitude, a.longitude, bearing, nm)
        direction = COMPASS16[int(round(bearing / 22.5)) % 16]
        close = rng.random() < 0.12
        narrative, phase, drone_type, alt = _narrative(rng, a.code, nm, direction, close, i)
        observed = now - timedelta(
            days=float(rng.uniform(1, 730)), minutes=float(rng.uniform(0, 1440))
        )
        typed = rng.random() < 0.5
        key = f"demo:{seed}:{i}"
        final[key] = str(rng.choice(statuses, p=status_p))
        reports.append(
            Report(
                reference=new_reference(),
                status_token=new_status_token(),
                status=ReportStatus.RECEIVED,
                received_at=observed + timedelta(minutes=30),
                observed_at=observed,
                source=Source.DEMO,
                source_key=key,
                reporter_role=rng.choice(_ROLES),
                location_text=f"{nm:.0f} NM {direction} of {a.code}" if typed else "",
                latitude=None if typed else round(lat, 5),
                longitude=None if typed else round(lon, 5),
                altitude_ft=alt,
                altitude_reference=AltitudeReference.MSL if alt > 1000 else AltitudeReference.AGL,
                flight_phase=phase,
                drone_type=drone_type,
                narrative=narrative,
                enrichment_status=EnrichmentStatus.PENDING,
            )
        )
    with transaction.atomic():
        Report.objects.bulk_create(reports, batch_size=1000)
        ReportEvent.objects.bulk_create(
            (
                ReportEvent(
                    report=r,
                    at=r.received_at,
                    to_status=ReportStatus.RECEIVED,
                    actor="reporter (demo)",
                )
                for r in reports
            ),
            batch_size=1000,
        )
    ids = list(Report.objects.filter(source=Source.DEMO).values_list("pk", flat=True))
    # Enriched here, in bulk: the sweeper must not find 3,000 pending reports at start-up and
    # make a freshly filed one wait behind them.
    reports_enrich(report_ids=ids)
    _demo_workflow(final)
    return len(reports)


def _demo_workflow(final: dict[str, str]) -> None:
    """Move each demo report from triage to its demo status, writing the events the workflow
    service writes for each step (``report_transition``), in bulk."""
    # The enrichment event happened a second after receipt, not at seeding time.
    ReportEvent.objects.filter(report__source=Source.DEMO, actor="enrichment").update(
        at=Subquery(Report.objects.filter(pk=OuterRef("report_id")).values("received_at")[:1])
    )
    rows = Report.objects.filter(source_key__in=list(final)).values(
        "pk", "source_key", "received_at", "narrative", "source"
    )
    events, updates = [], []
    for row in rows:
        path = _PATHS[final[str(row["source_key"])]]
        at = row["received_at"] + timedelta(hours=2)
        previous: str = ReportStatus.TRIAGE
        for step in path:
            at += timedelta(days=2)
            note = "demo: not a drone (bird)" if step == ReportStatus.REJECTED else ""
            events.append(
                ReportEvent(
                    report_id=row["pk"],
                    at=at,
                    actor=DEMO_ANALYST,
                    from_status=previous,
                    to_status=step,
                    note=note,
                )
            )
            previous = step
        if path:
            published = path[-1] == ReportStatus.PUBLISHED
            updates.append(
                Report(
                    pk=row["pk"],
                    status=previous,
                    published_at=at if published else None,
                    narrative_redacted=callsigns_redact(row["narrative"]) if published else "",
                )
            )
    with transaction.atomic():
        ReportEvent.objects.bulk_create(events, batch_size=1000)
        Report.objects.bulk_update(
            updates, ["status", "published_at", "narrative_redacted"], batch_size=500
        )


def demo_user_ensure(*, username: str, password: str) -> None:
    """A staff analyst for local exploration; ``make run`` only, never production."""
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username=username, defaults={"is_staff": True, "is_superuser": True}
    )
    user.set_password(password)
    user.save()


def demo_reference_load(*, directory: Path) -> dict[str, str]:
    """Load the sample runways, navaids and airspace under ``directory`` (the shared data set),
    once. An operator loads their own with load_runways / load_navaids / load_airspace."""
    from reports.models import Navaid, Runway
    from reports.services.reference import (
        airspace_load,
        navaids_load,
        ourairports_read,
        runways_load,
    )

    done: dict[str, str] = {}
    airports, airspace = directory / "airports", directory / "airspace"
    if not Runway.objects.exists() and (airports / "ourairports_runways.csv").exists():
        frame = ourairports_read(airports / "ourairports_runways.csv", kind="runways")
        done["runways"] = runways_load(frame=frame).summary()
    if not Navaid.objects.exists() and (airports / "ourairports_navaids.csv").exists():
        frame = ourairports_read(airports / "ourairports_navaids.csv", kind="navaids")
        done["navaids"] = navaids_load(frame=frame).summary()
    if not AirspaceZone.objects.exists():
        for path in sorted(airspace.glob("*.geojson")) if airspace.exists() else []:
            data = json.loads(path.read_text(encoding="utf-8"))
            done[path.name] = airspace_load(data=data, source=path.name).summary()
    return done
