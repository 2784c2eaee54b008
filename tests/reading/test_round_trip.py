"""Round trip: a generated case, dictated as a note in several styles, reads back the same."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.reading.corpus import placements
from vascular import Anatomy, load_anatomy, read_note

ANATOMY: Anatomy = load_anatomy()

ARTERIAL = (
    "celiac_trunk",
    "superior_mesenteric_artery",
    "inferior_mesenteric_artery",
    "left_renal_artery",
    "right_renal_artery",
    "splenic_artery",
    "common_hepatic_artery",
    "gastroduodenal_artery",
    "left_gastric_artery",
    "left_internal_iliac_artery",
    "right_internal_iliac_artery",
    "left_uterine_artery",
    "left_external_iliac_artery",
)
VENOUS = (
    "inferior_vena_cava",
    "left_renal_vein",
    "right_renal_vein",
    "left_adrenal_vein",
    "right_adrenal_vein",
    "right_hepatic_vein",
    "left_common_iliac_vein",
)
ACCESSES = {
    "right_common_femoral_artery": ARTERIAL,
    "left_common_femoral_artery": ARTERIAL,
    "left_radial_artery": ARTERIAL,
    "right_common_femoral_vein": VENOUS,
    "right_internal_jugular_vein": VENOUS,
}


def _name(vessel_id: str) -> str:
    return ANATOMY.name(vessel_id)


def _lower(vessel_id: str) -> str:
    name = _name(vessel_id)
    return name[0].lower() + name[1:]


ACCESS_STYLES = (
    "The {a} was accessed under ultrasound guidance and a 5 French sheath was placed.",
    "Using a micropuncture set, the {a} was punctured.",
    "Access: {a}, micropuncture technique.",
)
SELECT_STYLES = (
    "The {v} was selected with a Cobra catheter.",
    "A catheter was advanced into the {v}.",
    "Selective catheterization of the {v} was performed.",
    "The {v} was then engaged.",
)
IMAGE_STYLES = ("{run} was performed.", "{run} was performed from this position.")


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    """A one-access case with distinct placements the access reaches, each imaged or not."""
    access = draw(st.sampled_from(sorted(ACCESSES)))
    pool = [v for v in ACCESSES[access] if v != access]
    vessels = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=5, unique=True))
    venous = access.endswith("vein")
    steps = []
    for vessel in vessels:
        step: dict[str, Any] = {"vessel": vessel}
        if draw(st.booleans()):
            step["imaging"] = True
        if venous and vessel != "inferior_vena_cava" and draw(st.booleans()):
            step["sampling"] = True
        steps.append(step)
    return {"accesses": [{"vessel": access}], "placements": steps}


def render(case: dict[str, Any], style: int) -> str:
    """The case dictated as a note in one of several styles."""
    access = case["accesses"][0]["vessel"]
    venous = access.endswith("vein")
    run = (
        "Venography" if venous else ("Digital subtraction angiography", "Arteriography")[style % 2]
    )
    lines = [ACCESS_STYLES[style % len(ACCESS_STYLES)].format(a=_lower(access))]
    for number, step in enumerate(case["placements"]):
        pick = (style + number) % len(SELECT_STYLES)
        lines.append(SELECT_STYLES[pick].format(v=_lower(step["vessel"])))
        if step.get("imaging"):
            lines.append(IMAGE_STYLES[(style + number) % 2].format(run=run))
        if step.get("sampling"):
            lines.append("Samples were obtained.")
    heading = ("TECHNIQUE:", "PROCEDURE IN DETAIL:", "")[style % 3]
    body = " ".join(lines)
    return f"INDICATION: Evaluation.\n\n{heading} {body}\n\nIMPRESSION: As above.\n"


@settings(max_examples=60, deadline=None)
@given(case=cases(), style=st.integers(min_value=0, max_value=5))
def test_a_rendered_case_reads_back_the_same(case: dict[str, Any], style: int) -> None:
    reading = read_note(render(case, style), ANATOMY)
    assert reading.case is not None
    assert [a["vessel"] for a in reading.case["accesses"]] == [case["accesses"][0]["vessel"]]
    assert placements(reading.case) == placements(case)
