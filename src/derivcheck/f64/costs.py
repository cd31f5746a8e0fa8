"""Flop counts of dense linear-algebra algorithms: a deterministic model of their cost.

A claim that one algorithm is faster than another is decided by these counts, which depend on the
sizes only; wall-clock times vary with the machine and its load, and are kept as measured evidence
beside the model (see :mod:`derivcheck.f64.timing`). The counts are the leading terms of the
standard operation counts (Golub and Van Loan, *Matrix Computations*, 4th ed., §1.1, §3.2, §3.4,
§4.2), counting a multiply and an add as two flops.

Examples
--------
>>> inverse_flops(300) + matvec_flops(300, 300) > 2 * lu_solve_flops(300)
True
>>> cholesky_solve_flops(300) < lu_solve_flops(300)
True
"""

from __future__ import annotations

from ..validation import validate_size
from .validate import MAX_F64_ENTRIES

__all__ = [
    "matmul_flops", "matvec_flops", "triangular_solve_flops", "lu_flops", "lu_solve_flops",
    "cholesky_flops", "cholesky_solve_flops", "inverse_flops", "inverse_apply_flops",
    "low_rank_solve_flops", "woodbury_update_flops",
]


def _size(value: object, name: str) -> int:
    """A matrix dimension: an integer from 1 to the most entries a float64 matrix may have."""
    return validate_size(value, name, minimum=1, maximum=MAX_F64_ENTRIES)


def matmul_flops(m: int, k: int, n: int) -> int:
    """Flops of the product of an m×k and a k×n matrix: ``2mkn``."""
    return 2 * _size(m, "m") * _size(k, "k") * _size(n, "n")


def matvec_flops(m: int, n: int) -> int:
    """Flops of an m×n matrix times a vector: ``2mn``."""
    return matmul_flops(m, n, 1)


def triangular_solve_flops(n: int, rhs: int = 1) -> int:
    """Flops of a triangular solve with ``rhs`` right-hand sides: ``n²`` each."""
    return _size(n, "n") ** 2 * _size(rhs, "rhs")


def lu_flops(n: int) -> int:
    """Flops of LU with partial pivoting of an n×n matrix: ``2n³/3``."""
    return 2 * _size(n, "n") ** 3 // 3


def lu_solve_flops(n: int, rhs: int = 1) -> int:
    """Flops of ``solve(A, B)``: LU plus two triangular solves per right-hand side."""
    return lu_flops(n) + 2 * triangular_solve_flops(n, rhs)


def cholesky_flops(n: int) -> int:
    """Flops of the Cholesky factorisation of an n×n SPD matrix: ``n³/3``."""
    return _size(n, "n") ** 3 // 3


def cholesky_solve_flops(n: int, rhs: int = 1) -> int:
    """Flops of a Cholesky solve: the factorisation plus two triangular solves per right-hand side."""
    return cholesky_flops(n) + 2 * triangular_solve_flops(n, rhs)


def inverse_flops(n: int) -> int:
    """Flops of the explicit inverse by LU (``getrf`` then ``getri``): ``2n³``."""
    return 2 * _size(n, "n") ** 3


def inverse_apply_flops(n: int, rhs: int = 1) -> int:
    """Flops of ``inv(A) @ B``: the explicit inverse, then a product with ``rhs`` columns."""
    return inverse_flops(n) + matmul_flops(n, n, rhs)


def low_rank_solve_flops(n: int, k: int) -> int:
    """Flops of solving ``(λI + C W⁻¹ Cᵀ) α = y`` through Woodbury with C n×k (Nyström).

    ``Cᵀy`` and ``C z`` (``2nk`` each), ``CᵀC`` (``2nk²``), the k×k solve, and two vector updates.
    """
    n, k = _size(n, "n"), _size(k, "k")
    return 2 * matvec_flops(n, k) + matmul_flops(k, n, k) + lu_solve_flops(k) + 2 * n


def woodbury_update_flops(n: int, k: int) -> int:
    """Flops of ``(A + UCV)⁻¹`` from a known ``A⁻¹`` by the Woodbury identity, U n×k, V k×n.

    ``A⁻¹U`` and ``VA⁻¹`` (``2n²k`` each), ``V(A⁻¹U)`` (``2nk²``), the k×k solve with n right-hand
    sides, the n×k by k×n product (``2n²k``) and the subtraction (``n²``).
    """
    n, k = _size(n, "n"), _size(k, "k")
    return (2 * matmul_flops(n, n, k) + matmul_flops(k, n, k) + lu_solve_flops(k, rhs=n)
            + matmul_flops(n, k, n) + n * n)
