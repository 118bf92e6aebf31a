"""Page furniture of news pages: what is not the article (datelines, teasers, related stories, promos,
wire markers, time stamps, HTML entities), found, removed and recorded; and lines made paragraphs.

Part of loading (kit.corpus): each recogniser is a small pure function over one line (or the list of
lines); the words they look for are in kit/lexicons/ar/furniture.csv and paragraph_openers.csv.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from kit import lexicons
from kit.text import fold

LEAD_ZONE_WORDS = 15  # the first line this long is the article body; furniture only comes before
_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")

TOP_KINDS = ("masthead", "byline", "breadcrumb", "outlet", "agency")  # furniture above the body only
LINE_KINDS = ("promo", "contact", "disclaimer", "credit")  # whole lines that are furniture anywhere
MAX_TEASED = 6  # headline lines a bare teaser marker may introduce
MAX_HEADLINE_WORDS = 20  # a teased headline is at most this long and ends without a full stop
LEDE_MIN_WORDS = 10  # a related-story lede is a full news sentence
LEDE_COMMA_WORDS = 20  # ... that sets off its subject with a comma within this many words
WRAP_WIDTH_SHARE = 0.85  # lines of wrapped text are nearly as long as the longest

_NON_WORD = re.compile(r"[^\w\s]+|_+")
_TEASER_SEPARATOR = re.compile(r"\s*(?:[:|/]|\.{2,}|…)")
_SEPARATOR_LINE = re.compile(r"[\W_]{2,}")
_WIRE_MARKER = re.compile(r"/{1,2}\s*[^\W\d_][^/]{0,24}?\s*/{1,2}")
_TIMESTAMP = re.compile(r"\d{1,2}:\d{2}(?:\s+[^\W\d_]{1,3}){0,3}")
_RUBRIC = re.compile(r"\s*(?P<word>[^\W\d_]+)\s*/(?!/)\s*")
_BRACKET_DATELINE = re.compile(r"\W{0,3}(?P<place>[^()\n:.]{0,60}?)\s*\((?P<outlet>[^()\n]{1,30})\)\s*(?:-{1,3}|[–—])\s*")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9 .&'-]{0,24}")
_DASH_DATELINE = re.compile(r"\W{0,3}(?P<parts>[^:\n]{1,60}?)\s*:\s*")
_DATELINE_DASH = re.compile(r"\s*[-–—]\s*|\s+\u0640+\s+")
_YEAR = re.compile(r"\d{4}")
_SENTENCE_END = re.compile(r"[.!?؟…:؛\"»”)'\]]$")
_FULL_STOP = re.compile(r"[.،,]$")
_COMMA = re.compile(r"[،,]")
_ARABIC_START = re.compile(r"[\u0621-\u064A]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass(frozen=True)
class Furniture:
    """One piece of page furniture found while loading: its kind, the line it was on (1-based, in the
    text as read, line breaks normalised) and its text. An HTML entity is replaced, not removed."""

    kind: str
    line: int
    text: str


def format_furniture(records: Iterable[Furniture]) -> str:
    """The `furniture` cell: one `kind<TAB>line<TAB>text` record per line ("" when nothing was found)."""
    return "\n".join(f"{r.kind}\t{r.line}\t{' '.join(r.text.split())}" for r in records)


def read_furniture(cell: object) -> list[Furniture]:
    """Parse a `furniture` cell back into records (the inverse of `format_furniture`)."""
    records = []
    text = "" if cell is None or (isinstance(cell, float) and cell != cell) else str(cell)  # NaN from a CSV
    for row in text.split("\n"):
        if row.strip():
            kind, line, text = (row.split("\t", 2) + ["", ""])[:3]
            records.append(Furniture(kind, int(line) if line.isdigit() else 0, text))
    return records


@dataclass(frozen=True)
class _Rules:
    exact: dict[str, dict[str, str]]  # line key -> lexicon row
    prefixes: list[tuple[str, dict[str, str]]]  # (line key, row) for prefix rows, longest first
    teasers: list[str]  # folded teaser markers, longest first
    outlets: dict[str, str]  # line key of an outlet or agency name -> its kind
    rubrics: frozenset[str]
    openers: frozenset[str]


def rules() -> _Rules:
    table = lexicons.load("furniture").to_dict("records")
    prefixes = sorted(((line_key(r["line"]), r) for r in table if r["prefix"] == "1" and r["kind"] not in ("teaser", "rubric")),
                      key=lambda item: -len(item[0]))
    return _Rules(
        exact={line_key(r["line"]): r for r in table if r["kind"] not in ("teaser", "rubric")},
        prefixes=prefixes,
        teasers=sorted({fold(r["line"]) for r in table if r["kind"] == "teaser"}, key=len, reverse=True),
        outlets={line_key(r["line"]): r["kind"] for r in table if r["kind"] in ("outlet", "agency")},
        rubrics=frozenset(fold(r["line"]) for r in table if r["kind"] == "rubric"),
        openers=frozenset(fold(w) for w in lexicons.load("paragraph_openers")["word"]),
    )


def line_key(line: str) -> str:
    """A line as the furniture lexicon compares it: folded, punctuation read as spaces.

    `...المزيد` -> `المزيد`; `** جميع المقالات المنشورة تمثل رأي كتابها فقط.` -> `جميع المقالات ... فقط`.
    """
    return " ".join(_NON_WORD.sub(" ", fold(line)).split())


def unescape_entities(text: str) -> tuple[str, list[Furniture]]:
    """HTML entities left by scraping replaced by their characters, each recorded once per line.

    `قال &quot;نرفض&quot; القرار` -> `قال "نرفض" القرار` (and `&nbsp;` becomes a space).
    """
    found: dict[tuple[int, str], None] = {}
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if "&" in line:
            lines[n] = _ENTITY.sub(lambda m: _entity(m, n, found), line)
    text = "\n".join(lines)
    return text, [Furniture("entity", n + 1, entity) for n, entity in found]


def _entity(match: re.Match, n: int, found: dict) -> str:
    character = html.unescape(match.group())
    if character == match.group():
        return character
    found[(n, match.group())] = None
    return " " if character == "\xa0" else character


def rule_for(line: str, rules: _Rules, kinds: Sequence[str]) -> dict[str, str] | None:
    """The lexicon row a whole line matches (exactly, or by a prefix row), if its kind is one of `kinds`.

    `يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي` -> the promo row.
    """
    key = line_key(line)
    if not key:
        return None
    rule = rules.exact.get(key)
    if rule is not None and rule["kind"] in kinds:
        return rule
    for prefix, rule in rules.prefixes:
        if rule["kind"] in kinds and key.startswith(prefix + " "):
            return rule
    return None


def teaser(line: str, rules: _Rules) -> str | None:
    """`"bare"` when the line is a teaser marker alone, `"line"` when a teaser with its story, else None.

    Notes: a marker counts only before `:`, `|`, `/`, `..` or the end of the line, so `اقرأ أيضا: ...`, `قد يهمك/ ...` and
    `قد يهمك.. ...` are teasers (`اقرأ أيضا:` alone is bare) and `اقرأ هذا المقال مع قهوتك` is not.
    """
    folded = fold(line)
    for marker in rules.teasers:
        if not folded.startswith(marker):
            continue
        rest = folded[len(marker):]
        if not line_key(rest):
            return "bare"
        separator = _TEASER_SEPARATOR.match(rest)
        if separator:
            return "bare" if not line_key(rest[separator.end():]) else "line"
    return None


def headline_like(line: str) -> bool:
    """A teased story's headline: short and without a closing full stop (`سجن برازيلي بلا حراس ولا أسلحة`)."""
    words = line.split()
    return 0 < len(words) <= MAX_HEADLINE_WORDS and not _FULL_STOP.search(line.strip())


