"""Vessel mentions in a note: the spans of text the atlas's own name index reads as a vessel.

Every window of consecutive name words is read with `Anatomy.read_name`, longest first, so a
mention means what the same words mean everywhere else in the library (abbreviations in context,
sides glued or apart, classes, variants). Only words that occur in some vessel name, alias or
class name can be part of a mention, which keeps the windows few. A short abbreviation must be
written with a capital letter ('AT' is the anterior tibial, 'at' is a word).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from vascular import frozen
from vascular.anatomy import Anatomy
from vascular.names import NameReading
from vascular.reading.text import Piece
from vascular.reading.words import ReaderWords

__all__ = ["Mention", "Vocabulary", "mentions", "vocabulary"]

_TOKEN = re.compile(r"[A-Za-z0-9]+")
_LONGEST_WINDOW = 8
_SHORT = 3
_READ_KINDS = frozenset({"vessel", "class", "ambiguous", "variant"})


@frozen.record
class Mention:
    """One vessel mention: where it is, how the name index read it, and how it was written.

    Attributes:
        start: first character in the note.
        end: one past the last character.
        text: the words as the reader read them (for an approach word, the vessel it stands for).
        reading: the name index's reading of `text`.
        how: 'name' (the words name a vessel), 'approach' (an access adjective: 'transjugular'),
            'compound' (one word naming a vessel and a run: 'cavagram'), 'both' (a side added
            from 'bilateral' or 'right and left').
    """

    start: int
    end: int
    text: str
    reading: NameReading
    how: str = "name"


@frozen.record
class _Token:
    text: str
    start: int
    end: int


class Vocabulary:
    """The words that can be part of a vessel name, from the atlas's names, aliases and classes."""

    def __init__(self, anatomy: Anatomy) -> None:
        """Collect every name word once."""
        normaliser = anatomy.names.normaliser
        raw: set[str] = set()
        display: set[str] = set()
        for vessel in anatomy:
            display.update(normaliser.tokens(vessel.name))
            for text in (vessel.name, *vessel.aliases):
                raw.update(normaliser.tokens(text))
        for entry in anatomy.classes:
            for text in (entry.name, *entry.aliases):
                raw.update(normaliser.tokens(text))
        expanded: set[str] = set()
        for token in raw:
            expanded.update(normaliser.expand(token))
        self._normaliser = normaliser
        self._raw = frozenset(raw)
        self._display = frozenset(display)
        self._expanded = frozenset(expanded)

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one vocabulary per atlas, kept for its life
    def kind(self, token: str) -> str:
        """'side', 'filler' (dropped), 'position', 'name' or '' (not a name word) for a token."""
        word = token.lower()
        normaliser = self._normaliser
        if normaliser.side_of_word(word) is not None:
            return "side"
        if word in normaliser.position_words:
            return "position"
        if word in normaliser.variant_words:
            return "variant"
        if word in normaliser.origin_words:
            return "filler"
        expansion = normaliser.expand(word)
        if not expansion:
            return "filler"
        if word in self._raw or all(part in self._expanded for part in expansion):
            return "name"
        return ""

    def spelled_out(self, token: str) -> bool:
        """Whether a token is a word of some vessel's display name ('artery', 'vein')."""
        return len(token) > _SHORT and token.lower() in self._display

    def spelled_well(self, token: str) -> bool:
        """Whether a short token may be a name as written: a display-name word, or capitalised."""
        if len(token) > _SHORT or token.lower() in self._display:
            return True
        return any(ch.isupper() for ch in token)


@functools.cache
def vocabulary(anatomy: Anatomy) -> Vocabulary:
    """The name words of an atlas, built once per atlas."""
    return Vocabulary(anatomy)


def _tokens(text: str, piece: Piece) -> list[_Token]:
    return [
        _Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, piece.start, piece.end)
    ]


def _window_ok(window: list[_Token], vocab: Vocabulary) -> bool:
    kinds = [vocab.kind(t.text) for t in window]
    if "" in kinds or "name" not in kinds:
        return False
    if kinds[0] == "filler" or kinds[-1] == "side" or kinds.count("side") > 1:
        return False
    if kinds[-1] == "filler" and not vocab.spelled_out(window[-1].text):
        return False
    return all(
        vocab.spelled_well(t.text) for t, k in zip(window, kinds, strict=True) if k == "name"
    )


def _side_word_before(tokens: list[_Token], index: int, vocab: Vocabulary) -> str:
    """The side word just before token `index` ('right transjugular'), or ''."""
    if index > 0 and vocab.kind(tokens[index - 1].text) == "side":
        return tokens[index - 1].text
    return ""


