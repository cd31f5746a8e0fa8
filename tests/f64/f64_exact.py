"""Independent exact helpers for the float64-tier tests."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import numpy as np
import sympy

U = 2.0**-53


def integer_factors(m: int, n: int, r: int, seed: int, scale: int = 5) -> np.ndarray:
    """An m×n integer matrix of rank r (B·C with small integers: exact in float64)."""
    if m == 0 or n == 0:
        return np.zeros((m, n))
    rng = random.Random(seed)
    for _ in range(50):
        B = np.array([[rng.randint(-scale, scale) for _ in range(r)] for _ in range(m)], dtype=float)
        C = np.array([[rng.randint(-scale, scale) for _ in range(n)] for _ in range(r)], dtype=float)
        A = B @ C if r else np.zeros((m, n))
        if sympy.Matrix(A.astype(int).tolist()).rank() == r:
            return A
    raise AssertionError("could not draw the rank")


def exact_pinv_of_float_matrix(A: np.ndarray) -> sympy.Matrix:
    """SymPy's exact pseudo-inverse of the binary rationals stored in A."""
    m, n = A.shape
    if m == 0 or n == 0:
        return sympy.zeros(n, m)
    M = sympy.Matrix([[sympy.Rational(*float(x).as_integer_ratio()) for x in row] for row in A])
    if M.is_zero_matrix:
        return sympy.zeros(n, m)
    return M.pinv()


def exact_to_float(M: sympy.Matrix) -> np.ndarray:
    out = np.zeros(M.shape)
    for i in range(M.rows):
        for j in range(M.cols):
            x = sympy.Rational(M[i, j])
            out[i, j] = int(x.p) / int(x.q)
    return out


def scaled_fro(X: np.ndarray) -> float:
    """Frobenius norm without overflow or underflow (exact power-of-two scaling)."""
    if X.size == 0:
        return 0.0
    big = float(np.max(np.abs(X)))
    if big == 0.0:
        return 0.0
    e = math.frexp(big)[1]
    return math.ldexp(float(np.linalg.norm(np.ldexp(X, -e))), e)


def kappa_fro(A: np.ndarray, Ap: sympy.Matrix) -> float:
    """‖A‖_F ‖A⁺‖_F >= κ₂(A), from the exact pseudo-inverse."""
    return max(1.0, scaled_fro(A) * scaled_fro(exact_to_float(Ap)))


def penrose_residuals(A: np.ndarray, X: np.ndarray) -> list[float]:
    """Relative residuals of the four Penrose conditions (scaled: safe at 1e±300)."""
    if A.size == 0:
        return [0.0] * 4
    nA, nX = scaled_fro(A), scaled_fro(X)
    if nA == 0:
        return [nX] * 4
    # scale A to norm ~1 and X inversely: residual ratios are scale-invariant
    e = math.frexp(nA)[1]
    As, Xs = np.ldexp(A, -e), np.ldexp(X, e)
    nAs, nXs = scaled_fro(As), scaled_fro(Xs)
    AX, XA = As @ Xs, Xs @ As
    return [
        scaled_fro(AX @ As - As) / nAs,
        scaled_fro(Xs @ AX - Xs) / nXs,
        scaled_fro(AX.T - AX) / (nAs * nXs),
        scaled_fro(XA.T - XA) / (nAs * nXs),
    ]


def frac(x: float) -> Fraction:
    return Fraction(*float(x).as_integer_ratio())
