"""Numerical-advice experiments in float64, returning data tables (NumPy only).

Each experiment measures and returns immutable rows; none of them asserts or
prints. The ones that need the true answer take it as an argument (an array,
or anything with ``rows``/``cols``/``tolist()`` such as an mpmath matrix),
computed by the caller in a higher tier, so this module needs only NumPy.

* :func:`ridge_sweep64` — ``(AᵀA + εI)⁻¹Aᵀ`` in float64 against the true
  ``A⁺``: too small an ε does not cure ill-conditioning, too large an ε biases.
* :func:`inv_vs_solve64` — ``inv(A) @ b`` against ``solve(A, b)``: error,
  residual and (measured, never asserted) time.
* :func:`determinant_test64` / :func:`determinant_experiment64` — the
  determinant as an invertibility test, and how it under/overflows for
  perfectly conditioned matrices such as ``0.1·I`` and ``10·I`` of size 400.
"""

from __future__ import annotations

import math
import numbers
import statistics
import time
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import numpy as np

from ..errors import InputError, InputShapeError, InputTypeError
from .pinv import UNIT_ROUNDOFF, numerical_rank64
from .validate import as_float64_matrix

__all__ = [
    "DeterminantRow",
    "InvSolveRow",
    "Ridge64Row",
    "RidgeSweep64",
    "determinant_experiment64",
    "determinant_test64",
    "inv_vs_solve64",
    "ridge64",
    "ridge_sweep64",
]


# --------------------------------------------------------------------------- ridge


@dataclass(frozen=True)
class Ridge64Row:
    """One ε of a float64 ridge sweep.

    Attributes
    ----------
    k : int
        ``ε = 10⁻ᵏ · σ₁²`` (ε is scaled with ``σ₁²`` so that the sweep is
        invariant under ``A → cA``).
    eps : float
        ε.
    error : float
        Measured ``‖R(ε) − A⁺‖₂ / ‖A⁺‖₂`` of the float64 ridge matrix;
        ``inf`` where ``AᵀA + εI`` is exactly singular in float64.
    bias : float
        The same error in exact arithmetic, ``ε / (σ_r² + ε)``.
    rounding_model : float
        First-order rounding model ``u · κ₂(AᵀA + εI) =
        u · (σ₁² + ε) / (σ_N² + ε)``, with σ_N the smallest of the N
        singular values of A (0 when rank < N): the unit roundoff times the
        condition number of the system solved. A model (the measured error
        saturates near 1), not a proven bound.
    dominant : str
        ``"bias"`` when ``bias >= rounding_model``, else ``"rounding"``.
    """

    k: int
    eps: float
    error: float
    bias: float
    rounding_model: float
    dominant: str


@dataclass(frozen=True)
class RidgeSweep64:
    """The float64 ridge sweep table.

    Attributes
    ----------
    rows : tuple of Ridge64Row
    sigma_max, sigma_min : float
        σ₁ and σ_r used by the model columns.
    rank : int
        r.
    best_k : int
        The k of the smallest measured error.
    best_error : float
        That error.
    """

    rows: tuple[Ridge64Row, ...]
    sigma_max: float
    sigma_min: float
    rank: int
    best_k: int
    best_error: float

    def as_table(self) -> tuple[tuple[str, ...], ...]:
        """Return a header and one line of strings per ε."""
        head = ("k", "eps", "error", "bias", "rounding_model", "dominant")
        body = tuple(
            (str(r.k), f"{r.eps:.1e}", f"{r.error:.3e}", f"{r.bias:.3e}",
             f"{r.rounding_model:.3e}", r.dominant)
            for r in self.rows
        )
        return (head,) + body


def ridge64(A: Any, eps: Any) -> np.ndarray:
    """``(AᵀA + εI)⁻¹ Aᵀ`` in float64 (normal equations, ``numpy.linalg.solve``).

    Parameters
    ----------
    A : array_like, shape (M, N)
    eps : float
        ε > 0.

    Returns
    -------
    numpy.ndarray, shape (N, M)

    Raises
    ------
    InputError
        ε not a positive finite number.
    InputTypeError, InputShapeError, NonFiniteError
        Bad *A*.

    Examples
    --------
    >>> ridge64([[2.0]], 1.0)
    array([[0.4]])
    """
    a = as_float64_matrix(A)
    e = _positive_float(eps, "eps")
    m, n = a.shape
    if a.size == 0:
        return np.zeros((n, m))
    return np.linalg.solve(a.T @ a + e * np.eye(n), a.T)


