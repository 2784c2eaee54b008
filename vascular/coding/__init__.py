"""Coding: traced placements -> CPT catheter-placement code lines, each with its reasons.

Pure functions over an `Anatomy` and a `Case`; no I/O. One module per concern: `arterial`
(families),
`venous` (veins, sampling, portal), `pulmonary`, `access` (non-selective codes), `modifiers` (RT/LT,
59/XS,
claim order), `engine` (the pipeline).
"""

from vascular.coding.engine import code_case, code_tracing, parse_case

__all__ = ["code_case", "code_tracing", "parse_case"]
