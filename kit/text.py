"""Arabic text normalisation shared by every stage, so spelling variants fold the same way everywhere.

Every step maps one character to one character or deletes it. The one-to-one steps never change
the length of a string; the deleting steps (diacritics, tatweel) do, and `normalise_with_offsets`
returns a map back to the original indices for callers that need offsets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Harakat, tanwin, shadda, sukun, hamza marks above/below, dagger alef and Quranic annotation signs.
DIACRITICS = (
    "".join(chr(c) for c in range(0x064B, 0x0660))
    + "\u0670"
    + "".join(chr(c) for c in range(0x06D6, 0x06DD))
    + "".join(chr(c) for c in range(0x06DF, 0x06E9))
    + "".join(chr(c) for c in range(0x06EA, 0x06EE))
)
TATWEEL = "\u0640"
ALEF_VARIANTS = "أإآٱ"  # hamza above / below, madda, wasla -> bare alef
HAMZA_CARRIERS = {"ؤ": "و", "ئ": "ي"}
TA_MARBUTA = {"ة": "ه"}
OPEN_TA = "ت"  # ta marbuta is written as this before an attached pronoun (حكومة + ه = حكومته)
ALEF_MAQSURA = {"ى": "ي"}
DIGITS = {
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended (Persian/Urdu) forms
}
DOUBLE_QUOTES = "\"“”„‟«»″‶〝〞＂"
SINGLE_QUOTES = "'‘’‚‛‹›′"
QUOTES = {**{q: '"' for q in DOUBLE_QUOTES}, **{q: "'" for q in SINGLE_QUOTES}}

STEPS = ("diacritics", "tatweel", "alef", "hamza", "ta_marbuta", "alef_maqsura", "digits", "quotes")
LENGTH_PRESERVING_STEPS = ("alef", "hamza", "ta_marbuta", "alef_maqsura", "digits", "quotes")

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LETTER = re.compile(r"[^\W\d_]")
_HYPHENS = re.compile(r"[-\u2010-\u2015\u2212\u00AD\u200C\u200D]")
_SPACES = re.compile(r"\s+")

_TABLE_CACHE: dict[tuple[str, ...], dict[int, str]] = {}


def _table(steps: tuple[str, ...]) -> dict[int, str]:
    """Build (once per combination of steps) the str.translate table for those steps."""
    if steps not in _TABLE_CACHE:
        unknown = set(steps) - set(STEPS)
        if unknown:
            raise ValueError(f"unknown normalisation step(s) {sorted(unknown)}; valid steps: {', '.join(STEPS)}")
        table: dict[int, str] = {}
        if "diacritics" in steps:
            table.update({ord(c): "" for c in DIACRITICS})
        if "tatweel" in steps:
            table[ord(TATWEEL)] = ""
        if "alef" in steps:
            table.update({ord(c): "ا" for c in ALEF_VARIANTS})
        for step, mapping in (
            ("hamza", HAMZA_CARRIERS),
            ("ta_marbuta", TA_MARBUTA),
            ("alef_maqsura", ALEF_MAQSURA),
            ("digits", DIGITS),
            ("quotes", QUOTES),
        ):
            if step in steps:
                table.update({ord(k): v for k, v in mapping.items()})
        _TABLE_CACHE[steps] = table
    return _TABLE_CACHE[steps]


@lru_cache(maxsize=None)  # 256 combinations at most; normalise runs once per token
def _steps(
    diacritics: bool, tatweel: bool, alef: bool, hamza: bool,
    ta_marbuta: bool, alef_maqsura: bool, digits: bool, quotes: bool,
) -> tuple[str, ...]:
    flags = (diacritics, tatweel, alef, hamza, ta_marbuta, alef_maqsura, digits, quotes)
    return tuple(step for step, on in zip(STEPS, flags) if on)


def normalise(
    text: str,
    *,
    diacritics: bool = True,
    tatweel: bool = True,
    alef: bool = True,
    hamza: bool = True,
    ta_marbuta: bool = True,
    alef_maqsura: bool = True,
    digits: bool = True,
    quotes: bool = True,
) -> str:
    """Fold Arabic spelling variants; each step can be switched off.

    Notes: alef/hamza/ta marbuta/alef maqsura folding is the usual orthographic normalisation of
    Arabic IR (Larkey et al. 2002); it loses distinctions (ة/ه) on purpose, for matching only.
    """
    steps = _steps(diacritics, tatweel, alef, hamza, ta_marbuta, alef_maqsura, digits, quotes)
    return text.translate(_table(steps))


def normalise_with_offsets(text: str, **steps: bool) -> tuple[str, list[int]]:
    """Normalise and return `offsets`, where `offsets[i]` is the index in `text` of output char i.

    `offsets` has one extra entry, `len(text)`, so a span `[s, e)` of the output maps back to
    `[offsets[s], offsets[e - 1] + 1)` of the input (see `original_span`).
    """
    options = {step: True for step in STEPS}
    for step, on in steps.items():
        if step not in options:
            raise ValueError(f"unknown normalisation step {step!r}; valid steps: {', '.join(STEPS)}")
        options[step] = on
    table = _table(_steps(**options))
    out: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        replacement = table.get(ord(char), char)
        if replacement:
            out.append(replacement)
            offsets.append(i)
    offsets.append(len(text))
    return "".join(out), offsets


def original_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a span of a normalised string back to the original string, using its offset map."""
    if end <= start:
        return offsets[start], offsets[start]
    return offsets[start], offsets[end - 1] + 1


def strip_diacritics(text: str) -> str:
    """Remove diacritics and tatweel only (e.g. for Stanza's vocalised lemmas)."""
    return normalise(
        text, alef=False, hamza=False, ta_marbuta=False, alef_maqsura=False, digits=False, quotes=False
    )


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """A matching key: every normalisation step, hyphens and joiners as spaces, spaces collapsed (cached: the
    extractors fold the same words many times)."""
    folded = normalise(unicodedata.normalize("NFC", text))
    folded = _HYPHENS.sub(" ", folded)
    return _SPACES.sub(" ", folded).strip().casefold()


def arabic_share(text: str) -> float:
    """The share of letters in `text` that are Arabic letters (0.0 when there are no letters)."""
    letters = _LETTER.findall(text)
    if not letters:
        return 0.0
    return sum(1 for c in letters if _ARABIC_LETTER.match(c)) / len(letters)
