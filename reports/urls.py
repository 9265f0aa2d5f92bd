from __future__ import annotations

from django.urls import path

from reports import (
    apis,
    apis_hotspots,
    apis_locate,
    apis_public,
    apis_staff,
    views,
    views_maps,
    views_public,
    views_staff,
)
from reports.routing import MethodRouter

urlpatterns = [
    path("", views.home, name="home"),
    path("report/", views.report_new, name="report-new"),
    path("track/<str:token>/", views.report_track, name="report-track"),
    path("basemap/countries.geojson", views.basemap_countries, name="basemap-countries"),
    # Two views on one URL: POST files a report (public); GET is the staff list and exports.
    path(
        "api/v1/reports/",
        MethodRouter(post=apis.ReportCreateApi.as_view(), get=apis_staff.ReportListApi.as_view()),
        name="api-report-create",
    ),
    path("api/v1/exports/", apis_staff.ExportCreateApi.as_view(), name="api-export-create"),
    path(
        "api/v1/exports/<int:export_id>/", apis_staff.ExportStatusApi.as_view(), name="api-export"
    ),
    path(
        "api/v1/exports/<int:export_id>/download/",
        apis_staff.ExportDownloadApi.as_view(),
        name="api-export-download",
    ),
    path(
        "api/v1/public/reports.geojson",
        apis_public.OpenDataGeoJsonApi.as_view(),
        name="api-public-geojson",
    ),
    path("api/v1/public/reports.csv", apis_public.OpenDataCsvApi.as_view(), name="api-public-csv"),
    path(
        "api/v1/public/dictionary/",
        apis_public.OpenDataDictionaryApi.as_view(),
        name="api-public-dictionary",
    ),
    path("open-data/", views_public.open_data, name="open-data"),
    path("staff/reports/", views_staff.staff_reports, name="staff-reports"),
    path("staff/exports/", views_staff.staff_export_create, name="staff-export-create"),
    path("staff/exports/<int:export_id>/", views_staff.staff_export, name="staff-export"),
    path("api/v1/status/<str:token>/", apis.ReportStatusApi.as_view(), name="api-report-status"),
    # Hotspot maps (reports/apis_hotspots.py, reports/views_maps.py).
    path("api/v1/hotspots/", apis_hotspots.HotspotsApi.as_view(), name="api-hotspots"),
    path(
        "api/v1/hotspots/map.png",
        apis_hotspots.HotspotMapImageApi.as_view(),
        name="api-hotspot-map-png",
    ),
    path(
        "api/v1/hotspots/cells/<str:cell>/reports/",
        apis_hotspots.HotspotCellReportsApi.as_view(),
        name="api-hotspot-cell-reports",
    ),
    path(
        "api/v1/hotspots/clusters/",
        apis_hotspots.ReportClustersApi.as_view(),
        name="api-hotspot-clusters",
    ),
    path(
        "api/v1/hotspots/aerodromes/",
        apis_hotspots.AerodromesLayerApi.as_view(),
        name="api-hotspot-aerodromes",
    ),
    path(
        "api/v1/public/hotspots/",
        apis_hotspots.PublicHotspotsApi.as_view(),
        name="api-public-hotspots",
    ),
    path(
        "api/v1/public/hotspots/aerodromes/",
        apis_hotspots.PublicAerodromesLayerApi.as_view(),
        name="api-public-hotspot-aerodromes",
    ),
    path(
        "api/v1/airspace/zones.geojson",
        apis_hotspots.AirspaceZonesApi.as_view(),
        name="api-airspace-zones",
    ),
    path("api/v1/locate/", apis_locate.LocateApi.as_view(), name="api-locate"),
    path(
        "api/v1/reference/features.geojson",
        apis_locate.ReferenceFeaturesApi.as_view(),
        name="api-reference-features",
    ),
    path("staff/map/", views_maps.staff_map, name="staff-map"),
    path("map/", views_maps.public_map, name="public-map"),
]
