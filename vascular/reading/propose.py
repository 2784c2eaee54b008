"""From the mentions and cues of a note to proposed accesses, placements and interventions.

One pass over the clauses in reading order keeps the current access and the current catheter
position: imaging or sampling named without a vessel belongs to the current position; a vessel
named twice from the same access is one placement (a catheter exchange, a return); a vessel
named without the side it needs takes the one side word of its clause, or 'contralateral' /
'ipsilateral' to the access, and otherwise stays open with a query. Nothing here invents a
vessel: every step has a mention and its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from vascular.anatomy import Anatomy
from vascular.names import NameReading
from vascular.reading.cues import Cue, Role, clause_cues, role_of
from vascular.reading.mentions import Mention, mentions
from vascular.reading.model import Evidence, ProposedIntervention, ReaderFinding
from vascular.reading.queries import Queries
from vascular.reading.text import Piece, clauses, read_sections, sentences
from vascular.reading.words import ReaderWords

__all__ = ["Draft", "Step", "propose"]

_CODE = re.compile(r"\bCPT\s*(?:code\s*)?[:#]?\s*\+?(?P<code>\d{5})\b", re.IGNORECASE)
_DIRECTION = re.compile(r"\b(?P<d>antegrade|retrograde)\b", re.IGNORECASE)
_JOINED = re.compile(r"^\s*(?:,|and|or|,\s*and)\s*(?:the\s+)?$", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:it|this|this vessel|this artery|this vein)\b", re.IGNORECASE)
_PASSIVE = re.compile(r"^\s+(?:was|were|is|are)\b", re.IGNORECASE)
_VENOUS_KINDS = frozenset({"vein", "pulmonary_artery", "portal_vein"})


class Step:
    """An access or a placement being built (mutable while the note is read)."""

    def __init__(self, vessel: str, name: str, system: str, evidence: Evidence) -> None:
        """Start a step at its first evidence."""
        self.vessel = vessel
        self.name = name
        self.system = system
        self.evidence = [evidence]
        self.access: Step | None = None
        self.direction: str | None = None
        self.imaging: bool | list[str] = False
        self.sampling = False
        self.variant: str | None = None
        self.note = ""
        self.territory_named = False

    def image(self, territories: list[str]) -> None:
        """Imaging from this position, of the territories named (none: the vessel's own)."""
        if territories:
            known = self.imaging if isinstance(self.imaging, list) else []
            self.imaging = list(dict.fromkeys([*known, *territories]))
            self.territory_named = True
        elif self.imaging is False:
            self.imaging = True


class Draft:
    """Everything read from a note so far."""

    def __init__(self) -> None:
        """An empty draft."""
        self.accesses: list[Step] = []
        self.placements: list[Step] = []
        self.pending: list[Step] = []
        self.interventions: list[ProposedIntervention] = []
        self.findings: list[ReaderFinding] = []
        self.constructs: list[str] = []
        self.mentioned = 0

    def find(self, kind: str, message: str, evidence: Evidence | None = None) -> None:
        """Record a finding."""
        self.findings.append(ReaderFinding(kind, message, evidence))  # type: ignore[arg-type]


class _Reader:
    """Reads one note into a draft (one instance per note)."""

    def __init__(self, text: str, anatomy: Anatomy, words: ReaderWords, queries: Queries) -> None:
        self.text = text
        self.anatomy = anatomy
        self.words = words
        self.queries = queries
        self.draft = Draft()
        self.memo: dict[str, NameReading] = {}
        self.current: Step | None = None
        self.current_access: Step | None = None
        self.territory_ids = self._territory_ids()

    def _territory_ids(self) -> frozenset[str]:
        found: set[str] = set()
        for name in self.words.territory_positions:
            for side in ("", "right ", "left "):
                reading = self.anatomy.read_name(side + name)
                if reading.kind == "vessel" and reading.vessel:
                    found.add(reading.vessel)
        return frozenset(found)

    # ---- the pass

    def read(self) -> Draft:
        kept, left = read_sections(self.text, self.words)
        for section in left:
            if section.kind in ("skip", "title") and section.heading:
                self.draft.find(
                    "section-skipped",
                    f"The {section.heading!r} section was not read: it is not the description of "
                    "the procedure.",
                )
        for section in kept:
            for sentence in sentences(self.text, section.body):
                self._sentence(sentence)
        return self.draft

    def _sentence(self, sentence: Piece) -> None:
        found: list[tuple[Mention, Role, Cue | None]] = []
        for clause in clauses(self.text, sentence, self.words):
            found += self._clause(sentence, clause)
        self._interventions(sentence, found)

    def _evidence(self, sentence: Piece, mention: Mention | None, *cues: Cue | None) -> Evidence:
        return Evidence(
            sentence.text,
            sentence.start,
            sentence.end,
            mention.start if mention else -1,
            mention.end if mention else -1,
            tuple(cue.words for cue in cues if cue is not None),
        )

    def _clause(self, sentence: Piece, clause: Piece) -> list[tuple[Mention, Role, Cue | None]]:
        cues = clause_cues(self.text, clause, self.words)
        found = mentions(self.text, clause, self.anatomy, self.words, self.memo)
        self.draft.mentioned += len(found)
        roles: list[tuple[Mention, Role, Cue | None]] = []
        placed: list[tuple[Mention, Step]] = []
        for position, mention in enumerate(found):
            role, cue = role_of(mention, cues, bool(self.draft.accesses), position == 0)
            if position and roles[-1][1] in ("through", "landmark"):
                between = self.text[found[position - 1].end : mention.start]
                after = self.text[mention.end : mention.end + 12]
                if _JOINED.match(between) and not _PASSIVE.match(after):
                    role, cue = roles[-1][1], roles[-1][2]
            roles.append((mention, role, cue))
            evidence = self._evidence(sentence, mention, cue)
            step = self._act(mention, role, cue, clause, cues, evidence)
            if step is not None:
                placed.append((mention, step))
                self.current = step
        self._clause_imaging(sentence, clause, cues, placed, roles)
        if placed:
            self.current = placed[-1][1]
        return roles

    def _act(
        self,
        mention: Mention,
        role: Role,
        cue: Cue | None,
        clause: Piece,
        cues: list[Cue],
        evidence: Evidence,
    ) -> Step | None:
        said = f"'{mention.text}'"
        if role == "access":
            self._access(mention, clause, evidence)
            return None
        if role in ("select", "image", "sample"):
            return self._placement(mention, role, clause, cues, evidence)
        if role == "seen":
            self.draft.find(
                "seen-only",
                f"{said} is only seen on imaging ('{cue.words if cue else ''}'): not a placement.",
                evidence,
            )
        elif role == "failed":
            self.draft.find(
                "failed", f"{said}: an attempt that did not succeed, not a placement.", evidence
            )
        elif role == "negated":
            self.draft.find("negated", f"{said} is negated in the note: not a placement.", evidence)
        elif role == "uncertain":
            self.draft.find("uncertain", f"{said} is stated with doubt: not proposed.", evidence)
            self.queries.ask("uncertain", evidence, name=self._name(mention))
        elif role == "evaluate":
            self.draft.find(
                "evaluated",
                f"{said} was 'evaluated': the note does not say the catheter was placed in it.",
                evidence,
            )
            self.queries.ask("level", evidence, name=self._name(mention))
        elif role in ("through", "landmark"):
            pass
        elif role == "unclear":
            self.draft.find(
                "unmatched", f"{said} is named without an action the reader knows.", evidence
            )
        return None

    def _name(self, mention: Mention) -> str:
        reading = mention.reading
        if reading.kind == "vessel" and reading.vessel:
            return self.anatomy.name(reading.vessel).lower()
        if reading.candidates and _is_pair(reading.candidates):
            return _base_name(self.anatomy.name(reading.candidates[0]))
        return mention.text

    # ---- vessels

    def _resolve(
        self, mention: Mention, clause: Piece, evidence: Evidence, action: str, *, access: bool
    ) -> tuple[str, str, NameReading] | None:
        """(vessel for the case, display name, reading) for a mention, or None (asked instead)."""
        reading = mention.reading
        if access and reading.kind != "vessel":
            reading = self.anatomy.read_name(mention.text, role="access")
        current = self.current
        if (
            reading.kind in ("ambiguous", "class")
            and current
            and current.vessel in reading.candidates
        ):
            # 'selective external carotid angiography' right after the left ECA was selected
            return current.vessel, current.name, reading
        if reading.kind == "ambiguous" and _is_pair(reading.candidates):
            side = self._side_from_context(mention, clause)
            if side is not None:
                vessel = next(c for c in reading.candidates if c.startswith(side))
                self.draft.find(
                    "side-from-context",
                    f"'{mention.text}' read as the {self.anatomy.name(vessel).lower()}: the side "
                    "is taken from the same sentence.",
                    evidence,
                )
                return vessel, self.anatomy.name(vessel), reading
            name = _base_name(self.anatomy.name(reading.candidates[0]))
            self.draft.find("no-side", f"'{mention.text}' is named without its side.", evidence)
            self.queries.ask("side", evidence, name=name, action=action)
            return None
        if reading.kind == "ambiguous":
            choices = ", ".join(self.anatomy.name(c).lower() for c in reading.candidates[:4])
            self.draft.find("which-vessel", f"'{mention.text}' can mean {choices}.", evidence)
            self.queries.ask("which_vessel", evidence, text=mention.text, choices=choices)
            return None
        if reading.kind == "vessel" and reading.vessel:
            return reading.vessel, self.anatomy.name(reading.vessel), reading
        if reading.kind == "class":
            if mention.how == "compound" and reading.label == "aorta":
                self.queries.ask("aorta_level", evidence)
                self.draft.find("which-vessel", "An aortogram without its level.", evidence)
                return None
            return mention.text, reading.label or mention.text, reading
        if reading.kind == "variant" and reading.vessel:
            return reading.vessel, self.anatomy.name(reading.vessel), reading
        return None

    def _side_from_context(self, mention: Mention, clause: Piece) -> str | None:
        window = self.text[clause.start : clause.end]
        relative = self.words.cues["contralateral"].search(
            self.text, max(clause.start, mention.start - 20), mention.start
        )
        same = self.words.cues["ipsilateral"].search(
            self.text, max(clause.start, mention.start - 20), mention.start
        )
        access_side = self._access_side()
        if access_side and (relative or same):
            if same:
                return access_side
            return "left" if access_side == "right" else "right"
        normaliser = self.anatomy.names.normaliser
        inside = {(mention.start - clause.start, mention.end - clause.start)}
        sides = {
            normaliser.side_of_word(m.group().lower())
            for m in re.finditer(r"\b(?:right|left)\b", window, re.IGNORECASE)
            if not any(a <= m.start() < b for a, b in inside)
        }
        sides.discard(None)
        if len(sides) == 1:
            return str(next(iter(sides)))
        return None

    def _access_side(self) -> str | None:
        access = self.current_access
        if access is None or access.vessel not in self.anatomy:
            return None
        side = self.anatomy.vessel(access.vessel).side
        return None if side == "unpaired" else side

    def _system(self, vessel: str, reading: NameReading) -> str:
        vessel_id = vessel if vessel in self.anatomy else (reading.candidates or ("",))[0]
        if vessel_id not in self.anatomy:
            return "artery"
        kind = self.anatomy.tree_of(vessel_id).kind
        return "vein" if kind in _VENOUS_KINDS else "artery"

    # ---- steps

    def _access(self, mention: Mention, clause: Piece, evidence: Evidence) -> None:
        resolved = self._resolve(mention, clause, evidence, "accessed", access=True)
        if resolved is None:
            return
        vessel, name, reading = resolved
        for access in self.draft.accesses:
            if access.vessel == vessel:
                access.evidence.append(evidence)
                self.current_access, self.current = access, None
                return
        access = Step(vessel, name, self._system(vessel, reading), evidence)
        direction = _DIRECTION.search(self.text, clause.start, clause.end)
        access.direction = direction["d"].lower() if direction else None
        self.draft.accesses.append(access)
        self.current_access, self.current = access, None
        for waiting in self.draft.pending:
            if waiting.system == access.system and waiting.access is None:
                waiting.access = access

    def _access_for(self, system: str, evidence: Evidence, name: str) -> Step | None:
        same = [a for a in self.draft.accesses if a.system == system]
        if len(same) > 1 and same[-1].evidence[0].start == same[-2].evidence[0].start:
            # two punctures in one sentence ('bilateral femoral vein access'): which one?
            names = " and the ".join(a.name.lower() for a in same)
            self.queries.ask("which_access", evidence, name=name.lower(), accesses=names)
        if self.current_access is not None and self.current_access.system == system:
            return self.current_access
        return same[-1] if same else None

    def _placement(
        self, mention: Mention, role: Role, clause: Piece, cues: list[Cue], evidence: Evidence
    ) -> Step | None:
        action = {"select": "selected", "image": "imaged", "sample": "sampled"}[role]
        resolved = self._resolve(mention, clause, evidence, action, access=False)
        if resolved is None:
            return None
        vessel, name, reading = resolved
        system = self._system(vessel, reading)
        access = self._access_for(system, evidence, name)
        if access is not None and access.vessel == vessel:
            self.draft.find(
                "access-vessel",
                f"'{mention.text}' is the vessel punctured: not listed as a placement.",
                evidence,
            )
            return None
        step = self._merge(vessel, access, evidence)
        if step is None:
            step = Step(vessel, name, system, evidence)
            step.access = access
            step.note = reading.note
            if reading.kind == "variant":
                step.variant = reading.label
            self.draft.placements.append(step)
            if access is None:
                self.draft.pending.append(step)
        if role == "image":
            step.image(self._territories(clause))
        if role == "sample":
            step.sampling = True
        return step

    def _merge(self, vessel: str, access: Step | None, evidence: Evidence) -> Step | None:
        for step in self.draft.placements:
            if step.vessel == vessel and step.access is access:
                if all(e.start != evidence.start for e in step.evidence):
                    self.draft.find(
                        "merged",
                        f"The {step.name.lower()} is named again (a catheter exchange or a "
                        "return): one placement.",
                        evidence,
                    )
                step.evidence.append(evidence)
                return step
        return None

    def _territories(self, clause: Piece) -> list[str]:
        return [
            name
            for name, pattern in self.words.territory_words.items()
            if pattern.search(self.text, clause.start, clause.end)
        ]

    def _clause_imaging(
        self,
        sentence: Piece,
        clause: Piece,
        cues: list[Cue],
        placed: list[tuple[Mention, Step]],
        roles: list[tuple[Mention, Role, Cue | None]],
    ) -> None:
        """Imaging or sampling words of a clause given to the position they belong to."""
        image = [c for c in cues if c.kind == "image"]
        sample = [c for c in cues if c.kind == "sample"]
        blocked = any(c.kind in ("failure", "negation", "uncertain") for c in cues)
        if blocked or not (image or sample):
            return
        if placed:
            target = [step for _, step in placed]
            plural = any(c.words.lower().endswith("s") for c in image + sample)
            chosen = target if plural else [target[-1]]
            for step in chosen:
                if image:
                    step.image(self._territories(clause))
                if sample:
                    step.sampling = True
            return
        if any(role == "access" for _, role, _ in roles) or any(c.kind == "access" for c in cues):
            return
        if any(role in ("select", "image", "sample") for _, role, _ in roles):
            return  # the imaging was of a vessel the reader could not place (it asks about it)
        evidence = self._evidence(sentence, None, *(image + sample)[:1])
        if self.current is None:
            self.draft.find(
                "imaging-without-position",
                "Imaging or sampling is recorded without the catheter position.",
                evidence,
            )
            self.queries.ask("imaging_position", evidence)
            return
        self.current.evidence.append(evidence)
        if image:
            self.current.image(self._territories(clause))
        if sample:
            self.current.sampling = True

    def _interventions(
        self, sentence: Piece, roles: list[tuple[Mention, Role, Cue | None]]
    ) -> None:
        negation = self.words.cues["negation"].search(self.text, sentence.start, sentence.end)
        for kind, pattern in self.words.intervention_words.items():
            match = pattern.search(self.text, sentence.start, sentence.end)
            if match is None or negation is not None:
                continue
            usable = [(m, r) for m, r, _ in roles if r not in ("failed", "negated", "uncertain")]
            evidence = Evidence(
                sentence.text,
                sentence.start,
                sentence.end,
                match.start(),
                match.end(),
                (match.group(),),
            )
            code_match = _CODE.search(self.text, sentence.start, sentence.end)
            code = code_match["code"] if code_match else None
            if not usable and self.current is not None and _PRONOUN.match(sentence.text):
                # 'It was embolized with particles': the vessel the catheter is in
                name = self.current.name
                self.draft.interventions.append(
                    ProposedIntervention(kind, self.current.vessel, code, evidence, name)
                )
                self.draft.find(
                    "intervention",
                    f"{_capital(_article(kind))} of the {name.lower()} (named as 'it': the "
                    "catheter's position): its code is for the coder to choose.",
                    evidence,
                )
                continue
            if not usable:
                self.draft.interventions.append(ProposedIntervention(kind, None, code, evidence))
                self.queries.ask("intervention_vessel", evidence, what=_article(kind))
                self.draft.find(
                    "intervention-without-vessel",
                    f"{_capital(_article(kind))} is named without the vessel treated.",
                    evidence,
                )
                continue
            mention = min(usable, key=lambda pair: abs(pair[0].start - match.start()))[0]
            if any(
                i.kind == kind and i.vessel == (mention.reading.vessel or mention.text)
                for i in self.draft.interventions
            ):
                continue  # the same treatment named again
            reading = mention.reading
            vessel = reading.vessel if reading.kind == "vessel" else None
            name = self.anatomy.name(vessel) if vessel else mention.text
            self.draft.interventions.append(
                ProposedIntervention(kind, vessel or mention.text, code, evidence, name)
            )
            self.draft.find(
                "intervention",
                f"{_capital(_article(kind))} of the {name.lower()}: "
                + (
                    f"the note states code {code}."
                    if code
                    else "its code is for the coder to choose (the reader never picks one); "
                    "until it is added, the catheter codes do not reflect what it includes."
                ),
                evidence,
            )


def _article(kind: str) -> str:
    """'an embolization', 'a stent', 'a TIPS'."""
    word = kind.upper() if kind == "tips" else kind
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _is_pair(candidates: Iterable[str]) -> bool:
    ids = tuple(candidates)
    if len(ids) != 2 or not all(c.startswith(("left_", "right_")) for c in ids):
        return False
    return len({c.removeprefix("left_").removeprefix("right_") for c in ids}) == 1


def _base_name(name: str) -> str:
    lowered = name.lower()
    for side in ("right ", "left "):
        if lowered.startswith(side):
            return lowered[len(side) :]
    return lowered


def propose(text: str, anatomy: Anatomy, words: ReaderWords, queries: Queries) -> Draft:
    """Read a note's procedure description into a draft of steps, findings and queries."""
    return _Reader(text, anatomy, words, queries).read()


def step_json(step: Step, access_ids: dict[int, str]) -> dict[str, Any]:
    """A placement step in the case's shape."""
    data: dict[str, Any] = {"vessel": step.vessel}
    if step.access is not None and len(access_ids) > 1:
        data["access"] = access_ids[id(step.access)]
    if step.imaging:
        data["imaging"] = step.imaging
    if step.sampling:
        data["sampling"] = True
    return data
