"""The library's front door: code a case, or explain it, against the embedded atlas by default.

Thin wrappers over `vascular.coding.engine` and `vascular.explain` that load the embedded atlas
when no anatomy is given (once per process; `vascular.loading`). Pure apart from that load.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vascular.anatomy import Anatomy
from vascular.case import Case
from vascular.coding.engine import code
from vascular.explain import Explained, explain
from vascular.loading import load_anatomy
from vascular.results import CodingResult

__all__ = ["code_case", "explain_case"]


def code_case(
    case: Case | Mapping[str, Any],
    anatomy: Anatomy | None = None,
    *,
    rationale: bool = True,
    explanations: bool = False,
) -> CodingResult:
    """Code a case: the CPT catheter-placement lines, each with its reasons.

    Args:
        case: a `Case`, or a mapping in the same shape (parsed JSON).
        anatomy: the atlas to code against (default: the embedded atlas).
        rationale: put every line's reasons into words (False: lines and findings only, for
            batch callers that need no prose).
        explanations: also put every placement's notes into words (``explanation``; what
            `explain_case` shows). The findings behind them are on every placement either way.

    Raises:
        CaseError: the case cannot be coded as given; every problem is listed.
    """
    return code(anatomy or load_anatomy(), case, rationale=rationale, explanations=explanations)


def explain_case(case: Case | Mapping[str, Any], anatomy: Anatomy | None = None) -> Explained:
    """Trace and code a case, keeping the tracing for the explanation views.

    Raises:
        CaseError: the case cannot be coded as given.
    """
    return explain(case, anatomy or load_anatomy())
