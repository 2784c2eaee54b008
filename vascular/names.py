"""Name reading: what a coder types -> a vessel, a class, an ambiguity, a variant, or unknown.

Pure functions and a plain, picklable index over vessel records, name classes and variants; no
I/O. The words that are not vessel names (side words, dropped words, abbreviated words, position,
variant and origin words) come from ``anatomy_data/vocabulary.yaml``; names that stand for several
vessels come from ``anatomy_data/classes.yaml`` and from the atlas itself (a level-numbered vessel
named without its level, such as 'right lumbar artery').

A query is normalised into a side (or none) and a tuple of words: lower case, punctuation dropped,
side words taken out wherever they stand, abbreviated words expanded, filler words ("artery")
dropped. Each word tuple is looked up exactly, then with plurals folded ("iliacs"), then ignoring
word order ("intercostal T5 posterior"). The text is read in several ways and the readings
compete:

1. as written: the side words as a side ('R SFA'), or as part of a midline vessel's name ('left
   gastric'); and a side letter glued onto a short abbreviation it precedes ('R IMA' as 'RIMA');
2. failing a complete reading, a side letter glued to the first word split off ('LCFA' as
   L + CFA), and position words set aside ('distal SFA');
3. failing those, as a variant ('replaced RHA', 'bovine arch').

A complete reading (one vessel, or a class) beats one that needs a side the text does not give;
two different complete readings of the same rank are an ambiguity listing both, never a pick.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from vascular import frozen
from vascular.errors import AmbiguousVesselError, DataProblem, UnknownVesselError, VesselNameError
from vascular.records import NameClass, Side
from vascular.records import Variant as VariantRecord
from vascular.records import Vessel as VesselRecord

if TYPE_CHECKING:
    from vascular.models import ClassRecord, Vocabulary

__all__ = [
    "MAX_NAME_CHARS",
    "NameIndex",
    "NameReading",
    "Normaliser",
    "ParsedName",
    "ReadingKind",
    "Role",
    "Suggestion",
    "base_name",
    "index_form",
    "naming_problems",
    "slug",
]

Role = Literal["placement", "access"]
"""What a name is read for: a catheter position, or the vessel punctured (an access)."""

ReadingKind = Literal["vessel", "class", "ambiguous", "variant", "unknown"]
"""What a name reads as: one vessel; a class of vessels (any member; the engine checks that they
code alike); an ambiguity (one of several, the coder must say which); a variant (add it to the
case); or nothing in the atlas."""

MAX_NAME_CHARS = 200
"""Longer text is not read at all: no vessel name comes close, and the work stays bounded."""

_NON_WORD = re.compile(r"[^a-z0-9]+")
_LEVEL = re.compile(r"^(?P<base>.+?)\s*\((?P<level>[^()]+)\)$")
_SUGGESTION_LIMIT = 5
_SUGGESTION_CUTOFF = 80.0
_WORD_CUTOFF = 75.0
_WORD_SCORE_CUTOFF = 75.0
_SHORTEST_FUZZY = 4
_LONGEST_GLUED = 6
_NO_MATCH = 9
_RANK_SCORES = {0: 90.0, 1: 80.0, 2: 70.0}
_EXPANSION_CACHE = 20_000  # tokens whose expansion is remembered: the atlas needs about 2,000


@frozen.record
class ParsedName:
    """A normalised name: the side it states (if any) and its remaining words.

    `named` keeps the side words, spelt out, where they stood: the key of a vessel whose name
    carries a side word without being sided ('left gastric', 'right hepatic').
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
        return _folded(self.words)

    @property
    def unordered(self) -> str:
        """The folded words in sorted order, so word order does not matter."""
        return _unordered(self.words)

    def with_side_words(self) -> ParsedName:
        """The same name read with its side words kept as words ('left gastric')."""
        return ParsedName(None, self.named or self.words, self.named or self.words)


@frozen.record
class Suggestion:
    """A vessel offered for a name: a close name for an unknown one, or a completion.

    Attributes:
        id: the vessel id (for a left/right pair named without a side, one of the two).
        name: the display name ('Right hepatic artery'), or 'hepatic artery (left or right)' for a
            pair named without a side.
        ids: every vessel the entry stands for: the id alone, or both of a pair.
        score: how close, 0-100 (100 for the reading of the text itself).
    """

    id: str
    name: str
    ids: tuple[str, ...]
    score: float


@frozen.record
class NameReading:
    """How one name reads. `NameIndex.read` returns one for any text and never raises.

    Attributes:
        text: the text as given.
        kind: vessel, class, ambiguous, variant or unknown (see `ReadingKind`).
        vessel: the vessel id, for a vessel reading; for a variant, the vessel it moves.
        candidates: a class's members, or the vessels an ambiguous name could mean, in order.
        label: the class name as written in the data ('hepatic vein'); for a variant, its id.
        reason: for anything but a vessel, why, in a coder's words (the error message).
        suggestions: for an unknown name, close vessels only.
        note: for a vessel reading that needed interpretation, one sentence for the rationale
            ('IMA with a side read as RIMA: the right internal mammary artery ...').
    """

    text: str
    kind: ReadingKind
    vessel: str | None = None
    candidates: tuple[str, ...] = ()
    label: str = ""
    reason: str = ""
    suggestions: tuple[Suggestion, ...] = ()
    note: str = ""


def slug(name: str) -> str:
    """The id a display name gives: lower case, runs of other characters as one underscore."""
    return _NON_WORD.sub("_", name.lower()).strip("_")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _folded(words: Iterable[str]) -> str:
    return " ".join(_singular(word) for word in words)


