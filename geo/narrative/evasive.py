"""What the crew did and said: evasive action (with or without the word "evasive"), a
declared NMAC, and "dangerously close" wording.

Evasive action is a manoeuvre made to avoid the drone. Besides the stock sentences ("NO
EVASIVE ACTION TAKEN", "TOOK EVASIVE ACTION") the crews describe it with a verb of manoeuvre
and a purpose: any form of climb, descend, turn, bank, manoeuvre, veer, swerve, pull up, dive,
duck, deviate, adjust, alter or change course, break off, go around or level off, followed in
the same sentence by "TO AVOID" or "TO MISS" (``_MANOEUVRE``). Such a sentence is void when the
sentence denies it ("DID NOT HAVE TO MANEUVER TO AVOID"), when someone else manoeuvred (ATC,
other traffic) or when what was avoided is not the drone ("TO AVOID THE TRAFFIC"). A concrete
manoeuvre outweighs the stock "NO EVASIVE ACTION TAKEN" (often filled in before the crew was
asked); otherwise the PRELIM block decides when it speaks.
"""

from __future__ import annotations

import re

from geo.narrative.text import Gated, any_key

Found = tuple[str, tuple[int, int, int] | None]  # value, (block, start, end)

_EVASIVE_UNKNOWN = Gated(
    r"\bUNK(?:N|NOWN)?\b[^.]{0,60}\bEVASIVE\b|\bEVASIVE ACTION (?:IS |WAS )?(?:UNK(?:N|NOWN)?|NOT "
    r"(?:REPORTED|KNOWN|STATED|PROVIDED|SPECIFIED))\b|\bEVASIVE ACTION\s?:?\s?(?:UNK(?:N|NOWN)?)\b|"
    r"\bEVASIVE ACTION AND [^.]{0,40}\bNOT (?:REPORTED|PROVIDED)\b",
    ("UNK", "NOT REPORTED", "NOT KNOWN", "NOT STATED", "NOT PROVIDED", "NOT SPECIFIED"),
)
_EVASIVE_NO = re.compile(
    r"\bNO\s?EVASIVE|\bEVASIVE\s(?:ACTION|ACTON|MANEUVERS?)\s(?:WAS\s|WERE\s)?NOT\s(?:TAKEN|REQUIRED|"
    r"NEEDED|NECESSARY|REQUESTED|WARRANTED|EXECUTED|PERFORMED)|\bNOT\s(?:TAKE|REQUIRE|NEED|HAVE TO "
    r"TAKE|PERFORM|MAKE)\s(?:ANY\s)?EVASIVE|\bNEITHER\b[^.]{0,40}\bEVASIVE|\bNO\sCONFLICTS?\b|"
    r"\bWITHOUT\s(?:ANY\s|TAKING\s(?:ANY\s)?)?EVASIVE|\bNO\s(?:NEED|ACTION)\s(?:FOR|TO TAKE)\s(?:ANY\s)?"
    r"EVASIVE|\bEVASIVE ACTION\s?:?\s?NO(?:NE)?\b|\bNOT (?:INDICATE|REPORT|STATE)[^.]{0,40}EVASIVE|"
    r"\bNOT HAVE (?:TIME )?TO (?:TAKE |MAKE |PERFORM )?(?:ANY )?(?:EVASIVE|MANEUVER|MANOEUVRE|ADJUST|"
    r"DEVIATE|TURN|CLIMB|DESCEND|AVOID)"
)
_EVASIVE_YES = re.compile(
    r"(?<!NO )(?<!NOT )\bEVASIVE\s(?:ACTION|ACTON|MANEUVERS?|MANEUVERING|TURN|CLIMB|DESCENT|RIGHT|"
    r"LEFT)(?:\s(?:WAS|WERE))?\s(?:TAKEN|REQUIRED|NEEDED|NECESSARY|EXECUTED|PERFORMED|MADE)\b|"
    r"\b(?:TOOK|TAKE|TAKING|TAKEN|EXECUTED|INITIATED|PERFORMED|MADE|MAKE|REQUIRED|NEEDED|HAD)\s(?:AN?\s)?"
    r"(?:IMMEDIATE\s|SOME\s|MINOR\s|SLIGHT\s)?EVASIVE\b|"
    r"\bEVASIVE\s(?:RIGHT|LEFT)?\s?(?:TURN|CLIMB|DESCENT|MANEUVER)\b|"
    r"\bMANEUVER(?:ED|ING)? AROUND (?:THE |A )?(?:UAS|DRONE)"
)
# Every alternative of _EVASIVE_YES needs one of these; most blocks have none, and the pattern
# (``\b`` alternatives tried at every position) is one of the slowest here.
_EVASIVE_YES_KEYS = ("EVASIVE", "MANEUVER")
_MANOEUVRE_WORDS = ("AVOID", "AROUND", "MISS", "MANEUV", "MANOEUV")
# A yes-phrase is void when its own sentence negates it ("DID NOT HAVE TIME TO TAKE EVASIVE").
_NEGATED = re.compile(r"\b(?:NOT|NO|NEITHER|NEVER|WITHOUT|UNLIKELY)\b[^.]*$")
_AVOID_OTHERS = Gated(
    r"\b(?:PATTERN|OTHER|SUBSEQUENT|FOLLOWING|ATC|CONTROLLER|VECTORED|"
    r"ARRIVALS?|DEPARTURES?) [^.]{0,60}TO AVOID\b",
    ("AVOID",),
)
_NMAC = Gated(
    r"\bNMAC\b|\bNEAR[- ]MID[- ]?AIR|\bNEAR[- ]MISS|\bNEAR COLLISION|\bALMOST COLLIDED",
    ("NMAC", "NEAR", "COLLIDED"),
)
_NMAC_NEG = re.compile(
    r"\b(?:NO|NOT AN?|NOT|NEGATIVE|DID NOT (?:DECLARE|REPORT)(?: AN?)?)\s(?:NMAC|"
    r"NEAR[- ]MID[- ]?AIR|NEAR[- ]MISS)|\bNMAC\s(?:WAS\s)?NOT\b|"
    r"\bNOT\b[^.]{0,30}\b(?:NMAC|NEAR[- ]MID[- ]?AIR)"
)
_DANGEROUS = Gated(
    r"\b(?:DANGEROUSLY|EXTREMELY|VERY|TOO|REALLY|SO)\sCLOSE\b|(?<!NOT A )(?<!NOT CONSIDERED A )"
    r"\bCLOSE CALL\b|\b(?:ALMOST|NEARLY)\s(?:HIT|STRUCK|STRIKING|HITTING|COLLIDED|MISSED)|"
    r"\b(?:BARELY|JUST|NARROWLY) MISS(?:ED|ING)\b|\bNEAR COLLISION|"
    r"\b(?:UAS|DRONE)\s(?:STRUCK|HIT|COLLIDED WITH|IMPACTED)\s(?:THE|HIS|HER|THEIR|OUR)\b|"
    r"\b(?:STRUCK|HIT|COLLIDED WITH)\s(?:A|THE)\s(?:UAS|DRONE)\b|\bCOLLISION WITH (?:A|THE) "
    r"(?:UAS|DRONE)\b|\bMISSED (?:THE|OUR|HIS) (?:ACFT|AIRCRAFT|WING|WINDSHIELD) BY\b",
    ("CLOSE", "MISS", " HIT", "STRUCK", "STRIK", "COLLI", "IMPACT"),
)


