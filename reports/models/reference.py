"""Operator-loaded reference data: runways, navaids and airspace zones (``manage.py load_*``)."""

from __future__ import annotations

from django.db import models


class Runway(models.Model):
    """One runway from an OurAirports runways file: both thresholds and true headings."""

    airport_ident = models.CharField(max_length=8, db_index=True)
    length_ft = models.IntegerField(null=True, blank=True)
    le_ident = models.CharField(max_length=8, blank=True)
    le_latitude = models.FloatField(null=True, blank=True)
    le_longitude = models.FloatField(null=True, blank=True)
    le_heading_deg = models.FloatField(null=True, blank=True)
    le_elevation_ft = models.FloatField(null=True, blank=True)
    he_ident = models.CharField(max_length=8, blank=True)
    he_latitude = models.FloatField(null=True, blank=True)
    he_longitude = models.FloatField(null=True, blank=True)
    he_heading_deg = models.FloatField(null=True, blank=True)
    he_elevation_ft = models.FloatField(null=True, blank=True)
    closed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["airport_ident", "le_ident", "he_ident"], name="runway_unique_ends"
            )
        ]

    def __str__(self) -> str:
        return f"{self.airport_ident} {self.le_ident}/{self.he_ident}"


class Navaid(models.Model):
    ident = models.CharField(max_length=8, db_index=True)
    name = models.CharField(max_length=120, db_index=True)
    navaid_type = models.CharField(max_length=16)
    latitude = models.FloatField()
    longitude = models.FloatField()
    country = models.CharField(max_length=2, blank=True, db_index=True)
    associated_airport = models.CharField(max_length=8, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ident", "navaid_type", "country", "name"], name="navaid_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ident} {self.name} {self.navaid_type}"


class AirspaceZone(models.Model):
    name = models.CharField(max_length=200)
    zone_type = models.CharField(max_length=40, db_index=True)
    lower_limit = models.CharField(max_length=60, blank=True)
    upper_limit = models.CharField(max_length=60, blank=True)
    geometry = models.JSONField(help_text="GeoJSON geometry, WGS84")
    source = models.CharField(max_length=255, blank=True)
    properties = models.JSONField(default=dict, blank=True)
    # Loading the same file twice must change nothing: a hash of name+geometry is the identity.
    fingerprint = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.zone_type})"
