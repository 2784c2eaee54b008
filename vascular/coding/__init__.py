"""Coding: traced placements -> claim lines, each with the findings that decided it.

Pure; no I/O. `engine` is the pipeline; `families` holds one module per code family (registered in
`families/__init__.py`, ordered by the data); `claim` settles modifiers and claim order across the
whole claim; `render` puts findings into words; `registry` lists the table sections and compiles
them against an anatomy.
"""

from vascular.coding.engine import code, code_tracing, prepare

__all__ = ["code", "code_tracing", "prepare"]
