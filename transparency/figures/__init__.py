"""The catalogue of public figures, one module per family (standard library only).

`CATALOGUE` maps each key to its `Figure`; `FAMILIES` lists the families in the
order the dashboard shows them. `source_text()` is the code a data package's
`recompute.py` carries: these very modules, concatenated.
"""

from pathlib import Path

from . import governance, matching, members, money_in, money_out, result, value
from .base import Figure, Thresholds, largest_remainder

FAMILY_MODULES = (
    money_in,
    money_out,
    result,
    members,
    value,
    governance,
    matching,
)
FAMILIES = tuple(module.__name__.rsplit(".", 1)[1] for module in FAMILY_MODULES)

CATALOGUE: dict[str, Figure] = {
    figure.key: figure for module in FAMILY_MODULES for figure in module.FIGURES
}


def source_text() -> str:
    """The standard-library code of every figure, as one module's text."""
    here = Path(__file__).parent
    parts = []
    for name in ("base", *FAMILIES):
        text = (here / f"{name}.py").read_text(encoding="utf-8")
        lines = []
        skipping = False
        for line in text.splitlines():
            if line.startswith("from .base import"):
                skipping = line.rstrip().endswith("(")
                continue
            if skipping:
                skipping = not line.startswith(")")
                continue
            if line.startswith("from __future__"):
                continue
            lines.append(line)
        parts.append(f"# ---- figures/{name}.py ----\n" + "\n".join(lines))
    return "\n\n".join(parts)


__all__ = ["CATALOGUE", "FAMILIES", "Figure", "Thresholds", "largest_remainder"]
