"""The note reader: a procedure note's text -> a proposed case, with evidence and queries.

`read_note` reads the procedure description of an IR note (not its history, findings or
impression) and proposes the accesses, the placements in order with their imaging and
sampling, and the interventions the note names, each tied to the sentence and the characters
that support it. What the note leaves open becomes a finding and, where it decides a code, a
physician query. Vessel names are read by the atlas's own name index, so the same words give
the same vessel here as everywhere else; the cue words and the query wording are data
(``anatomy_data/reading.yaml``). The reader never invents a vessel or an intervention code.
"""

from __future__ import annotations

from vascular.reading.model import (
    Evidence,
    NoteReading,
    ProposedAccess,
    ProposedIntervention,
    ProposedPlacement,
    Query,
    ReaderFinding,
)
from vascular.reading.note import MAX_NOTE_CHARS, read_note

__all__ = [
    "MAX_NOTE_CHARS",
    "Evidence",
    "NoteReading",
    "ProposedAccess",
    "ProposedIntervention",
    "ProposedPlacement",
    "Query",
    "ReaderFinding",
    "read_note",
]
