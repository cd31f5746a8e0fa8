"""Independent exact helpers for the mpmath-tier tests (SymPy's own pinv, Fractions)."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import numpy as np
import sympy
from mpmath import mp


def integer_matrix_of_rank(m: int, n: int, r: int, seed: int, scale: int = 4) -> list[list[int]]:
    """B·C with random integer B (m×r), C (r×n): rank r with probability ~1 (checked)."""
    if m == 0 or n == 0:
        return np.zeros((m, n), dtype=np.int64)
    rng = random.Random(seed)
    for _ in range(50):
        B = [[rng.randint(-scale, scale) for _ in range(r)] for _ in range(m)]
        C = [[rng.randint(-scale, scale) for _ in range(n)] for _ in range(r)]
        A = [[sum(B[i][k] * C[k][j] for k in range(r)) for j in range(n)] for i in range(m)]
        if sympy.Matrix(A).rank() == r:
            return A
    raise AssertionError("could not draw a matrix of the asked rank")


def sympy_pinv(A) -> sympy.Matrix:
    """SymPy's exact pseudo-inverse (independent of derivcheck)."""
    M = sympy.Matrix(A)
    if M.rows == 0 or M.cols == 0:
        return sympy.zeros(M.cols, M.rows)
    if M.is_zero_matrix:
        return sympy.zeros(M.cols, M.rows)
    return M.pinv()


def frobenius(M: sympy.Matrix) -> float:
    return math.sqrt(float(sum(x * x for x in M))) if M.rows and M.cols else 0.0


def kappa_frobenius(A, Ap) -> float:
    """‖A‖_F ‖A⁺‖_F >= κ₂(A): an independent upper bound on the condition number."""
    A = sympy.Matrix(A)
    k = frobenius(A) * frobenius(sympy.Matrix(Ap))
    return max(k, 1.0)


def to_mp(M, dps: int):
    """Exact matrix → mpmath at dps digits (each entry p/q rounded by mpmath's division)."""
    M = sympy.Matrix(M)
    with mp.workdps(dps):
        out = mp.matrix(M.rows, M.cols)
        for i in range(M.rows):
            for j in range(M.cols):
                x = sympy.Rational(M[i, j])
                out[i, j] = mp.mpf(int(x.p)) / int(x.q)
        return out


def fro_mp(M) -> object:
    return mp.mnorm(M, "f") if M.rows and M.cols else mp.zero


def as_fractions(A) -> list[list[Fraction]]:
    M = sympy.Matrix(A)
    return [[Fraction(int(M[i, j].p), int(M[i, j].q)) for j in range(M.cols)] for i in range(M.rows)]
