"""Whether the police or another agency was told: ``True`` when the narrative says one was,
``False`` when it says none was, ``None`` when it does not say.

Kept apart from the drone's description and the aircraft's involvement because its cost is
its own: an alternation of agency names, gated by cheap substring keys (see ``_LEO_KEYS``).
"""

from __future__ import annotations

import re

from geo.narrative.text import Gated

_LEO_WORDS = (
    r"(?:\bPD\b|POLICE|SHERIFF|\bLEOS?\b|LAW ENFORCEMENT|\bFBI\b|\bUSSS\b|SECRET SERVICE|"
    r"TROOPER|STATE PATROL|HIGHWAY PATROL|\b911\b|MARSHAL|CONSTABLE|\bPMO\b|\bSO\b|\bDPS\b|"
    r"\bCHP\b|\b[A-Z]{2,4}PD\b|\bPAPD\b|SECURITY|BORDER PATROL|\bCBP\b|MILITARY POLICE|"
    r"\bMP\b|\bSHERIFFS?\b|\bDHS\b|\bAOC\b|OPERATIONS CENTER|\bOSI\b|\bNCIS\b|\bCID\b)"
)
_LEO_UNKNOWN = Gated(
    r"\bUNK(?:N|NOWN)?\b[^.]{0,40}(?:NOTIF|" + _LEO_WORDS[3:] + r"|"
    r"(?:LEO|LAW ENFORCEMENT) NOTIFICATION (?:NOT|WAS NOT) (?:REPORTED|PROVIDED)|"
    r"\bNO (?:LEO|LAW ENFORCEMENT) NOTIFICATION (?:REPORTED|PROVIDED)",
    ("UNK", "NOTIFICATION"),
)
_LEO_NO = Gated(
    r"\b(?:LEOS?|LAW ENFORCEMENT|POLICE|PD)\s(?:WAS\s|WERE\s)?NOT\s(?:NOTIFIED|"
    r"CONTACTED|ADVISED)|\bNO (?:LEOS?|LAW ENFORCEMENT|POLICE) (?:WAS |WERE )?"
    r"(?:NOTIFIED|CONTACTED)|\bDID NOT (?:NOTIFY|CONTACT|CALL) (?:LEO|LAW|POLICE)",
    (
        "NOT NOTIFIED",
        "NOT CONTACTED",
        "NOT ADVISED",
        "NO LEO",
        "NO LAW",
        "NO POLICE",
        "DID NOT NOTIFY",
        "DID NOT CONTACT",
        "DID NOT CALL",
    ),
)
_LEO_AGENCY = re.compile(_LEO_WORDS)
# A literal every alternative of ``_LEO_WORDS`` contains: a window holding none of them cannot
# name an agency. ``_LEO_AGENCY`` costs ~40 us on a sentence (an alternation of ``\b`` words
# tried at every position) and "ADVISED" is in nearly every header, so this gate is most of
# ``law_enforcement``'s speed. "SO" and "MP" sit inside many words (ALSO, CAMP): when one of
# them is the only key present, a short two-word pattern decides.
_LEO_KEYS = (
    "PD",
    "POLICE",
    "SHERIFF",
    "LEO",
    "LAW ENFORCEMENT",
    "FBI",
    "USSS",
    "SECRET SERVICE",
    "TROOPER",
    "PATROL",
    "911",
    "MARSHAL",
    "CONSTABLE",
    "PMO",
    "DPS",
    "CHP",
    "SECURITY",
    "CBP",
    "DHS",
    "AOC",
    "OPERATIONS CENTER",
    "OSI",
    "NCIS",
    "CID",
)
_SO_MP = re.compile(r"\b(?:SO|MP)\b")


def _names_agency(window: str, keys: tuple[str, ...], so_mp: bool) -> bool:
    """``_LEO_AGENCY.search(window)``, skipped when the window lacks the literals it needs
    (``keys``: those of ``_LEO_KEYS`` present in the whole block)."""
    for k in keys:
        if k in window:
            return _LEO_AGENCY.search(window) is not None
    return so_mp and _SO_MP.search(window) is not None


_LEO_VERB = re.compile(
    r"NOTIF|NTFD|ADVISED|CONTACTED|DISPATCHED|INFORMED|RESPONDED|CALLED|ADZD|"
    r"ON SCENE"
)


def law_enforcement(prelim: str, mor: str) -> bool | None:
    """True when an agency was told, False when the text says none was, None when unknown."""
    for block in (prelim, mor):
        if not block:
            continue
        if _LEO_NO.search(block):
            return False
        if _LEO_UNKNOWN.search(block):
            return None
        keys = tuple(k for k in _LEO_KEYS if k in block)
        so_mp = "SO" in block or "MP" in block
        if not keys and not so_mp:
            continue  # no agency named anywhere in this block
        for verb in _LEO_VERB.finditer(block):
            # The agency is named in the same sentence, just before or after the verb.
            start = max(block.rfind(".", 0, verb.start()) + 1, verb.start() - 80)
            end = block.find(".", verb.end())
            end = min(end if end >= 0 else len(block), verb.end() + 40)
            if _names_agency(block[start:end], keys, so_mp):
                return True
    return None
