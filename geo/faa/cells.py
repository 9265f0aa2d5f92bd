"""Turn one raw cell into a clean value: the date cell, text cells and the narrative."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

# Every spelling observed in the 42 releases. Explicit forms, not a guessing parser: "4/5/2021"
# must always mean April 5 (the FAA writes US month/day order). The two numeric forms are matched
# by regex because strptime, tried format by format, was 2/3 of the time to read all releases.
_TIME = r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$"
_ISO_DATE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME)
_US_DATE = re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})" + _TIME)
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_SERIAL_RANGE = (32874, 73051)  # 1990-01-01 to 2100-01-01 as Excel day numbers
_NAMED_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d-%b-%Y")  # "April 9, 2017" (Apr-Jun 2017)

# OOXML escapes characters XML cannot hold as _xHHHH_; openpyxl leaves them undecoded, and the
# FAA's CSVs keep them, so "_x000D_" appears as literal text where a line break was.
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class DateCell:
    date: dt.date | None
    local_time: str | None  # "HH:MM", or None when the cell carries no time of day


def parse_date_cell(value: object) -> DateCell:
    """Date and time of day from the date column: a datetime up to 2017, then a plain date.

    A time of exactly 00:00 counts as *no time*: across the releases with times, none of the
    147 midnight cells matches a 0000 time in its narrative, so midnight is the "date only" filler.
    """
    if isinstance(value, dt.datetime):
        return _from_datetime(value)
    if isinstance(value, dt.date):
        return DateCell(value, None)
    if isinstance(value, int | float) and _SERIAL_RANGE[0] <= value < _SERIAL_RANGE[1]:
        # A date cell saved without a date format reads as the Excel 1900-system day count.
        moment = _EXCEL_EPOCH + dt.timedelta(seconds=round(float(value) * 86400))
        return _from_datetime(moment)
    text = " ".join(str(value or "").split())
    for pattern in (_ISO_DATE, _US_DATE):
        match = pattern.match(text)
        if match:
            return _from_match(match)
    for fmt in _NAMED_DATE_FORMATS:
        try:
            return _from_datetime(dt.datetime.strptime(text, fmt))
        except ValueError:
            continue
    return DateCell(None, None)


def _from_match(match: re.Match[str]) -> DateCell:
    year, month, day = (int(match.group(name)) for name in ("y", "m", "d"))
    hour, minute = (int(part or 0) for part in match.groups()[3:5])
    try:
        return _from_datetime(dt.datetime(year, month, day, hour, minute))
    except ValueError:  # 2/30/2021, 25:00
        return DateCell(None, None)


def _from_datetime(moment: dt.datetime) -> DateCell:
    has_time = (moment.hour, moment.minute) != (0, 0)
    return DateCell(moment.date(), f"{moment:%H:%M}" if has_time else None)


def clean_text(value: object) -> str:
    """A short text cell (city, state) as one trimmed line; '' for empty or None."""
    if value is None:
        return ""
    return " ".join(_decode(str(value)).split())


def clean_narrative(value: object) -> str:
    """The narrative with real line breaks: ``_x000D_`` decoded, CR/CRLF → LF, no trailing blanks.

    Paragraph breaks (a blank line before an appended ``MOR Alert`` block) are kept; runs of
    three or more line breaks, common where ``_x000D_`` was followed by a real break, become two.
    """
    if value is None:
        return ""
    text = _decode(str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    text = _TRAILING_SPACE.sub("\n", text + "\n")
    return _BLANK_LINES.sub("\n\n", text).strip()


def _decode(text: str) -> str:
    if "_x" not in text:
        return text
    # Left to right and non-overlapping, so the escaped underscore "_x005F_x000D_" yields the
    # literal text "_x000D_", as the OOXML rules say.
    return _OOXML_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def normalise_for_dedupe(narrative: str) -> str:
    """Upper case, every whitespace run one space: how "the same words" is judged."""
    return " ".join(narrative.upper().split())


def dedupe_key(date: dt.date, narrative: str) -> str:
    """sha256 hex (64 characters) of the ISO date and the normalised narrative.

    Two rows with the same key are the same report, whichever release or row they came from.
    """
    payload = f"{date.isoformat()}\n{normalise_for_dedupe(narrative)}"
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
