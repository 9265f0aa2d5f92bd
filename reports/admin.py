from __future__ import annotations

from django.contrib import admin

from reports.models import AirspaceZone, Attachment, Navaid, Report, ReportEvent, Runway


class EventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    readonly_fields = ("at", "actor", "from_status", "to_status", "note")
    can_delete = False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("reference", "observed_at", "status", "source", "aerodrome_code",
                    "aerodrome_distance_nm", "encounter_class", "enrichment_status")
    list_filter = ("status", "source", "encounter_class", "enrichment_status", "risk_category")
    search_fields = ("reference", "aerodrome_code", "narrative", "location_text", "city")
    date_hierarchy = "observed_at"
    readonly_fields = ("reference", "status_token", "received_at", "status", "client_hash")
    inlines = [EventInline]


admin.site.register([Attachment, Runway, Navaid, AirspaceZone])
