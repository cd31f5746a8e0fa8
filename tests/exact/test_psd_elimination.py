"""is_psd_by_elimination agrees with the principal-minor test, and rejects indefinite matrices."""

import random

import pytest
import sympy as sp

from derivcheck.errors import InputShapeError
from derivcheck.exact.optima import is_psd_by_elimination, psd_by_principal_minors


@pytest.mark.parametrize("seed", range(60))
def test_agrees_with_principal_minors(seed):
    rng = random.Random(seed)
    k = rng.randint(1, 5)
    kind = seed % 3
    if kind == 0:  # Gram matrices of random rank: PSD, often singular
        c = sp.Matrix(k, rng.randint(0, k), lambda i, j: rng.randint(-3, 3))
        S = c * c.T if c.shape[1] else sp.zeros(k, k)
    elif kind == 1:  # random symmetric: usually indefinite
        S = sp.Matrix(k, k, lambda i, j: 0)
        for i in range(k):
            for j in range(i, k):
                S[i, j] = S[j, i] = rng.randint(-3, 3)
    else:  # PSD plus a small negative perturbation of one diagonal entry
        c = sp.Matrix(k, k, lambda i, j: rng.randint(-2, 2))
        S = c * c.T
        S[0, 0] -= sp.Rational(1, 7)
    assert is_psd_by_elimination(S) == psd_by_principal_minors(S).psd


def test_zero_pivot_with_nonzero_row_is_not_psd():
    assert not is_psd_by_elimination([[0, 1], [1, 5]])
    assert is_psd_by_elimination([[0, 0], [0, 5]])


def test_non_symmetric_refused():
    with pytest.raises(InputShapeError, match="symmetric"):
        is_psd_by_elimination([[1, 2], [0, 1]])
