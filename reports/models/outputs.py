"""What is computed from the reports and kept: background exports and stored hotspot maps."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from reports.models.choices import ExportStatus


class Export(models.Model):
    """A background export of a filtered report list: the page polls ``progress``.

    A worker claims it with a conditional UPDATE (pending -> running), so a redelivered task
    does nothing; the file lives under ``EXPORT_ROOT`` (private storage), never in MEDIA_ROOT.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    format = models.CharField(max_length=8)
    variant = models.CharField(max_length=8, default="staff", help_text="staff or public")
    filters = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=8, choices=ExportStatus.choices, default=ExportStatus.PENDING, db_index=True
    )
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent")
    row_count = models.PositiveIntegerField(null=True, blank=True)
    file = models.CharField(max_length=300, blank=True, help_text="Under EXPORT_ROOT")
    error = models.CharField(max_length=500, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"export {self.pk} ({self.format}, {self.status})"


class HotspotSnapshot(models.Model):
    """A precomputed hotspot map (GeoJSON) for a common view, kept across restarts.

    The periodic task ``reports.hotspot_snapshots_refresh`` overwrites each row by its ``key``
    (a hash of the normalised query), so running it twice does no harm. The Django cache sits in
    front of this table; the table lets a freshly started web process answer in milliseconds
    and is shared by every web machine.
    """

    key = models.CharField(max_length=64, unique=True)
    query = models.JSONField(default=dict)
    fingerprint = models.CharField(max_length=120, help_text="Report data the map was computed on")
    # Stored gzip-compressed, as it is served: a national map is ~100 MB of GeoJSON but ~17 MB
    # compressed, and a restarted web process answers from this row without recompressing.
    body_gzip = models.BinaryField(help_text="The GeoJSON FeatureCollection, gzip-compressed")
    cells = models.PositiveIntegerField(default=0)
    reports = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0.0, help_text="Time the computation took")
    computed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"hotspot snapshot {self.key[:12]} ({self.computed_at:%Y-%m-%d %H:%M})"
