"""The trainer screen (F8): set up a set, answer key by key, see verdicts, reasoning and summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.ui.conftest import SIZE
from tui.app import VascularApp
from tui.screens.trainer import TrainerScreen
from vascular import Question, make_set


@pytest.fixture
def progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "progress.json"
    monkeypatch.setenv("VASCULAR_PROGRESS_FILE", str(path))
    return path


def shown(app: VascularApp, widget: str) -> str:
    return str(app.screen.query_one(widget, Static).render())


async def type_line(pilot: Pilot[None], text: str) -> None:
    for character in text:
        await pilot.press("space" if character == " " else character)
    await pilot.press("enter")
    await pilot.pause()


async def open_trainer(pilot: Pilot[None], seed: str, count: str, mode_downs: int = 0) -> None:
    await pilot.press("f8")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TrainerScreen)
    if mode_downs:
        await pilot.press("tab", "enter", *["down"] * mode_downs, "enter")
        await pilot.press("tab")
    else:
        await pilot.press("tab", "tab")
    clear = ("end", *["backspace"] * 4)
    await pilot.press(*clear, *seed, "tab", *clear, *count)
    await pilot.press("enter")
    await pilot.pause()


def answer_of(question: Question) -> str:
    if isinstance(question.answer, list):
        return ", ".join(question.answer)
    if question.answer is None:
        return "non-selective"
    if question.answer is True:
        return "yes"
    if question.answer is False:
        return "no"
    return str(question.answer)


class TestTrainer:
    async def test_a_practice_set_answered_right_scores_full_marks(
        self, real_app: VascularApp, progress: Path
    ) -> None:
        exercises = make_set("visceral", 7, 4)
        async with real_app.run_test(size=SIZE) as pilot:
            await open_trainer(pilot, "7", "4")
            for question in exercises.questions:
                assert question.prompt.splitlines()[0] in shown(real_app, "#trainer-question")
                if question.kind == "trace":
                    for fork in question.forks:
                        await type_line(pilot, str(fork.options.index(fork.toward) + 1))
                else:
                    await type_line(pilot, answer_of(question))
                assert shown(real_app, "#trainer-feedback").startswith("Right.")
                assert "Why:" in shown(real_app, "#trainer-feedback")
                await type_line(pilot, "")
            assert "Score: 4/4 (100%)" in shown(real_app, "#trainer-feedback")
        saved = json.loads(progress.read_text())
        assert saved["sessions"][0]["summary"]["correct"] == 4

    async def test_a_trace_refuses_a_wrong_branch_with_the_reason(
        self, real_app: VascularApp, progress: Path
    ) -> None:
        exercises = make_set("visceral", 7, 5)
        trace = exercises.questions[4]
        assert trace.kind == "trace"
        fork = trace.forks[0]
        wrong = next(n for n, o in enumerate(fork.options, 1) if o != fork.toward)
        async with real_app.run_test(size=SIZE) as pilot:
            await open_trainer(pilot, "7", "5")
            for question in exercises.questions[:4]:
                await type_line(pilot, answer_of(question))
                await type_line(pilot, "")
            assert "[trace]" in shown(real_app, "#trainer-question")
            assert "The ways on:" in shown(real_app, "#trainer-question")
            await type_line(pilot, str(wrong))
            refused = shown(real_app, "#trainer-feedback")
            assert refused.startswith("Refused: ")
            for each in trace.forks:
                await type_line(pilot, str(each.options.index(each.toward) + 1))
            assert shown(real_app, "#trainer-feedback").startswith("Not quite.")
            await type_line(pilot, "")
            assert "Score: 4/5 (80%)" in shown(real_app, "#trainer-feedback")

    async def test_a_wrong_answer_shows_the_answer_and_the_reasoning(
        self, real_app: VascularApp, progress: Path
    ) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await open_trainer(pilot, "3", "2")
            await type_line(pilot, "99999")
            feedback = shown(real_app, "#trainer-feedback")
            assert feedback.startswith("Not quite. The answer:")
            assert "Access A:" in feedback

    async def test_learn_mode_shows_the_reasoning_a_step_at_a_time(
        self, real_app: VascularApp, progress: Path
    ) -> None:
        exercises = make_set("visceral", 5, 1)
        steps = exercises.questions[0].explanation
        async with real_app.run_test(size=SIZE) as pilot:
            await open_trainer(pilot, "5", "1", mode_downs=1)
            await type_line(pilot, "")
            assert shown(real_app, "#trainer-feedback") == f"1. {steps[0]}"
            for _ in steps[1:]:
                await type_line(pilot, "")
            assert "Answer: " in shown(real_app, "#trainer-feedback")
            await type_line(pilot, "")
            assert "Learned 1 questions." in shown(real_app, "#trainer-feedback")

    async def test_a_bad_seed_is_a_message_not_a_crash(
        self, real_app: VascularApp, progress: Path
    ) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await open_trainer(pilot, "99999999999", "2")
            assert "seed 99999999999 out of range" in shown(real_app, "#trainer-feedback")
            assert real_app.screen.query_one("#trainer-answer", Input).value == ""

    async def test_escape_goes_back_to_the_case(
        self, real_app: VascularApp, progress: Path
    ) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await pilot.press("f8")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(real_app.screen, TrainerScreen)
