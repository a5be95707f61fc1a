"""Split an article into the segments editors compare: title, sentences, metadata lines.

Scraped news text has one paragraph per line. Each line is classified first
(`boilerplate.classify_line`): ad markers, captions, bylines and credit lines become a
single segment of their kind, and only body lines are split into sentences.

The sentence splitter is written for wire copy rather than wrapped around a general
library (see docs/analysis-alignment.md, "Segmentation", for the comparison):

* it walks whitespace-separated tokens, so every decision looks at a whole word
  ("U.S.", "J.R.R.", "$1.5", "No.") and the work is linear in the text;
* a quotation that runs over several sentences stays one segment together with its
  attribution (`"A. B," Colonel Maroto said.`), because editors judge a quote and
  its speaker together;
* every segment keeps exact character offsets into the text it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .boilerplate import classify_line, looks_like_title, split_dateline
from .types import BODY, TITLE, Segment

# A line: a run of characters other than line breaks (CRLF, CR, LF and the Unicode
# line and paragraph separators all end a line).
_LINE = re.compile(r"[^\r\n\u2028\u2029\x85]+")
_TOKEN = re.compile(r"\S+")
# Invisible characters scraped pages leave at line edges and around words: byte-order
# mark, zero-width space and joiners, word joiner. Not whitespace to Python.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
# Everything trimmed from a line's edges: all Unicode whitespace (it ends below
# U+3001), and the invisible characters.
_LINE_EDGE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + _INVISIBLE

# Characters that may follow the full stop of a sentence inside the same sentence
# ("damage.”", "(see above.)"), and that may precede the first letter of one.
_CLOSERS = "\"'”’»)]}" + _INVISIBLE
_OPENERS = "\"'“‘«„([{" + _INVISIBLE
_TERMINALS = ".!?…"

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_STRAIGHT = '"'
_QUOTE_MARK = re.compile('[“„«”»"]')
# A quotation longer than this is more likely an unbalanced quote mark in scraped
# text than a real quote; its sentences are then split normally.
_MAX_QUOTE_CHARS = 1500


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations after which a sentence never ends: titles and ranks come before a
# name, and these others before a word of the same sentence. "ft" and "st" are here
# because "St. Louis" and "Ft. Hood" are far commoner in news than a final "St.".
_NEVER_FINAL = _words(
    """mr mrs ms messrs dr prof gen col lt lieut maj capt cpt sgt ssgt cpl pfc pte pvt spc
    adm cmdr cdr brig cdt const insp det supt ch amb atty sen rep gov pres rev hon fr
    st mt ft gens sens reps rte hwy pkwy vs v fig figs vol approx dept e.g i.e cf"""
)
# Abbreviations that may end a sentence ("... shares of Acme Corp. The company ..."):
# a sentence ends after them only if the next word usually starts one. US states are
# in AP style ("based in Calif., the company ...").
_MAYBE_FINAL = _words(
    """inc corp co ltd llc plc bros jr sr etc al esq ave blvd rd assn univ govt
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn vt va wash wis wyo ont que alta sask nfld"""
)
# Abbreviations before a number: "No. 5", but "He said no. The council ..." ends.
_BEFORE_NUMBER = _words("no nos art para")
_MONTHS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
# Dotted initialisms and initials: U.S., U.N., a.m., J.R.R., F.
_DOTTED = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")

# Words that commonly open a sentence in news copy. After an abbreviation that may end
# a sentence ("U.S.", "Inc.", an initial), a capitalised word from this list means a
# new sentence; a name ("U.S. Army", "John F. Kennedy") does not.
_SENTENCE_STARTERS = _words(
    """the a an he she it they we i you this that these those there here his her its
    their our my your but and or so yet if when while after before as at in on for by
    with from to of however meanwhile also still then now some many most all both each
    one two three no not none such what who why how where officials critics"""
)

# Verbs that make a short clause after a closed quotation its attribution:
# "“Go home!” Smith said." stays one segment.
_SPEECH_VERBS = _words(
    """said says say told tells asked asks added adds stated states wrote writes
    replied replies insisted insists declared declares noted notes explained explains
    warned warns continued continues according shouted shouts tweeted tweets"""
)
_VERBS_WITH_OBJECT = _words("told tells asked asks")
_ADVERBIAL_STARTS = _words(
    """on in at late earlier later today yesterday tonight afterwards after before when
    while during last this from via"""
)
_ATTRIBUTION_MAX_WORDS = 7


def segment_article(title: str, body: str) -> list[Segment]:
    """The segments of an article: its title line(s), then the body in reading order.

    TITLE segments carry offsets into `title`, all others offsets into `body`, so
    that `segment.text == source[segment.start:segment.end]` always holds. Likewise
    `paragraph` counts the non-empty lines of the title and of the body separately,
    from 0. The dateline of the lead paragraph is left out of the first sentence.
    """
    return list(_segments(title, body))


# An import segments each side three times: the reader's check, the importer's check
# before anything is written, and the analysis. The last two articles (one pair) are
# kept (segments are immutable), so the text is read once.
@lru_cache(maxsize=2)
def _segments(title: str, body: str) -> tuple[Segment, ...]:
    segments = [
        Segment(title[start:end], TITLE, line, start, end)
        for line, (start, end) in enumerate(_line_spans(title))
    ]
    seen_body = False
    for paragraph, (start, end) in enumerate(_line_spans(body)):
        line = body[start:end]
        kind = classify_line(line)
        if kind != BODY:
            segments.append(Segment(line, kind, paragraph, start, end))
            continue
        if not seen_body:
            seen_body = True
            start += split_dateline(line)[1]
        for s_start, s_end in split_sentences(body, start, end):
            segments.append(Segment(body[s_start:s_end], BODY, paragraph, s_start, s_end))
    return tuple(segments)


def find_dateline(body: str) -> str:
    """The dateline opening the article's lead ("WASHINGTON (Reuters)"), or ""."""
    for start, end in _line_spans(body):
        line = body[start:end]
        if classify_line(line) == BODY:
            return split_dateline(line)[0]
    return ""


