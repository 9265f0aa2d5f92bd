from __future__ import annotations

from django.urls import path

from reports import apis, views

urlpatterns = [
    path("", views.home, name="home"),
    path("report/", views.report_new, name="report-new"),
    path("track/<str:token>/", views.report_track, name="report-track"),
    path("basemap/countries.geojson", views.basemap_countries, name="basemap-countries"),
    path("api/v1/reports/", apis.ReportCreateApi.as_view(), name="api-report-create"),
    path("api/v1/status/<str:token>/", apis.ReportStatusApi.as_view(), name="api-report-status"),
]