_MANOEUVRE = Gated(
    r"\b(?:CLIMB|DESCEN[DT]|TURN|BANK|MANEUV|MANUEV|MANOEUV|MNVR|VEER|SWERV|PULL(?:ED|ING|S)? UP|"
    r"DIV(?:E|ED|ING)|DOVE|DUCK|DEVIAT|ADJUST|ALTER|CHANG(?:E|ED|ING) (?:COURSE|HEADING)|"
    r"BR(?:EAK|OKE) OFF|ABORT|GO(?:NE)?[- ]AROUND|WENT AROUND|PUSH(?:ED)? (?:THE )?NOSE|NOSE DOWN|"
    r"STOPP?(?:ED)? (?:THEIR |HIS |HER |THE )?(?:CLIMB|DESCENT)|LEVEL(?:ED)? OFF)[A-Z]*\b"
    r"[^.]{0,60}?\bTO (?:AVOID|MISS|STAY (?:AWAY|CLEAR))\b(?! (?:THE |OTHER |AN? |ANY )?(?:ACFT|"
    r"AIRCRAFT|A/C|TRAFFIC|AREA|AIRSPACE|TFR|WEATHER|CLOUDS?|BIRDS?|TERRAIN|HELO|HELICOPTER)\b)",
    ("TO AVOID", "TO MISS", "TO STAY"),
)


def _void(block: str, m: re.Match[str]) -> bool:
    """The sentence denies the manoeuvre, or someone other than the crew made it."""
    sentence_start = block.rfind(".", 0, m.start()) + 1
    return bool(
        _NEGATED.search(block[sentence_start : m.start()])
        or _AVOID_OTHERS.search(block[max(0, m.start() - 80) : m.end()])
    )


def _manoeuvre(block: str) -> re.Match[str] | None:
    for m in _MANOEUVRE.finditer(block):
        if not _void(block, m):
            return m
    return None


def _stated(block: str) -> tuple[str, re.Match[str] | None] | None:
    """What one block says in so many words: unknown, no or yes (with the words), or None."""
    unknown = _EVASIVE_UNKNOWN.search(block)
    if unknown:
        return "unknown", unknown
    if (
        block.count("EVASIVE") == 1
        and ("NO EVASIVE" in block or "NOEVASIVE" in block)
        and not any_key(block, _MANOEUVRE_WORDS)
    ):
        return "no", _EVASIVE_NO.search(block)  # the stock sentence, nothing else about manoeuvres
    no = _EVASIVE_NO.search(block)
    yes = _EVASIVE_YES.search(block) if any_key(block, _EVASIVE_YES_KEYS) else None
    if yes and _void(block, yes):
        yes = None
    if no:
        return "no", no
    return ("yes", yes) if yes else None


def evasive_found(prelim: str, mor: str) -> Found:
    """``yes``, ``no``, ``unknown`` or ``not_stated``, and where it was read."""
    manoeuvre: Found | None = None
    for i, block in enumerate((prelim, mor)):
        m = _manoeuvre(block) if block else None
        if m:
            manoeuvre = ("yes", (i, m.start(), m.end()))
            break
    for i, block in enumerate((prelim, mor)):
        stated = _stated(block) if block else None
        if stated is None:
            continue
        value, m = stated
        if value != "yes" and manoeuvre:
            return manoeuvre
        return value, (i, m.start(), m.end()) if m else None
    return manoeuvre or ("not_stated", None)


def evasive_action(prelim: str, mor: str) -> str:
    """``yes``, ``no``, ``unknown`` or ``not_stated`` (see ``evasive_found``)."""
    return evasive_found(prelim, mor)[0]


def nmac(text: str) -> bool:
    """An NMAC (near mid-air collision) was declared or described as such."""
    return bool(_NMAC.search(text)) and not _NMAC_NEG.search(text)


def dangerously_close(text: str) -> bool:
    return bool(_DANGEROUS.search(text))
