"""The checkers: identities, gradients, limits, argmins and LaTeX claims, with verdicts."""

from .argmin import check_argmin, minimizers_at
from .assumptions import ASSUMPTION_WORDS, parse_assumption
from .gradient import check_gradient
from .identity import check_identity
from .latex import check_latex, combine_results
from .limit import DIVERGES, check_limit
from .printed import check_printed_matrix

__all__ = [
    "check_argmin", "minimizers_at", "ASSUMPTION_WORDS", "parse_assumption", "check_gradient",
    "check_identity", "check_latex", "combine_results", "DIVERGES", "check_limit", "check_printed_matrix",
]
