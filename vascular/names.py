"""Name resolution: what a coder types -> one vessel, or an error listing the closest names.

Pure functions and an immutable index over vessel records; no I/O. The words that are not vessel
names
(side words, dropped words, abbreviated words) come from ``anatomy_data/vocabulary.yaml``.

A query is normalised into a side (or none) and a tuple of words: lower case, punctuation dropped,
side words taken out wherever they stand, abbreviated words expanded, filler words ("artery")
dropped.
It is then looked up exactly, then with plurals folded ("iliacs"), then ignoring word order
("intercostal T5 posterior"), then, for a single unknown word, as a side letter glued to an
abbreviation
("RCFA"). A side that changes the answer is never guessed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vascular.errors import AmbiguousVesselError, UnknownVesselError, VesselNameError
from vascular.records import Side
from vascular.records import Vessel as VesselRecord

if TYPE_CHECKING:
    from vascular.models import Vocabulary

__all__ = ["NameIndex", "Normaliser", "ParsedName", "base_name", "index_form", "slug"]

_NON_WORD = re.compile(r"[^a-z0-9]+")
_SUGGESTION_LIMIT = 5
_SUGGESTION_CUTOFF = 60.0


@dataclass(frozen=True)
class ParsedName:
    """A normalised name: the side it states (if any) and its remaining words.

    `named` keeps the side words, spelt out, where they stood: the key of a vessel whose name
    carries
    a side word without being sided ('left gastric', 'right hepatic').
    """

    side: Side | None
    words: tuple[str, ...]
    named: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The words joined by single spaces: the exact lookup key."""
        return " ".join(self.words)

    @property
    def folded(self) -> str:
        """The key with plural endings folded, so 'iliacs' meets 'iliac'."""
        return " ".join(_singular(word) for word in self.words)

    @property
    def unordered(self) -> str:
        """The folded words in sorted order, so word order does not matter."""
        return " ".join(sorted(_singular(word) for word in self.words))

    def with_side_words(self) -> ParsedName:
        """The same name read with its side words kept as words ('left gastric')."""
        return ParsedName(None, self.named or self.words, self.named or self.words)


def slug(name: str) -> str:
    """The id a display name gives: lower case, runs of other characters as one underscore."""
    return _NON_WORD.sub("_", name.lower()).strip("_")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