def split_plain_article(text: str) -> tuple[str, str]:
    """Title and body of a plain-text article.

    The first non-empty line is the title only if it reads as one
    (`boilerplate.looks_like_title`); otherwise the title is "" and the whole text is
    the body. The body is returned unchanged after the title line, so offsets into it
    stay meaningful.
    """
    for start, end in _line_spans(text):
        if looks_like_title(text[start:end]):
            return text[start:end], text[end:]
        break
    return "", text


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-blank line, trimmed of whitespace and invisible marks."""
    for match in _LINE.finditer(text):
        start, end = match.span()
        line = match.group()
        stripped_left = len(line) - len(line.lstrip(_LINE_EDGE))
        if stripped_left == len(line):
            continue
        yield start + stripped_left, end - (len(line) - len(line.rstrip(_LINE_EDGE)))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text[start:end]`, one paragraph.

    Offsets are into `text`; sentences carry no surrounding whitespace.
    """
    end = len(text) if end is None else end
    tokens = [m.span() for m in _TOKEN.finditer(text, start, end)]
    if not tokens:
        return []
    quotes = _QuoteSpans(_quotation_spans(text, start, end))
    sentences: list[tuple[int, int]] = []
    sentence_start = tokens[0][0]
    for i, (tok_start, tok_end) in enumerate(tokens[:-1]):
        token = text[tok_start:tok_end]
        core = token.rstrip(_CLOSERS)
        if not core or core[-1] not in _TERMINALS:
            continue
        if quotes.covers(tok_end):
            continue
        following = text[tokens[i + 1][0] : tokens[i + 1][1]]
        if not _has_word(following):
            # Punctuation alone (a spaced ellipsis ". . .", a stray closing quote mark)
            # belongs to the sentence before it, never starts one.
            continue
        if _is_spaced_ellipsis(text, tokens, i) and not _ends_after_ellipsis(text, tokens, i):
            continue
        if _ends_sentence(core, token, text, tokens, i):
            sentences.append((sentence_start, tok_end))
            sentence_start = tokens[i + 1][0]
    sentences.append((sentence_start, tokens[-1][1]))
    return sentences


def _has_word(token: str) -> bool:
    return any(c.isalnum() for c in token)


def _is_spaced_ellipsis(text: str, tokens: list[tuple[int, int]], i: int) -> bool:
    """Whether token i ends a spaced ellipsis: ". . .", "word . . ." or "word. . ."."""
    run = 0
    for k in range(i, max(-1, i - 4), -1):
        if text[tokens[k][0] : tokens[k][1]].strip(_CLOSERS) in (".", ".."):
            run += 1
        else:
            break
    return run >= 2


