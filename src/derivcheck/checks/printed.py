"""``check_printed_matrix``: is a printed matrix the truth, correctly rounded?

An article prints a matrix to d decimals (NumPy's format). The truth is
computed exactly (or in high precision) by the caller; every entry is rounded
to d decimals and compared with the printed digits, and the first entry that
differs is named (:func:`derivcheck.compare.check_printed_digits`).
"""

from __future__ import annotations

from typing import Any, Sequence

import sympy

from ..budget import budgeted_check
from ..results import CheckResult, Evidence, Verdict
from ..validation import DEFAULT_BUDGET, validate_budget
from ..compare import check_printed_digits

__all__ = ["check_printed_matrix"]


def check_printed_matrix(
    printed: str | Sequence[Sequence[str]],
    truth: Any,
    *,
    decimals: int | None = None,
    statement: str = "printed output",
    budget: float = DEFAULT_BUDGET,
) -> CheckResult:
    """Decide a printed matrix against its truth.

    Parameters
    ----------
    printed : str or rows of str
        The matrix as the article prints it.
    truth : sympy.Matrix or mpmath.matrix
        The true value (exact rationals give a proof).
    decimals : int, optional
        Printed decimals; default: the most decimals of any printed entry.
    statement : str
        What the output claims to be, for the report.
    budget : float
        Seconds (default 60); when they run out the verdict is
        ``undecided`` with where it stopped.

    Returns
    -------
    CheckResult
        ``proved`` (exact truth) or ``verified`` (high-precision truth) when
        every entry matches; ``refuted`` naming the first differing entry,
        with the exact truth as the counterexample.
    """
    seconds = validate_budget(budget)
    return budgeted_check(seconds, statement, "",
                          lambda run: _decide(printed, truth, decimals, statement))


def _decide(printed, truth, decimals, statement) -> CheckResult:
    result = check_printed_digits(printed, truth, decimals)
    exact = isinstance(truth, sympy.MatrixBase)
    details = (("decimals", result.decimals), ("mismatches", len(result.mismatches)),
               ("entries", result.shape[0] * result.shape[1]), ("ties", len(result.ties)),
               ("undecidable", len(result.undecidable)))
    if result.matches and not result.undecidable:
        leg = "exact" if exact else "mpmath"
        return CheckResult(
            Verdict.PROVED if exact else Verdict.VERIFIED, statement, "",
            (Evidence(leg, f"all {result.shape[0]}x{result.shape[1]} entries equal the truth rounded to "
                           f"{result.decimals} decimals ({result.rounding})", details),),
        )
    if result.matches:
        return CheckResult(Verdict.UNDECIDED, statement, "", (Evidence(
            "mpmath", f"{len(result.undecidable)} entries lie too close to a rounding boundary", details),),
            where="rounding boundary")
    counterexample = {"truth": sympy.ImmutableMatrix(truth)} if exact else None
    return CheckResult(
        Verdict.REFUTED, statement, "",
        (Evidence("exact" if exact else "mpmath",
                  f"{len(result.mismatches)} of {result.shape[0] * result.shape[1]} entries differ; first: "
                  f"{result.first_mismatch}", details),),
        counterexample,
    )
