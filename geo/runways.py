"""Runway thresholds and true headings from an OurAirports-shaped table.

A runway *end* is what people name ("24R"): its threshold and the true heading an aircraft flies
when landing on it. Headings are recomputed from the two thresholds where both are known (the
file rounds them to whole degrees, and some are missing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.geodesy import inverse

OURAIRPORTS_COLUMNS = {
    f"{end}_{src}": f"{end}_{dst}"
    for end in ("le", "he")
    for src, dst in (
        ("latitude_deg", "latitude"),
        ("longitude_deg", "longitude"),
        ("heading_degT", "heading_deg"),
        ("elevation_ft", "elevation_ft"),
    )
}


def runway_key(ident: str) -> str:
    """ "06L", "6L", "RWY 6L" -> "6L": the form both the table and texts are compared in."""
    m = re.search(r"(\d{1,2})\s*([LRCW]?)\s*$", ident.strip().upper())
    return f"{int(m[1])}{m[2]}" if m else ident.strip().upper()


@dataclass(frozen=True, slots=True)
class RunwayEnd:
    airport_ident: str  # OurAirports ident: ICAO where one exists (KLAX, EGLL), else local
    ident: str  # as written in the table ("24R")
    latitude: float  # threshold, degrees
    longitude: float
    heading_deg: float  # true heading when landing on this end
    elevation_ft: float  # threshold elevation, feet MSL (nan when unknown)
    length_ft: float


class RunwayTable:
    """Runway ends as parallel arrays (for corridors) plus a per-airport dictionary."""

    def __init__(self, ends: list[RunwayEnd]) -> None:
        self.ends = ends
        self.latitude = np.array([e.latitude for e in ends], float)
        self.longitude = np.array([e.longitude for e in ends], float)
        self.heading_deg = np.array([e.heading_deg for e in ends], float)
        self._by_airport: dict[str, dict[str, RunwayEnd]] = {}
        for e in ends:
            self._by_airport.setdefault(e.airport_ident.upper(), {})[runway_key(e.ident)] = e

    def __len__(self) -> int:
        return len(self.ends)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame | list[dict] | None) -> RunwayTable:
        """Build from OurAirports ``runways.csv`` columns or ``reports.Runway`` field names.
        Closed runways and ends without a threshold position are left out."""
        if frame is None:
            return cls([])
        df = pd.DataFrame(frame).rename(columns=OURAIRPORTS_COLUMNS)
        if df.empty:
            return cls([])
        if "closed" in df:
            df = df[~df["closed"].fillna(0).astype(bool)]
        for col in (
            "le_latitude",
            "le_longitude",
            "he_latitude",
            "he_longitude",
            "le_heading_deg",
            "he_heading_deg",
            "le_elevation_ft",
            "he_elevation_ft",
            "length_ft",
        ):
            df[col] = pd.to_numeric(df[col], errors="coerce").astype(float) if col in df else np.nan
        # Headings from the thresholds themselves where both ends are known.
        both = (
            df[["le_latitude", "le_longitude", "he_latitude", "he_longitude"]].notna().all(axis=1)
        )
        if both.any():
            az, _ = inverse(
                df.loc[both, "le_latitude"],
                df.loc[both, "le_longitude"],
                df.loc[both, "he_latitude"],
                df.loc[both, "he_longitude"],
            )
            df.loc[both, "le_heading_deg"] = az
            df.loc[both, "he_heading_deg"] = np.mod(az + 180.0, 360.0)
        ends: list[RunwayEnd] = []
        for end in ("le", "he"):
            part = df.dropna(subset=[f"{end}_latitude", f"{end}_longitude", f"{end}_heading_deg"])
            part = part[part[f"{end}_ident"].fillna("").astype(str).str.strip() != ""]
            ends.extend(
                RunwayEnd(
                    str(a).upper(),
                    str(i).strip().upper(),
                    float(la),
                    float(lo),
                    float(h),
                    float(el),
                    float(ln),
                )
                for a, i, la, lo, h, el, ln in zip(
                    part["airport_ident"],
                    part[f"{end}_ident"],
                    part[f"{end}_latitude"],
                    part[f"{end}_longitude"],
                    part[f"{end}_heading_deg"],
                    part[f"{end}_elevation_ft"],
                    part["length_ft"],
                    strict=True,
                )
            )
        return cls(ends)

    def end(self, airport_idents: tuple[str, ...] | list[str], runway: str) -> RunwayEnd | None:
        """Runway end ``runway`` ("24R", "06L") at the first of ``airport_idents`` that has it."""
        key = runway_key(runway)
        for ident in airport_idents:
            found = self._by_airport.get(ident.upper(), {}).get(key)
            if found:
                return found
        return None

    def opposite(self, end: RunwayEnd) -> RunwayEnd | None:
        """The other end of the same runway (the departure end when taking off on ``end``):
        24R <-> 6L, 9 <-> 27, 18C <-> 36C."""
        m = re.fullmatch(r"(\d{1,2})([LRCW]?)", runway_key(end.ident))
        if not m:
            return None
        number = int(m[1])
        other = number + 18 if number <= 18 else number - 18
        side = {"L": "R", "R": "L"}.get(m[2], m[2])
        return self._by_airport.get(end.airport_ident.upper(), {}).get(f"{other}{side}")
