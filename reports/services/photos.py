"""Photos: validate, keep the original privately, publish only a re-encoded copy with no metadata.

FixMyStreet leaked EXIF twice through ingest paths that skipped the sanitiser, so every path
that stores a photo goes through ``attachment_create``.
"""

from __future__ import annotations

import io
import uuid
import warnings
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

from reports.models import Attachment, Report

ALLOWED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}


class PhotoError(ValueError):
    """A photo we will not accept; the message is safe to show the reporter."""


def _open_checked(data: bytes) -> Image.Image:
    if len(data) > settings.REPORT_MAX_PHOTO_BYTES:
        raise PhotoError(f"photo is larger than {settings.REPORT_MAX_PHOTO_BYTES // 1_000_000} MB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ALLOWED_FORMATS:
                raise PhotoError("photo must be a JPEG or PNG image")
            if image.width * image.height > settings.REPORT_MAX_PHOTO_PIXELS:
                raise PhotoError("photo has too many pixels")
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise PhotoError("file is not a readable JPEG or PNG image") from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoError("photo has too many pixels") from exc
    return image


def photo_validate(data: bytes) -> None:
    """Raise ``PhotoError`` unless ``data`` is an acceptable photo."""
    _open_checked(data)


def _gps_from_exif(image: Image.Image) -> tuple[float | None, float | None]:
    try:
        gps = image.getexif().get_ifd(0x8825)
    except Exception:  # noqa: BLE001 - malformed EXIF is common; it only loses a hint
        return None, None
    if not gps or 2 not in gps or 4 not in gps:
        return None, None

    def degrees(value: tuple, ref: str, negative: str) -> float:
        d, m, s = (float(x) for x in value)
        out = d + m / 60 + s / 3600
        return -out if ref == negative else out

    try:
        return degrees(gps[2], gps.get(1, "N"), "S"), degrees(gps[4], gps.get(3, "E"), "W")
    except (TypeError, ValueError, ZeroDivisionError):
        return None, None


def _reencode(image: Image.Image, fmt: str) -> bytes:
    """Pixels only: a fresh image carries no EXIF, XMP, ICC comment or text chunks."""
    mode = "RGBA" if fmt == "PNG" and image.mode in ("RGBA", "LA", "P") else "RGB"
    clean = Image.new(mode, image.size)
    clean.paste(image.convert(mode))
    out = io.BytesIO()
    clean.save(out, format=fmt, **({"quality": 88} if fmt == "JPEG" else {}))
    return out.getvalue()


def attachment_create(*, report: Report, photo) -> Attachment:  # photo: intake.PhotoUpload
    image = _open_checked(photo.data)
    fmt = image.format or "JPEG"
    lat, lon = _gps_from_exif(image)
    ext = "jpg" if fmt == "JPEG" else "png"
    name = f"{uuid.uuid4().hex}.{ext}"
    private_dir = Path(settings.PRIVATE_MEDIA_ROOT) / "originals" / report.reference
    private_dir.mkdir(parents=True, exist_ok=True)
    (private_dir / name).write_bytes(photo.data)
    attachment = Attachment(
        report=report,
        original_path=f"originals/{report.reference}/{name}",
        content_type=ALLOWED_FORMATS[fmt],
        size_bytes=len(photo.data),
        width=image.width,
        height=image.height,
        exif_latitude=lat,
        exif_longitude=lon,
    )
    attachment.public_image.save(name, ContentFile(_reencode(image, fmt)), save=False)
    attachment.save()
    return attachment
