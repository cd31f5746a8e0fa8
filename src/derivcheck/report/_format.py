"""Pieces shared by the renderers: one-line evidence, exact entries, counts."""

from __future__ import annotations

from typing import Any, Mapping

import sympy

from ..text import sstr
from ..results import ClaimOutcome, RunReport

__all__ = [
    "key_evidence",
    "exact_entries",
    "inline_counterexample",
    "counts_line",
    "verdict_text",
]


def exact_entries(value: Any) -> list[list[str]] | str:
    """Return a matrix as rows of exact strings (``"1/3"``), a scalar as one string.

    Examples
    --------
    >>> exact_entries(sympy.Matrix([[1, sympy.Rational(1, 3)]]))
    [['1', '1/3']]
    """
    if isinstance(value, sympy.MatrixBase):
        return [[sstr(value[i, j]) for j in range(value.cols)] for i in range(value.rows)]
    return sstr(value)


def inline_counterexample(counterexample: Mapping[str, Any]) -> str:
    """``"counterexample A = [[1, 1/3], [0, 2]], B = ..."``: exact, on one line."""
    parts = []
    for name, value in counterexample.items():
        entries = exact_entries(value)
        if isinstance(entries, list):
            entries = "[" + ", ".join("[" + ", ".join(row) + "]" for row in entries) + "]"
        parts.append(f"{name} = {entries}")
    return "counterexample " + ", ".join(parts)


def key_evidence(outcome: ClaimOutcome) -> str:
    """One line saying why a claim got its verdict (or how its check failed)."""
    if outcome.result is None:
        return outcome.error or ""
    result = outcome.result
    parts = []
    if result.conditions:
        parts.append("holds only if " + "; ".join(result.conditions))
    if result.where:
        parts.append(result.where)
    if result.counterexample:
        parts.append(inline_counterexample(result.counterexample))
    parts.extend(f"[{ev.leg}] {ev.summary}" for ev in result.evidence)
    if not parts and outcome.claim.justification:
        parts.append(outcome.claim.justification)
    return "; ".join(" ".join(p.split()) for p in parts) or result.statement


def verdict_text(outcome: ClaimOutcome) -> str:
    """The computed status, with the expected verdict when it differs."""
    if outcome.status != outcome.claim.expected.value:
        return f"{outcome.status} (expected {outcome.claim.expected.value})"
    return outcome.status


def counts_line(report: RunReport) -> str:
    """``"3 proved, 1 refuted, 1 error"``: the non-zero counts, in verdict order."""
    parts = [f"{n} {status}" for status, n in report.summary.items() if n]
    return ", ".join(parts) if parts else "no claims"