def is_separator(line: str) -> bool:
    """A line of punctuation only, such as `--------` before a footer or `* *`."""
    return bool(_SEPARATOR_LINE.fullmatch(line.strip()))


def is_wire_marker(line: str) -> bool:
    """A wire service's end or continuation marker between slashes: `// انتهى //`, `// يتبع //`."""
    return bool(_WIRE_MARKER.fullmatch(line.strip()))


def is_timestamp(line: str) -> bool:
    """A line that is only a clock time, as the SPA wire ends its items: `14:12 ت م`."""
    return bool(_TIMESTAMP.fullmatch(line.strip()))


def rubric(line: str, rules: _Rules) -> int:
    """Length of a wire desk's rubric before the headline (`عام / البريد السعودي يستكمل ...` -> `عام / `), else 0."""
    match = _RUBRIC.match(line)
    return match.end() if match and fold(match.group("word")) in rules.rubrics else 0


def outlet_of(parts: Sequence[str], rules: _Rules) -> str | None:
    """The outlet a dateline's parts name ("" for only an agency word), or None when none is one.

    `ياسر العتيبي- سبق- الباحة` -> `سبق`; `عين اليوم – متابعات` -> `عين اليوم`; `سوريا - روسيا` -> None.
    """
    kinds = [rules.outlets.get(line_key(part)) for part in parts]
    if not any(kinds):
        return None
    return next((part.strip(" «»\"'") for part, kind in zip(parts, kinds) if kind == "outlet"), "")