def mentions(
    text: str, piece: Piece, anatomy: Anatomy, words: ReaderWords, memo: dict[str, NameReading]
) -> list[Mention]:
    """The vessel mentions in a piece of the note, left to right, longest first."""
    vocab = vocabulary(anatomy)
    tokens = _tokens(text, piece)

    def read(name: str) -> NameReading:
        key = name.lower()
        if key not in memo:
            memo[key] = anatomy.read_name(name)
        return memo[key]

    found: list[Mention] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        special = _special(token, tokens, index, vocab, words, read)
        if special is not None:
            found.append(special)
            index += 1
            continue
        mention = None
        for size in range(min(_LONGEST_WINDOW, len(tokens) - index), 0, -1):
            window = tokens[index : index + size]
            if not _window_ok(window, vocab):
                continue
            name = text[window[0].start : window[-1].end]
            reading = read(name)
            if reading.kind in _READ_KINDS:
                mention = Mention(window[0].start, window[-1].end, name, reading)
                break
        if mention is None:
            index += 1
            continue
        mention = _as_vein(mention, text, piece, words, read)
        found.append(mention)
        while index < len(tokens) and tokens[index].start < mention.end:
            index += 1
    return list(_with_both_sides(found, text, anatomy, read))


def _special(
    token: _Token,
    tokens: list[_Token],
    index: int,
    vocab: Vocabulary,
    words: ReaderWords,
    read: Callable[[str], NameReading],
) -> Mention | None:
    """An approach word ('right transjugular') or a compound word ('cavagram') as a mention."""
    word = token.text.lower()
    reader = read
    if word in words.approach_words:
        side = _side_word_before(tokens, index, vocab)
        name = f"{side} {words.approach_words[word]}".strip()
        start = tokens[index - 1].start if side else token.start
        return Mention(start, token.end, name, reader(name), "approach")
    if word in words.compound_words:
        target = words.compound_words[word]
        if index > 0 and vocab.kind(tokens[index - 1].text) != "side":
            # 'abdominal aortogram': the word before may say which part
            qualified = f"{tokens[index - 1].text} {target}"
            reading = reader(qualified)
            if reading.kind == "vessel":
                return Mention(tokens[index - 1].start, token.end, qualified, reading, "compound")
        side = _side_word_before(tokens, index, vocab)
        name = f"{side} {target}".strip()
        return Mention(token.start, token.end, name, reader(name), "compound")
    return None


def _as_vein(
    mention: Mention,
    text: str,
    piece: Piece,
    words: ReaderWords,
    read: Callable[[str], NameReading],
) -> Mention:
    """'left renal venogram': a name followed by a vein word is read as the vein."""
    after = words.vein_words.match(text, mention.end + 1, piece.end)
    if after is None or text[mention.end : mention.end + 1] != " ":
        return mention
    if "vein" in mention.text.lower():
        return mention
    reading = read(f"{mention.text} vein")
    if reading.kind not in _READ_KINDS:
        return mention
    return Mention(mention.start, mention.end, f"{mention.text} vein", reading, mention.how)


_BOTH = re.compile(r"\b(?:bilateral|bilaterally|both)\s+(?:the\s+)?$", re.IGNORECASE)
_AND_SIDE = re.compile(r"\b(?P<side>right|left|rt|lt)\s*(?:and|&|,)\s*(?:the\s+)?$", re.IGNORECASE)


def _with_both_sides(
    found: list[Mention], text: str, anatomy: Anatomy, read: Callable[[str], NameReading]
) -> Iterator[Mention]:
    """Mentions, with the other side added for 'bilateral X', 'both Xs' and 'right and left X'."""
    for mention in found:
        before = text[max(0, mention.start - 30) : mention.start]
        reading = mention.reading
        both = _BOTH.search(before)
        if both and reading.kind == "ambiguous" and _is_pair(reading.candidates):
            start = mention.start - len(before) + both.start()
            for vessel_id in reading.candidates:
                name = anatomy.name(vessel_id)
                yield Mention(start, mention.end, name, read(name), "both")
            continue
        pair = _AND_SIDE.search(before)
        if pair and reading.kind == "vessel" and reading.vessel:
            record = anatomy.vessel(reading.vessel)
            side = anatomy.names.normaliser.side_of_word(pair["side"].lower())
            if side and record.side not in ("unpaired", side):
                twin = _twin_name(anatomy, reading.vessel, side)
                if twin:
                    start = mention.start - len(before) + pair.start()
                    yield Mention(start, start + len(pair["side"]), twin, read(twin), "both")
        yield mention


def _is_pair(candidates: tuple[str, ...]) -> bool:
    """Whether candidates are one vessel's left and right (a side is all that is missing)."""
    if len(candidates) != 2:
        return False
    bases = {c.removeprefix("left_").removeprefix("right_") for c in candidates}
    return len(bases) == 1 and all(c.startswith(("left_", "right_")) for c in candidates)


def _twin_name(anatomy: Anatomy, vessel_id: str, side: str) -> str:
    """The other side's vessel name, or '' when the atlas has no twin."""
    other = "left" if side == "left" else "right"
    base = vessel_id.removeprefix("left_").removeprefix("right_")
    twin = f"{other}_{base}"
    return anatomy.name(twin) if twin in anatomy else ""
