"""Demo data: a realistic two years of reports around real aerodromes, with hot clusters."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import numpy as np
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from geo.aerodromes import load_aerodromes
from geo.geodesy import COMPASS16, destination
from reports.models import (
    AirspaceZone,
    EnrichmentStatus,
    Report,
    ReporterRole,
    ReportStatus,
    Source,
)
from reports.services.enrichment import reports_enrich
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


def _narrative(
    rng: np.random.Generator, code: str, nm: float, direction: str, alt: int, close: bool
) -> str:
    aircraft = rng.choice(_AIRCRAFT)
    colour = rng.choice(_COLOURS)
    proximity = (
        f" {int(rng.choice([50, 100, 200, 300, 500]))} FEET OFF THE RIGHT SIDE" if close else ""
    )
    evasive = (
        "TOOK EVASIVE ACTION." if close and rng.random() < 0.4 else "NO EVASIVE ACTION REPORTED."
    )
    return (
        f"{aircraft} REPORTED A {colour} UAS{proximity} WHILE ON APPROACH AT {alt:,} FEET "
        f"{nm:.0f} {direction} {code}. {evasive} LOCAL LEO NOTIFIED."
    )


def demo_seed(*, count: int = 3000, seed: int = 20181219) -> int:
    """Create ``count`` demo reports (idempotent: does nothing if demo reports exist)."""
    if Report.objects.filter(source=Source.DEMO).exists():
        return 0
    rng = np.random.default_rng(seed)
    table = load_aerodromes()
    aerodromes = [table.lookup(code) for code, _ in DEMO_AERODROMES]
    weights = np.array([w for _, w in DEMO_AERODROMES], float)
    picks = rng.choice(len(aerodromes), size=count, p=weights / weights.sum())
    now = timezone.now()
    reports = []
    for i, pick in enumerate(picks):
        a = aerodromes[pick]
        # Most sightings are within 10 NM; a tight cluster sits off one runway end at JFK/LAX.
        cluster = a.code in ("JFK", "LAX") and rng.random() < 0.35
        nm = float(rng.uniform(2.5, 4.0) if cluster else rng.exponential(5.0) + 0.3)
        bearing = float(rng.uniform(120, 150) if cluster else rng.uniform(0, 360))
        lat, lon = destination(a.latitude, a.longitude, bearing, nm)
        direction = COMPASS16[int(round(bearing / 22.5)) % 16]
        alt = int(rng.choice([200, 400, 800, 1500, 2600, 3500, 5000]))
        close = rng.random() < 0.12
        observed = now - timedelta(
            days=float(rng.uniform(1, 730)), minutes=float(rng.uniform(0, 1440))
        )
        status = rng.choice(
            [
                ReportStatus.RECEIVED,
                ReportStatus.TRIAGE,
                ReportStatus.CLASSIFIED,
                ReportStatus.PUBLISHED,
            ],
            p=[0.05, 0.45, 0.2, 0.3],
        )
        typed = rng.random() < 0.5
        reports.append(
            Report(
                reference=new_reference(),
                status_token=new_status_token(),
                status=ReportStatus.RECEIVED,
                received_at=observed + timedelta(minutes=30),
                observed_at=observed,
                source=Source.DEMO,
                source_key=f"demo:{seed}:{i}",
                reporter_role=rng.choice(_ROLES),
                location_text=f"{nm:.0f} NM {direction} of {a.code}" if typed else "",
                latitude=None if typed else round(lat, 5),
                longitude=None if typed else round(lon, 5),
                altitude_ft=alt,
                narrative=_narrative(rng, a.code, nm, direction, alt, close),
                published_at=observed + timedelta(days=14)
                if status == ReportStatus.PUBLISHED
                else None,
                enrichment_status=EnrichmentStatus.PENDING,
            )
        )
        reports[-1]._demo_status = status
    with transaction.atomic():
        Report.objects.bulk_create(reports, batch_size=1000)
    ids = list(Report.objects.filter(source=Source.DEMO).values_list("pk", flat=True))
    reports_enrich(report_ids=ids)
    # Move a share along the workflow so the queue, published set and map all have content.
    final = {r.source_key: r._demo_status for r in reports}
    for status in (ReportStatus.CLASSIFIED, ReportStatus.PUBLISHED):
        keys = [k for k, s in final.items() if s == status]
        Report.objects.filter(source_key__in=keys).update(status=status)
    Report.objects.filter(
        source_key__in=[k for k, s in final.items() if s == ReportStatus.RECEIVED]
    ).update(status=ReportStatus.RECEIVED, enrichment_status=EnrichmentStatus.PENDING)
    return len(reports)


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
