"""Writing an export frame as CSV, XLSX, GeoJSON or GeoPackage.

GeoJSON and GeoPackage go through pyogrio (GDAL inside its wheel), so they open in QGIS and
GDAL; points are WGS84 (EPSG:4326). XLSX and GeoPackage carry the data dictionary too (a
second sheet, a ``dictionary`` table); for CSV and GeoJSON it is a separate download. Text that
a spreadsheet would run as a formula is neutralised in CSV and XLSX (see ``formulas``).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from reports.services.exports.formulas import csv_text, sheet_protect_text

FORMATS = ("csv", "xlsx", "geojson", "gpkg")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "gpkg": "application/geopackage+sqlite3",
}
LAYER = "reports"


def _geo(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    points = gpd.points_from_xy(frame["longitude"], frame["latitude"], crs="EPSG:4326")
    geometry = gpd.GeoSeries(points, index=frame.index)
    geometry[frame["latitude"].isna() | frame["longitude"].isna()] = None
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def frame_write(
    frame: pd.DataFrame, path: Path, fmt: str, dictionary: list[dict[str, str]]
) -> Path:
    """Write ``frame`` to ``path`` in ``fmt`` (one of ``FORMATS``)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        path.write_text(csv_text(frame), encoding="utf-8", newline="")
    elif fmt == "xlsx":
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            frame.to_excel(writer, sheet_name=LAYER, index=False)
            sheet_protect_text(writer.sheets[LAYER], frame)
            pd.DataFrame(dictionary).to_excel(writer, sheet_name="dictionary", index=False)
    elif fmt == "geojson":
        path.unlink(missing_ok=True)
        pyogrio.write_dataframe(_geo(frame), path, driver="GeoJSON")
    else:
        path.unlink(missing_ok=True)
        pyogrio.write_dataframe(_geo(frame), path, layer=LAYER, driver="GPKG")
        pyogrio.write_dataframe(
            pd.DataFrame(dictionary), path, layer="dictionary", driver="GPKG", append=False
        )
    return path


def dictionary_csv(dictionary: list[dict[str, str]]) -> str:
    return csv_text(pd.DataFrame(dictionary))