def _positive_float(value: Any, name: str) -> float:
    if isinstance(value, (str, bytes, bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise InputTypeError(name, value, "must be a real number", "pass a float such as 1e-8")
    v = float(value)
    if not (v > 0 and np.isfinite(v)):
        raise InputError(name, value, "must be a finite number > 0", "pass a float such as 1e-8")
    return v


def _ks(ks: Iterable[Any]) -> tuple[int, ...]:
    try:
        items = tuple(ks)
    except TypeError:
        raise InputTypeError("ks", ks, "must be an iterable of integers", "pass range(0, 17)") from None
    if not items or any(isinstance(k, bool) or not isinstance(k, numbers.Integral) for k in items):
        raise InputTypeError("ks", ks, "must be a non-empty sequence of integers", "pass range(0, 17)")
    if any(abs(int(k)) > 300 for k in items):
        raise InputError("ks", ks, "exponents must lie in -300..300 (float64 range)", "pass range(0, 17)")
    return tuple(int(k) for k in items)


def _truth_matrix(truth: Any, shape: tuple[int, int], name: str) -> np.ndarray:
    t = as_float64_matrix(truth, name=name)
    if t.shape != shape:
        raise InputShapeError(
            name, f"<matrix of shape {t.shape}>", f"the truth must have shape {shape}",
            "pass the exact pseudo-inverse of A (shape transposed)",
        )
    return t


def ridge_sweep64(
    A: Any,
    truth: Any,
    ks: Iterable[int] = range(0, 17),
    *,
    singular_values: Sequence[float] | None = None,
) -> RidgeSweep64:
    """Sweep ``ε = 10⁻ᵏ σ₁²`` for the float64 ridge matrix against the true ``A⁺``.

    Parameters
    ----------
    A : array_like, shape (M, N)
        A nonzero matrix.
    truth : array_like or mpmath.matrix, shape (N, M)
        The true pseudo-inverse, computed by the caller (exact or high
        precision); it is rounded to float64, which costs nothing measurable
        next to the errors studied (>= u).
    ks : iterable of int
        The exponents k.
    singular_values : sequence of float, optional
        The exact singular values of *A* (zeros included or not), for the
        model columns; default: float64 singular values above the default
        rank cutoff.

    Returns
    -------
    RidgeSweep64

    Raises
    ------
    InputError
        *A* is zero; bad *ks*; no positive singular value given.
    InputTypeError, InputShapeError, NonFiniteError
        Bad *A* or *truth* (shape must be (N, M)).

    Notes
    -----
    In exact arithmetic ``‖R(ε) − A⁺‖₂ / ‖A⁺‖₂ = ε / (σ_r² + ε)`` (the
    *bias*). In float64, forming and solving ``AᵀA + εI`` adds an error of
    order ``u · κ₂(AᵀA + εI) = u · (σ₁² + ε) / (σ_N² + ε)`` (σ_N = 0 for
    rank < N). The bias shrinks with ε while the rounding error grows — to
    about ``u κ₂²`` for full column rank, which is O(1) once ``κ₂ >= 10⁸``,
    and like ``u σ₁² / ε`` without bound for rank-deficient A — so a tiny ε
    does not rescue an ill-conditioned problem; the best ε sits near the
    crossing of the two columns.

    Examples
    --------
    >>> A = np.diag([1.0, 1e-6])
    >>> sweep = ridge_sweep64(A, np.diag([1.0, 1e6]), ks=[2, 20])
    >>> [r.dominant for r in sweep.rows]
    ['bias', 'rounding']
    """
    a = as_float64_matrix(A)
    m, n = a.shape
    t = _truth_matrix(truth, (n, m), "truth")
    k_values = _ks(ks)
    if singular_values is None:
        s = np.linalg.svd(a, compute_uv=False) if a.size else np.zeros(0)
        rank = numerical_rank64(a)
        s = s[:rank]
    else:
        s = np.asarray([float(x) for x in singular_values], dtype=np.float64)
        s = np.sort(s[s > 0])[::-1]
        rank = int(s.size)
    if rank == 0:
        raise InputError(
            "A", "<zero matrix>", "a ridge sweep needs a nonzero matrix",
            "pass a matrix with a positive singular value",
        )
    s1, sr = float(s[0]), float(s[-1])
    sn = sr if rank == n else 0.0  # smallest singular value of the n x n Gram matrix's root
    t_norm = np.linalg.norm(t, 2)
    rows = []
    for k in k_values:
        eps = 10.0**-k * s1 * s1
        try:
            R = np.linalg.solve(a.T @ a + eps * np.eye(n), a.T)
            error = float(np.linalg.norm(R - t, 2) / t_norm)
        except np.linalg.LinAlgError:
            error = math.inf  # AᵀA + εI is exactly singular in float64: the sweep records the failure
        bias = eps / (sr * sr + eps)
        rounding = UNIT_ROUNDOFF * (s1 * s1 + eps) / (sn * sn + eps)
        rows.append(
            Ridge64Row(k, eps, error, bias, rounding, "bias" if bias >= rounding else "rounding")
        )
    best = min(rows, key=lambda r: r.error)
    return RidgeSweep64(tuple(rows), s1, sr, rank, best.k, best.error)


# -------------------------------------------------------------------- inv vs solve


@dataclass(frozen=True)
class InvSolveRow:
    """``inv(A) @ b`` against ``solve(A, b)`` on one system.

    Attributes
    ----------
    n : int
        Size of A.
    cond : float
        κ₂(A), from float64 singular values.
    err_inv, err_solve : float
        Forward errors ``‖x̂ − x‖₂ / ‖x‖₂`` (column-stacked for a matrix b).
    resid_inv, resid_solve : float
        Normwise backward errors ``‖b − A x̂‖₂ / (‖A‖₂ ‖x̂‖₂)``.
    time_inv, time_solve : float
        Median wall time in seconds over the repeats (data, not a claim).
    repeats : int
        Timed runs per method, alternating.
    """

    n: int
    cond: float
    err_inv: float
    err_solve: float
    resid_inv: float
    resid_solve: float
    time_inv: float
    time_solve: float
    repeats: int


def inv_vs_solve64(A: Any, b: Any, x_true: Any, *, repeats: int = 5) -> InvSolveRow:
    """Compare ``inv(A) @ b`` with ``solve(A, b)`` on a square system.

    Parameters
    ----------
    A : array_like, shape (N, N)
        Nonsingular in float64.
    b : array_like, shape (N,) or (N, K)
    x_true : array_like, same shape as b
        The true solution, computed by the caller in a higher tier.
    repeats : int
        Timed runs per method (>= 1), alternated; the median is reported.

    Returns
    -------
    InvSolveRow

    Raises
    ------
    InputShapeError
        A not square, or b / x_true of the wrong shape.
    InputError
        *repeats* < 1.
    InputTypeError, NonFiniteError
        Bad entries.

    Notes
    -----
    ``solve`` (LU with partial pivoting) is backward stable: its residual is
    of order ``N u``. ``inv(A) @ b`` is not: its residual can be of order
    ``u κ₂``. Both forward errors are of order ``u κ₂``.

    Examples
    --------
    >>> row = inv_vs_solve64(np.eye(3), np.ones(3), np.ones(3), repeats=1)
    >>> row.err_solve
    0.0
    """
    a = as_float64_matrix(A)
    if a.shape[0] != a.shape[1] or a.size == 0:
        raise InputShapeError(
            "A", f"<matrix of shape {a.shape}>", "A must be square and non-empty",
            "pass an N x N matrix",
        )
    n = a.shape[0]
    bv = _rhs(b, n, "b")
    xv = _rhs(x_true, n, "x_true")
    if xv.shape != bv.shape:
        raise InputShapeError(
            "x_true", f"<array of shape {xv.shape}>", "x_true must have the shape of b",
            "pass the exact solution of A x = b",
        )
    if isinstance(repeats, bool) or not isinstance(repeats, numbers.Integral) or repeats < 1:
        raise InputError("repeats", repeats, "must be an integer >= 1", "pass repeats=5")
    t_inv, t_solve = [], []
    for _ in range(int(repeats)):
        t0 = time.perf_counter()
        x_inv = np.linalg.inv(a) @ bv
        t1 = time.perf_counter()
        x_solve = np.linalg.solve(a, bv)
        t2 = time.perf_counter()
        t_inv.append(t1 - t0)
        t_solve.append(t2 - t1)
    a_norm = np.linalg.norm(a, 2)
    x_norm = np.linalg.norm(xv, 2)

    def forward(x: np.ndarray) -> float:
        return float(np.linalg.norm(x - xv, 2) / x_norm) if x_norm else float(np.linalg.norm(x, 2))

    def backward(x: np.ndarray) -> float:
        denom = a_norm * np.linalg.norm(x, 2)
        r = np.linalg.norm(bv - a @ x, 2)
        return float(r / denom) if denom else float(r)

    s = np.linalg.svd(a, compute_uv=False)
    cond = float(s[0] / s[-1]) if s[-1] > 0 else float("inf")
    return InvSolveRow(
        n, cond, forward(x_inv), forward(x_solve), backward(x_inv), backward(x_solve),
        statistics.median(t_inv), statistics.median(t_solve), int(repeats),
    )


def _rhs(b: Any, n: int, name: str) -> np.ndarray:
    """A right-hand side (vector or matrix) as an (n, K) float64 array."""
    if isinstance(b, (list, tuple)) and b and not isinstance(b[0], (list, tuple)):
        b = [[x] for x in b]
    elif isinstance(b, np.ndarray) and b.ndim == 1:
        b = b.reshape(-1, 1)
    bv = as_float64_matrix(b, name=name)
    if bv.shape[0] != n:
        raise InputShapeError(
            name, f"<array of shape {bv.shape}>", f"must have {n} rows (the size of A)",
            "pass a vector of length N or an N x K matrix",
        )
    return bv


# --------------------------------------------------------------------- determinant


@dataclass(frozen=True)
class DeterminantRow:
    """The determinant as an invertibility test, against the condition number.

    Attributes
    ----------
    label : str
        What the matrix is (e.g. ``"0.1*I(400)"``).
    n : int
        Size.
    det : float
        ``numpy.linalg.det(A)``: may underflow to 0 or overflow to inf.
    sign : float
        Sign from ``numpy.linalg.slogdet``.
    log10_abs_det : float
        ``log10 |det A|`` from ``slogdet`` (no under/overflow).
    cond : float
        κ₂(A) from float64 singular values.
    det_says_singular : bool
        ``det == 0`` — the tempting, wrong test.
    cond_says_singular : bool
        ``κ₂ >= 1/u`` — the meaningful numerical test.
    """

    label: str
    n: int
    det: float
    sign: float
    log10_abs_det: float
    cond: float
    det_says_singular: bool
    cond_says_singular: bool

    @property
    def det_misleads(self) -> bool:
        """True when the determinant's size tells nothing true about invertibility.

        That is: ``det`` is 0 or not finite while the matrix is well
        conditioned, or ``|det| >= 1`` while it is numerically singular.
        """
        if not self.cond_says_singular:
            return self.det == 0.0 or not np.isfinite(self.det)
        return abs(self.det) >= 1.0


def determinant_test64(A: Any, label: str = "A") -> DeterminantRow:
    """Decide invertibility by the determinant and by κ₂; return both.

    Parameters
    ----------
    A : array_like, shape (N, N)
        Square, non-empty.
    label : str
        Name of the matrix in the row.

    Returns
    -------
    DeterminantRow

    Raises
    ------
    InputShapeError
        A not square or empty.
    InputTypeError, NonFiniteError
        Bad entries.

    Notes
    -----
    ``det(cI_n) = cⁿ``: for ``c = 0.1, n = 400`` that is ``10⁻⁴⁰⁰``, which
    underflows to 0, while ``κ₂(cI) = 1``. Scaling changes the determinant
    arbitrarily and the conditioning not at all.

    Examples
    --------
    >>> row = determinant_test64(0.1 * np.eye(400), "0.1*I(400)")
    >>> row.det, row.cond, row.det_misleads
    (0.0, 1.0, True)
    """
    a = as_float64_matrix(A)
    if a.shape[0] != a.shape[1] or a.size == 0:
        raise InputShapeError(
            "A", f"<matrix of shape {a.shape}>", "the determinant needs a square, non-empty matrix",
            "pass an N x N matrix",
        )
    with np.errstate(over="ignore", under="ignore"):
        det = float(np.linalg.det(a))
    sign, logabs = np.linalg.slogdet(a)
    s = np.linalg.svd(a, compute_uv=False)
    cond = float(s[0] / s[-1]) if s[-1] > 0 else float("inf")
    return DeterminantRow(
        label, a.shape[0], det, float(sign), float(logabs / np.log(10.0)), cond,
        det == 0.0, cond >= 1.0 / UNIT_ROUNDOFF,
    )


def determinant_experiment64(n: int = 400, scales: Sequence[float] = (0.1, 10.0)) -> tuple[
    DeterminantRow, ...
]:
    """The determinant test on ``c·I_n`` for each scale c, and on a unit-determinant near-singular matrix.

    Parameters
    ----------
    n : int
        Size of the scaled identities (>= 1).
    scales : sequence of float
        The scales c (finite, nonzero).

    Returns
    -------
    tuple of DeterminantRow
        One row per scale, then ``[[1, 10⁸], [0, 1]]`` (det 1, κ₂ ≈ 10¹⁶).

    Raises
    ------
    InputError
        n < 1 or a zero / non-finite scale.

    Examples
    --------
    >>> rows = determinant_experiment64(400, (0.1, 10.0))
    >>> [r.det for r in rows[:2]], [r.cond for r in rows[:2]]
    ([0.0, inf], [1.0, 1.0])
    """
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise InputError("n", n, "must be an integer >= 1", "pass n=400")
    rows = []
    for c in scales:
        cf = _positive_float(abs(c) if isinstance(c, numbers.Real) else c, "scales")
        rows.append(determinant_test64(float(np.sign(c)) * cf * np.eye(int(n)), f"{c:g}*I({n})"))
    rows.append(determinant_test64(np.array([[1.0, 1e8], [0.0, 1.0]]), "[[1, 1e8], [0, 1]]"))
    return tuple(rows)
