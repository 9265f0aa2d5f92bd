"""The public web form. Validation rules live once, in the API serializer; the form renders
accessible fields and maps the serializer's errors back next to each field."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any

from django import forms
from django.conf import settings

from reports.models import (
    AltitudeReference,
    DroneType,
    EvasiveAction,
    PositionSource,
    ReporterRole,
)
from reports.serializers import ReportSubmitSerializer
from reports.services.locating import position_conflict
from reports.services.photos import PhotoError, photo_validate

# Form field name -> serializer field name, where they differ.
_TO_API = {"location_text": "location"}
FORM_POSITION_SOURCES = (PositionSource.MAP, PositionSource.BOTH, PositionSource.DEVICE)
# Form-only fields: never sent to the serializer.
_FORM_ONLY = ("form_token", "tz_offset_minutes", "photo", "website", "position_source")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to ``REPORT_MAX_PHOTOS`` photos; more is an error naming the limit, never a silent
    drop of all but one. Cleans to a list of uploaded files."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}))
        super().__init__(**kwargs)

    def clean(self, data: object, initial: object = None) -> list:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        limit = settings.REPORT_MAX_PHOTOS
        if len(files) > limit:
            raise forms.ValidationError(
                f"At most {limit} photos per report; you attached {len(files)}."
            )
        return [super(PhotosField, self).clean(f, initial) for f in files]


class ReportForm(forms.Form):
    form_token = forms.CharField(widget=forms.HiddenInput)
    tz_offset_minutes = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=-14 * 60, max_value=14 * 60
    )
    observed_at = forms.DateTimeField(
        label="When did you see it?",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text="Your local time.",
    )
    location_text = forms.CharField(
        label="Where?",
        required=False,
        max_length=500,
        help_text='Type coordinates, an airport code, "3 NM SE of EGLL" or a place - '
        "or click the map.",
    )
    latitude = forms.FloatField(
        label="Latitude", required=False, widget=forms.NumberInput(attrs={"step": "any"})
    )
    longitude = forms.FloatField(
        label="Longitude", required=False, widget=forms.NumberInput(attrs={"step": "any"})
    )
    # Set by the page: where the latitude/longitude came from, after the reporter settled any
    # disagreement with the typed text (map, device) or saw them agree (both).
    position_source = forms.ChoiceField(
        choices=[("", "")] + [(c, c) for c in FORM_POSITION_SOURCES],
        required=False,
        widget=forms.HiddenInput,
    )
    altitude_ft = forms.IntegerField(label="Drone height (feet)", required=False)
    altitude_reference = forms.ChoiceField(
        label="Height measured from",
        choices=AltitudeReference.choices,
        initial=AltitudeReference.UNKNOWN,
    )
    narrative = forms.CharField(
        label="What happened?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
    )
    reporter_role = forms.ChoiceField(
        label="You are", choices=ReporterRole.choices, initial=ReporterRole.PUBLIC
    )
    drone_type = forms.ChoiceField(
        label="Drone type", choices=DroneType.choices, initial=DroneType.UNKNOWN
    )
    drone_count = forms.IntegerField(label="How many drones?", required=False)
    drone_colour = forms.CharField(label="Colour", required=False, max_length=60)
    aircraft_type = forms.CharField(
        label="Aircraft type (if you were flying)", required=False, max_length=40
    )
    closest_proximity_ft = forms.IntegerField(
        label="Closest distance to the aircraft (feet)", required=False
    )
    evasive_action = forms.ChoiceField(
        label="Evasive action", choices=EvasiveAction.choices, initial=EvasiveAction.NOT_STATED
    )
    contact_name = forms.CharField(label="Your name", required=False, max_length=200)
    contact_email = forms.CharField(
        label="Your e-mail", required=False, max_length=254, widget=forms.EmailInput
    )
    contact_phone = forms.CharField(label="Your phone", required=False, max_length=40)
    contact_consent = forms.BooleanField(
        label="You may contact me about this report", required=False
    )
    photo = PhotosField(label="Photos (JPEG or PNG, optional)", required=False)
    # Honeypot: people never see it; bots fill it. Such reports are quarantined, not dropped.
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )

    def clean_photo(self) -> list:
        photos = self.cleaned_data.get("photo") or []
        for photo in photos:
            if photo.size > settings.REPORT_MAX_PHOTO_BYTES:
                raise forms.ValidationError("The photo is too large.")
            data = photo.read()
            try:
                photo_validate(data)
            except PhotoError as exc:
                raise forms.ValidationError(str(exc)) from exc
            photo.validated_bytes = data
        return photos

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None  # Form.clean returns cleaned_data
        if self.errors:
            return cleaned
        observed = cleaned.get("observed_at")
        if observed is not None:
            # datetime-local is naive local time; the page tells us the browser's UTC offset.
            offset = cleaned.get("tz_offset_minutes") or 0
            try:
                observed = observed.replace(tzinfo=UTC) + timedelta(minutes=offset)
            except OverflowError:  # 9999-12-31 23:59 + 14 h, or year 1 - 14 h
                self.add_error("observed_at", "This date is out of range: give a real date.")
                return cleaned
        payload = {
            _TO_API.get(name, name): value
            for name, value in cleaned.items()
            if name not in _FORM_ONLY and value not in (None, "")
        }
        payload["observed_at"] = observed
        serializer = ReportSubmitSerializer(data=payload)
        if not serializer.is_valid():
            reverse = {v: k for k, v in _TO_API.items()}
            for name, messages in serializer.errors.items():
                field = reverse.get(name, name)
                for message in messages:
                    self.add_error(field if field in self.fields else None, str(message))
            return cleaned
        self.report_data = serializer.to_report_data()
        self._position_source_settle(cleaned)
        return cleaned

    def _position_source_settle(self, cleaned: dict) -> None:
        """Coordinates and a typed text that disagree by more than the text's uncertainty are
        never resolved silently: unless the reporter chose the map point (or their device's),
        the form asks which one is right."""
        lat, lon = self.report_data.get("latitude"), self.report_data.get("longitude")
        if lat is None or lon is None:
            return
        chosen = cleaned.get("position_source") or ""
        text = self.report_data.get("location_text", "")
        conflict = position_conflict(text=text, latitude=lat, longitude=lon) if text else None
        if conflict and chosen not in (PositionSource.MAP, PositionSource.DEVICE):
            self.add_error(
                "latitude",
                f"The map point is {conflict.distance_nm:.0f} NM from where "
                f'"{text[:80]}" puts it ({conflict.description}). Which is right? '
                "Clear the location text to keep the map point, or clear the latitude and "
                "longitude to keep the text.",
            )
            return
        if chosen:
            self.report_data["position_source"] = chosen
        elif text:
            self.report_data["position_source"] = (
                PositionSource.BOTH if conflict is None else PositionSource.MAP
            )
