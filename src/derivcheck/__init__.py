"""derivcheck: a symbolic-plus-numeric checker for matrix-calculus derivations.

The public names are re-exported here; the tiers live in subpackages:

``derivcheck.exact``
    SymPy only: exact pseudo-inverse, exact ε-limits, gradients, generators.
``derivcheck.highprec``
    mpmath only, always under a scoped precision.
``derivcheck.f64``
    NumPy float64 only: the SVD pseudo-inverse under test.
``derivcheck.compare``
    The one place that bridges the tiers.
"""

from __future__ import annotations

from .errors import DerivCheckError
from .exact.expr import Pinv

__version__ = "0.1.0"

__all__ = ["DerivCheckError", "Pinv", "__version__"]