class Normaliser:
    """Turns free text into a `ParsedName` using the vocabulary's side words and abbreviations."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        """Build the word tables once."""
        self._side_of_word: dict[str, Side] = {}
        for side, words in vocabulary.side_words.items():
            for word in words:
                self._side_of_word[word.lower()] = side
        self._side_of_letter: dict[str, Side] = {
            letter.lower(): side for side, letter in vocabulary.side_letters.items()
        }
        self._dropped = frozenset(word.lower() for word in vocabulary.dropped_words)
        self._expanded = {
            short.lower(): long.lower() for short, long in vocabulary.word_abbreviations.items()
        }

    def parse(self, text: str) -> ParsedName:
        """Normalise `text`.

        Raises:
            VesselNameError: the text names both sides.
        """
        sides: set[Side] = set()
        words: list[str] = []
        named: list[str] = []
        # dots vanish so initials survive ("S.F.A." -> "sfa"); other punctuation separates words
        for token in _NON_WORD.sub(" ", text.lower().replace(".", "")).split():
            if token in self._side_of_word:
                sides.add(self._side_of_word[token])
                named.append(self._side_of_word[token])
                continue
            for word in self._expanded.get(token, token).split():
                if word not in self._dropped:
                    words.append(word)
                    named.append(word)
        if len(sides) > 1:
            raise VesselNameError(text, f"{text!r} names both the left and the right side")
        stated = sides.pop() if sides else None
        return ParsedName(stated, tuple(words), tuple(named) if stated else tuple(words))

    def split_side_letter(self, parsed: ParsedName) -> ParsedName | None:
        """Read 'rcfa' as right + 'cfa', when the query is one word starting with a side letter."""
        if parsed.side is not None or len(parsed.words) != 1:
            return None
        word = parsed.words[0]
        side = self._side_of_letter.get(word[:1])
        if side is None or len(word) < 3:
            return None
        return ParsedName(side, (word[1:],))


def base_name(record: VesselRecord) -> str:
    """The display name without its side word: 'Right common femoral' -> 'common femoral'."""
    name = record.name
    if record.side != "unpaired":
        prefix = record.side + " "
        if name.lower().startswith(prefix):
            name = name[len(prefix) :]
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def index_form(record: VesselRecord, parsed: ParsedName) -> ParsedName:
    """How a name of `record` is indexed: an unpaired vessel keeps the side words of its name."""
    if record.side == "unpaired" and parsed.side is not None:
        return parsed.with_side_words()
    return parsed


class NameIndex:
    """Every vessel's name and aliases, normalised, for exact resolution and for search.

    A sided vessel is indexed without its side word (the side is read from the query); an unpaired
    vessel whose name carries a side word ('Left gastric artery') is indexed with it.
    """

    def __init__(self, records: Mapping[str, VesselRecord], normaliser: Normaliser) -> None:
        """Index every name and alias of every record under its three lookup forms."""
        self.normaliser = normaliser
        self._records = records
        self._exact: dict[str, set[str]] = defaultdict(set)
        self._folded: dict[str, set[str]] = defaultdict(set)
        self._unordered: dict[str, set[str]] = defaultdict(set)
        self._keys_of: dict[str, list[ParsedName]] = defaultdict(list)
        self._own_side: dict[str, set[str]] = defaultdict(set)
        for vessel_id, record in records.items():
            for position, text in enumerate((record.name, *record.aliases)):
                parsed = index_form(record, normaliser.parse(text))
                if not parsed.words:
                    continue
                if position and record.side != "unpaired":
                    # an alias of one side only ('RIMA') says the side by itself
                    self._own_side[vessel_id] |= {parsed.key, parsed.folded, parsed.unordered}
                self._keys_of[vessel_id].append(parsed)
                self._exact[parsed.key].add(vessel_id)
                self._folded[parsed.folded].add(vessel_id)
                self._unordered[parsed.unordered].add(vessel_id)
        self._choices = sorted(self._folded)

    def with_records(self, records: Mapping[str, VesselRecord]) -> NameIndex:
        """The same index answering with other records of the same vessels (a variant build)."""
        other = object.__new__(NameIndex)
        other.__dict__.update(self.__dict__)
        other._records = records
        return other

    def names_of(self, vessel_id: str) -> tuple[ParsedName, ...]:
        """The indexed forms of one vessel's name and aliases."""
        return tuple(self._keys_of[vessel_id])

    def lookup(self, parsed: ParsedName) -> set[str]:
        """Vessel ids whose name or alias matches `parsed`, ignoring side; empty when none."""
        for table, key in (
            (self._exact, parsed.key),
            (self._folded, parsed.folded),
            (self._unordered, parsed.unordered),
        ):
            found = table.get(key)
            if found:
                return set(found)
        return set()

    def resolve(self, text: str) -> VesselRecord:
        """Return the one vessel `text` names.

        Raises:
            UnknownVesselError: no vessel answers to the name; the closest names are suggested.
            AmbiguousVesselError: several do and the text does not say which (usually the side).
            VesselNameError: the text names both sides.
        """
        parsed = self.normaliser.parse(text)
        if not parsed.words:
            raise UnknownVesselError(text, f"{text!r} does not name a vessel")
        if parsed.side is not None:
            named = parsed.with_side_words()
            found = {i for i in self.lookup(named) if self._records[i].side == "unpaired"}
            if found:
                return self._records[self._choose(text, named, found)]
        found = self.lookup(parsed)
        if not found:
            split = self.normaliser.split_side_letter(parsed)
            if split is not None and (found := self.lookup(split)):
                parsed = split
        if not found:
            raise UnknownVesselError(
                text, f"no vessel is called {text!r}", self.suggest(text, parsed.side)
            )
        return self._records[self._choose(text, parsed, found)]

    def _choose(self, text: str, parsed: ParsedName, found: set[str]) -> str:
        if parsed.side is not None:
            same_side = sorted(i for i in found if self._records[i].side == parsed.side)
            if len(same_side) == 1:
                return same_side[0]
            if not same_side:
                names = sorted({base_name(self._records[i]) for i in found})
                raise UnknownVesselError(
                    text,
                    f"there is no {parsed.side} {' or '.join(names)}: it has no {parsed.side} side",
                    self.suggest(text, parsed.side),
                )
            found = set(same_side)
        if len(found) == 1:
            only = self._records[next(iter(found))]
            if only.side == "unpaired" or parsed.side is not None or self._says_side(only, parsed):
                return only.id
            raise AmbiguousVesselError(
                text,
                f"{text!r} leaves the side open: say which side (for example "
                f"'{only.name[:1].lower() + only.name[1:]}')",
                [only.id],
            )
        records = [self._records[i] for i in sorted(found)]
        bases = {base_name(r) for r in records}
        if len(bases) == 1 and all(r.side != "unpaired" for r in records):
            reason = (
                f"{text!r} could be the left or the right {bases.pop()}: say which side "
                "(for example 'right' or 'rt')"
            )
        else:
            reason = f"{text!r} could mean: " + "; ".join(r.name for r in records)
        raise AmbiguousVesselError(text, reason, [r.id for r in records])

    def _says_side(self, record: VesselRecord, parsed: ParsedName) -> bool:
        """Whether the query matched an alias only this sided vessel has (not its twin): 'RIMA'."""
        return bool({parsed.key, parsed.folded, parsed.unordered} & self._own_side[record.id])

    def suggest(self, text: str, side: Side | None = None) -> tuple[str, ...]:
        """Up to five display names close to `text`, on the given side when one is given."""
        parsed = self.normaliser.parse(text)
        side = side or parsed.side
        query = parsed.folded or text.lower()
        candidates = [query]
        if parsed.side is not None:
            candidates.append(parsed.with_side_words().folded)
        from rapidfuzz import fuzz, process  # only on the error path: the CLI starts without it

        scores: dict[str, float] = {}
        for candidate in candidates:
            for key, score, _ in process.extract(
                candidate,
                self._choices,
                scorer=fuzz.WRatio,
                limit=40,
                score_cutoff=_SUGGESTION_CUTOFF,
            ):
                scores[key] = max(score, scores.get(key, 0.0))
        names: list[str] = []
        for key in sorted(scores, key=lambda k: (-scores[k], k)):
            for record in sorted(
                (self._records[i] for i in self._folded[key]), key=lambda r: r.name
            ):
                name = _suggestion_name(record, side)
                if name is not None and name not in names:
                    names.append(name)
            if len(names) >= _SUGGESTION_LIMIT:
                break
        return tuple(names[:_SUGGESTION_LIMIT])

    def search(self, text: str) -> tuple[VesselRecord, ...]:
        """Vessels whose name or an alias contains every word of `text` (as a word or word start).

        Exact name or alias matches come first, then whole-word matches, then word-start matches;
        a side in the query keeps only that side's vessels (and unpaired vessels whose name carries
        that side word, such as the left gastric artery for 'left gastric').

        Raises:
            VesselNameError: the text names both sides.
        """
        parsed = self.normaliser.parse(text)
        words = [_singular(word) for word in parsed.words]
        named = [_singular(word) for word in parsed.with_side_words().words]
        ranked: list[tuple[int, str, str]] = []
        for vessel_id, names in self._keys_of.items():
            record = self._records[vessel_id]
            if parsed.side is None or record.side == parsed.side:
                rank = min((_match_rank(words, name) for name in names), default=_NO_MATCH)
            elif record.side == "unpaired":
                rank = min((_match_rank(named, name) for name in names), default=_NO_MATCH)
            else:
                continue
            if rank < _NO_MATCH:
                ranked.append((rank, record.name.lower(), vessel_id))
        return tuple(self._records[i] for _, _, i in sorted(ranked))


_NO_MATCH = 9


def _match_rank(words: Iterable[str], name: ParsedName) -> int:
    query = list(words)
    if not query:
        return _NO_MATCH
    name_words = name.folded.split()
    if query == name_words:
        return 0
    if all(word in name_words for word in query):
        return 1
    if all(any(n.startswith(word) for n in name_words) for word in query):
        return 2
    return _NO_MATCH


def _suggestion_name(record: VesselRecord, side: Side | None) -> str | None:
    if record.side == "unpaired":
        return record.name
    if side is None:
        return f"{base_name(record)} (left or right)"
    return record.name if record.side == side else None
