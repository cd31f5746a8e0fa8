"""Cross-check of the three legs: exact, mpmath and float64.

:func:`cross_check` takes an exact result and the numeric legs' results for
the same quantity and returns an immutable :class:`CrossCheckOutcome`:

1. **Ranks first.** The rank of each leg's result, each decided by its own
   tier (:mod:`derivcheck.compare.metrics`): exact rank over ℚ, mpmath
   ``σ > max(M, N)·10^(−dps)·σ₁``, float64 ``σ > max(M, N)·eps·σ₁``. If they
   differ the outcome is ``rank-disagreement`` — its own finding (typically
   float64 cannot see a singular value below ``eps·σ₁``), not an entry
   error. Entries are then compared only between legs of equal rank.
2. **Entries.** mpmath vs exact by the digits rule, float64 vs exact and
   float64 vs mpmath by the float64 bound (:mod:`derivcheck.compare.bounds`).
   Any failure makes the outcome ``inconsistent``, naming the disagreeing
   pairs and the *suspects*: the legs common to every failing pair.
3. Otherwise ``agree``.

:func:`cross_check_pinv` runs the whole thing for ``A⁺`` from ``A`` alone.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

import mpmath
import numpy as np
import sympy
from mpmath import mp

from ..results import Evidence, Verdict
from ..errors import InputShapeError
from ..exact.convert import as_exact_matrix
from ..f64.pinv import pinv_svd64
from ..highprec.precision import Precision
from ..highprec.pinv import pinv_mp_details
from .bounds import FLOAT64_SAFETY, LegComparison, compare_f64_to_truth, compare_mp_to_exact
from .convert import exact_to_f64, to_mp_any
from .metrics import Norm, condition_number, exact_rank, numerical_rank

__all__ = ["Agreement", "CrossCheckOutcome", "cross_check", "cross_check_pinv"]


class Agreement(str, enum.Enum):
    """How the legs relate."""

    AGREE = "agree"
    INCONSISTENT = "inconsistent"
    RANK_DISAGREEMENT = "rank-disagreement"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class CrossCheckOutcome:
    """The outcome of a cross-check (immutable).

    Attributes
    ----------
    status : Agreement
        ``agree``, ``inconsistent`` or ``rank-disagreement``.
    ranks : tuple of (leg, rank)
        The rank of each leg's result, as that leg's tier decides it.
    comparisons : tuple of LegComparison
        The entry comparisons that ran.
    disagreeing : tuple of (leg, leg)
        Pairs that disagree (in rank, or in entries beyond their bound).
    suspects : tuple of str
        Legs in every disagreeing pair (empty when none is common).
    evidence : tuple of Evidence
        One per leg: its rank and how it compared.
    kappa : float
        The condition number used by the bounds.
    where : str or None
        A sentence naming the disagreement; None when the legs agree.
    """

    status: Agreement
    ranks: tuple[tuple[str, int], ...]
    comparisons: tuple[LegComparison, ...]
    disagreeing: tuple[tuple[str, str], ...]
    suspects: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    kappa: float
    where: str | None

    @property
    def agree(self) -> bool:
        """True when the status is ``agree``."""
        return self.status is Agreement.AGREE

    @property
    def verdict(self) -> Verdict | None:
        """``Verdict.INCONSISTENT`` for disagreeing entries, else None (the caller decides)."""
        return Verdict.INCONSISTENT if self.status is Agreement.INCONSISTENT else None

    def __str__(self) -> str:
        lines = [f"{self.status.value} (kappa={self.kappa:.3g})"]
        if self.where:
            lines.append(f"  where: {self.where}")
        for ev in self.evidence:
            lines.append(f"  [{ev.leg}] {ev.summary}")
        return "\n".join(lines)


def _shape(X: Any) -> tuple[int, int]:
    if isinstance(X, sympy.MatrixBase):
        return tuple(X.shape)
    if isinstance(X, mpmath.matrix):
        return (X.rows, X.cols)
    return tuple(np.shape(X))


def cross_check(
    exact: Any,
    *,
    mp_result: Any = None,
    f64_result: Any = None,
    dps: int = 50,
    kappa: Any,
    problem_shape: tuple[int, int] | None = None,
    c: float = FLOAT64_SAFETY,
    norm: Norm = "fro",
    compare_ranks: bool = True,
) -> CrossCheckOutcome:
    """Cross-check an exact result against its mpmath and float64 legs.

    Parameters
    ----------
    exact : sympy.Matrix, shape (P, Q)
        The exact result (rational or algebraic entries).
    mp_result : mpmath.matrix, shape (P, Q), optional
        The mpmath leg's result, computed at *dps* digits.
    f64_result : numpy.ndarray, shape (P, Q), optional
        The float64 leg's result.
    dps : int
        Precision of the mpmath leg.
    kappa : float or mpf
        Condition number of the problem (>= 1), e.g. κ₂(A) for ``A⁺``.
    problem_shape : (int, int), optional
        ``(M, N)`` in the float64 bound ``c·max(M, N)·u·κ``; default the
        shape of *exact*.
    c : float
        Safety constant of the float64 bound.
    norm : {"fro", "2"}
        Norm of the relative errors.
    compare_ranks : bool
        Step 1 of the module docstring (on by default).

    Returns
    -------
    CrossCheckOutcome

    Raises
    ------
    InputShapeError
        A leg's result has a shape other than the exact one.
    PrecisionError, InputTypeError, InputError, NonFiniteError
        Bad arguments.

    Examples
    --------
    >>> import numpy as np
    >>> E = sympy.Matrix([[1, sympy.Rational(1, 3)]])
    >>> out = cross_check(E, f64_result=np.array([[1.0, 1 / 3]]), kappa=1)
    >>> out.status.value
    'agree'
    >>> bad = cross_check(E, f64_result=np.array([[1.0, 0.3333]]), kappa=1)
    >>> bad.status.value, bad.disagreeing
    ('inconsistent', (('exact', 'float64'),))
    """
    prec = Precision.of(dps)
    dps = prec.dps
    E = as_exact_matrix(exact, name="exact")
    shape = tuple(E.shape)
    for leg, X in (("mpmath", mp_result), ("float64", f64_result)):
        if X is not None and _shape(X) != shape:
            raise InputShapeError(
                leg, f"<result of shape {_shape(X)}>",
                f"every leg's result must have the exact result's shape {shape}",
                "pass the same quantity from every leg",
            )
    m, n = problem_shape if problem_shape is not None else shape
    legs: list[tuple[str, Any]] = [("exact", E)]
    if mp_result is not None:
        legs.append(("mpmath", mp_result))
    if f64_result is not None:
        legs.append(("float64", f64_result))

    ranks: dict[str, int] = {}
    if compare_ranks:
        ranks["exact"] = exact_rank(E)
        if mp_result is not None:
            ranks["mpmath"] = numerical_rank(mp_result, "mpmath", dps=dps)
        if f64_result is not None:
            ranks["float64"] = numerical_rank(f64_result, "float64")

    disagreeing: list[tuple[str, str]] = []
    rank_split = len(set(ranks.values())) > 1
    if rank_split:
        names = list(ranks)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                if ranks[a] != ranks[b]:
                    disagreeing.append((a, b))

    def same_rank(a: str, b: str) -> bool:
        return not compare_ranks or ranks[a] == ranks[b]

    comparisons: list[LegComparison] = []
    mp_vs_exact = f64_vs_exact = f64_vs_mp = None
    if mp_result is not None and same_rank("exact", "mpmath"):
        mp_vs_exact = compare_mp_to_exact(mp_result, E, dps=dps, kappa=kappa, norm=norm)
        comparisons.append(mp_vs_exact)
    if f64_result is not None and same_rank("exact", "float64"):
        f64_vs_exact = compare_f64_to_truth(
            f64_result, E, shape=(m, n), kappa=kappa, c=c, norm=norm, reference="exact"
        )
        comparisons.append(f64_vs_exact)
    if mp_result is not None and f64_result is not None and same_rank("mpmath", "float64"):
        f64_vs_mp = compare_f64_to_truth(
            f64_result, mp_result, shape=(m, n), kappa=kappa, c=c, norm=norm,
            reference="mpmath",
        )
        comparisons.append(f64_vs_mp)
    for comp in comparisons:
        if not comp.passed:
            disagreeing.append(comp.pair)

    if rank_split:
        status = Agreement.RANK_DISAGREEMENT
    elif disagreeing:
        status = Agreement.INCONSISTENT
    else:
        status = Agreement.AGREE

    suspects: tuple[str, ...] = ()
    if disagreeing:
        common = set(disagreeing[0])
        for pair in disagreeing[1:]:
            common &= set(pair)
        suspects = tuple(leg for leg, _ in legs if leg in common)

    with mp.workdps(20):
        kappa_f = float(kappa)
    evidence = []
    for leg, _ in legs:
        parts = []
        details: list[tuple[str, Any]] = []
        if leg in ranks:
            parts.append(f"rank {ranks[leg]}")
            details.append(("rank", ranks[leg]))
        if leg == "exact":
            parts.append("reference")
        for comp in comparisons:
            if comp.leg == leg:
                parts.append(comp.summary())
                details.extend(
                    (f"{k}_vs_{comp.reference}", v) for k, v in comp.evidence().details
                    if k not in ("reference", "rule", "norm")
                )
        if leg == "mpmath":
            details.append(("dps", dps))
        evidence.append(Evidence(leg, "; ".join(parts) or "not compared", tuple(details)))

    where = None
    if rank_split:
        where = "ranks differ: " + ", ".join(f"{leg} {r}" for leg, r in ranks.items())
        failed = [c_ for c_ in comparisons if not c_.passed]
        if failed:
            where += "; also " + "; ".join(c_.summary() for c_ in failed)
    elif disagreeing:
        where = "; ".join(c_.summary() for c_ in comparisons if not c_.passed)
        if suspects:
            where += f" (suspect: {', '.join(suspects)})"
    return CrossCheckOutcome(
        status, tuple(ranks.items()), tuple(comparisons), tuple(disagreeing), suspects,
        tuple(evidence), kappa_f, where,
    )


def cross_check_pinv(
    A: Any,
    exact_pinv: Any = None,
    *,
    mp_pinv: Any = None,
    f64_pinv: Any = None,
    dps: int = 50,
    kappa: Any = None,
    c: float = FLOAT64_SAFETY,
    norm: Norm = "fro",
) -> CrossCheckOutcome:
    """Cross-check the pseudo-inverse of an exact matrix across the three legs.

    Parameters
    ----------
    A : sympy.Matrix or list of lists, shape (M, N)
        Exact entries.
    exact_pinv : sympy.Matrix, shape (N, M), optional
        The exact ``A⁺``; default :func:`derivcheck.exact.pinv.pinv_exact`.
    mp_pinv : mpmath.matrix, shape (N, M), optional
        Default :func:`derivcheck.highprec.pinv_mp` at *dps* digits (``A``
        correctly rounded to ``dps`` plus the guard digits first).
    f64_pinv : numpy.ndarray, shape (N, M), optional
        Default :func:`derivcheck.f64.pinv_svd64` of ``A`` correctly
        rounded to float64.
    dps : int
    kappa : float, optional
        κ₂(A) = σ₁/σ_r; default computed from mpmath singular values and the
        exact rank.
    c : float
        Safety constant of the float64 bound.
    norm : {"fro", "2"}

    Returns
    -------
    CrossCheckOutcome
        See :func:`cross_check`; ``problem_shape`` is ``(M, N)``.

    Raises
    ------
    InputTypeError, InputShapeError, InexactInputError, NonFiniteError,
    PrecisionError

    Examples
    --------
    >>> cross_check_pinv([[1, 2], [3, 4], [5, 6]], dps=20).status.value
    'agree'
    """
    prec = Precision.of(dps)
    dps = prec.dps
    M = as_exact_matrix(A)
    m, n = M.shape
    if exact_pinv is None:
        from ..exact.pinv import pinv_exact

        exact_pinv = pinv_exact(M)
    if kappa is None:
        kappa = condition_number(M, dps=20)
    if mp_pinv is None:
        mp_pinv = pinv_mp_details(to_mp_any(M, prec.working_dps), prec).pinv
    if f64_pinv is None:
        f64_pinv = pinv_svd64(exact_to_f64(M))
    return cross_check(
        exact_pinv, mp_result=mp_pinv, f64_result=f64_pinv, dps=dps, kappa=kappa,
        problem_shape=(m, n), c=c, norm=norm,
    )
