"""The obvious alternative check: numpy float64 at random Gaussian matrices.

Three draws of every matrix from the standard normal distribution (full rank
with probability one; symmetric ones symmetrized), ``np.linalg.pinv`` and
``np.linalg.inv``, and ``np.allclose`` on the two sides: the claim is called
true when every draw agrees. A singular inverse counts as a failure.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np

from .trees import Loss, Node, Sym, evaluate_float, loss_float, symbols_of

__all__ = ["naive_identity", "naive_gradient", "DRAWS"]

DRAWS = 3


def _draw(rng: np.random.Generator, s: Sym, symmetric: bool) -> np.ndarray:
    a = rng.standard_normal((s.rows, s.cols))
    return (a + a.T) / 2 if symmetric else a


def naive_identity(lhs: Node, rhs: Node, seed: int = 0) -> bool:
    """True when both sides agree (``np.allclose``) at :data:`DRAWS` Gaussian draws."""
    rng = np.random.default_rng(seed)
    symbols = symbols_of(lhs, rhs).values()
    for _ in range(DRAWS):
        values = {s.name: _draw(rng, s, False) for s in symbols}
        try:
            if not np.allclose(evaluate_float(lhs, values), evaluate_float(rhs, values)):
                return False
        except np.linalg.LinAlgError:
            return False
    return True


def naive_gradient(loss: Loss, wrt: Sym, claimed: Node, symmetric: frozenset = frozenset(),
                   seed: int = 0) -> bool:
    """True when central differences (step 1e-6) match the claimed gradient (``np.allclose``)."""
    rng = np.random.default_rng(seed)
    symbols = symbols_of(loss, claimed).values()
    h = 1e-6
    for _ in range(DRAWS):
        values: Mapping[str, np.ndarray] = {s.name: _draw(rng, s, s.name in symmetric) for s in symbols}
        fd = np.zeros((wrt.rows, wrt.cols))
        for i in range(wrt.rows):
            for j in range(wrt.cols):
                plus, minus = dict(values), dict(values)
                plus[wrt.name] = values[wrt.name].copy()
                minus[wrt.name] = values[wrt.name].copy()
                plus[wrt.name][i, j] += h
                minus[wrt.name][i, j] -= h
                fd[i, j] = (loss_float(loss, plus) - loss_float(loss, minus)) / (2 * h)
        if not np.allclose(fd, evaluate_float(claimed, values), rtol=1e-5, atol=1e-6):
            return False
    return True