def dateline_parts(text: str) -> list[str] | None:
    """Two or three short parts joined by dashes (`سبق- الرياض`, `* سيول - «الشرق الأوسط»`), else None."""
    parts = [part for part in _DATELINE_DASH.split(text.strip(" *\u00b7•")) if part is not None]
    if not 2 <= len(parts) <= 3 or any(not 1 <= len(part.split()) <= 3 for part in parts):
        return None
    return parts


def dash_dateline(line: str, rules: _Rules) -> tuple[int, str] | None:
    """(length, outlet) of a dateline opening the line, `place - outlet:` in some order, else None.

    `سبق- الرياض: تلقت "سبق" ردَّ وزارة ...` -> the 13 characters `سبق- الرياض: `, outlet `سبق`;
    `* سيول - «الشرق الأوسط»: ذكرت وزارة الدفاع ...` -> outlet `الشرق الأوسط`. One part must be an
    outlet of the lexicon, so a headline `سوريا - روسيا: ...` is no dateline.
    """
    match = _DASH_DATELINE.match(line)
    parts = dateline_parts(match.group("parts")) if match else None
    outlet = outlet_of(parts, rules) if parts else None
    return (match.end(), outlet) if outlet is not None else None


def dateline_line(line: str, rules: _Rules) -> str | None:
    """The outlet of a line that is only a dateline or byline, else None.

    `عين اليوم – الرياض` and `عمر إبراهيم – عين اليوم` -> `عين اليوم`; the SPA wire's
    `الرياض 26 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس` (a date, then the wire) -> `واس`.
    """
    parts = dateline_parts(line)
    if parts:
        return outlet_of(parts, rules)
    words = line.split()
    if 3 <= len(words) <= 16 and _YEAR.search(line) and rules.outlets.get(line_key(words[-1])) == "outlet":
        return words[-1]
    return None


def bracket_dateline(line: str, rules: _Rules) -> tuple[int, str] | None:
    """(length, outlet) of an agency-style dateline opening a lede, else None.

    `دبي، الإمارات العربية المتحدة (CNN) -- قال أنور قرقاش ...` -> the dateline up to `-- `, outlet `CNN`.
    The place is a city (`واشنطن`) or `city، country` (at most six words); the outlet a Latin name or
    an outlet of the lexicon. Only the lede (or the line after a headline) is looked at.
    """
    match = _BRACKET_DATELINE.match(line)
    place = match.group("place").split() if match else []
    if not match or len(place) > 6 or (len(place) > 2 and not _COMMA.search(match.group("place"))) \
            or any(c.isdigit() for c in match.group("place")):
        return None
    outlet = match.group("outlet").strip()
    if not (_LATIN_NAME.fullmatch(outlet) or rules.outlets.get(line_key(outlet)) == "outlet"):
        return None
    return match.end(), outlet


