"""The read-only views of the interventions table the app uses: territories and study reasons."""

from __future__ import annotations

from vascular import Anatomy, diagnostic_reasons, intervention_report, intervention_territory


def test_a_territory_names_its_vessels_on_both_sides(atlas: Anatomy) -> None:
    found = intervention_territory(atlas, "37215")
    assert found is not None
    name, members = found
    assert name.startswith("the carotid circulation")
    assert {"right_internal_carotid_artery", "left_internal_carotid_artery"} <= members
    assert "right_common_femoral_artery" not in members


def test_an_add_on_is_found_with_or_without_its_plus_sign(atlas: Anatomy) -> None:
    assert intervention_territory(atlas, "+36907") == intervention_territory(atlas, "36907")


def test_a_code_without_a_territory_and_an_unknown_code(atlas: Anatomy) -> None:
    report = intervention_report(atlas, None)
    assert report is not None
    without = next(r["code"] for r in report[0]["interventions"] if not r["territory"])
    assert intervention_territory(atlas, without) == ("", frozenset())
    assert intervention_territory(atlas, "99999") is None


def test_the_reasons_for_a_diagnostic_study(atlas: Anatomy) -> None:
    reasons = {key: qualifies for key, qualifies, _ in diagnostic_reasons(atlas)}
    assert reasons["no-prior-study"] is True
    assert reasons["prior-study-adequate"] is False
