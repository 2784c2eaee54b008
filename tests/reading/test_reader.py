"""The note reader's behaviour: evidence spans, findings, queries, bad input, and the CLI."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from tests.reading.corpus import NOTES
from vascular import Anatomy, NoteError, code_case, load_anatomy, read_note
from vascular.cli import main


@pytest.fixture(scope="module")
def anatomy() -> Anatomy:
    return load_anatomy()


def note(name: str) -> str:
    return (NOTES / f"{name}.txt").read_text(encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --- evidence -------------------------------------------------------------------------------


def test_every_step_carries_the_sentence_and_the_mention_it_rests_on(anatomy: Anatomy) -> None:
    text = note("01_uterine_embolization")
    reading = read_note(text, anatomy)
    spans = [a.evidence for a in reading.accesses] + [p.evidence for p in reading.placements]
    for found in spans:
        assert found
        evidence = found[0]
        assert text[evidence.start : evidence.end] == evidence.sentence
        assert evidence.start <= evidence.mention_start < evidence.mention_end <= evidence.end
    first = reading.placements[0].evidence[0]
    assert text[first.mention_start : first.mention_end] == "left internal iliac artery"


def test_the_proposal_codes_as_it_is(anatomy: Anatomy) -> None:
    reading = read_note(note("04_four_vessel_cerebral"), anatomy)
    assert reading.case is not None
    labels = [line.label for line in code_case(reading.case, anatomy).lines]
    assert labels == ["36223-50", "36226-50"]


def test_a_vessel_only_seen_is_a_finding_not_a_placement(anatomy: Anatomy) -> None:
    reading = read_note(note("02_gi_bleed_mesenteric"), anatomy)
    vessels = [p.placement["vessel"] for p in reading.placements]
    assert "gastroduodenal_artery" not in vessels
    assert any(f.kind == "seen-only" for f in reading.findings)


def test_a_failed_attempt_and_a_negation_are_findings(anatomy: Anatomy) -> None:
    failed = read_note(note("10_failed_left_renal"), anatomy)
    assert [f.kind for f in failed.findings].count("failed") == 2
    negated = read_note(note("11_negation"), anatomy)
    assert {f.kind for f in negated.findings} >= {"negated"}


def test_an_exchange_into_the_same_vessel_is_one_placement(anatomy: Anatomy) -> None:
    reading = read_note(note("13_catheter_exchange"), anatomy)
    assert [p.placement["vessel"] for p in reading.placements] == ["superior_mesenteric_artery"]
    assert len(reading.placements[0].evidence) >= 2
    assert any(f.kind == "merged" for f in reading.findings)


def test_an_intervention_is_named_but_never_given_a_code(anatomy: Anatomy) -> None:
    reading = read_note(note("03_ivc_filter_jugular"), anatomy)
    assert [(i.kind, i.vessel, i.code) for i in reading.interventions] == [
        ("filter", "inferior_vena_cava", None)
    ]
    assert reading.case is not None
    assert "interventions" not in reading.case


def test_a_code_the_note_states_goes_in_the_case(anatomy: Anatomy) -> None:
    reading = read_note(note("30_stated_code_filter"), anatomy)
    assert reading.case is not None
    assert reading.case["interventions"] == [{"code": "37191", "vessel": "inferior_vena_cava"}]


# --- queries --------------------------------------------------------------------------------


def test_a_side_query_is_specific_and_offers_both_sides(anatomy: Anatomy) -> None:
    reading = read_note(note("06_renal_no_side"), anatomy)
    (query,) = reading.queries
    assert query.kind == "side"
    assert "renal artery" in query.text
    assert "right or the left" in query.text
    assert "cannot be determined" in query.text
    assert query.evidence is not None


def test_queries_export_as_numbered_text(anatomy: Anatomy) -> None:
    reading = read_note(note("05_renal_evaluated"), anatomy)
    text = reading.queries_text()
    assert text.splitlines()[0].startswith("Physician queries")
    assert "1. The note states" in text
    assert "right renal artery was evaluated" in text


def test_no_access_gives_no_case_and_asks_for_it(anatomy: Anatomy) -> None:
    reading = read_note(note("28_no_access"), anatomy)
    assert reading.case is None
    assert [q.kind for q in reading.queries] == ["access_missing"]


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("   \n\t", "empty"),
        ("abc\x00def", "binary"),
        ("x" * 300_000, "characters"),
        (note("29_colonoscopy"), "does not read as a vascular"),
    ],
)
def test_unreadable_notes_are_refused_with_a_reason(
    text: str, words: str, anatomy: Anatomy
) -> None:
    with pytest.raises(NoteError, match=words):
        read_note(text, anatomy)


def test_the_note_error_pickles() -> None:
    error = NoteError("the note is empty")
    assert str(pickle.loads(pickle.dumps(error))) == "the note is empty"


# --- the command line -----------------------------------------------------------------------


def test_read_prints_each_step_with_its_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "read", str(NOTES / "16_abbreviated_hepatic.txt"))
    assert (status, err) == (0, "")
    assert "Access A: Right common femoral artery" in out
    assert "Right hepatic artery [imaging]" in out
    assert "line 1, characters" in out


def test_read_json_has_the_case_and_the_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "read", "--json", str(NOTES / "07_adrenal_venous_sampling.txt"))
    data = json.loads(out)
    assert status == 0
    assert data["case"]["accesses"] == [{"vessel": "right_common_femoral_vein"}]
    assert data["placements"][1]["evidence"][0]["span"][0] >= 0


def test_read_queries_only(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "read", "--queries", str(NOTES / "27_cca_territory.txt"))
    assert status == 0
    assert out.startswith("Physician queries")
    assert "right common carotid" in out


def test_code_from_note_gives_the_codes_of_the_proposed_case(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = str(NOTES / "01_uterine_embolization.txt")
    status, out, _ = run(capsys, "code", "--from-note", source, "--format", "lines")
    assert status == 0
    _, proposal, _ = run(capsys, "read", "--json", source)
    case = tmp_path / "case.json"
    case.write_text(json.dumps(json.loads(proposal)["case"]), encoding="utf-8")
    _, direct, _ = run(capsys, "code", str(case), "--format", "lines")
    assert out == direct
    status, table, _ = run(capsys, "code", "--from-note", source)
    assert "Evidence for each line:" in table
    assert "left uterine artery" in table


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"\xff\xfe\xfa not utf-8", "not UTF-8"),
        (b"a" * 900_000, "larger than"),
        (note("29_colonoscopy").encode(), "does not read as a vascular"),
        (note("28_no_access").encode(), "no case can be proposed"),
    ],
)
def test_bad_notes_exit_2_with_a_message_and_nothing_on_stdout(
    content: bytes, words: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(content)
    for argv in (("read", str(path)), ("code", "--from-note", str(path))):
        status, out, err = run(capsys, *argv)
        assert (status, out) == (2, "")
        assert words in err


def test_code_needs_a_case_or_a_note(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "code")
    assert (status, out) == (2, "")
    assert "--from-note" in err
