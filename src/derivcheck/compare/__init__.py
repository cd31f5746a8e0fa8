"""The one place that bridges the tiers: conversions, error metrics, bounds, cross-checks."""

from .bounds import (
    FLOAT64_SAFETY,
    LegComparison,
    compare_f64_to_truth,
    compare_mp_to_exact,
    f64_error_bound,
    mp_required_digits,
    mp_tolerance,
)
from .convert import exact_to_f64, exact_to_mp, f64_to_exact
from .crosscheck import Agreement, CrossCheckOutcome, cross_check, cross_check_pinv
from .experiments import inv_vs_solve_experiment, ridge_sweep_experiment
from .metrics import condition_number, exact_rank, numerical_rank, relative_error
from .plot import plot_ridge_sweep
from .printed import PrintedCheck, check_printed_digits, parse_printed_matrix

__all__ = [
    "FLOAT64_SAFETY", "LegComparison", "compare_f64_to_truth", "compare_mp_to_exact", "f64_error_bound",
    "mp_required_digits", "mp_tolerance",
    "exact_to_f64", "exact_to_mp", "f64_to_exact",
    "Agreement", "CrossCheckOutcome", "cross_check", "cross_check_pinv",
    "inv_vs_solve_experiment", "ridge_sweep_experiment",
    "condition_number", "exact_rank", "numerical_rank", "relative_error",
    "plot_ridge_sweep",
    "PrintedCheck", "check_printed_digits", "parse_printed_matrix",
]