def _ends_after_ellipsis(text: str, tokens: list[tuple[int, int]], i: int) -> bool:
    """A spaced ellipsis ends its sentence only before a usual sentence opener: it
    more often marks words left out of a quotation ("I don't think . . . they
    are")."""
    following = text[tokens[i + 1][0] : tokens[i + 1][1]].lstrip(_OPENERS)
    return (
        following.rstrip(_CLOSERS + ".,;:").lower() in _SENTENCE_STARTERS
        and following[:1].isupper()
    )


def _ends_sentence(core: str, token: str, text: str, tokens: list[tuple[int, int]], i: int) -> bool:
    """Whether the sentence ends after token `i`, whose text without closers is `core`."""
    next_word = text[tokens[i + 1][0] : tokens[i + 1][1]].lstrip(_OPENERS)
    if not next_word:
        return True
    first = next_word[0]
    if first.islower():
        return False
    if _QUOTE_MARK.search(token, len(core)) and _is_attribution(text, tokens, i + 1):
        # “Go home!” Smith said.  — the quote and its speaker stay together.
        return False
    if core[-1] != ".":
        return True  # ! ? … before a capital, digit or symbol
    if core.endswith("..."):
        return True
    word = core[:-1].lstrip(_OPENERS)
    # A hyphenated abbreviation is read by its last part: "then-Gov.", "Det.-Insp.",
    # "post-Sept. 11", "Minneapolis-St. Paul".
    lowered = word.lower().rsplit("-", 1)[-1].rstrip(".")
    after_next = text[tokens[i + 2][0] : tokens[i + 2][1]] if i + 2 < len(tokens) else ""
    bare_next = next_word.rstrip(_CLOSERS + ".,;:").lower()
    # "No. 1" after "Inc." is a number, not a sentence that opens with "No".
    starter = bare_next in _SENTENCE_STARTERS and not (
        bare_next == "no" and after_next[:1].isdigit()
    )
    if lowered in _NEVER_FINAL:
        return False
    if lowered in _BEFORE_NUMBER:
        return not first.isdigit()
    if lowered in _MONTHS:
        return not first.isdigit() and starter
    if lowered in _MAYBE_FINAL:
        return starter
    if word and _DOTTED.fullmatch(word):
        # An initial (F.) or initialism (U.S.): before a name it is part of it.
        return starter
    return True


def _is_attribution(text: str, tokens: list[tuple[int, int]], first: int) -> bool:
    """Whether tokens from `first` form a short clause like "Smith said." ending there.

    The speech verb must close the clause or be followed by a comma or a short
    adverbial ("said on Monday."), so that "He said the army would hold." after a
    quote is still a sentence of its own.
    """
    words = [text[s:e] for s, e in tokens[first : first + _ATTRIBUTION_MAX_WORDS]]
    has_verb = False
    for n, word in enumerate(words):
        bare = word.rstrip(_CLOSERS + ".,;:!?").lower()
        if bare in _SPEECH_VERBS:
            following = words[n + 1].lower() if n + 1 < len(words) else ""
            has_verb = has_verb or (
                bare in _VERBS_WITH_OBJECT
                or bare != word.lower()
                or following.rstrip(".,") in _ADVERBIAL_STARTS
            )
        if word.rstrip(_CLOSERS).endswith((".", "!", "?")):
            return has_verb
    return False


def _quotation_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) positions of the closed double quotations in one paragraph.

    Typographic marks say which way they face; straight marks alternate. A mark that
    never closes (wire style leaves a quote open when it runs on to the next
    paragraph) yields no span, so the sentences after it are split as usual.
    """
    spans = []
    opened: int | None = None
    for match in _QUOTE_MARK.finditer(text, start, end):
        pos, char = match.start(), match.group()
        if char in _DOUBLE_OPEN:
            opened = pos
        elif char in _DOUBLE_CLOSE:
            if opened is not None:
                spans.append((opened, pos))
            opened = None
        elif char == _STRAIGHT:
            if opened is None:
                opened = pos
            else:
                spans.append((opened, pos))
                opened = None
    return [(o, c) for o, c in spans if c - o <= _MAX_QUOTE_CHARS]


class _QuoteSpans:
    """Answers "is this position inside a quotation?" for increasing positions."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = spans
        self._next = 0

    def covers(self, pos: int) -> bool:
        """Whether `pos` (a token end, asked in increasing order) falls inside a quote.

        A token that ends at or after the closing mark is outside: the quote is over.
        """
        while self._next < len(self._spans) and self._spans[self._next][1] < pos:
            self._next += 1
        if self._next == len(self._spans):
            return False
        opened, closed = self._spans[self._next]
        return opened < pos <= closed