def _unordered(words: Iterable[str]) -> str:
    return " ".join(sorted(_singular(word) for word in words))


def _lower(name: str) -> str:
    """A display name inside a sentence: 'Right hepatic artery' -> 'right hepatic artery'."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


@frozen.record
class _Words:
    """The words of a token list: the sides it names, its words, and its words with side words."""

    sides: frozenset[Side]
    words: tuple[str, ...]
    named: tuple[str, ...]

    @property
    def side(self) -> Side | None:
        """The one side stated, or None (no side, or both)."""
        return next(iter(self.sides)) if len(self.sides) == 1 else None


class Normaliser:
    """Turns free text into words using the vocabulary's side words and abbreviations."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        """Build the word tables once."""
        self._side_of_word: dict[str, Side] = {}
        for side, words in vocabulary.side_words.items():
            for word in words:
                self._side_of_word[word.lower()] = side
        self._side_of_letter: dict[str, Side] = {
            letter.lower(): side for side, letter in vocabulary.side_letters.items()
        }
        self._letter_of_side: dict[Side, str] = {
            side: letter for letter, side in self._side_of_letter.items()
        }
        self._dropped = frozenset(word.lower() for word in vocabulary.dropped_words)
        self._expanded = {
            short.lower(): long.lower() for short, long in vocabulary.word_abbreviations.items()
        }
        self._expansions: dict[str, tuple[str, ...]] = {}
        self.position_words = frozenset(word.lower() for word in vocabulary.position_words)
        """Words that place a catheter along a vessel (proximal, distal)."""
        self.variant_words = frozenset(word.lower() for word in vocabulary.variant_words)
        """Words that mark a variant origin (replaced, accessory)."""
        self.origin_words = frozenset(word.lower() for word in vocabulary.origin_words)
        """Words that introduce where a variant vessel arises (from, off)."""

    def tokens(self, text: str) -> tuple[str, ...]:
        """The lower-case tokens of `text`, punctuation dropped ('S.F.A.' -> 'sfa')."""
        # dots vanish so initials survive ("S.F.A." -> "sfa"); other punctuation separates words
        return tuple(_NON_WORD.sub(" ", text.lower().replace(".", "")).split())

    def read_tokens(self, tokens: Iterable[str]) -> _Words:
        """Sides, words and named words of `tokens`; never raises."""
        sides: set[Side] = set()
        words: list[str] = []
        named: list[str] = []
        for token in tokens:
            if token in self._side_of_word:
                side = self._side_of_word[token]
                sides.add(side)
                named.append(side)
                continue
            for word in self.expand(token):
                words.append(word)
                named.append(word)
        return _Words(frozenset(sides), tuple(words), tuple(named))

    def expand(self, token: str) -> tuple[str, ...]:
        """The words one non-side token stands for, filler words dropped ('sup' -> 'superior')."""
        found = self._expansions.get(token)
        if found is None:
            found = tuple(
                w for w in self._expanded.get(token, token).split() if w not in self._dropped
            )
            if len(self._expansions) < _EXPANSION_CACHE:
                self._expansions[token] = found
        return found

    def side_of_word(self, token: str) -> Side | None:
        """The side a whole token names ('rt' -> right), if it is a side word."""
        return self._side_of_word.get(token)

    def side_of_letter(self, letter: str) -> Side | None:
        """The side a letter glued to an abbreviation names ('r' in 'rcfa')."""
        return self._side_of_letter.get(letter)

    def letter_of(self, side: Side) -> str | None:
        """The letter glued to an abbreviation for `side` ('r')."""
        return self._letter_of_side.get(side)

    def parse(self, text: str) -> ParsedName:
        """Normalise `text`.

        Raises:
            VesselNameError: the text names both sides.
        """
        read = self.read_tokens(self.tokens(text))
        if len(read.sides) > 1:
            raise VesselNameError(text, f"{text!r} names both the left and the right side")
        stated = read.side
        return ParsedName(stated, read.words, read.named if stated else read.words)

    def split_side_letter(self, parsed: ParsedName) -> ParsedName | None:
        """Read 'rcfa' as right + 'cfa', when the query is one word starting with a side letter."""
        if parsed.side is not None or len(parsed.words) != 1:
            return None
        word = parsed.words[0]
        side = self._side_of_letter.get(word[:1])
        if side is None or len(word) < 3:
            return None
        return ParsedName(side, self.expand(word[1:]) or (word[1:],))


def base_name(record: VesselRecord) -> str:
    """The display name without its side word: 'Right common femoral' -> 'common femoral'."""
    name = record.name
    if record.side != "unpaired":
        prefix = record.side + " "
        if name.lower().startswith(prefix):
            name = name[len(prefix) :]
    return _lower(name)


def index_form(record: VesselRecord, parsed: ParsedName) -> ParsedName:
    """How a name of `record` is indexed: an unpaired vessel keeps the side words of its name."""
    if record.side == "unpaired" and parsed.side is not None:
        return parsed.with_side_words()
    return parsed


class _KeyTable:
    """Word tuples -> values, looked up exactly, with plurals folded, then in any word order."""

    def __init__(self) -> None:
        self.exact: dict[str, set[str]] = defaultdict(set)
        self.folded: dict[str, set[str]] = defaultdict(set)
        self.unordered: dict[str, set[str]] = defaultdict(set)

    def add(self, words: Sequence[str], value: str) -> None:
        self.exact[" ".join(words)].add(value)
        self.folded[_folded(words)].add(value)
        self.unordered[_unordered(words)].add(value)

    def find(self, words: Sequence[str]) -> frozenset[str]:
        if not words:
            return frozenset()
        for table, key in (
            (self.exact, " ".join(words)),
            (self.folded, _folded(words)),
            (self.unordered, _unordered(words)),
        ):
            found = table.get(key)
            if found:
                return frozenset(found)
        return frozenset()


