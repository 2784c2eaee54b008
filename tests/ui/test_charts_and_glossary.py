"""The family chart screen and the glossary screen, driven from the keyboard."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static, Tree

from tests.ui.conftest import SIZE, add_access, add_placement, select_placement, type_text
from tui.app import VascularApp
from tui.screens.family import FamilyScreen
from tui.screens.glossary import GlossaryScreen


class TestFamilyScreen:
    async def test_leaves_are_leaves_and_branches_open(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "left SFA")
            await select_placement(pilot, 0)
            await pilot.press("f3")
            await pilot.pause()
            assert isinstance(app.screen, FamilyScreen)
            tree = app.screen.query_one("#family-tree", Tree)
            nodes = {}
            stack = [tree.root]
            while stack:
                node = stack.pop()
                nodes[node.data] = node
                stack += list(node.children)
            assert not nodes["left_posterior_tibial_artery"].allow_expand
            assert nodes["left_popliteal_artery"].allow_expand

    async def test_a_row_reached_two_ways_lists_each_way(self, real_app: VascularApp) -> None:
        async with real_app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "left vertebral artery")
            await select_placement(pilot, 0)
            await pilot.press("f3")
            await pilot.pause()
            screen = real_app.screen
            assert isinstance(screen, FamilyScreen)
            tree = screen.query_one("#family-tree", Tree)
            labels = []
            stack = [tree.root]
            while stack:
                node = stack.pop()
                labels.append(str(node.label))
                stack += list(node.children)
            assert any(label.startswith("Basilar artery  2 ways in") for label in labels)
            assert any(label.startswith("via left vertebral artery  order 3") for label in labels)
            assert any("with imaging 36226-LT" in label for label in labels)


class TestGlossaryScreen:
    async def test_f7_opens_it_with_the_selected_lines_rules_first(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await add_access(pilot, "R CFA")
            await add_placement(pilot, "left SFA")
            await pilot.press("f7")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, GlossaryScreen)
            shown = [entry.id for entry in screen.shown]
            assert "family-initial" in shown
            assert "AAPC-FAM" in shown
            assert len(shown) < len(screen.entries)

    async def test_typing_an_id_finds_it(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f7")
            await pilot.pause()
            assert isinstance(app.screen, GlossaryScreen)
            assert app.screen.query_one("#glossary-q", Input).has_focus
            await type_text(pilot, "add-on")
            screen = app.screen
            assert screen.shown[0].id == "add-on"
            text = str(screen.query_one("#glossary-text", Static).render())
            assert "Add-on code" in text
            await pilot.press("enter", "down")
            await pilot.pause()
            assert screen.query_one("#glossary-list", OptionList).has_focus
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, GlossaryScreen)

    async def test_no_match_says_so(self, app: VascularApp) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f7")
            await pilot.pause()
            await type_text(pilot, "zzqx")
            screen = app.screen
            assert isinstance(screen, GlossaryScreen)
            assert screen.shown == ()
            assert "no entry" in str(screen.query_one("#glossary-text", Static).render())
