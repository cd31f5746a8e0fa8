"""The float64 tier: NumPy only. The SVD pseudo-inverse under test and numerical experiments."""

from .experiments import (
    DeterminantRow,
    InvSolveRow,
    RidgeSweep64,
    determinant_experiment64,
    determinant_test64,
    inv_vs_solve64,
    ridge64,
    ridge_sweep64,
)
from .pinv import UNIT_ROUNDOFF, cutoff64, numerical_rank64, pinv_svd64, singular_values64
from .validate import as_float64_matrix

__all__ = [
    "DeterminantRow", "InvSolveRow", "RidgeSweep64", "determinant_experiment64", "determinant_test64",
    "inv_vs_solve64", "ridge64", "ridge_sweep64",
    "UNIT_ROUNDOFF", "cutoff64", "numerical_rank64", "pinv_svd64", "singular_values64",
    "as_float64_matrix",
]
