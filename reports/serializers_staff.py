"""Query and request serializers of the staff list and exports, shared by the staff pages and
the staff APIs (so neither door imports the other)."""

from __future__ import annotations

from rest_framework import serializers

from reports.api_fields import BBoxField, StrictSerializer
from reports.models import AerodromeRole, EncounterClass, ReportStatus, Source
from reports.selectors import ReportFilters
from reports.services.exports import FORMATS


class ReportFilterSerializer(StrictSerializer):
    observed_from = serializers.DateTimeField(required=False)
    observed_to = serializers.DateTimeField(required=False)
    bbox = BBoxField(required=False)
    aerodrome = serializers.CharField(required=False, max_length=8)
    aerodrome_role = serializers.ChoiceField(
        AerodromeRole.choices,
        required=False,
        help_text="Which aerodrome `aerodrome` matches: the one the location text refers to "
        "(referred), the nearest to the position (nearest), or either (default)",
    )
    needs_location = serializers.BooleanField(
        required=False, help_text="Only reports that could not be placed"
    )
    status = serializers.ChoiceField(ReportStatus.choices, required=False)
    encounter_class = serializers.ChoiceField(EncounterClass.choices, required=False)
    # A field named like Field.source: DRF's metaclass moves it into _declared_fields, so the
    # attribute never shadows anything at run time; the stubs see only the class attribute.
    source = serializers.ChoiceField(Source.choices, required=False)  # type: ignore[assignment]

    def filters(self) -> ReportFilters:
        return ReportFilters(**{k: v for k, v in self.validated_data.items()})


class ReportListQuerySerializer(ReportFilterSerializer):
    download = serializers.ChoiceField([*FORMATS, "dictionary"], required=False)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=1000, default=100)
    offset = serializers.IntegerField(required=False, min_value=0, default=0)

    def filters(self) -> ReportFilters:
        data = {
            k: v for k, v in self.validated_data.items() if k not in ("download", "limit", "offset")
        }
        return ReportFilters(**data)


class ExportCreateSerializer(ReportFilterSerializer):
    format = serializers.ChoiceField(FORMATS)

    def filters(self) -> ReportFilters:
        return ReportFilters(**{k: v for k, v in self.validated_data.items() if k != "format"})
