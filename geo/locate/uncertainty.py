"""How far the true position may be from the one ``locate`` returns: radii in NM.

One model, named figures: a reference point's own spread (an aerodrome's reference point stands
for the whole field, a city's centre for the whole city), plus what a written offset adds (a
16-point bearing, a rounded distance, an unknown magnetic variation, "in the vicinity").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class UncertaintyModel:
    aerodrome_nm: float = 0.5  # an aerodrome's reference point stands for the whole field
    navaid_nm: float = 0.1  # a navaid is a surveyed point
    town_nm: float = 2.0  # a place of fewer than ``city_population`` people
    city_nm: float = 4.0  # fewer than ``metropolis_population``
    metropolis_nm: float = 8.0
    city_population: int = 100_000
    metropolis_population: int = 1_000_000
    # Across a 16-point bearing the position can sit ~11 degrees either side: 0.2 x distance.
    bearing_per_nm: float = 0.2
    distance_per_nm: float = 0.1  # written distances are rounded: ~10 %
    # A radial is magnetic and read as true; ~15 degrees of unknown variation widen the spread.
    radial_per_nm: float = 0.1
    vicinity_nm: float = 3.0  # "VCNTY SBY": somewhere around it
    runway_end_nm: float = 0.3  # runway thresholds are surveyed; an aircraft on final is near
    runway_per_nm: float = 0.1  # the extended centreline, drifting with distance

    def place(self, population: int) -> float:
        """A place's centre for the place (bigger places spread further)."""
        if population < self.city_population:
            return self.town_nm
        return self.city_nm if population < self.metropolis_population else self.metropolis_nm

    def relative(self, reference_nm: float, distance_nm: float, spread_nm: float = 0.0) -> float:
        """A point ``distance_nm`` from a reference along a written bearing; ``spread_nm`` is
        half a written range ("2 TO 4 NM") or a radial's spread."""
        return round(
            reference_nm
            + self.bearing_per_nm * distance_nm
            + spread_nm
            + self.distance_per_nm * distance_nm,
            3,
        )

    def radial_spread(self, distance_nm: float) -> float:
        return self.radial_per_nm * distance_nm

    def vicinity(self, reference_nm: float) -> float:
        return round(reference_nm + self.vicinity_nm, 3)

    def runway(self, distance_nm: float) -> float:
        """A point ``distance_nm`` out along a runway's centreline."""
        return round(self.runway_end_nm + self.runway_per_nm * distance_nm, 3)

    def runway_unknown(self, distance_nm: float) -> float:
        """The aerodrome itself when the runway is not in the loaded data: the stated distance,
        direction unknown."""
        return round(self.aerodrome_nm + distance_nm, 3)


UNCERTAINTY = UncertaintyModel()
