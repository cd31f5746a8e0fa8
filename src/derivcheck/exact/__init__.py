"""The exact tier: SymPy only (python-flint optional), never floating point."""

from .convert import as_exact_matrix, as_exact_scalar
from .expr import Pinv
from .frobenius import (
    frobenius_inner,
    frobenius_norm_squared,
    prove_inner_trace,
    prove_norm_vec,
    prove_orthogonal_invariance,
    prove_trace_chain,
)
from .generators import (
    cayley_orthogonal,
    matrix_with_condition_number,
    matrix_with_singular_values,
    random_rational_matrix,
)
from .gradients import (
    GradientCheck,
    compare_gradient,
    gradient_index_route,
    gradient_matrix_route,
    prove_chain_rule_ab,
)
from .limits import RegularizedLimit, regularized_limit
from .optima import (
    certify_global_minimum,
    rank_deficient_minimizers,
    solve_closed_form,
)
from .pinv import PenroseCertificate, penrose_certificate, pinv_exact, rank_factorization
from .spectral import lambda_dagger, lambda_dagger_consistency, orthogonal_diagonalization, pinv_via_eigen
from .symbolic import PiecewisePinv, pinv_symbolic, regularized_limit_symbolic

__all__ = [
    "as_exact_matrix", "as_exact_scalar", "Pinv",
    "frobenius_inner", "frobenius_norm_squared", "prove_inner_trace", "prove_norm_vec",
    "prove_orthogonal_invariance", "prove_trace_chain",
    "cayley_orthogonal", "matrix_with_condition_number", "matrix_with_singular_values",
    "random_rational_matrix",
    "GradientCheck", "compare_gradient", "gradient_index_route",
    "gradient_matrix_route", "prove_chain_rule_ab",
    "RegularizedLimit", "regularized_limit",
    "certify_global_minimum", "rank_deficient_minimizers", "solve_closed_form",
    "PenroseCertificate", "penrose_certificate", "pinv_exact", "rank_factorization",
    "lambda_dagger", "lambda_dagger_consistency", "orthogonal_diagonalization", "pinv_via_eigen",
    "PiecewisePinv", "pinv_symbolic", "regularized_limit_symbolic",
]
