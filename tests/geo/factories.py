"""Reference tables shared by the geo tests: a few real runways and navaids, in OurAirports
columns, as ``ReferenceData.build`` reads them."""

from __future__ import annotations

import pandas as pd

RUNWAYS = pd.DataFrame(
    [
        # OurAirports columns, as in runways.csv
        {
            "airport_ident": "KLAX",
            "length_ft": 8926,
            "closed": 0,
            "le_ident": "6L",
            "le_latitude_deg": 33.949119,
            "le_longitude_deg": -118.431187,
            "le_heading_degT": 83,
            "le_elevation_ft": 112,
            "he_ident": "24R",
            "he_latitude_deg": 33.952112,
            "he_longitude_deg": -118.401954,
            "he_heading_degT": 263,
            "he_elevation_ft": 117,
        },
        {
            "airport_ident": "EGLL",
            "length_ft": 12001,
            "closed": 0,
            "le_ident": "09R",
            "le_latitude_deg": 51.46478,
            "le_longitude_deg": -0.486808,
            "le_heading_degT": 90,
            "le_elevation_ft": 75,
            "he_ident": "27L",
            "he_latitude_deg": 51.464957,
            "he_longitude_deg": -0.434048,
            "he_heading_degT": 270,
            "he_elevation_ft": 77,
        },
        {
            "airport_ident": "KSFO",
            "length_ft": 8650,
            "closed": 0,
            "le_ident": "1L",
            "le_latitude_deg": 37.6077,
            "le_longitude_deg": -122.383,
            "le_heading_degT": 28,
            "le_elevation_ft": 10,
            "he_ident": "19R",
            "he_latitude_deg": 37.6273,
            "he_longitude_deg": -122.3699,
            "he_heading_degT": 208,
            "he_elevation_ft": 10,
        },
    ]
)
NAVAIDS = pd.DataFrame(
    [
        {
            "ident": "ANX",
            "name": "Napoleon",
            "type": "VORTAC",
            "latitude_deg": 39.0954,
            "longitude_deg": -94.1288,
            "iso_country": "US",
            "associated_airport": "",
        },
        {
            "ident": "SLI",
            "name": "Seal Beach",
            "type": "VORTAC",
            "latitude_deg": 33.7833,
            "longitude_deg": -118.0546,
            "iso_country": "US",
            "associated_airport": "KSLI",
        },
        {
            "ident": "SLI",
            "name": "Sao Luis",
            "type": "VOR-DME",
            "latitude_deg": -2.59,
            "longitude_deg": -44.23,
            "iso_country": "BR",
            "associated_airport": "SBSL",
        },
    ]
)