@frozen.record
class _Class:
    """A name class, its member keys expanded to vessel ids."""

    label: str
    members: tuple[str, ...]
    access: tuple[str, ...]
    ask: bool


@frozen.record
class _Found:
    """One reading of one interpretation of the text.

    kind: ``vessel`` (one), ``class`` (several, any of them), ``several`` (several, one of them),
    ``open`` (needs a side the text does not give), ``wrong`` (the side given does not exist).
    how: which interpretation: '' (as written), named, glued, split, position, access.
    written, read_as: for notes, what the text had and how it was read ('IMA', 'RIMA'); for a
    position reading, the position words.
    """

    kind: Literal["vessel", "class", "several", "open", "wrong"]
    ids: tuple[str, ...]
    label: str = ""
    ask: bool = False
    how: str = ""
    written: str = ""
    read_as: str = ""
    side: Side | None = None

    @property
    def complete(self) -> bool:
        return self.kind in ("vessel", "class", "several")


class _Gathered:
    """Every reading of a text, by rank: as written (first), then split or position-free."""

    __slots__ = ("first", "named", "second")

    def __init__(self, first: list[_Found], second: list[_Found]) -> None:
        self.first = first
        self.second = second
        self.named: _Found | None = None


class NameIndex:
    """Every vessel's name and aliases, the name classes and the variants, for reading names.

    A sided vessel is indexed without its side word (the side is read from the query); an unpaired
    vessel whose name carries a side word ('Left gastric artery') is indexed with it. The index
    holds only plain data (dicts, sets, tuples and the records), so it pickles.
    """

    def __init__(
        self,
        records: Mapping[str, VesselRecord],
        normaliser: Normaliser,
        classes: Iterable[NameClass] = (),
        variants: Iterable[VariantRecord] = (),
        applied_variants: Iterable[str] = (),
        *,
        levels: bool = True,
    ) -> None:
        """Index every name and alias of every record, every class and every variant name.

        `levels` adds the classes of level-numbered vessels ('right lumbar artery').
        """
        self.normaliser = normaliser
        self._records = records
        self._vessels = _KeyTable()
        self._keys_of: dict[str, list[ParsedName]] = defaultdict(list)
        self._own_side: dict[str, set[str]] = defaultdict(set)
        for vessel_id, record in records.items():
            for position, text in enumerate((record.name, *record.aliases)):
                read = normaliser.read_tokens(normaliser.tokens(text))
                parsed = ParsedName(read.side, read.words, read.named if read.side else read.words)
                parsed = index_form(record, parsed)
                if not parsed.words:
                    continue
                if position and record.side != "unpaired":
                    # an alias of one side only ('RIMA') says the side by itself
                    self._own_side[vessel_id] |= {parsed.key, parsed.folded, parsed.unordered}
                self._keys_of[vessel_id].append(parsed)
                self._vessels.add(parsed.words, vessel_id)
        self._choices = sorted(self._vessels.folded)
        self._keys_with_word: dict[str, set[str]] = defaultdict(set)
        for key in self._choices:
            for word in key.split():
                self._keys_with_word[word].add(key)
        self._words = sorted(self._keys_with_word)
        # no name is within a few slips of a text much longer than the longest name, or of more
        # words than any name has: such texts get no fuzzy matching at all
        self._longest = max((len(k) for k in self._choices), default=0) * 3 // 2
        self._most_words = max((len(k.split()) for k in self._choices), default=0)
        self._classes: list[_Class] = []
        self._class_keys = _KeyTable()
        for entry in classes:
            self._add_class(
                _Class(
                    entry.name,
                    self.expand_key(*entry.members),
                    self.expand_key(entry.access) if entry.access else (),
                    entry.ask,
                ),
                (entry.name, *entry.aliases),
            )
        if levels:
            self._add_level_classes()
        self._variants: dict[str, VariantRecord] = {}
        self._variant_keys = _KeyTable()
        self._moved: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for variant in variants:
            self._variants[variant.id] = variant
            for alias in variant.aliases:
                named = normaliser.read_tokens(normaliser.tokens(alias)).named
                if named:
                    self._variant_keys.add(named, variant.id)
            for move in variant.reattach:
                self._moved[move.vessel].append((variant.id, move.parent))
        self._applied = frozenset(applied_variants)

    def with_records(
        self, records: Mapping[str, VesselRecord], applied_variants: Iterable[str] = ()
    ) -> NameIndex:
        """The same index over other records of the same vessels, with variants applied.

        A variant build moves vessels but renames none, so every table is shared.
        """
        other = object.__new__(NameIndex)
        other.__dict__.update(self.__dict__)
        other._records = records
        other._applied = frozenset(applied_variants)
        return other

    # ---- building

    def expand_key(self, *keys: str) -> tuple[str, ...]:
        """Vessel ids for member keys: an id stands for itself, a twin key for both sides."""
        ids: list[str] = []
        for key in keys:
            if key in self._records:
                ids.append(key)
            else:
                ids += [
                    f"{side}_{key}"
                    for side in ("left", "right")
                    if f"{side}_{key}" in self._records
                ]
        return tuple(dict.fromkeys(ids))

    def _add_class(self, found: _Class, names: Iterable[str]) -> None:
        index = str(len(self._classes))
        self._classes.append(found)
        for text in names:
            words = self.normaliser.read_tokens(self.normaliser.tokens(text)).words
            if words:
                self._class_keys.add(words, index)

    def _add_level_classes(self) -> None:
        """Level-numbered vessels named without their level are the class of every level.

        'Right lumbar artery (L2)' without '(L2)': 'right lumbar artery' is L1 to L5 on the right.
        """
        groups: dict[str, list[str]] = defaultdict(list)
        for vessel_id, record in self._records.items():
            match = _LEVEL.match(base_name(record))
            if match is not None and record.side != "unpaired":
                groups[match["base"]].append(vessel_id)
        for label, ids in sorted(groups.items()):
            words = self.normaliser.read_tokens(self.normaliser.tokens(label)).words
            per_side: dict[str, int] = defaultdict(int)
            for vessel_id in ids:
                per_side[self._records[vessel_id].side] += 1
            if (
                not words
                or min(per_side.values()) < 2
                or self._vessels.find(words)
                or self._class_keys.find(words)
            ):
                continue
            self._add_class(_Class(label, tuple(sorted(ids, key=_level_order)), (), False), [label])

    # ---- the public readers

    def read(self, text: str, role: Role = "placement") -> NameReading:
        """How `text` reads as a vessel name, for a placement or an access. Never raises."""
        stripped = text.strip()
        if len(stripped) > MAX_NAME_CHARS:
            return NameReading(
                text,
                "unknown",
                reason=f"a text of {len(stripped)} characters does not name a vessel "
                f"(names are at most {MAX_NAME_CHARS} characters)",
            )
        tokens = self.normaliser.tokens(stripped)
        words = self.normaliser.read_tokens(tokens)
        if not words.words:
            return NameReading(text, "unknown", reason=f"{text!r} does not name a vessel")
        gathered = self._gather(tokens, role)
        if gathered.named is not None:
            return self._vessel_reading(text, gathered.named, gathered)
        both = len(words.sides) > 1
        for rank in (gathered.first, gathered.second):
            complete = _distinct(f for f in rank if f.complete)
            if len(complete) == 1 and not both:
                return self._complete_reading(text, complete[0], gathered)
            if complete:
                return self._conflict(text, complete, both)
        if both:
            return NameReading(
                text,
                "unknown",
                reason=f"{text!r} names both the left and the right side, and no vessel on "
                "either side answers to the rest",
            )
        for rank in (gathered.first, gathered.second):
            open_ = [f for f in rank if f.kind == "open"]
            if open_:
                return self._open_reading(text, open_)
        variant = self._variant_reading(text, tokens, role)
        if variant is not None:
            return variant
        wrong = [f for f in gathered.first if f.kind == "wrong"]
        if wrong:
            return self._wrong_side_reading(text, wrong[0])
        suggestions = self.suggestions(stripped)
        reason = f"no vessel is called {text!r}"
        if not suggestions:
            reason += ": it is not in the atlas"
        return NameReading(text, "unknown", reason=reason, suggestions=suggestions)

    def resolve(self, text: str, role: Role = "placement") -> VesselRecord:
        """Return the one vessel `text` names (see `read`).

        Raises:
            UnknownVesselError: no vessel answers to the name; the close names are suggested.
            AmbiguousVesselError: several could, or a class does (its members are the
                candidates); the side is usually what is missing.
            VesselNameError: the name reads as a variant the case must add.
        """
        reading = self.read(text, role)
        if reading.kind == "vessel" and reading.vessel is not None:
            return self._records[reading.vessel]
        names = tuple(s.name for s in reading.suggestions)
        ids = tuple(s.id for s in reading.suggestions)
        if reading.kind == "unknown":
            raise UnknownVesselError(
                text, reading.reason, names, suggestion_ids=ids, reading=reading
            )
        if reading.kind in ("ambiguous", "class"):
            raise AmbiguousVesselError(text, reading.reason, reading.candidates, reading=reading)
        raise VesselNameError(text, reading.reason, names, suggestion_ids=ids, reading=reading)

    def complete(self, text: str, limit: int = 8) -> tuple[Suggestion, ...]:
        """Completions for an as-you-type box, best first.

        The reading of `text` first (its vessel, or a class's or an ambiguity's candidates in
        order), then the vessels whose name or alias has every word of the text as a word or a
        word start, ranked as `search` ranks them.
        """
        if limit < 1:
            return ()
        text = text[: MAX_NAME_CHARS + 1]
        reading = self.read(text)
        first: tuple[str, ...] = ()
        if reading.kind == "vessel" and reading.vessel is not None:
            first = (reading.vessel,)
        elif reading.kind in ("class", "ambiguous"):
            first = reading.candidates
        found = [Suggestion(i, self._records[i].name, (i,), 100.0) for i in first]
        seen = set(first)
        for rank, record in self._ranked(text):
            if len(found) >= limit:
                break
            if record.id not in seen:
                seen.add(record.id)
                found.append(Suggestion(record.id, record.name, (record.id,), _RANK_SCORES[rank]))
        return tuple(found[:limit])

    def names_of(self, vessel_id: str) -> tuple[ParsedName, ...]:
        """The indexed forms of one vessel's name and aliases."""
        return tuple(self._keys_of[vessel_id])

    def lookup(self, parsed: ParsedName) -> set[str]:
        """Vessel ids whose name or alias matches `parsed`, ignoring side; empty when none."""
        return set(self._vessels.find(parsed.words))

    # ---- interpretations

    def _gather(self, tokens: Sequence[str], role: Role, *, positions: bool = True) -> _Gathered:
        """Every interpretation of `tokens`, by rank."""
        words = self.normaliser.read_tokens(tokens)
        gathered = _Gathered([], [])
        if len(words.sides) == 1:
            named = self._named(words.named)
            if named is not None and named.kind == "vessel":
                gathered.named = named
                return gathered
        sides: list[Side | None] = [*sorted(words.sides)] or [None]
        for side in sides:
            found = self._outcome(side, words.words, role)
            if found is not None:
                gathered.first.append(found)
        glued = self._glued(tokens, role)
        if glued is not None:
            gathered.first.append(glued)
        if not words.sides:
            split = self._split(tokens, role)
            if split is not None:
                gathered.second.append(split)
        if positions:
            kept = [t for t in tokens if not self._is_position(t)]
            if kept and len(kept) < len(tokens) and self.normaliser.read_tokens(kept).words:
                inner = self._gather(kept, role, positions=False)
                form = " ".join(t for t in tokens if self._is_position(t))
                for found in ([inner.named] if inner.named else []) + inner.first + inner.second:
                    if found.kind != "wrong":
                        gathered.second.append(_with(found, "position", form, ""))
        return gathered

    def _is_position(self, token: str) -> bool:
        expanded = self.normaliser.expand(token)
        return bool(expanded) and all(w in self.normaliser.position_words for w in expanded)

    def _named(self, named: Sequence[str]) -> _Found | None:
        """The text with its side words kept as words, read as a midline vessel's name."""
        found = sorted(i for i in self._vessels.find(named) if self._records[i].side == "unpaired")
        if len(found) == 1:
            return _Found("vessel", (found[0],), how="named")
        return _Found("several", tuple(found), how="named") if found else None

    def _glued(self, tokens: Sequence[str], role: Role) -> _Found | None:
        """'R IMA' read as 'RIMA': the side letter glued onto the short abbreviation it names."""
        positions = [i for i, t in enumerate(tokens) if self.normaliser.side_of_word(t)]
        if len(positions) != 1:
            return None
        side = self.normaliser.side_of_word(tokens[positions[0]])
        letter = self.normaliser.letter_of(side) if side else None
        rest = [t for i, t in enumerate(tokens) if i != positions[0]]
        if side is None or letter is None or not rest:
            return None
        first = rest[0]
        if len(first) > _LONGEST_GLUED or not first.isalpha():
            return None
        glued = [letter + first, *rest[1:]]
        found = self._outcome(None, self.normaliser.read_tokens(glued).words, role)
        if found is None or not found.complete:
            return None
        if any(self._records[i].side not in (side, "unpaired") for i in found.ids):
            return None
        return _with(found, "glued", first.upper(), (letter + first).upper(), side)

    def _split(self, tokens: Sequence[str], role: Role) -> _Found | None:
        """'LCFA' read as L + CFA: a side letter glued to the front of the first word."""
        first = tokens[0]
        side = self.normaliser.side_of_letter(first[:1])
        if side is None or len(first) < 3 or not first[1:].isalnum():
            return None
        words = self.normaliser.read_tokens([first[1:], *tokens[1:]]).words
        found = self._outcome(side, words, role)
        if found is None or not found.complete:
            return None
        return _with(found, "split", first.upper(), f"{first[:1].upper()} + {first[1:].upper()}")

    def _outcome(self, side: Side | None, words: Sequence[str], role: Role) -> _Found | None:
        """What `words` name on `side` (or with no side stated): a class first, then vessels."""
        if not words:
            return None
        classes = sorted(self._class_keys.find(words), key=int)
        if classes:
            return self._class_outcome(self._classes[int(classes[0])], side, role)
        found = sorted(self._vessels.find(words))
        if not found:
            return None
        if side is not None:
            same = tuple(i for i in found if self._records[i].side == side)
            if len(same) == 1:
                return _Found("vessel", same, side=side)
            if same:
                return _Found("several", same, side=side)
            return _Found("wrong", tuple(found), side=side)
        if len(found) == 1:
            only = self._records[found[0]]
            if only.side == "unpaired" or self._says_side(only.id, words):
                return _Found("vessel", (only.id,))
            return _Found("open", (only.id,))
        own = [i for i in found if self._says_side(i, words)]
        if len(own) == 1:
            return _Found("vessel", (own[0],))
        if all(self._records[i].side != "unpaired" for i in found):
            return _Found("open", tuple(found))
        return _Found("several", tuple(found))

    def _class_outcome(self, found: _Class, side: Side | None, role: Role) -> _Found:
        members, how = found.members, ""
        if role == "access" and found.access:
            members, how = found.access, "access"
        label, ask = found.label, found.ask
        if side is not None:
            kept = tuple(m for m in members if self._records[m].side == side)
            if not kept:
                return _Found("wrong", members, label, side=side)
            members = kept
        elif any(self._records[m].side != "unpaired" for m in members):
            return _Found("open", members, label, ask)
        if len(members) == 1:
            return _Found("vessel", members, label, how=how, side=side)
        return _Found("class", members, label, ask, how=how, side=side)

    def _says_side(self, vessel_id: str, words: Sequence[str]) -> bool:
        """Whether the words are an alias only this sided vessel has (not its twin): 'RIMA'."""
        keys = {" ".join(words), _folded(words), _unordered(words)}
        return bool(keys & self._own_side[vessel_id])

    # ---- readings

    def _complete_reading(self, text: str, found: _Found, gathered: _Gathered) -> NameReading:
        if found.kind == "vessel":
            return self._vessel_reading(text, found, gathered)
        names = "; ".join(self._records[i].name for i in found.ids)
        if found.kind == "class" and not found.ask:
            return NameReading(
                text,
                "class",
                candidates=found.ids,
                label=found.label,
                reason=f"{text!r} names the class '{found.label}', any of: {names}; "
                "say which one where they code differently",
            )
        label = f" ('{found.label}' names more than one artery)" if found.label else ""
        return NameReading(
            text,
            "ambiguous",
            candidates=found.ids,
            label=found.label,
            reason=f"{text!r} could mean: {names}{label}: say which",
        )

    def _vessel_reading(self, text: str, found: _Found, gathered: _Gathered) -> NameReading:
        vessel = found.ids[0]
        return NameReading(text, "vessel", vessel=vessel, note=self._note(found, gathered))

    def _note(self, found: _Found, gathered: _Gathered) -> str:
        record = self._records[found.ids[0]]
        name = _lower(record.name)
        if found.how == "glued":
            why = ""
            literal = [f for f in gathered.first if f.kind == "wrong"]
            if literal:
                why = (
                    f" ({found.written} alone is the {self._described(literal[0])}, which has no "
                    "side)"
                )
            return f"{found.written} with a side read as {found.read_as}: the {name}{why}"
        if found.how == "split":
            literal = [f for f in gathered.first if f.kind in ("open", "wrong")]
            if not literal:
                return ""
            return (
                f"{found.written} read as {found.read_as}: the {name} ({found.written} as one "
                f"abbreviation is the {self._described(literal[0])}, which needs a side)"
            )
        if found.how == "position":
            return f"'{found.written}' places the catheter along the vessel: read as the {name}"
        if found.how == "access":
            return f"'{found.label}' as an access read as the {name}, the vessel punctured"
        return ""

    def _described(self, found: _Found) -> str:
        if found.label:
            return f"{found.label} class"
        return " or ".join(dict.fromkeys(base_name(self._records[i]) for i in found.ids))

    def _conflict(self, text: str, complete: Sequence[_Found], both: bool) -> NameReading:
        ids = tuple(dict.fromkeys(i for f in complete for i in f.ids))
        if both:
            names = "; ".join(self._records[i].name for i in ids)
            return NameReading(
                text,
                "ambiguous",
                candidates=ids,
                reason=f"{text!r} names both the left and the right side ({names}): "
                "enter each side as its own placement",
            )
        readings = []
        for found in complete:
            what = (
                f"the '{found.label}' class"
                if found.kind == "class"
                else " or ".join(self._records[i].name for i in found.ids)
            )
            if found.how in ("glued", "split"):
                what += f" (as {found.read_as})"
            readings.append(what)
        return NameReading(
            text,
            "ambiguous",
            candidates=ids,
            reason=f"{text!r} could mean: {'; '.join(readings)}: say which",
        )

    def _open_reading(self, text: str, open_: Sequence[_Found]) -> NameReading:
        ids = tuple(dict.fromkeys(i for f in open_ for i in f.ids))
        records = [self._records[i] for i in ids]
        bases = list(dict.fromkeys(base_name(r) for r in records))
        labels = [f.label for f in open_ if f.label]
        if labels:
            reason = (
                f"{text!r} leaves the side open: say which side ('{labels[0]}' is any of: "
                f"{'; '.join(r.name for r in records)})"
            )
        elif len(records) == 1:
            reason = (
                f"{text!r} leaves the side open: say which side (for example "
                f"'{_lower(records[0].name)}')"
            )
        elif len(bases) == 1:
            reason = (
                f"{text!r} could be the left or the right {bases[0]}: say which side "
                "(for example 'right' or 'rt')"
            )
        else:
            reason = f"{text!r} could mean: {'; '.join(r.name for r in records)}: say which side"
        return NameReading(
            text, "ambiguous", candidates=ids, label=labels[0] if labels else "", reason=reason
        )

    def _wrong_side_reading(self, text: str, wrong: _Found) -> NameReading:
        side = wrong.side or "left"
        records = [self._records[i] for i in wrong.ids]
        if wrong.label:
            reason = f"there is no {side} '{wrong.label}': it has no {side} side"
        elif all(r.side == "unpaired" for r in records):
            names = " or ".join(dict.fromkeys(base_name(r) for r in records))
            reason = f"there is no {side} {names}: it has no {side} side"
        else:
            names = " or ".join(r.name for r in records)
            reason = f"{text!r} says {side}, but names the {_lower(names)}: it has no {side} side"
        found = tuple(
            Suggestion(r.id, r.name, (r.id,), 100.0) for r in records if r.side == "unpaired"
        )
        others = tuple(s for s in self.suggestions(text, side) if s.id not in wrong.ids)
        return NameReading(
            text, "unknown", reason=reason, suggestions=(found + others)[:_SUGGESTION_LIMIT]
        )

    def _variant_reading(self, text: str, tokens: Sequence[str], role: Role) -> NameReading | None:
        """'replaced RHA', 'bovine arch', 'RHA from SMA': a variant the case must add."""
        normaliser = self.normaliser
        named = normaliser.read_tokens(tokens).named
        matches: list[tuple[str, str]] = []
        for variant_id in sorted(self._variant_keys.find(named)):
            matches.append((variant_id, self._variants[variant_id].reattach[0].vessel))
        vessels: tuple[str, ...] = ()
        if not matches:
            cut = next((i for i, t in enumerate(tokens) if t in normaliser.origin_words), None)
            qualified = any(t in normaliser.variant_words for t in tokens)
            if not qualified and cut is None:
                return None
            before = [t for t in tokens[:cut] if t not in normaliser.variant_words]
            after = (
                [t for t in tokens[cut + 1 :] if t not in normaliser.origin_words]
                if cut is not None
                else []
            )
            vessels = self._candidates(before, role)
            origins = set(self._candidates(after, role)) if after else None
            matches = [
                (variant_id, vessel)
                for vessel in vessels
                for variant_id, parent in self._moved.get(vessel, ())
                if origins is None or parent in origins
            ]
        if not matches:
            if not vessels:
                return None
            name = _lower(self._records[vessels[0]].name)
            return NameReading(
                text,
                "unknown",
                reason=f"{text!r} reads as a variant of the {name}, but the atlas has no such "
                "variant (see `vascular variants`)",
            )
        variant_id, vessel = matches[0]
        variant = self._variants[variant_id]
        name = self._records[vessel].name
        if variant_id in self._applied:
            parent = self._records[next(m.parent for m in variant.reattach if m.vessel == vessel)]
            return NameReading(
                text,
                "vessel",
                vessel=vessel,
                note=f"read as the {_lower(name)}, which arises from the "
                f"{_lower(parent.name)} in this patient (variant {variant_id})",
            )
        return NameReading(
            text,
            "variant",
            vessel=vessel,
            candidates=(vessel,),
            label=variant_id,
            reason=f"{text!r} names a variant: add the variant '{variant_id}' ({variant.name}) "
            f"to the case, and name the vessel '{name}'",
        )

    def _candidates(self, tokens: Sequence[str], role: Role) -> tuple[str, ...]:
        """Every vessel a token list could name, complete or open (for variant readings)."""
        if not tokens or not self.normaliser.read_tokens(tokens).words:
            return ()
        gathered = self._gather(tokens, role)
        found = ([gathered.named] if gathered.named else []) + gathered.first + gathered.second
        return tuple(dict.fromkeys(i for f in found if f.kind != "wrong" for i in f.ids))

    # ---- suggestions and search

    def suggestions(self, text: str, side: Side | None = None) -> tuple[Suggestion, ...]:
        """Up to five vessels whose name is close to `text` (on `side`, when one is given).

        Close means: the whole name within a few typing slips, the same words in another order,
        or every word of the text within a slip of a word of the name. A text of fewer than four
        letters gets none (an abbreviation is either known or not).
        """
        from rapidfuzz import fuzz, process

        read = self.normaliser.read_tokens(self.normaliser.tokens(text[:MAX_NAME_CHARS]))
        side = side or read.side
        queries = [_folded(read.words)]
        if read.side is not None:
            queries.append(_folded(read.named))
        scores: dict[str, float] = {}
        for query in queries:
            if not _SHORTEST_FUZZY <= len(query.replace(" ", "")) <= self._longest:
                continue
            for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
                for key, score, _ in process.extract(
                    query, self._choices, scorer=scorer, limit=20, score_cutoff=_SUGGESTION_CUTOFF
                ):
                    scores[key] = max(score, scores.get(key, 0.0))
            for key, score in self._word_matches(query).items():
                scores[key] = max(score, scores.get(key, 0.0))
        found: list[Suggestion] = []
        for key in sorted(scores, key=lambda k: (-scores[k], len(k), k)):
            for suggestion in self._suggested(key, side, scores[key]):
                if suggestion.name not in {s.name for s in found}:
                    found.append(suggestion)
            if len(found) >= _SUGGESTION_LIMIT:
                break
        return tuple(found[:_SUGGESTION_LIMIT])

    def suggest(self, text: str, side: Side | None = None) -> tuple[str, ...]:
        """Display names of the close vessels (see `suggestions`)."""
        return tuple(s.name for s in self.suggestions(text, side))

    def _word_matches(self, query: str) -> dict[str, float]:
        """Names each of whose query words is within a slip of one of the name's words."""
        from rapidfuzz import fuzz, process

        words = [w for w in query.split() if len(w) >= _SHORTEST_FUZZY]
        if not words or len(words) != len(query.split()) or len(words) > self._most_words:
            return {}
        best: list[dict[str, float]] = []
        for word in words:
            close = {
                match: score
                for match, score, _ in process.extract(
                    word, self._words, scorer=fuzz.ratio, limit=8, score_cutoff=_WORD_CUTOFF
                )
            }
            best.append(close)
        if all(max(close.values(), default=0.0) == 100.0 for close in best):
            return {}  # every word is spelt right: the name is not a slip away
        keys = set.intersection(
            *({k for match in close for k in self._keys_with_word[match]} for close in best)
        )
        found: dict[str, float] = {}
        for key in keys:
            key_words = key.split()
            per_word = [
                max(score for match, score in close.items() if match in key_words) for close in best
            ]
            coverage = len(words) / len(key_words)
            score = sum(per_word) / len(per_word) * (0.7 + 0.3 * coverage)
            if score >= _WORD_SCORE_CUTOFF:
                found[key] = score
        return found

    def _suggested(self, key: str, side: Side | None, score: float) -> list[Suggestion]:
        records = sorted(
            (self._records[i] for i in self._vessels.folded[key]), key=lambda r: r.name
        )
        found: list[Suggestion] = []
        for record in records:
            if record.side == "unpaired":
                found.append(Suggestion(record.id, record.name, (record.id,), score))
            elif side is not None:
                if record.side == side:
                    found.append(Suggestion(record.id, record.name, (record.id,), score))
            else:
                pair = tuple(
                    r.id
                    for r in records
                    if r.side != "unpaired" and base_name(r) == base_name(record)
                )
                name = f"{base_name(record)} (left or right)"
                if all(s.name != name for s in found):
                    found.append(Suggestion(pair[0], name, pair, score))
        return found

    def search(self, text: str) -> tuple[VesselRecord, ...]:
        """Vessels whose name or an alias contains every word of `text` (as a word or word start).

        Exact name or alias matches come first, then whole-word matches, then word-start matches;
        a side in the query keeps only that side's vessels (and unpaired vessels whose name carries
        that side word, such as the left gastric artery for 'left gastric').

        Raises:
            VesselNameError: the text names both sides.
        """
        self.normaliser.parse(text)
        return tuple(record for _, record in self._ranked(text))

    def _ranked(self, text: str) -> list[tuple[int, VesselRecord]]:
        read = self.normaliser.read_tokens(self.normaliser.tokens(text))
        if len(read.sides) > 1:
            return []
        side = read.side
        words = [_singular(word) for word in read.words]
        named = [_singular(word) for word in read.named]
        ranked: list[tuple[int, str, str]] = []
        keys_of = self._keys_of
        for vessel_id in sorted(self._starting_all(words) | self._starting_all(named)):
            names = keys_of[vessel_id]
            record = self._records[vessel_id]
            if side is None or record.side == side:
                rank = min((_match_rank(words, name) for name in names), default=_NO_MATCH)
            elif record.side == "unpaired":
                rank = min((_match_rank(named, name) for name in names), default=_NO_MATCH)
            else:
                continue
            if rank < _NO_MATCH:
                ranked.append((rank, record.name.lower(), vessel_id))
        return [(rank, self._records[i]) for rank, _, i in sorted(ranked)]

    def _starting_all(self, words: Sequence[str]) -> set[str]:
        """The vessels with, for every word, a name word that starts with it (none for none)."""
        if not words:
            return set()
        found: set[str] | None = None
        for word in sorted(words, key=len, reverse=True):
            ids = self._starting(word)
            found = ids if found is None else found & ids
            if not found:
                return set()
        return found or set()

    def _starting(self, word: str) -> set[str]:
        """The vessels with a name word that starts with `word` (a sorted word list, bisected)."""
        index = self.__dict__.get("_word_starts")
        if index is None:
            pairs = sorted(
                {
                    (name_word, vessel_id)
                    for vessel_id, names in self._keys_of.items()
                    for name in names
                    for name_word in name.folded.split()
                }
            )
            index = ([w for w, _ in pairs], [v for _, v in pairs])
            self.__dict__["_word_starts"] = index
        words, ids = index
        found = set()
        position = bisect.bisect_left(words, word)
        while position < len(words) and words[position].startswith(word):
            found.add(ids[position])
            position += 1
        return found


