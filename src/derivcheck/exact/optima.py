"""Closed-form minimizers of ``L = ‖AB − M‖_F²``, certified exactly.

With ``A`` of shape ``n x r``, ``B`` of shape ``r x m`` and ``M`` of shape
``n x m``:

* :func:`solve_closed_form` solves the stationarity equations (the gradient
  from the index route set to zero) exactly, with symbolic entries at a
  concrete shape, and shows the solution is ``B* = (AᵀA)⁻¹AᵀM`` (or
  ``A* = MBᵀ(BBᵀ)⁻¹``). Assumption: ``A`` has full column rank (``B`` full
  row rank), which holds for generic entries: ``det(AᵀA)`` is a nonzero
  polynomial, equal to the sum of the squared ``r x r`` minors of ``A``
  (Cauchy–Binet, checked).
* :func:`certify_global_minimum` shows the Hessian with respect to
  ``vec B`` is ``2(I_m ⊗ AᵀA)`` (computed, then compared), that it is
  positive semidefinite (Gram form: ``zᵀHz = 2‖(I ⊗ A)z‖²``), and that
  ``L(B) − L(B*) = ‖A(B − B*)‖_F²`` for every ``B``: a global minimum.
* :func:`rank_deficient_minimizers` handles a rational ``A`` whose ``AᵀA``
  is singular: the minimizers form an affine family (two distinct ones with
  the same, minimal, loss), and the ε-regularized minimizer
  ``(AᵀA + εI)⁻¹AᵀM`` tends, as ``ε → 0⁺``, to the member of minimum norm,
  computed independently by projecting out ``null(A)``.
* :func:`psd_by_principal_minors` certifies a rational symmetric matrix PSD.

Vectorization is column-major, ``vec(AXB) = (Bᵀ ⊗ A) vec X``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Callable

import sympy
from sympy.polys.matrices import DomainMatrix

from ..errors import AssumptionError, InputError, InputShapeError
from .convert import as_exact_matrix
from .limits import limit_at_zero_plus, regularized_limit
from .frobenius import _check_dim, _simplify_exact, symbolic_matrix, vec
from .walk import PolynomialBackend

__all__ = [
    "ClosedFormProof",
    "GlobalMinimumCertificate",
    "PSDCertificate",
    "RankDeficientMinimizers",
    "solve_closed_form",
    "certify_global_minimum",
    "psd_by_principal_minors",
    "is_psd_by_elimination",
    "rank_deficient_minimizers",
]

_FULL_RANK = {
    "B": "A (n x r) has full column rank r, so A^T A is invertible; true for generic entries "
         "(det(A^T A) is a nonzero polynomial) and impossible when n < r",
    "A": "B (r x m) has full row rank r, so B B^T is invertible; true for generic entries "
         "(det(B B^T) is a nonzero polynomial) and impossible when m < r",
}


def _loss_value(A, B, M) -> sympy.Expr:
    """``‖AB − M‖_F²`` for explicit matrices."""
    return sum(e**2 for e in (A * B - M))


# ---------------------------------------------------------------------------
# the problem in the polynomial ring of its entries
# ---------------------------------------------------------------------------


def _in_ring(ring: Any, *matrices: sympy.MatrixBase) -> list[DomainMatrix]:
    """Explicit matrices of generators of *ring* as dense ``DomainMatrix`` over it."""
    backend = PolynomialBackend(ring)
    return [backend.matrix(X).to_dense() for X in matrices]


def _kron(P: DomainMatrix, Q: DomainMatrix) -> DomainMatrix:
    """The Kronecker product ``P ⊗ Q`` of two matrices over one domain."""
    (p1, p2), (q1, q2) = P.shape, Q.shape
    Pl, Ql = P.to_list(), Q.to_list()
    rows = [[Pl[i][j] * Ql[k][l] for j in range(p2) for l in range(q2)]
            for i in range(p1) for k in range(q1)]
    return DomainMatrix(rows, (p1 * q1, p2 * q2), P.domain)


def _squared_norm(E: DomainMatrix) -> Any:
    """``‖E‖_F²`` in the domain of *E*."""
    return sum((x**2 for x in E.to_list_flat()), E.domain.zero)


def _check_variable(variable: Any) -> str:
    if variable not in ("A", "B"):
        raise InputError("variable", variable, "the variable of ‖AB − M‖_F² is 'A' or 'B'",
                         "pass variable='B' (B* = (AᵀA)⁻¹AᵀM) or variable='A'")
    return variable


def _problem(n: int, r: int, m: int):
    """The symbolic matrices ``A`` (n x r), ``B`` (r x m) and ``M`` (n x m)."""
    return symbolic_matrix("A", n, r), symbolic_matrix("B", r, m), symbolic_matrix("M", n, m)


# ---------------------------------------------------------------------------
# closed form from stationarity
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ClosedFormProof:
    """The stationarity equations solved exactly at one shape.

    Parameters
    ----------
    variable : str
        ``"B"`` or ``"A"``.
    formula : str
        The closed form compared with.
    shapes : tuple of (str, (int, int))
    gradient : sympy.ImmutableMatrix
        The gradient from the index route (set to zero).
    solution : sympy.ImmutableMatrix
        The unique solution of ``gradient = 0`` found by exact elimination.
    closed_form : sympy.ImmutableMatrix
        The formula evaluated on the symbolic entries.
    residual : sympy.ImmutableMatrix
        ``solution - closed_form`` after exact simplification.
    unique : bool
        The linear system has no free parameter.
    gram_determinant : sympy.Expr
        ``det(AᵀA)`` (or ``det(BBᵀ)``), a nonzero polynomial.
    cauchy_binet_residual : sympy.Expr
        ``det(Gram) − Σ (r x r minors)²``, simplified (zero).
    assumptions : tuple of str
    holds : bool
    """

    variable: str
    formula: str
    shapes: tuple[tuple[str, tuple[int, int]], ...]
    gradient: sympy.ImmutableMatrix
    solution: sympy.ImmutableMatrix
    closed_form: sympy.ImmutableMatrix
    residual: sympy.ImmutableMatrix
    unique: bool
    gram_determinant: sympy.Expr
    cauchy_binet_residual: sympy.Expr
    assumptions: tuple[str, ...]
    holds: bool


def _shape_triple(n, r, m, variable):
    n, r, m = (_check_dim(v, k, limit=5) for k, v in (("n", n), ("r", r), ("m", m)))
    if variable == "B" and n < r:
        raise AssumptionError(
            "n", n, f"A is n x r = {n} x {r}; with n < r it cannot have full column rank, "
            "so the minimizer over B is not unique", "pass n >= r (or see rank_deficient_minimizers)",
        )
    if variable == "A" and m < r:
        raise AssumptionError(
            "m", m, f"B is r x m = {r} x {m}; with m < r it cannot have full row rank, "
            "so the minimizer over A is not unique", "pass m >= r",
        )
    return n, r, m


def _minors_sum_of_squares(X: DomainMatrix, k: int) -> Any:
    """Σ over k-subsets of rows (or columns) of the squared k x k minors of X (k = min side)."""
    rows, cols = X.shape
    if rows >= cols:
        minors = (X.extract(list(s), list(range(cols))) for s in itertools.combinations(range(rows), k))
    else:
        minors = (X.extract(list(range(rows)), list(s)) for s in itertools.combinations(range(cols), k))
    return sum((D.det() ** 2 for D in minors), X.domain.zero)


def solve_closed_form(variable: str = "B", n: int = 3, r: int = 2, m: int = 2) -> ClosedFormProof:
    """Solve ``∂L/∂B = 0`` (or ``∂L/∂A = 0``) exactly and compare with the closed form.

    Parameters
    ----------
    variable : {"B", "A"}
        Minimize over ``B`` (closed form ``(AᵀA)⁻¹AᵀM``) or over ``A``
        (closed form ``MBᵀ(BBᵀ)⁻¹``).
    n, r, m : int
        ``A`` is ``n x r``, ``B`` is ``r x m``, ``M`` is ``n x m`` (each
        1 to 5; ``n >= r`` for ``B``, ``m >= r`` for ``A``).

    Returns
    -------
    ClosedFormProof

    Raises
    ------
    AssumptionError
        ``n < r`` (for ``B``) or ``m < r`` (for ``A``): no full rank possible.
    InputError, InputTypeError, DimensionError
        Bad *variable* or dimensions.

    Notes
    -----
    The gradient is the entry-wise derivative of the expanded loss, in the
    polynomial ring of the entries (as in
    :func:`~derivcheck.exact.gradients.gradient_index_route`), not the formula
    ``2Aᵀ(AB − M)``. The linear system ``C x = b`` that ``gradient = 0`` is in
    the entries of the variable is solved by Cramer's rule,
    ``x = adj(C) b / det(C)``, each entry reduced by its gcd: ``det(C)`` is a
    nonzero polynomial in the other entries, which is the genericity
    assumption (full rank). ``det(AᵀA) = Σ_S det(A_S)²`` over the ``r``-row subsets ``S``
    (Cauchy–Binet) shows the determinant vanishes only when every maximal
    minor does, i.e. only when rank ``A < r``.

    Examples
    --------
    >>> proof = solve_closed_form("B", 2, 1, 1)
    >>> proof.holds, proof.unique
    (True, True)
    """
    variable = _check_variable(variable)
    n, r, m = _shape_triple(n, r, m, variable)
    A, B, M = _problem(n, r, m)
    unknown = B if variable == "B" else A
    unknowns = list(unknown)
    others = sorted({*A, *B, *M} - set(unknowns), key=lambda s: s.name)
    R = sympy.QQ[tuple(others) + tuple(unknowns)]
    gen = dict(zip(R.symbols, R.gens))
    Ad, Bd, Md = _in_ring(R, A, B, M)
    L = _squared_norm(Ad * Bd - Md)
    slopes = [L.diff(gen[u]) for u in unknowns]
    gradient = sympy.ImmutableMatrix(unknown.shape[0], unknown.shape[1], [R.to_sympy(d) for d in slopes])
    # gradient = 0 is linear in the unknowns: C·x = b over the polynomials in the other entries
    k = len(unknowns)
    C = [[d.coeff_wrt(gen[u], 1) for u in unknowns] for d in slopes]
    b = [[-(d - sum((c * gen[u] for c, u in zip(row, unknowns)), R.zero))] for d, row in zip(slopes, C)]
    Cd, bd = DomainMatrix(C, (k, k), R), DomainMatrix(b, (k, 1), R)
    adj_c, det_c = Cd.adj_det()  # x = adj(C)·b / det(C), Cramer's rule
    unique = det_c != 0
    if not unique:
        raise AssumptionError("gradient", gradient, "the stationarity equations have no unique solution",
                              "check the shapes")  # pragma: no cover - impossible for these shapes
    reduced = [p.cancel(det_c) for p in (adj_c * bd).to_list_flat()]
    solution = sympy.ImmutableMatrix(unknown.shape[0], unknown.shape[1],
                                     [R.to_sympy(p) / R.to_sympy(q) for p, q in reduced])
    # the closed form is N / det(Gram); p/q = N_i/det exactly when p·det − N_i·q = 0
    gram = Ad.transpose() * Ad if variable == "B" else Bd * Bd.transpose()
    adj, det_d = gram.adj_det()
    N = adj * Ad.transpose() * Md if variable == "B" else Md * Bd.transpose() * adj
    closed = sympy.ImmutableMatrix(unknown.shape[0], unknown.shape[1],
                                   [R.to_sympy(c) / R.to_sympy(det_d) for c in N.to_list_flat()])
    differences = [(p * det_d - c * q, q * det_d) for (p, q), c in zip(reduced, N.to_list_flat())]
    residual = sympy.ImmutableMatrix(unknown.shape[0], unknown.shape[1], [
        sympy.S.Zero if d == 0 else R.to_sympy(d) / R.to_sympy(e) for d, e in differences])
    factor = Ad if variable == "B" else Bd
    det = R.to_sympy(det_d)
    cb = R.to_sympy(det_d - _minors_sum_of_squares(factor, r))
    formula = "(A^T A)^-1 A^T M" if variable == "B" else "M B^T (B B^T)^-1"
    holds = bool(unique and residual.is_zero_matrix and det != 0 and cb == 0)
    return ClosedFormProof(
        variable=variable, formula=formula,
        shapes=(("A", (n, r)), ("B", (r, m)), ("M", (n, m))),
        gradient=gradient, solution=solution, closed_form=closed,
        residual=sympy.ImmutableMatrix(residual), unique=unique, gram_determinant=det,
        cauchy_binet_residual=cb, assumptions=(_FULL_RANK[variable],), holds=holds,
    )


# ---------------------------------------------------------------------------
# global minimum
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GlobalMinimumCertificate:
    """Why the closed form is a global minimum, at one shape.

    Parameters
    ----------
    variable : str
    shapes : tuple of (str, (int, int))
    hessian : sympy.ImmutableMatrix
        ``∂²L/∂vec(X)∂vec(X)ᵀ`` computed from the scalar loss.
    hessian_formula : sympy.ImmutableMatrix
        ``2(I_m ⊗ AᵀA)`` (variable ``B``) or ``2(BBᵀ ⊗ I_n)`` (variable ``A``).
    hessian_residual : sympy.ImmutableMatrix
        Their difference, simplified (zero).
    gram_residual : sympy.Expr
        ``zᵀHz − 2‖Kz‖²`` with ``K = I ⊗ A`` (or ``Bᵀ ⊗ I``) and symbolic
        ``z``, simplified (zero): ``H`` is a Gram matrix, hence PSD.
    excess_residual : sympy.Expr
        ``L(X) − L(X*) − ‖(difference)‖²`` for symbolic ``X``, simplified
        (zero): every ``X`` has loss at least ``L(X*)``.
    assumptions : tuple of str
    holds : bool
    """

    variable: str
    shapes: tuple[tuple[str, tuple[int, int]], ...]
    hessian: sympy.ImmutableMatrix
    hessian_formula: sympy.ImmutableMatrix
    hessian_residual: sympy.ImmutableMatrix
    gram_residual: sympy.Expr
    excess_residual: sympy.Expr
    assumptions: tuple[str, ...]
    holds: bool


def certify_global_minimum(
    variable: str = "B", n: int = 3, r: int = 2, m: int = 2
) -> GlobalMinimumCertificate:
    """Certify that the closed-form minimizer is a global minimum.

    Parameters
    ----------
    variable : {"B", "A"}
    n, r, m : int
        Shapes as in :func:`solve_closed_form`.

    Returns
    -------
    GlobalMinimumCertificate

    Raises
    ------
    AssumptionError, InputError, DimensionError
        As for :func:`solve_closed_form`.

    Notes
    -----
    ``vec(AB) = (I_m ⊗ A) vec B``, so ``L = ‖(I_m ⊗ A) vec B − vec M‖²`` and
    its Hessian is ``2(I_m ⊗ A)ᵀ(I_m ⊗ A) = 2(I_m ⊗ AᵀA)``, a Gram matrix:
    ``zᵀHz = 2‖(I_m ⊗ A)z‖² ≥ 0``. For ``A``: ``vec(AB) = (Bᵀ ⊗ I_n) vec A``
    and ``H = 2(BBᵀ ⊗ I_n)``. A quadratic with PSD Hessian is convex, so a
    stationary point is a global minimum; the excess identity
    ``L(B) − L(B*) = ‖A(B − B*)‖_F²`` (which uses ``Aᵀ(AB* − M) = 0``)
    shows it directly.

    Examples
    --------
    >>> certify_global_minimum("B", 2, 1, 2).holds
    True
    """
    variable = _check_variable(variable)
    n, r, m = _shape_triple(n, r, m, variable)
    A, B, M = _problem(n, r, m)
    X = B if variable == "B" else A
    x = list(vec(X))
    z = [sympy.Symbol(f"z_{k}", real=True) for k in range(len(x))]
    # every polynomial below is computed in QQ[entries, z]: expanded by ring arithmetic
    R = sympy.QQ[tuple(sorted({*A, *B, *M}, key=lambda s: s.name)) + tuple(z)]
    gen = dict(zip(R.symbols, R.gens))
    Ad, Bd, Md, zd = _in_ring(R, A, B, M, sympy.Matrix(z))
    L = _squared_norm(Ad * Bd - Md)
    slopes = [L.diff(gen[v]) for v in x]
    Hd = DomainMatrix([[d.diff(gen[w]) for w in x] for d in slopes], (len(x), len(x)), R)
    if variable == "B":
        Kd = _kron(DomainMatrix.eye(m, R), Ad)
        formula_d = _kron(DomainMatrix.eye(m, R), Ad.transpose() * Ad) * R.convert(2)
        gram = Ad.transpose() * Ad
    else:
        Kd = _kron(Bd.transpose(), DomainMatrix.eye(n, R))
        formula_d = _kron(Bd * Bd.transpose(), DomainMatrix.eye(n, R)) * R.convert(2)
        gram = Bd * Bd.transpose()
    H, formula = sympy.ImmutableMatrix(Hd.to_Matrix()), sympy.ImmutableMatrix(formula_d.to_Matrix())
    hess_res = sympy.ImmutableMatrix((Hd - formula_d).to_Matrix())
    gram_res = R.to_sympy((zd.transpose() * Hd * zd).to_list_flat()[0] - 2 * _squared_norm(Kd * zd))
    # the closed form is N / det with N = adj(Gram)·AᵀM (resp. MBᵀ·adj(Gram)): the excess identity
    # L(X) − L(X*) − ‖difference‖² = 0, times det², is a polynomial identity
    adj, det = gram.adj_det()
    if det == 0:
        raise AssumptionError("X", sympy.ImmutableMatrix(gram.to_Matrix()), "the matrix is singular",
                              "use a matrix of full rank")
    if variable == "B":
        N = adj * Ad.transpose() * Md
        numerator = (det**2 * L - _squared_norm(Ad * N - Md * det)
                     - _squared_norm(Ad * (Bd * det - N)))
    else:
        N = Md * Bd.transpose() * adj
        numerator = (det**2 * L - _squared_norm(N * Bd - Md * det)
                     - _squared_norm((Ad * det - N) * Bd))
    excess_res = (sympy.S.Zero if numerator == 0
                  else R.to_sympy(numerator) / R.to_sympy(det**2))
    holds = bool(hess_res.is_zero_matrix and gram_res == 0 and excess_res == 0)
    return GlobalMinimumCertificate(
        variable=variable, shapes=(("A", (n, r)), ("B", (r, m)), ("M", (n, m))),
        hessian=H, hessian_formula=formula, hessian_residual=sympy.ImmutableMatrix(hess_res),
        gram_residual=gram_res, excess_residual=excess_res,
        assumptions=(_FULL_RANK[variable],), holds=holds,
    )


@dataclass(frozen=True)
class PSDCertificate:
    """Exact positive-semidefiniteness test of a rational symmetric matrix.

    Parameters
    ----------
    matrix : sympy.ImmutableMatrix
    symmetric : bool
    minors : tuple of (tuple of int, sympy.Rational)
        Every principal minor, by its index set.
    psd : bool
        Symmetric and every principal minor ``>= 0`` (equivalent to every
        eigenvalue ``>= 0``).
    singular : bool
        The determinant is zero (some eigenvalue is 0).
    """

    matrix: sympy.ImmutableMatrix
    symmetric: bool
    minors: tuple[tuple[tuple[int, ...], sympy.Expr], ...]
    psd: bool
    singular: bool


def is_psd_by_elimination(S: Any) -> bool:
    """Decide exactly whether a rational symmetric matrix is positive semidefinite, in O(k³).

    Parameters
    ----------
    S : sympy.Matrix or list of lists, shape (k, k)
        Exact rational, symmetric.

    Returns
    -------
    bool

    Raises
    ------
    InputTypeError, InexactInputError, InputShapeError
        Non-exact, symbolic, non-square or non-symmetric input.

    Notes
    -----
    Symmetric Gaussian elimination (an LDLᵀ factorization without pivoting):
    a negative pivot means not PSD; a zero pivot requires its whole row to be
    zero (for a PSD matrix, S_ii = 0 forces S_ij = 0), and the row is dropped;
    a positive pivot is eliminated by a congruence, which preserves inertia.
    Unlike :func:`psd_by_principal_minors` it scales to large k.

    Examples
    --------
    >>> is_psd_by_elimination([[1, 1], [1, 1]])
    True
    >>> is_psd_by_elimination([[0, 1], [1, 0]])
    False
    """
    M = as_exact_matrix(S, name="S")
    k, cols = M.shape
    if k != cols or M != M.T:
        raise InputShapeError("S", M.shape, "must be a square symmetric matrix",
                              "pass a symmetric matrix such as a Hessian")
    from fractions import Fraction

    a = [[Fraction(int(x.p), int(x.q)) for x in M.row(i)] for i in range(k)]
    active = list(range(k))
    while active:
        i = active.pop(0)
        d = a[i][i]
        if d < 0:
            return False
        if d == 0:
            if any(a[i][j] != 0 for j in active):
                return False
            continue
        for r in active:
            f = a[r][i] / d
            if f:
                for c in active:
                    a[r][c] -= f * a[i][c]
    return True


def psd_by_principal_minors(S: Any) -> PSDCertificate:
    """Decide exactly whether a rational symmetric matrix is PSD.

    Parameters
    ----------
    S : sympy.Matrix or list of lists, shape (k, k)
        Exact rational entries (at most 10 x 10: there are ``2^k - 1``
        principal minors).

    Returns
    -------
    PSDCertificate

    Raises
    ------
    InputTypeError, InexactInputError, InputShapeError
        Non-exact, symbolic, or non-square input; larger than 10 x 10.

    Notes
    -----
    A real symmetric matrix is PSD if and only if all its principal minors
    (not only the leading ones) are non-negative; each is an exact rational.

    Examples
    --------
    >>> psd_by_principal_minors([[1, 1], [1, 1]]).psd
    True
    >>> psd_by_principal_minors([[0, 1], [1, 0]]).psd
    False
    """
    S = as_exact_matrix(S, name="S")
    k, k2 = S.shape
    if k != k2 or k > 10:
        raise InputShapeError("S", S, f"need a square matrix of size at most 10, got {S.shape}",
                              "pass a k x k symmetric matrix with k <= 10")
    symmetric = S == S.T
    minors = tuple((idx, S.extract(list(idx), list(idx)).det())
                   for size in range(1, k + 1) for idx in itertools.combinations(range(k), size))
    psd = bool(symmetric and all(v >= 0 for _, v in minors))
    return PSDCertificate(S, bool(symmetric), minors, psd, bool(S.det() == 0) if k else False)


# ---------------------------------------------------------------------------
# rank-deficient A
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RankDeficientMinimizers:
    """Minimizers of ``‖AB − M‖_F²`` over ``B`` when ``AᵀA`` is singular.

    Parameters
    ----------
    A, M : sympy.ImmutableMatrix
    rank : int
        ``rank A < r`` (columns of ``A``).
    nullspace : sympy.ImmutableMatrix, (r, k)
        Basis of ``null(A)`` as columns.
    minimizer_1, minimizer_2 : sympy.ImmutableMatrix
        Two distinct exact minimizers (``minimizer_2 = minimizer_1 + N·1``).
    loss_1, loss_2 : sympy.Rational
        Their losses.
    minimum : sympy.Rational
        ``‖M − PM‖_F²`` with ``P`` the orthogonal projector onto the column
        space of ``A``, computed from a column basis (not from a minimizer).
    lower_bound_residual : sympy.Expr
        ``L(B) − minimum − ‖AB − PM‖_F²`` for a symbolic ``B``, simplified
        (zero): no ``B`` does better than *minimum*.
    family_residual : sympy.Expr
        ``L(minimizer_1 + N T) − minimum`` for a symbolic ``T``, simplified
        (zero): the whole affine family are minimizers.
    hessian_psd : PSDCertificate
        ``AᵀA`` is PSD and singular (the Hessian ``2(I ⊗ AᵀA)`` is PSD with
        a nontrivial kernel).
    min_norm : sympy.ImmutableMatrix
        ``minimizer_1`` with its ``null(A)`` component removed.
    min_norm_is_minimizer : bool
        ``A·min_norm = A·minimizer_1`` (hence the same, minimal, loss).
    min_norm_orthogonal : bool
        ``Nᵀ·min_norm = 0``.
    min_norm_identity_residual : sympy.Expr
        ``‖X + NT‖² − ‖X‖² − ‖NT‖²`` for symbolic ``T`` (``X`` the min-norm
        member), simplified (zero): every other member is longer.
    regularized : sympy.ImmutableMatrix
        ``(AᵀA + εI)⁻¹AᵀM`` with a positive symbol ``ε``, cancelled.
    regularized_limit : sympy.ImmutableMatrix
        Its limit ``ε → 0⁺``, computed here.
    limit_matches_min_norm : bool
    module_limit : sympy.ImmutableMatrix or None
        ``regularized_limit(A).value · M`` from
        :mod:`derivcheck.exact.limits` (None when unavailable).
    module_limit_status : str
        ``"agrees"``, ``"differs"`` or ``"unavailable: ..."``.
    holds : bool
        Every check above passed (the module comparison only if available).
    """

    A: sympy.ImmutableMatrix
    M: sympy.ImmutableMatrix
    rank: int
    nullspace: sympy.ImmutableMatrix
    minimizer_1: sympy.ImmutableMatrix
    minimizer_2: sympy.ImmutableMatrix
    loss_1: sympy.Expr
    loss_2: sympy.Expr
    minimum: sympy.Expr
    lower_bound_residual: sympy.Expr
    family_residual: sympy.Expr
    hessian_psd: PSDCertificate
    min_norm: sympy.ImmutableMatrix
    min_norm_is_minimizer: bool
    min_norm_orthogonal: bool
    min_norm_identity_residual: sympy.Expr
    regularized: sympy.ImmutableMatrix
    regularized_limit: sympy.ImmutableMatrix
    limit_matches_min_norm: bool
    module_limit: sympy.ImmutableMatrix | None
    module_limit_status: str
    holds: bool


def rank_deficient_minimizers(
    A: Any,
    M: Any,
    *,
    limit_function: Callable[[Any], Any] | None = None,
) -> RankDeficientMinimizers:
    """Describe the minimizers over ``B`` of ``‖AB − M‖_F²`` for rank-deficient ``A``.

    Parameters
    ----------
    A : sympy.Matrix or list of lists, shape (n, r)
        Exact rational entries, ``rank A < r`` (so ``AᵀA`` is singular).
    M : sympy.Matrix or list of lists, shape (n, m)
        Exact rational entries.
    limit_function : callable, optional
        ``f(A)`` returning an object with ``.value`` equal to
        ``lim_{ε→0⁺}(AᵀA + εI)⁻¹Aᵀ``; default
        ``derivcheck.exact.limits.regularized_limit(A, side="left")``.

    Returns
    -------
    RankDeficientMinimizers

    Raises
    ------
    InputTypeError, InexactInputError, InputShapeError
        Non-exact or malformed matrices; ``A`` and ``M`` with different
        numbers of rows.
    AssumptionError
        ``A`` has full column rank (the minimizer is unique; use
        :func:`solve_closed_form`), or ``A`` is empty.

    Notes
    -----
    Every minimizer solves the normal equations ``AᵀA B = AᵀM``; they form
    ``B₁ + N T`` for any ``T`` (``N`` a basis of ``null A``). The minimum is
    ``‖(I − P)M‖²`` with ``P = C(CᵀC)⁻¹Cᵀ`` built from a column basis ``C``
    of ``A``; ``L(B) − min = ‖AB − PM‖² ≥ 0``, so the minimizers are exactly
    the ``B`` with ``AB = PM``, i.e. ``B₁ + N T``, and
    ``L(B₁ + N T) = min`` is checked for symbolic ``T``. Removing the ``null(A)``
    component, ``X = B₁ − N(NᵀN)⁻¹NᵀB₁``, gives the member orthogonal to
    ``null(A)``, and ``‖X + NT‖² = ‖X‖² + ‖NT‖²`` shows it has minimum norm.
    The ε-regularized minimizer is unique for ``ε > 0`` and its limit as
    ``ε → 0⁺`` is compared with ``X``.

    Examples
    --------
    >>> res = rank_deficient_minimizers([[1, 2], [2, 4], [0, 0]], [[1], [0], [1]],
    ...                                 limit_function=lambda A: None)
    >>> res.loss_1 == res.loss_2 == res.minimum, res.limit_matches_min_norm
    (True, True)
    """
    A = as_exact_matrix(A, name="A")
    M = as_exact_matrix(M, name="M")
    n, r = A.shape
    if M.shape[0] != n:
        raise InputShapeError("M", M, f"M needs {n} rows like A (shape {A.shape}), got {M.shape}",
                              "pass M with as many rows as A")
    if n == 0 or r == 0 or M.shape[1] == 0:
        raise AssumptionError("A", A, "empty matrices have no rank deficiency to study",
                              "pass non-empty A and M")
    rank = A.rank()
    if rank == r:
        raise AssumptionError(
            "A", A, f"A has full column rank {r}, so AᵀA is invertible and the minimizer is unique",
            "use a rank-deficient A (or solve_closed_form for the full-rank case)",
        )
    m = M.shape[1]
    N = sympy.ImmutableMatrix.hstack(*A.nullspace())
    gram = A.T * A
    sol, params = gram.gauss_jordan_solve(A.T * M)
    B1 = sympy.ImmutableMatrix(sol.xreplace({p: 0 for p in params}))
    B2 = sympy.ImmutableMatrix(B1 + N * sympy.ones(N.shape[1], m))
    loss_1, loss_2 = _loss_value(A, B1, M), _loss_value(A, B2, M)

    C = sympy.ImmutableMatrix.hstack(*A.columnspace())
    P = C * (C.T * C).inv() * C.T
    minimum = sum(e**2 for e in (M - P * M))
    Bsym = symbolic_matrix("B", r, m)
    lower = _simplify_exact(_loss_value(A, Bsym, M) - minimum - sum(e**2 for e in (A * Bsym - P * M)))
    psd = psd_by_principal_minors(gram)
    T_family = symbolic_matrix("T", N.shape[1], m)
    family = _simplify_exact(_loss_value(A, B1 + N * T_family, M) - minimum)

    X = sympy.ImmutableMatrix(B1 - N * (N.T * N).inv() * N.T * B1)
    is_min = (A * X - A * B1).is_zero_matrix
    orthogonal = (N.T * X).is_zero_matrix
    T = symbolic_matrix("T", N.shape[1], m)
    NT = N * T
    norm_identity = _simplify_exact(sum(e**2 for e in (X + NT)) - sum(e**2 for e in X)
                                    - sum(e**2 for e in NT))

    eps = sympy.Symbol("epsilon", positive=True)
    field = sympy.QQ.frac_field(eps)  # entries of (AᵀA + εI)⁻¹AᵀM, each reduced in QQ(ε)
    gram_eps = DomainMatrix.from_Matrix(gram).convert_to(field) + DomainMatrix.eye(r, field) * field.from_sympy(eps)
    reg = gram_eps.inv() * DomainMatrix.from_Matrix(A.T * M).convert_to(field)
    regularized = sympy.ImmutableMatrix(reg.to_Matrix())
    eps_limit = limit_at_zero_plus(reg, eps)
    if eps_limit.diverges:  # pragma: no cover - (AᵀA + εI)⁻¹AᵀM has no pole
        raise AssumptionError("limit", regularized, "the regularized minimizer diverges as ε → 0⁺",
                              "this cannot happen for (AᵀA + εI)⁻¹AᵀM; check the input")
    limit = eps_limit.value
    matches = (limit - X).is_zero_matrix

    module_limit, status = None, "unavailable"
    if limit_function is None:
        def limit_function(X):
            return regularized_limit(X, side="left")
    if limit_function is not None:
        got = limit_function(A)
        value = getattr(got, "value", None)
        if value is None:
            status = "unavailable: the limit function returned no .value"
        else:
            module_limit = sympy.ImmutableMatrix(sympy.ImmutableMatrix(value) * M)
            status = "agrees" if (module_limit - X).is_zero_matrix else "differs"

    holds = bool(
        B1 != B2 and loss_1 == loss_2 == minimum and lower == 0 and family == 0
        and psd.psd and psd.singular
        and is_min and orthogonal and norm_identity == 0 and matches and status != "differs"
        and (A.T * (A * B1 - M)).is_zero_matrix and (A.T * (A * B2 - M)).is_zero_matrix
    )
    return RankDeficientMinimizers(
        A=A, M=M, rank=rank, nullspace=N, minimizer_1=B1, minimizer_2=B2,
        loss_1=loss_1, loss_2=loss_2, minimum=minimum, lower_bound_residual=lower,
        family_residual=family,
        hessian_psd=psd, min_norm=X, min_norm_is_minimizer=bool(is_min),
        min_norm_orthogonal=bool(orthogonal), min_norm_identity_residual=norm_identity,
        regularized=regularized, regularized_limit=limit, limit_matches_min_norm=bool(matches),
        module_limit=module_limit, module_limit_status=status, holds=holds,
    )
