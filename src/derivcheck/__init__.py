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
``derivcheck.checks``
    The checkers that turn the legs into verdicts.
``derivcheck.latex``
    Claims straight from LaTeX.
``derivcheck.claims``
    Claims as data: the claim vocabulary (``Identity``, ``Property``, ...),
    articles, loading and quotes.
``derivcheck.checks.registry``
    Each claim kind and the checker that decides it.
``derivcheck.runner``, ``derivcheck.report``
    Running claims under budgets, and the reports.
"""

from __future__ import annotations

import importlib
from typing import Any

#: where each public name lives (imported on first use: ``python -m derivcheck.f64.timing``
#: and the float64 tier start without SymPy)
_PUBLIC: dict[str, str] = {
    **dict.fromkeys((
        'ASSUMPTION_WORDS', 'DIVERGES', 'check_argmin', 'check_gradient', 'check_identity',
        'check_latex', 'check_limit'), ".checks"),
    **dict.fromkeys((
        'AllOf', 'Argmin', 'Article', 'CheckContext', 'CheckResult', 'Claim', 'Condition', 'Evidence',
        'Experiment', 'Gradient', 'Identity', 'LatexFormula', 'Limit', 'NotCheckable', 'PrintedMatrix',
        'Proof', 'Property', 'RankProfiles', 'Verdict', 'WellShaped'), ".claims"),
    **dict.fromkeys((
        'check_printed_digits', 'cross_check_pinv'), ".compare"),
    **dict.fromkeys((
        'DerivCheckError',), ".errors"),
    **dict.fromkeys((
        'Pinv', 'compare_gradient', 'gradient_index_route', 'gradient_matrix_route',
        'matrix_with_condition_number', 'matrix_with_singular_values', 'pinv_exact', 'pinv_symbolic',
        'random_rational_matrix', 'regularized_limit'), ".exact"),
    **dict.fromkeys((
        'pinv_svd64',), ".f64"),
    **dict.fromkeys((
        'pinv_mp',), ".highprec"),
    **dict.fromkeys((
        'parse_latex', 'parse_shape_option'), ".latex"),
}

__version__ = "0.1.0"

__all__ = [
    "ASSUMPTION_WORDS", "DIVERGES", "check_argmin", "check_gradient", "check_identity", "check_latex",
    "check_limit", "Article", "CheckContext", "CheckResult", "Claim", "Evidence", "Verdict",
    "AllOf", "Argmin", "Condition", "Experiment", "Gradient", "Identity", "LatexFormula", "Limit",
    "NotCheckable", "PrintedMatrix", "Proof", "Property", "RankProfiles", "WellShaped",
    "check_printed_digits", "cross_check_pinv", "DerivCheckError", "Pinv", "compare_gradient",
    "gradient_index_route", "gradient_matrix_route", "matrix_with_condition_number",
    "matrix_with_singular_values", "pinv_exact", "pinv_symbolic", "random_rational_matrix",
    "regularized_limit", "pinv_svd64", "pinv_mp", "parse_latex", "parse_shape_option", "__version__",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its subpackage on first use (PEP 562)."""
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))
