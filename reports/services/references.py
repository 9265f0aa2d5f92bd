"""Public references and private status tokens: random, never sequential."""

from __future__ import annotations

import secrets

# Crockford-style alphabet without 0/O, 1/I/L, U: easy to read aloud and type.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference() -> str:
    """``DR-XXXX-XXXX``: 30**8 ≈ 6.6e11 possibilities, drawn from the OS CSPRNG."""
    body = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"DR-{body[:4]}-{body[4:]}"


def new_status_token() -> str:
    return secrets.token_urlsafe(24)