def lede_like(line: str, rules: _Rules) -> bool:
    """A line that opens like a news story of its own: `أعلنت وزارة الخارجية الأمريكية، الثلاثاء، أن ...`.

    Notes: a lede is a full sentence starting with a bare verb (no و/ف, no article) and setting off its
    subject with commas within its first words; the article's own last paragraphs open with a
    connective or a formula (`ويذكر`, `يذكر أن`, `أما`, `كانت ... قد`: paragraph_openers.csv).
    """
    words = line.split()
    if len(words) < LEDE_MIN_WORDS or not _ARABIC_START.match(words[0]):
        return False
    first = fold(words[0]).strip("،,:")
    if first[:1] == "\u0648" or first.startswith("\u0627\u0644") or first in rules.openers:
        return False  # و: a connective; ال: a noun phrase; an opener of a continuing paragraph
    return bool(_COMMA.search(" ".join(words[:LEDE_COMMA_WORDS])))


def related_ledes(lines: Sequence[str], rules: _Rules) -> int:
    """Where the run of related-story ledes at the end of `lines` begins (len(lines) when there is none).

    CNN Arabic appends the first paragraphs of other stories after an article; each opens like a
    lede (`انتقد حسن نصرالله، الأمين العام لحزب الله اللبناني، مساء الثلاثاء، ...`). Blank lines
    inside the run are skipped.
    """
    start = len(lines)
    for n in range(len(lines) - 1, -1, -1):
        if not lines[n].strip():
            continue
        if not lede_like(lines[n], rules):
            break
        start = n
    return start


def remove_furniture(text: str, rules: _Rules) -> tuple[str, list[Furniture], str]:
    """Remove page furniture; return (text, what was removed in line order, the outlet it names or "").

    Above the body (the lines before the first long one): masthead, byline, breadcrumb and outlet
    lines and datelines on lines of their own. On the first line: a wire desk's rubric. Anywhere:
    teasers with the headlines they introduce, promo, contact, disclaimer and credit lines, separator
    lines, wire markers and datelines opening a paragraph. After an agency-style dateline opening the
    lede, the run of other stories' ledes at the end. At the end: time stamps.
    """
    lines = text.split("\n")
    found: dict[int, Furniture] = {}  # whole lines removed, by index
    trims: list[Furniture] = []  # datelines and rubrics removed from the start of a line
    cut: dict[int, int] = {}  # how many characters were removed from the start of a line
    outlets: list[str] = []

    def drop(n: int, kind: str) -> None:
        found[n] = Furniture(kind, n + 1, lines[n].strip())

    def trim(n: int, length: int, kind: str) -> None:
        trims.append(Furniture(kind, n + 1, lines[n][cut.get(n, 0):length].strip()))
        cut[n] = length

    _strip_top(lines, rules, drop, outlets)
    first = next((n for n, line in enumerate(lines) if line.strip() and n not in found), None)
    if first is not None and rubric(lines[first], rules):
        trim(first, rubric(lines[first], rules), "rubric")
    n = 0
    while n < len(lines):
        line = lines[n]
        if n not in found and line.strip():
            line_rule = rule_for(line, rules, LINE_KINDS)
            if is_separator(line):
                drop(n, "separator")
            elif is_wire_marker(line):
                drop(n, "wire")
            elif line_rule is not None:
                drop(n, line_rule["kind"])
            elif teaser(line, rules):
                drop(n, "teaser")
                if teaser(line, rules) == "bare":
                    n = _drop_teased(lines, n, drop, found)
        n += 1
    body = [n for n, line in enumerate(lines) if line.strip() and n not in found]
    leads = body[:2] if body and headline_like(lines[body[0]]) else body[:1]  # the lede, after a headline
    lede = next((n for n in leads if bracket_dateline(lines[n][cut.get(n, 0):], rules)), None)
    if lede is not None:
        rest = [n for n in body if n > lede]
        start = related_ledes([lines[n] for n in rest], rules)
        for n in rest[start:]:
            drop(n, "related")
        length, outlet = bracket_dateline(lines[lede][cut.get(lede, 0):], rules)
        trim(lede, cut.get(lede, 0) + length, "dateline")
        outlets.append(outlet)
    for n in body:
        if n not in found and n != lede:
            dated = dash_dateline(lines[n][cut.get(n, 0):], rules)
            if dated:
                trim(n, cut.get(n, 0) + dated[0], "dateline")
                outlets.append(dated[1])
    for n in range(len(lines) - 1, -1, -1):
        if n in found or not lines[n].strip():
            continue
        if not is_timestamp(lines[n]):
            break
        drop(n, "timestamp")
    if not found and not trims:
        return text, [], ""
    kept = [line[cut.get(n, 0):] for n, line in enumerate(lines) if n not in found]
    records = sorted([*found.values(), *trims], key=lambda r: r.line)
    return _BLANK_RUNS.sub("\n\n", "\n".join(kept)).strip("\n"), records, next((o for o in outlets if o), "")