def _with(found: _Found, how: str, written: str, read_as: str, side: Side | None = None) -> _Found:
    return _Found(
        found.kind, found.ids, found.label, found.ask, how, written, read_as, side or found.side
    )


def _distinct(found: Iterable[_Found]) -> list[_Found]:
    """One of each different outcome (the same vessel read two ways counts once)."""
    seen: dict[tuple[str, tuple[str, ...]], _Found] = {}
    for item in found:
        seen.setdefault((item.kind, item.ids), item)
    return list(seen.values())


def _level_order(vessel_id: str) -> tuple[str, int, str]:
    """Level-numbered vessels by side, then by level number (T2 before T10)."""
    match = re.search(r"_[a-z](\d+)$", vessel_id)
    return (vessel_id.split("_", 1)[0], int(match[1]) if match else 0, vessel_id)


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


def naming_problems(
    records: Mapping[str, VesselRecord],
    normaliser: Normaliser,
    classes: Sequence[tuple[str, ClassRecord]],
    variants: Sequence[tuple[str, VariantRecord]],
) -> list[DataProblem]:
    """Problems with the name classes and variant names, checked against valid vessel records.

    A class member or access must name vessels; a class name must not be filler, carry side
    words, or take over a vessel's name (unless every vessel of that name is a member: 'bronchial
    artery' extends 'Right bronchial artery' to the left ones); class and variant names are
    unique.
    """
    index = NameIndex(records, normaliser, levels=False)
    problems: list[DataProblem] = []
    owner: dict[str, str] = {}
    for file, record in classes:
        label = record.name
        members = set(index.expand_key(*record.members))
        for field, key in [("members", m) for m in record.members] + (
            [("access", record.access)] if record.access else []
        ):
            if not index.expand_key(key):
                problems.append(DataProblem(file, label, field, f"{key!r} names no vessel"))
        for field, text in [("name", record.name)] + [("aliases", a) for a in record.aliases]:
            read = normaliser.read_tokens(normaliser.tokens(text))
            if read.sides:
                problems.append(
                    DataProblem(file, label, field, f"{text!r}: leave side words out of classes")
                )
                continue
            if not read.words:
                problems.append(DataProblem(file, label, field, f"{text!r} is only filler words"))
                continue
            vessels = index.lookup(ParsedName(None, read.words, read.words))
            if vessels - members:
                problems.append(
                    DataProblem(
                        file,
                        label,
                        field,
                        f"{text!r} already names {', '.join(sorted(vessels - members))}",
                    )
                )
            key = _folded(read.words)
            if owner.setdefault(key, label) != label:
                problems.append(
                    DataProblem(
                        file, label, field, f"{text!r} already names the class {owner[key]!r}"
                    )
                )
    for file, variant in variants:
        for text in variant.aliases:
            read = normaliser.read_tokens(normaliser.tokens(text))
            if not read.named:
                problems.append(
                    DataProblem(file, variant.id, "aliases", f"{text!r} is only filler words")
                )
                continue
            if index.lookup(ParsedName(None, read.named, read.named)):
                problems.append(
                    DataProblem(file, variant.id, "aliases", f"{text!r} is a vessel's name")
                )
            key = _folded(read.named)
            if owner.setdefault(key, variant.id) != variant.id:
                problems.append(
                    DataProblem(
                        file, variant.id, "aliases", f"{text!r} already names {owner[key]!r}"
                    )
                )
    return problems
