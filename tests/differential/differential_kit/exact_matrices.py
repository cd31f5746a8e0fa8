"""Exact rational matrices as tuples of tuples of ``Fraction``.

Independent of SymPy and derivcheck: Gauss-Jordan elimination gives the rank,
the reduced row echelon form and the inverse; the pseudo-inverse comes from
the full-rank factorization ``A = C R`` (``C`` the pivot columns of ``A``,
``R`` the nonzero rows of its reduced echelon form)::

    A⁺ = Rᵀ (R Rᵀ)⁻¹ (Cᵀ C)⁻¹ Cᵀ

where both inverted Gram matrices are r×r and invertible because ``C`` has
full column rank and ``R`` full row rank.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Sequence

Matrix = tuple[tuple[Fraction, ...], ...]

__all__ = [
    "Matrix", "Singular", "as_matrix", "zeros", "identity", "shape", "add", "sub", "mul", "scale",
    "transpose", "rref", "rank", "inverse", "pinv", "random_matrix_of_rank", "random_symmetric",
]


class Singular(ArithmeticError):
    """The inverse of a singular (or non-square) matrix was asked for."""


def as_matrix(rows: Sequence[Sequence]) -> Matrix:
    """Exact copy of a nested sequence of integers, fractions or SymPy rationals."""
    out = []
    for row in rows:
        entries = []
        for x in row:
            if hasattr(x, "p") and hasattr(x, "q"):  # a SymPy Rational or Integer
                entries.append(Fraction(int(x.p), int(x.q)))
            else:
                entries.append(Fraction(x))
        out.append(tuple(entries))
    return tuple(out)


def zeros(m: int, n: int) -> Matrix:
    return tuple(tuple(Fraction(0) for _ in range(n)) for _ in range(m))


def identity(n: int) -> Matrix:
    return tuple(tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n))


def shape(a: Matrix) -> tuple[int, int]:
    return len(a), len(a[0]) if a else 0


def add(a: Matrix, b: Matrix) -> Matrix:
    if shape(a) != shape(b):
        raise ValueError(f"add: shapes {shape(a)} and {shape(b)} differ")
    return tuple(tuple(x + y for x, y in zip(ra, rb)) for ra, rb in zip(a, b))


def sub(a: Matrix, b: Matrix) -> Matrix:
    return add(a, scale(-1, b))


def scale(c, a: Matrix) -> Matrix:
    return tuple(tuple(c * x for x in row) for row in a)


def transpose(a: Matrix) -> Matrix:
    m, n = shape(a)
    return tuple(tuple(a[i][j] for i in range(m)) for j in range(n))


def mul(a: Matrix, b: Matrix) -> Matrix:
    (m, k), (k2, n) = shape(a), shape(b)
    if k != k2:
        raise ValueError(f"mul: shapes {shape(a)} and {shape(b)} do not chain")
    cols = transpose(b)
    return tuple(tuple(sum((x * y for x, y in zip(row, col)), Fraction(0)) for col in cols) for row in a)


def rref(a: Matrix) -> tuple[Matrix, tuple[int, ...]]:
    """Reduced row echelon form and the pivot columns."""
    rows = [list(r) for r in a]
    m, n = shape(a)
    pivots: list[int] = []
    r = 0
    for c in range(n):
        p = next((i for i in range(r, m) if rows[i][c] != 0), None)
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        lead = rows[r][c]
        rows[r] = [x / lead for x in rows[r]]
        for i in range(m):
            if i != r and rows[i][c] != 0:
                f = rows[i][c]
                rows[i] = [x - f * y for x, y in zip(rows[i], rows[r])]
        pivots.append(c)
        r += 1
        if r == m:
            break
    return tuple(tuple(row) for row in rows), tuple(pivots)


def rank(a: Matrix) -> int:
    return len(rref(a)[1])


def inverse(a: Matrix) -> Matrix:
    """Gauss-Jordan inverse; raises :class:`Singular` for a singular or non-square matrix."""
    m, n = shape(a)
    if m != n:
        raise Singular(f"inverse of a {m}x{n} matrix")
    aug = tuple(row + ident for row, ident in zip(a, identity(n)))
    red, pivots = rref(aug)
    if pivots != tuple(range(n)):  # a pivot in the identity half: a has rank < n
        raise Singular(f"singular {n}x{n} matrix")
    return tuple(row[n:] for row in red)


def pinv(a: Matrix) -> Matrix:
    """Moore-Penrose pseudo-inverse by the full-rank factorization (see the module docstring)."""
    m, n = shape(a)
    red, pivots = rref(a)
    r = len(pivots)
    if r == 0:
        return zeros(n, m)
    c = tuple(tuple(a[i][j] for j in pivots) for i in range(m))  # m×r, full column rank
    rr = red[:r]  # r×n, full row rank; C R = A
    rt, ct = transpose(rr), transpose(c)
    return mul(mul(rt, inverse(mul(rr, rt))), mul(inverse(mul(ct, c)), ct))


def _random_entries(rng: random.Random, m: int, n: int, bound: int) -> Matrix:
    return tuple(tuple(Fraction(rng.randint(-bound, bound)) for _ in range(n)) for _ in range(m))


def random_matrix_of_rank(rng: random.Random, m: int, n: int, r: int, bound: int = 6) -> Matrix:
    """A random integer m×n matrix of rank exactly *r* (a product of m×r and r×n factors)."""
    if not 0 <= r <= min(m, n):
        raise ValueError(f"rank r={r} is impossible for a {m}x{n} matrix")
    if r == 0:
        return zeros(m, n)
    while True:
        if r == min(m, n):
            a = _random_entries(rng, m, n, bound)
        else:
            a = mul(_random_entries(rng, m, r, bound), _random_entries(rng, r, n, bound))
        if rank(a) == r:
            return a


def random_symmetric(rng: random.Random, n: int, bound: int = 6) -> Matrix:
    """A random integer symmetric n×n matrix."""
    a = _random_entries(rng, n, n, bound)
    return tuple(tuple(a[min(i, j)][max(i, j)] for j in range(n)) for i in range(n))
