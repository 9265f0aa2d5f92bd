from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from reports.models import AirspaceZone, Attachment, Navaid, Report, ReportEvent, Runway
from reports.selectors import report_synopses


class EventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    readonly_fields = ("at", "actor", "from_status", "to_status", "note")
    can_delete = False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "observed_at",
        "status",
        "source",
        "aerodrome_code",
        "aerodrome_distance_nm",
        "encounter_class",
        "enrichment_status",
    )
    list_filter = ("status", "source", "encounter_class", "enrichment_status", "risk_category")
    search_fields = ("reference", "aerodrome_code", "narrative", "location_text", "city")
    date_hierarchy = "observed_at"
    raw_id_fields = ("duplicate_of",)  # a select of every report took 2.7 s to render
    readonly_fields = (
        "reference",
        "status_token",
        "received_at",
        "status",
        # Set only by the workflow (reports.services.workflow): typing a date here must never
        # publish a report, and public outputs select on the status anyway.
        "published_at",
        "client_hash",
        "synopsis",
    )
    inlines = [EventInline]
    actions = ["publish"]

    @admin.display(description="Synopsis")
    def synopsis(self, obj: Report) -> str:
        return report_synopses(reports=[obj])[0]

    @admin.action(description="Publish selected reports (classified only)", permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        from reports.services.publishing import report_publish
        from reports.services.workflow import IllegalTransition

        done, refused = 0, []
        for report in queryset:
            try:
                report_publish(report=report, actor=request.user.get_username())
                done += 1
            except IllegalTransition as exc:
                refused.append(str(exc))
        if done:
            self.message_user(request, f"Published {done} report(s).", messages.SUCCESS)
        for message in refused[:20]:
            self.message_user(request, message, messages.ERROR)


admin.site.register([Attachment, Runway, Navaid, AirspaceZone])
