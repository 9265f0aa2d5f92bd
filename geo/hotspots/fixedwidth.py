"""Numbers and ids written as fixed-width ASCII columns, for whole arrays at once.

JSON allows whitespace between tokens, so a number right-aligned in a field of spaces is still
a number (``[  -73.778123, 40.641311]``). With every field a fixed width, a whole table of
records is one ``uint8`` matrix that numpy fills column by column: no per-value formatting call,
no per-record Python. ``geo.hotspots.serialise`` builds national hotspot maps this way.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

SPACE, MINUS, DOT, ZERO = ord(" "), ord("-"), ord("."), ord("0")
_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_NULL = np.frombuffer(b"null", dtype=np.uint8)


@lru_cache(maxsize=8)
def _signed_integers(digits: int) -> NDArray[np.uint8]:
    """Row ``negative * 10**digits + value`` (value < 10**digits): the value right-aligned
    in ``digits + 1`` characters, its sign against the first digit ("  -5", " -73", "-180")."""
    width = digits + 1
    return np.frombuffer(
        b"".join(
            (("-" if neg else "") + str(v)).rjust(width).encode()
            for neg in (False, True)
            for v in range(10**digits)
        ),
        dtype=np.uint8,
    ).reshape(2 * 10**digits, width)


@lru_cache(maxsize=4)
def _zero_padded(digits: int) -> NDArray[np.uint8]:
    """Row ``v``: ``v`` with ``digits`` digits, zero-padded ("000042")."""
    values = np.arange(10**digits, dtype=np.int64)[:, None]
    powers = 10 ** np.arange(digits - 1, -1, -1, dtype=np.int64)
    return (ZERO + (values // powers) % 10).astype(np.uint8)


def decimals_column(
    values: ArrayLike, *, int_digits: int, decimals: int = 6, out: NDArray[np.uint8] | None = None
) -> NDArray[np.uint8]:
    """Each value with exactly ``decimals`` decimals (rounded half to even), right-aligned in
    ``2 + int_digits + decimals`` characters; ``null`` where the value is NaN or infinite.
    Written into ``out`` (rows x that width, e.g. a slice of a larger record matrix) when
    given. Raises ValueError when a value needs more than ``int_digits`` integer digits.

    The fraction and the signed integer part are each one row of a look-up table of their
    texts, so a column costs a handful of array operations, not a format call per value."""
    v = np.asarray(values, dtype=np.float64).ravel()
    n = v.size
    width = 2 + int_digits + decimals
    if out is None:
        out = np.empty((n, width), dtype=np.uint8)
    finite = np.isfinite(v)
    scaled = np.rint(np.where(finite, v, 0.0) * 10.0**decimals).astype(np.int64)
    negative = scaled < 0
    whole, fraction = np.divmod(np.abs(scaled), 10**decimals)
    if int_digits <= 4:
        if (whole >= 10**int_digits).any():
            raise ValueError(f"a value needs more than {int_digits} integer digits")
        whole += negative * 10**int_digits
        # np.take, not fancy indexing: several times faster for row gathers like these.
        out[:, : int_digits + 1] = np.take(_signed_integers(int_digits), whole, axis=0)
    else:
        _integer_digits(whole, negative, out[:, : int_digits + 1], int_digits)
    out[:, int_digits + 1] = DOT
    if decimals <= 6:
        out[:, int_digits + 2 :] = np.take(_zero_padded(decimals), fraction, axis=0)
    else:
        for col in range(width - 1, int_digits + 1, -1):
            fraction, digit = np.divmod(fraction, 10)
            out[:, col] = ZERO + digit
    if not finite.all():
        out[~finite] = SPACE
        out[~finite, width - 4 :] = _NULL
    return out


def _integer_digits(
    whole: NDArray[np.int64], negative: NDArray[np.bool_], out: NDArray[np.uint8], int_digits: int
) -> None:
    """Digit by digit, for integer parts too wide for a look-up table."""
    rest = whole.copy()
    n = rest.size
    units = int_digits
    out[:, units] = ZERO + rest % 10  # at least one integer digit: 0.5 is "0.5", not ".5"
    rest //= 10
    sign_at = np.full(n, units - 1)
    for col in range(units - 1, 0, -1):
        more = rest > 0
        out[:, col] = np.where(more, ZERO + rest % 10, SPACE)
        sign_at = np.where(more, col - 1, sign_at)
        rest //= 10
    out[:, 0] = SPACE
    if rest.any():
        raise ValueError(f"a value needs more than {int_digits} integer digits")
    rows = np.flatnonzero(negative)
    out[rows, sign_at[rows]] = MINUS


def integers_column(
    values: ArrayLike, *, width: int, null: ArrayLike | None = None
) -> NDArray[np.uint8]:
    """Non-negative integers right-aligned in ``width`` characters; ``null`` where ``null``
    (a boolean mask) is set."""
    rest = np.asarray(values, dtype=np.int64).ravel().copy()
    if (rest < 0).any():
        raise ValueError("integers_column writes non-negative integers only")
    out = np.empty((rest.size, width), dtype=np.uint8)
    out[:, width - 1] = ZERO + rest % 10
    rest //= 10
    for col in range(width - 2, -1, -1):
        more = rest > 0
        out[:, col] = np.where(more, ZERO + rest % 10, SPACE)
        rest //= 10
    if rest.any():
        raise ValueError(f"an integer needs more than {width} digits")
    if null is not None:
        mask = np.asarray(null, dtype=bool).ravel()
        out[mask] = SPACE
        out[mask, width - 4 :] = _NULL
    return out


def hex_column(cells: ArrayLike, digits: int = 15) -> NDArray[np.uint8]:
    """H3 ids (int64) as their lowercase hexadecimal strings (15 digits for every cell)."""
    arr = np.asarray(cells, dtype=np.int64).ravel()
    out = np.empty((arr.size, digits), dtype=np.uint8)
    for i in range(digits):
        out[:, i] = np.take(_HEX, (arr >> (4 * (digits - 1 - i))) & 0xF)
    return out


def lookup_column(codes: ArrayLike, texts: list[bytes]) -> NDArray[np.uint8]:
    """``texts[code]`` per row, each padded with trailing spaces to the longest text."""
    width = max((len(t) for t in texts), default=0)
    table = np.array(
        [np.frombuffer(t.ljust(width), dtype=np.uint8) for t in texts], dtype=np.uint8
    ).reshape(len(texts), width)
    return np.take(table, np.asarray(codes, dtype=np.intp).ravel(), axis=0)
