"""Glue for the float64 experiments: exact truths in, data tables out.

The float64 experiments (:mod:`derivcheck.f64.experiments`) take the truth as
an argument so that the float64 tier needs nothing but NumPy; these
functions build the test matrices exactly (:mod:`derivcheck.exact.generators`),
compute the truth exactly, and hand both over.
"""

from __future__ import annotations

import random
from typing import Iterable, Sequence

import sympy

from ..exact.generators import matrix_with_condition_number, matrix_with_singular_values
from ..f64.experiments import (
    InvSolveRow,
    RidgeSweep64,
    inv_vs_solve64,
    ridge_sweep64,
)
from .convert import exact_to_f64

__all__ = ["inv_vs_solve_experiment", "ridge_sweep_experiment"]


def ridge_sweep_experiment(
    m: int = 8,
    n: int = 5,
    singular_values: Sequence[object] = (1, sympy.Rational(1, 10**3), sympy.Rational(1, 10**6)),
    ks: Iterable[int] = range(0, 25),
    *,
    seed: int = 0,
) -> RidgeSweep64:
    """The float64 ridge sweep on an exact matrix with known singular values.

    Parameters
    ----------
    m, n : int
        Shape of A.
    singular_values : sequence of exact rationals
        At most ``min(m, n)``; the rest are zero (rank-deficient A).
    ks : iterable of int
        ``ε = 10⁻ᵏ σ₁²``.
    seed : int
        Seed of the exact generator.

    Returns
    -------
    RidgeSweep64
        Errors against the exact ``A⁺`` (rounded to float64), with the exact
        σ₁ and σ_r in the model columns.

    Raises
    ------
    InputTypeError, InputShapeError, InputError, DimensionError
        Bad sizes or singular values (from the generator).

    Examples
    --------
    >>> sweep = ridge_sweep_experiment(4, 3, (1, sympy.Rational(1, 100)), ks=[2, 8])
    >>> sweep.rank
    2
    """
    known = matrix_with_singular_values(m, n, list(singular_values), seed=seed)
    return ridge_sweep64(
        exact_to_f64(known.A), exact_to_f64(known.pinv), ks,
        singular_values=[float(s) for s in known.singular_values],
    )


def inv_vs_solve_experiment(
    conds: Sequence[int] = (1, 10**4, 10**8, 10**12),
    n: int = 12,
    *,
    repeats: int = 5,
    seed: int = 0,
) -> tuple[InvSolveRow, ...]:
    """``inv(A) @ b`` vs ``solve(A, b)`` on exact matrices of given κ₂.

    Parameters
    ----------
    conds : sequence of int or Rational
        Condition numbers (>= 1).
    n : int
        Size of the systems.
    repeats : int
        Timed runs per method.
    seed : int
        Seed for the matrices and the exact solutions.

    Returns
    -------
    tuple of InvSolveRow
        One per κ. The truth ``x`` is exact; ``b = A x`` exactly, then ``A``
        and ``b`` are rounded to float64, which perturbs the problem by
        ``u`` relatively (part of the ``u κ`` forward error of both methods).

    Examples
    --------
    >>> rows = inv_vs_solve_experiment((1, 10**8), n=4, repeats=1)
    >>> rows[1].resid_solve < 1e-14
    True
    """
    rng = random.Random(seed)
    out = []
    for i, cond in enumerate(conds):
        known = matrix_with_condition_number(n, n, cond, seed=seed + i)
        x = sympy.Matrix([sympy.Rational(rng.randint(-99, 99), rng.randint(1, 9)) for _ in range(n)])
        b = known.A * x
        out.append(inv_vs_solve64(exact_to_f64(known.A), exact_to_f64(b), exact_to_f64(x),
                                  repeats=repeats))
    return tuple(out)
