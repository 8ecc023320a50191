"""The table that benchmarks/run.py prints: one row per comparison, with its target."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One line of the table: what was compared, the result, and its target."""

    name: str
    result: str
    target: str
    met: bool | None  # None: reported without a target
    detail: str = ""


def us(seconds: float) -> str:
    return f"{seconds * 1e6:.0f} us"


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms"


def format_table(rows: list[Row], *, markdown: bool) -> str:
    header = ("row", "result", "target", "met", "detail (this run)")
    lines = [(row.name, row.result, row.target, _verdict(row.met), row.detail) for row in rows]
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(out)
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]
    out = ["  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True))]
    out.append("  ".join("-" * width for width in widths))
    out += [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in lines
    ]
    return "\n".join(line.rstrip() for line in out)


def _verdict(met: bool | None) -> str:
    if met is None:
        return "-"
    return "yes" if met else "NO"
