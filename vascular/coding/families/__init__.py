"""The code families, one module each, registered by id; the data lists their order of precedence.

To add a family: write its module (a table shape, `compile`, `code`), register an instance here,
add its section to ``rules/tables.yaml`` and its id to the ``families`` list there, add its rules
with their templates to ``rules/rules.yaml``, and add golden cases (ARCHITECTURE.md, "How to add a
code family").
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from vascular.coding.families.arterial import ArterialSelective
from vascular.coding.families.cervicocerebral import Cervicocerebral
from vascular.coding.families.interventions import Interventions
from vascular.coding.families.nonselective import NonSelective
from vascular.coding.families.portal import Portal
from vascular.coding.families.pulmonary import Pulmonary
from vascular.coding.families.renal import Renal
from vascular.coding.families.venous import Venous
from vascular.coding.family import CodeFamily

__all__ = ["FAMILIES"]

FAMILIES: Mapping[str, CodeFamily] = MappingProxyType(
    {
        family.id: family
        for family in (
            Interventions(),
            Cervicocerebral(),
            Renal(),
            Portal(),
            ArterialSelective(),
            Venous(),
            Pulmonary(),
            NonSelective(),
        )
    }
)
"""Every code family the engine has, by id (the order they run in is the data's)."""
