"""The high-precision tier: mpmath only, always under a scoped precision."""

from .convert import as_mp_matrix
from .precision import GUARD_DIGITS, Precision
from .pinv import PinvMP, pinv_mp, pinv_mp_details
from .svd import SvdMP, numerical_rank_mp, singular_values_mp, svd_mp

__all__ = [
    "GUARD_DIGITS", "Precision", "as_mp_matrix",
    "PinvMP", "pinv_mp", "pinv_mp_details",
    "SvdMP", "numerical_rank_mp", "singular_values_mp", "svd_mp",
]
