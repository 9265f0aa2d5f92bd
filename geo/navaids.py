"""Radio navigation aids (VOR, VORTAC, NDB...) from an OurAirports-shaped table.

FAA narratives give positions from VORs by name ("21 SW NAPOLEON VOR") or by ident
("ANX230021"). Idents are not unique worldwide (``BAL`` is Baltimore and four foreign aids), so
look-ups take a country and prefer the US for FAA text.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.places import canonical

# OurAirports column -> our field; the reports.Navaid model already uses our field names.
OURAIRPORTS_COLUMNS = {
    "latitude_deg": "latitude",
    "longitude_deg": "longitude",
    "type": "navaid_type",
    "iso_country": "country",
}
# Ground stations used for fixes first: a VOR beats an NDB of the same ident.
_TYPE_RANK = {"VORTAC": 0, "VOR-DME": 1, "VOR": 2, "TACAN": 3, "DME": 4, "NDB-DME": 5, "NDB": 6}


@dataclass(frozen=True, slots=True)
class Navaid:
    ident: str
    name: str
    navaid_type: str
    latitude: float  # degrees
    longitude: float  # degrees
    country: str  # ISO 3166-1 alpha-2
    associated_airport: str = ""


class NavaidTable:
    """Navaids indexed by ident and by canonical name, each list best-first."""

    def __init__(self, navaids: list[Navaid]) -> None:
        self.navaids = sorted(navaids, key=lambda n: _TYPE_RANK.get(n.navaid_type.upper(), 9))
        self._by_ident: dict[str, list[Navaid]] = {}
        self._by_name: dict[str, list[Navaid]] = {}
        for n in self.navaids:
            self._by_ident.setdefault(n.ident.upper(), []).append(n)
            self._by_name.setdefault(canonical(n.name), []).append(n)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame | list[dict] | None) -> NavaidTable:
        """Build from OurAirports ``navaids.csv`` columns or ``reports.Navaid`` field names."""
        if frame is None:
            return cls([])
        df = pd.DataFrame(frame).rename(columns=OURAIRPORTS_COLUMNS)
        if df.empty:
            return cls([])
        df = df.dropna(subset=["ident", "latitude", "longitude"])
        get = {
            c: (df[c].fillna("").astype(str) if c in df else pd.Series("", index=df.index))
            for c in ("name", "navaid_type", "country", "associated_airport")
        }
        return cls(
            [
                Navaid(
                    str(ident).strip().upper(),
                    name,
                    ntype.upper(),
                    float(lat),
                    float(lon),
                    country.upper(),
                    airport,
                )
                for ident, name, ntype, lat, lon, country, airport in zip(
                    df["ident"],
                    get["name"],
                    get["navaid_type"],
                    df["latitude"],
                    df["longitude"],
                    get["country"],
                    get["associated_airport"],
                    strict=True,
                )
            ]
        )

    def __len__(self) -> int:
        return len(self.navaids)

    def by_ident(self, ident: str, *, country: str = "") -> Navaid | None:
        """The best navaid with this ident, in ``country`` when one is given."""
        return _pick(self._by_ident.get(ident.strip().upper(), []), country)

    def by_name(self, name: str, *, country: str = "") -> Navaid | None:
        """The best navaid called ``name`` ("SEAL BEACH", "Napoleon"), in ``country`` if given."""
        return _pick(self._by_name.get(canonical(name), []), country)


def _pick(candidates: list[Navaid], country: str) -> Navaid | None:
    if country:
        candidates = [n for n in candidates if n.country == country.upper()]
    return candidates[0] if candidates else None
