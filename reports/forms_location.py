"""The tracking page's "where was it?" form, for a report we could not place."""

from __future__ import annotations

from typing import Any

from django import forms


class LocationCorrectionForm(forms.Form):
    location_text = forms.CharField(
        label="Where was it?",
        required=False,
        max_length=500,
        help_text='An airport code, "3 NM SE of JFK", a town, or coordinates.',
    )
    latitude = forms.FloatField(
        label="Latitude",
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    longitude = forms.FloatField(
        label="Longitude",
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = (cleaned.get("location_text") or "").strip()
        if "\x00" in text:
            self.add_error("location_text", "The location text contains a NUL character.")
        lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
        if (lat is None) != (lon is None):
            self.add_error("longitude" if lon is None else "latitude", "Give both or neither.")
        elif not text and lat is None and not self.errors:
            raise forms.ValidationError("Give a location text or latitude and longitude.")
        cleaned["location_text"] = text
        return cleaned