def _strip_top(lines: list[str], rules: _Rules, drop, outlets: list[str]) -> None:
    """Furniture above the body: header lines (with the name line after them), outlet and dateline lines."""
    n = 0
    while n < len(lines) and len(lines[n].split()) < LEAD_ZONE_WORDS:
        rule = rule_for(lines[n], rules, TOP_KINDS)
        dated = dateline_line(lines[n], rules) if rule is None else None
        if rule is None and dated is None:
            n += 1
            continue
        if rule is None:
            drop(n, "dateline")
            outlets.append(dated)
        else:
            drop(n, rule["kind"])
            if rule["kind"] == "outlet":
                outlets.append(lines[n].strip())
        if rule is not None and rule["drops_next"] == "1":
            j = n + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and 0 < len(lines[j].split()) <= 4:
                drop(j, rule["kind"])
                if rule["next_is_source"] == "1":
                    outlets.insert(0, lines[j].strip())
                n = j
        n += 1


def _drop_teased(lines: list[str], n: int, drop, found: dict) -> int:
    """Drop the headline lines after a bare teaser marker (at most MAX_TEASED); return the last index used."""
    last, taken = n, 0
    j = n + 1
    while j < len(lines) and taken < MAX_TEASED:
        if not lines[j].strip():
            j += 1
            continue
        if j in found or not headline_like(lines[j]):
            break
        drop(j, "related")
        last, taken = j, taken + 1
        j += 1
    return last


def paragraphs(text: str) -> str:
    """Every line its own paragraph: lines stripped, blank ones dropped, one blank line between lines.

    Stanza ends a sentence at a paragraph break (two newlines) and reads a single newline as a
    space, so this keeps a headline (`البنتاغون: ...`) and each news paragraph out of the next
    sentence. Hard-wrapped text, whose line breaks fall inside sentences, is left as it is.
    """
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if hard_wrapped(lines):
        return text
    return "\n\n".join(lines)


def hard_wrapped(lines: Sequence[str]) -> bool:
    """True for text wrapped at a fixed width: most full lines after the first end without closing
    punctuation and are about as long as the longest (within WRAP_WIDTH_SHARE of it).

    Notes: in the 60,000 news articles of ../shared the punctuation test alone holds for 0.3% of the
    documents (poems, lists); one paragraph per line gives lines of very different lengths.
    """
    full = [line for line in lines[1:] if len(line.split()) >= 8]
    if len(full) < 3 or sum(not _SENTENCE_END.search(line) for line in full) <= len(full) / 2:
        return False
    width = max(len(line) for line in full)
    return sum(len(line) >= WRAP_WIDTH_SHARE * width for line in full) >= 2 * len(full) / 3
