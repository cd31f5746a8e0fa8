"""The spectral (eigen) route to the pseudo-inverse, exactly.

For a real ``m x n`` matrix ``A`` write ``AᵀA = U Λ Uᵀ`` with ``U`` orthogonal
and ``Λ = diag(λ₁, …, λ_n)``, ``λᵢ ≥ 0``. Then, for every ``ε > 0``,

    (AᵀA + εI)⁻¹Aᵀ = U (Λ + εI)⁻¹ UᵀAᵀ,

and the limit ``ε → 0⁺`` gives ``A⁺ = U Λ⁺ UᵀAᵀ``, where ``Λ⁺`` inverts the
nonzero diagonal entries and keeps the zeros. The limit is finite because
``λᵢ = 0`` forces row ``i`` of ``UᵀAᵀ`` to vanish: ``‖A uᵢ‖² = uᵢᵀAᵀA uᵢ = λᵢ = 0``.

This module rebuilds each of these steps in exact arithmetic:

* :func:`lambda_dagger` -- the diagonal rule ``Λ⁺``;
* :func:`diagonal_regularized_limit` -- ``lim (ΛᵀΛ + εI)⁻¹Λᵀ`` entry by entry,
  and :func:`lambda_dagger_consistency` comparing a rule against it;
* :func:`orthogonal_diagonalization` -- ``S = U Λ Uᵀ`` for a symmetric rational
  ``S`` with rational eigenvalues (``U`` may contain square roots);
* :func:`pinv_via_eigen` -- ``A⁺ = U Λ⁺ UᵀAᵀ`` with the evidence above;
* :func:`matrix_with_rational_gram_spectrum` -- rational test matrices whose
  ``AᵀA`` has rational eigenvalues.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Callable

import sympy
from sympy import QQ
from sympy.polys.matrices import DomainMatrix

from ..errors import InputError, InputShapeError, UnsupportedError
from .convert import as_exact_matrix, is_rational_matrix
from .generators import KnownSVD, _check_int, _check_rank, _check_seed, _check_size, matrix_with_singular_values
from .limits import limit_at_zero_plus

__all__ = [
    "EPSILON",
    "lambda_dagger",
    "diagonal_regularized_limit",
    "LambdaDaggerCheck",
    "lambda_dagger_consistency",
    "OrthogonalDiagonalization",
    "orthogonal_diagonalization",
    "EigenPinv",
    "pinv_via_eigen",
    "matrix_with_rational_gram_spectrum",
]

#: The regularization parameter: a positive real symbol.
EPSILON = sympy.Symbol("epsilon", positive=True)


# ---------------------------------------------------------------------------
# Small exact helpers
# ---------------------------------------------------------------------------


def _zeros(m: int, n: int) -> sympy.ImmutableMatrix:
    return sympy.ImmutableMatrix.zeros(m, n)


def _dm(M: sympy.MatrixBase) -> DomainMatrix:
    """A rational matrix as a :class:`DomainMatrix` over QQ (any shape)."""
    m, n = M.shape
    if m == 0 or n == 0:
        return DomainMatrix.zeros((m, n), QQ)
    return DomainMatrix.from_Matrix(M).convert_to(QQ)


def _sympy(M: DomainMatrix) -> sympy.ImmutableMatrix:
    m, n = M.shape
    if m == 0 or n == 0:
        return _zeros(m, n)
    return sympy.ImmutableMatrix(M.to_Matrix())


def _is_zero(x: sympy.Expr, name: str) -> bool:
    """Decide ``x == 0`` exactly, or raise :class:`UnsupportedError`."""
    verdict = x.is_zero
    if verdict is None:
        verdict = sympy.expand(x).is_zero
    if verdict is None:
        raise UnsupportedError(
            name, x, "cannot decide whether this entry is zero",
            "give the symbols assumptions (positive=True, nonzero=True) or pass numbers",
        )
    return bool(verdict)


def _rational_input(A: object, name: str) -> sympy.ImmutableMatrix:
    M = as_exact_matrix(A, name=name)
    if not is_rational_matrix(M):
        raise UnsupportedError(
            name, M, "the spectral route works on rational entries only",
            "pass a matrix of integers or fractions",
        )
    return M


def _matrices_equal(X: sympy.MatrixBase, Y: sympy.MatrixBase) -> bool:
    """Exact equality of two explicit matrices whose entries may contain surds."""
    if X.shape != Y.shape:
        return False
    return all(sympy.expand(sympy.radsimp(x - y)) == 0 for x, y in zip(X, Y))


# ---------------------------------------------------------------------------
# The diagonal rule and its consistency with the regularized limit
# ---------------------------------------------------------------------------


def _check_diagonal(L: sympy.ImmutableMatrix, name: str) -> None:
    m, n = L.shape
    for i in range(m):
        for j in range(n):
            if i != j and not _is_zero(L[i, j], f"{name}[{i},{j}]"):
                raise InputError(
                    name, L,
                    f"the diagonal rule needs a (rectangular) diagonal matrix, but entry [{i},{j}] is {L[i, j]}",
                    "diagonalize first (orthogonal_diagonalization, or an SVD), or use pinv_exact",
                )


def lambda_dagger(Lambda: object) -> sympy.ImmutableMatrix:
    """Return ``Λ⁺`` of a diagonal matrix by the diagonal rule.

    Parameters
    ----------
    Lambda : sympy.Matrix or list of lists, shape (m, n)
        Square or rectangular diagonal: every entry off the main diagonal is
        zero. Entries may be symbols when their zero-ness is decidable
        (e.g. ``Symbol("s", positive=True)``).

    Returns
    -------
    sympy.ImmutableMatrix, shape (n, m)
        ``[Λ⁺]ᵢᵢ = 1/Λᵢᵢ`` where ``Λᵢᵢ ≠ 0`` and ``0`` where ``Λᵢᵢ = 0``; all
        other entries zero.

    Raises
    ------
    InputError
        *Lambda* has a nonzero off-diagonal entry.
    UnsupportedError
        Whether an entry is zero cannot be decided (unconstrained symbols).
    InputTypeError, InputShapeError, InexactInputError, NonFiniteError
        Invalid input (see :func:`derivcheck.exact.convert.as_exact_matrix`).

    Notes
    -----
    The rule agrees with ``lim_{ε→0⁺} (ΛᵀΛ + εI)⁻¹Λᵀ``: entry ``(i, i)`` of that
    matrix is ``λᵢ/(λᵢ² + ε)``, which tends to ``1/λᵢ`` for ``λᵢ ≠ 0`` and is
    identically ``0`` for ``λᵢ = 0``. See :func:`diagonal_regularized_limit`.

    Examples
    --------
    >>> lambda_dagger([[2, 0, 0], [0, 0, 0]])
    Matrix([
    [1/2, 0],
    [  0, 0],
    [  0, 0]])
    """
    L = as_exact_matrix(Lambda, name="Lambda", allow_symbols=True)
    _check_diagonal(L, "Lambda")
    m, n = L.shape
    out = sympy.zeros(n, m)
    for i in range(min(m, n)):
        d = L[i, i]
        out[i, i] = 0 if _is_zero(d, f"Lambda[{i},{i}]") else 1 / d
    return sympy.ImmutableMatrix(out)


def diagonal_regularized_limit(Lambda: object, eps: sympy.Symbol = EPSILON) -> sympy.ImmutableMatrix:
    """Return ``lim_{ε→0⁺} (ΛᵀΛ + εI)⁻¹Λᵀ`` for a diagonal ``Λ``, entry by entry.

    Parameters
    ----------
    Lambda : sympy.Matrix or list of lists, shape (m, n)
        Square or rectangular diagonal with exact number entries.
    eps : sympy.Symbol
        A positive symbol for ``ε``.

    Returns
    -------
    sympy.ImmutableMatrix, shape (n, m)
        The exact limit.

    Raises
    ------
    InputError
        *Lambda* is not diagonal.
    InputTypeError, InputShapeError, InexactInputError, NonFiniteError
        Invalid input (see :func:`derivcheck.exact.convert.as_exact_matrix`).

    Notes
    -----
    ``ΛᵀΛ + εI`` is the ``n x n`` diagonal matrix with entries ``λⱼ² + ε``
    (``ε`` alone beyond ``min(m, n)``), invertible for ``ε > 0`` with the
    reciprocal diagonal. The product with ``Λᵀ`` is formed as a matrix
    product, a matrix of rational functions of ``ε``, whose limit is taken by
    :func:`~derivcheck.exact.limits.limit_at_zero_plus`. Nothing here uses the
    diagonal rule.

    Examples
    --------
    >>> diagonal_regularized_limit([[4, 0], [0, 0]])
    Matrix([
    [1/4, 0],
    [  0, 0]])
    """
    L = as_exact_matrix(Lambda, name="Lambda")
    _check_diagonal(L, "Lambda")
    m, n = L.shape
    gram = L.T * L + eps * sympy.eye(n)
    inverse = sympy.diag(*[1 / gram[j, j] for j in range(n)]) if n else sympy.zeros(0, 0)
    regularized = sympy.ImmutableMatrix(n, m, list(inverse * L.T)) if n and m else _zeros(n, m)
    return limit_at_zero_plus(regularized, eps).value


@dataclass(frozen=True)
class LambdaDaggerCheck:
    """A diagonal rule compared with the regularized limit on one ``Λ``.

    Attributes
    ----------
    Lambda : sympy.ImmutableMatrix, shape (m, n)
    rule_value : sympy.ImmutableMatrix
        What the rule returned.
    limit_value : sympy.ImmutableMatrix, shape (n, m)
        ``lim_{ε→0⁺} (ΛᵀΛ + εI)⁻¹Λᵀ``.
    mismatches : tuple of (int, int, sympy.Expr, sympy.Expr)
        ``(i, j, rule entry, limit entry)`` for each differing entry; a shape
        mismatch is reported as ``(-1, -1, rule shape, limit shape)``.
    """

    Lambda: sympy.ImmutableMatrix
    rule_value: sympy.ImmutableMatrix
    limit_value: sympy.ImmutableMatrix
    mismatches: tuple[tuple[int, int, object, object], ...]

    @property
    def agrees(self) -> bool:
        """True when the rule equals the limit exactly, entry by entry."""
        return not self.mismatches


def lambda_dagger_consistency(
    Lambda: object,
    rule: Callable[[sympy.ImmutableMatrix], sympy.MatrixBase] = lambda_dagger,
) -> LambdaDaggerCheck:
    """Compare a diagonal rule with ``lim_{ε→0⁺} (ΛᵀΛ + εI)⁻¹Λᵀ`` exactly.

    Parameters
    ----------
    Lambda : sympy.Matrix or list of lists, shape (m, n)
        Diagonal, exact number entries; zeros on the diagonal are the
        interesting case.
    rule : callable
        Maps ``Λ`` to a candidate ``Λ⁺``; defaults to :func:`lambda_dagger`.

    Returns
    -------
    LambdaDaggerCheck
        ``agrees`` is True exactly when the rule matches the limit.

    Examples
    --------
    >>> lambda_dagger_consistency([[3, 0], [0, 0]]).agrees
    True
    >>> invert_all = lambda L: L.applyfunc(lambda x: 1 / x if x else 1)
    >>> lambda_dagger_consistency([[3, 0], [0, 0]], invert_all).agrees
    False
    """
    L = as_exact_matrix(Lambda, name="Lambda")
    limit = diagonal_regularized_limit(L)
    value = sympy.ImmutableMatrix(rule(L))
    if value.shape != limit.shape:
        mismatches: tuple = ((-1, -1, value.shape, limit.shape),)
    else:
        mismatches = tuple(
            (i, j, value[i, j], limit[i, j])
            for i in range(limit.rows)
            for j in range(limit.cols)
            if sympy.expand(value[i, j] - limit[i, j]) != 0
        )
    return LambdaDaggerCheck(L, value, limit, mismatches)


# ---------------------------------------------------------------------------
# Exact orthogonal diagonalization
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OrthogonalDiagonalization:
    """``S = U Λ Uᵀ`` with ``U`` orthogonal, exactly.

    Attributes
    ----------
    S : sympy.ImmutableMatrix, shape (n, n)
        The symmetric rational input.
    U : sympy.ImmutableMatrix, shape (n, n)
        Orthonormal eigenvectors as columns; entries are rationals times
        square roots of rationals (``U = W N^{-1/2}``).
    Lambda : sympy.ImmutableMatrix, shape (n, n)
        ``diag(λ₁, …, λ_n)``, decreasing, each repeated by its multiplicity.
    eigenvalues : tuple of sympy.Rational
        The diagonal of ``Lambda``.
    W : sympy.ImmutableMatrix, shape (n, n)
        Rational, mutually orthogonal eigenvector columns (integer, primitive,
        first nonzero entry positive) before normalization.
    norms_squared : tuple of sympy.Rational
        ``‖wⱼ‖²``, so ``U = W diag(norms_squared)^{-1/2}``.
    """

    S: sympy.ImmutableMatrix
    U: sympy.ImmutableMatrix
    Lambda: sympy.ImmutableMatrix
    eigenvalues: tuple[sympy.Rational, ...]
    W: sympy.ImmutableMatrix
    norms_squared: tuple[sympy.Rational, ...]


def _rational_eigenvalues(S: DomainMatrix, S_sym: sympy.ImmutableMatrix) -> list[tuple[sympy.Rational, int]]:
    """``(eigenvalue, multiplicity)`` pairs, decreasing; refuse irrational ones."""
    x = sympy.Dummy("x")
    charpoly = sympy.Poly(S.charpoly(), x, domain=QQ)
    _, factors = charpoly.factor_list()
    out = []
    for factor, multiplicity in factors:
        if factor.degree() != 1:
            raise UnsupportedError(
                "S", S_sym,
                f"not all eigenvalues are rational: the characteristic polynomial has the "
                f"irreducible factor {factor.as_expr().subs(x, sympy.Symbol('lambda'))}",
                "use derivcheck.exact.pinv.pinv_exact, or build test matrices with "
                "matrix_with_rational_gram_spectrum so that AᵀA has rational eigenvalues",
            )
        c1, c0 = factor.all_coeffs()
        out.append((sympy.Rational(-c0 / c1), multiplicity))
    return sorted(out, key=lambda pair: pair[0], reverse=True)


def _primitive(v: list[sympy.Rational]) -> list[sympy.Integer]:
    """Scale a nonzero rational vector to integers with gcd 1, first nonzero entry > 0."""
    den = math.lcm(*[int(x.q) for x in v])
    ints = [int(x * den) for x in v]
    g = math.gcd(*ints)
    sign = 1 if next(x for x in ints if x != 0) > 0 else -1
    return [sympy.Integer(sign * x // g) for x in ints]


def _gram_schmidt(basis: list[list[sympy.Rational]]) -> list[list[sympy.Integer]]:
    """Mutually orthogonal primitive integer vectors spanning the same space."""
    done: list[list[sympy.Integer]] = []
    for v in basis:
        w = list(v)
        for u in done:
            uu = sum(a * a for a in u)
            coeff = sum(a * b for a, b in zip(w, u)) / uu
            w = [a - coeff * b for a, b in zip(w, u)]
        done.append(_primitive(w))
    return done


def orthogonal_diagonalization(S: object) -> OrthogonalDiagonalization:
    """Return an exact orthogonal diagonalization ``S = U Λ Uᵀ``.

    Parameters
    ----------
    S : sympy.Matrix or list of lists, shape (n, n)
        Symmetric, rational entries, rational eigenvalues (e.g. ``AᵀA`` for
        the matrices of :func:`matrix_with_rational_gram_spectrum`).

    Returns
    -------
    OrthogonalDiagonalization
        ``U``, ``Λ`` (decreasing eigenvalues), the rational orthogonal basis
        ``W`` and its squared norms. ``UᵀU = I`` and ``UΛUᵀ = S`` have been
        checked exactly, both in rational form and with the square roots.

    Raises
    ------
    InputShapeError
        *S* is not square.
    InputError
        *S* is not symmetric.
    UnsupportedError
        Entries that are not rational, or an eigenvalue that is not rational
        (the message names the irreducible factor of the characteristic
        polynomial).
    InputTypeError, InexactInputError, NonFiniteError
        Invalid input (see :func:`derivcheck.exact.convert.as_exact_matrix`).

    Notes
    -----
    The eigenvalues are the roots of the characteristic polynomial, factored
    over QQ. For each eigenvalue ``λ`` a rational basis of the null space of
    ``S - λI`` is made orthogonal by Gram–Schmidt (eigenspaces of different
    eigenvalues of a symmetric matrix are already orthogonal). With ``W`` the
    resulting columns and ``N = diag(‖wⱼ‖²)``, ``U = W N^{-1/2}``; then
    ``UᵀU = I ⇔ WᵀW = N`` and ``UΛUᵀ = W N⁻¹ Λ Wᵀ``, both rational identities
    checked in QQ, and ``UᵀU``, ``UΛUᵀ`` are also formed with the square roots
    and compared.

    Examples
    --------
    >>> d = orthogonal_diagonalization([[2, 1], [1, 2]])
    >>> d.eigenvalues
    (3, 1)
    >>> d.U
    Matrix([
    [sqrt(2)/2,  sqrt(2)/2],
    [sqrt(2)/2, -sqrt(2)/2]])
    """
    M = _rational_input(S, "S")
    n, cols = M.shape
    if n != cols:
        raise InputShapeError(
            "S", M, f"a symmetric matrix is square, got shape {M.shape}", "pass a square S"
        )
    if M != M.T:
        raise InputError(
            "S", M, "orthogonal diagonalization needs a symmetric S (S.T == S)", "pass (B + B.T)/2 or BᵀB"
        )
    if n == 0:
        return OrthogonalDiagonalization(M, _zeros(0, 0), _zeros(0, 0), (), _zeros(0, 0), ())
    dS = _dm(M)
    eye = DomainMatrix.eye(n, QQ)
    columns: list[list[sympy.Integer]] = []
    eigenvalues: list[sympy.Rational] = []
    for lam, multiplicity in _rational_eigenvalues(dS, M):
        kernel = (dS - eye * QQ.convert(lam)).nullspace().to_Matrix()
        if kernel.rows != multiplicity:  # pragma: no cover - impossible for symmetric S
            raise UnsupportedError("S", M, f"eigenspace of {lam} has the wrong dimension", "report this as a bug")
        basis = [[sympy.Rational(kernel[i, j]) for j in range(n)] for i in range(kernel.rows)]
        for w in _gram_schmidt(basis):
            columns.append(w)
            eigenvalues.append(lam)
    W = sympy.ImmutableMatrix(n, n, lambda i, j: columns[j][i])
    norms = tuple(sympy.Integer(sum(x * x for x in w)) for w in columns)
    Lambda = sympy.ImmutableMatrix(sympy.diag(*eigenvalues))
    U = sympy.ImmutableMatrix(n, n, lambda i, j: columns[j][i] / sympy.sqrt(norms[j]))
    # Rational checks: WᵀW = N and W N⁻¹ Λ Wᵀ = S.
    dW = _dm(W)
    dN_inv_L = _dm(sympy.diag(*[lam / nrm for lam, nrm in zip(eigenvalues, norms)]))
    rational_ok = dW.transpose().matmul(dW) == _dm(sympy.diag(*norms)) and (
        dW.matmul(dN_inv_L).matmul(dW.transpose()) == dS
    )
    # The same identities with the square roots.
    surd_ok = _matrices_equal(U.T * U, sympy.eye(n)) and _matrices_equal(U * Lambda * U.T, M)
    if not (rational_ok and surd_ok):  # pragma: no cover - a bug
        raise UnsupportedError("S", M, "exact check of UᵀU = I and UΛUᵀ = S failed", "report this as a bug")
    return OrthogonalDiagonalization(M, U, Lambda, tuple(eigenvalues), W, norms)


# ---------------------------------------------------------------------------
# A⁺ = U Λ⁺ UᵀAᵀ
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EigenPinv:
    """The pseudo-inverse by the eigen route, with the evidence of each step.

    Attributes
    ----------
    A : sympy.ImmutableMatrix, shape (m, n)
    gram : sympy.ImmutableMatrix, shape (n, n)
        ``AᵀA``.
    U, Lambda : sympy.ImmutableMatrix, shape (n, n)
        ``AᵀA = U Λ Uᵀ`` (see :class:`OrthogonalDiagonalization`).
    Lambda_dagger : sympy.ImmutableMatrix, shape (n, n)
        :func:`lambda_dagger` of ``Λ``.
    UtAt : sympy.ImmutableMatrix, shape (n, m)
        ``UᵀAᵀ``.
    zero_eigenvalue_indices : tuple of int
        The ``i`` with ``λᵢ = 0``.
    zero_rows_vanish : bool
        Row ``i`` of ``UᵀAᵀ`` is exactly zero for every such ``i``.
    epsilon : sympy.Symbol
        The positive symbol ``ε``.
    regularized : sympy.ImmutableMatrix, shape (n, m)
        ``U(Λ + εI)⁻¹UᵀAᵀ`` written as ``Σ_k B_k/(μ_k + ε)`` over the distinct
        eigenvalues ``μ_k`` (rational matrices ``B_k``).
    regularized_identity_holds : bool
        ``(AᵀA + εI)⁻¹Aᵀ = U(Λ + εI)⁻¹UᵀAᵀ`` exactly, as rational functions.
    limit : sympy.ImmutableMatrix, shape (n, m)
        ``lim_{ε→0⁺}`` of ``regularized``, entry by entry.
    pinv : sympy.ImmutableMatrix, shape (n, m)
        ``U Λ⁺ UᵀAᵀ`` (rational).
    limit_matches_pinv : bool
        ``limit == pinv`` exactly.
    """

    A: sympy.ImmutableMatrix
    gram: sympy.ImmutableMatrix
    U: sympy.ImmutableMatrix
    Lambda: sympy.ImmutableMatrix
    Lambda_dagger: sympy.ImmutableMatrix
    UtAt: sympy.ImmutableMatrix
    zero_eigenvalue_indices: tuple[int, ...]
    zero_rows_vanish: bool
    epsilon: sympy.Symbol
    regularized: sympy.ImmutableMatrix
    regularized_identity_holds: bool
    limit: sympy.ImmutableMatrix
    pinv: sympy.ImmutableMatrix
    limit_matches_pinv: bool




def _regularized_evidence(
    M: sympy.ImmutableMatrix,
    gram: sympy.ImmutableMatrix,
    diag: OrthogonalDiagonalization,
    eps: sympy.Symbol,
) -> tuple[sympy.ImmutableMatrix, bool, sympy.ImmutableMatrix]:
    """``U(Λ + εI)⁻¹UᵀAᵀ``, whether it equals ``(AᵀA + εI)⁻¹Aᵀ``, and its limit.

    With distinct eigenvalues ``μ_k`` and ``B_k = Σ_{λ_c = μ_k} w_c w_cᵀAᵀ/‖w_c‖²``
    (rational), ``U(Λ + εI)⁻¹UᵀAᵀ = Σ_k B_k/(μ_k + ε) = N(ε)/q(ε)`` with
    ``q = Π_k (μ_k + ε)``. The left side comes from a fraction-free solve,
    ``(AᵀA + εI) X(ε) = d(ε) Aᵀ``; the identity holds iff ``X q = N d`` in QQ[ε].
    """
    m, n = M.shape
    if m == 0 or n == 0:
        return _zeros(n, m), True, _zeros(n, m)
    R = QQ[eps]
    e = R.convert(eps)
    dMt = _dm(M.T)
    groups: dict[sympy.Rational, DomainMatrix] = {}
    for c, lam in enumerate(diag.eigenvalues):
        w = _dm(diag.W[:, c])
        term = w.matmul(w.transpose().matmul(dMt)) * QQ.convert(1 / diag.norms_squared[c])
        groups[lam] = groups[lam] + term if lam in groups else term
    mus = list(groups)
    q = R.one
    for mu in mus:
        q = q * (e + R.convert(mu))
    N = DomainMatrix.zeros((n, m), R)
    regularized = sympy.zeros(n, m)
    for k, mu in enumerate(mus):
        B = groups[mu]
        cofactor = R.one
        for j, other in enumerate(mus):
            if j != k:
                cofactor = cofactor * (e + R.convert(other))
        N = N + B.convert_to(R).mul(cofactor)
        regularized += B.to_Matrix() / (mu + eps)
    G_eps = DomainMatrix.from_Matrix(gram + eps * sympy.eye(n)).convert_to(R)
    X, d = G_eps.solve_den(dMt.convert_to(R))
    identity_holds = X.mul(q) == N.mul(d)
    limit = limit_at_zero_plus(N.to_Matrix() / R.to_sympy(q), eps).value
    return sympy.ImmutableMatrix(regularized), bool(identity_holds), limit


def pinv_via_eigen(A: object, *, eps: sympy.Symbol = EPSILON) -> EigenPinv:
    """Return ``A⁺ = U Λ⁺ UᵀAᵀ`` from ``AᵀA = U Λ Uᵀ``, with evidence.

    Parameters
    ----------
    A : sympy.Matrix or list of lists, shape (m, n)
        Rational entries, such that ``AᵀA`` has rational eigenvalues (e.g. any
        matrix from :func:`matrix_with_rational_gram_spectrum`). Empty shapes
        are allowed.
    eps : sympy.Symbol
        A positive symbol for the regularization parameter.

    Returns
    -------
    EigenPinv
        ``U``, ``Λ``, ``Λ⁺``, ``UᵀAᵀ``, the zero-row check, the regularized
        matrix, its limit and the pseudo-inverse.

    Raises
    ------
    UnsupportedError
        Entries that are not rational, or ``AᵀA`` with an irrational
        eigenvalue (use :func:`derivcheck.exact.pinv.pinv_exact` then).
    InputError
        *eps* is not a positive symbol.
    InputTypeError, InputShapeError, InexactInputError, NonFiniteError
        Invalid input (see :func:`derivcheck.exact.convert.as_exact_matrix`).

    Notes
    -----
    ``AᵀA + εI = U(Λ + εI)Uᵀ``, so ``(AᵀA + εI)⁻¹Aᵀ = U(Λ + εI)⁻¹UᵀAᵀ``; this
    identity is checked exactly as rational functions of ε: the left side by a
    fraction-free solve over QQ[ε], the right side from the rational form
    ``U = W N^{-1/2}`` as ``Σ_k B_k/(μ_k + ε)`` over the distinct eigenvalues
    ``μ_k``, with ``B_k = Σ_{λ_c = μ_k} w_c w_cᵀAᵀ/‖w_c‖²``.

    For ``λᵢ = 0`` row ``i`` of ``UᵀAᵀ`` is ``(A uᵢ)ᵀ`` and
    ``‖A uᵢ‖² = uᵢᵀAᵀA uᵢ = λᵢ = 0``; it is checked to be zero (in rational
    and in square-root form), which is why ``(λᵢ + ε)⁻¹ → ∞`` does no harm and
    ``Λ⁺`` may put ``0`` there. The limit is taken exactly (by
    :func:`~derivcheck.exact.limits.limit_at_zero_plus`) and compared with ``U Λ⁺ UᵀAᵀ``,
    which is computed as the rational ``W (Λ⁺ N⁻¹) WᵀAᵀ`` and checked against
    the square-root product.

    Examples
    --------
    >>> r = pinv_via_eigen([[1, 1], [1, 1]])
    >>> r.pinv
    Matrix([
    [1/4, 1/4],
    [1/4, 1/4]])
    >>> r.zero_eigenvalue_indices, r.zero_rows_vanish, r.regularized_identity_holds
    ((1,), True, True)
    """
    if not (isinstance(eps, sympy.Symbol) and eps.is_positive):
        raise InputError(
            "eps", eps, "eps must be a positive SymPy symbol", "pass sympy.Symbol('epsilon', positive=True)"
        )
    M = _rational_input(A, "A")
    m, n = M.shape
    gram = _sympy(_dm(M).transpose().matmul(_dm(M)))
    diag = orthogonal_diagonalization(gram)
    U, Lambda, W, norms = diag.U, diag.Lambda, diag.W, diag.norms_squared
    L_dagger = lambda_dagger(Lambda)
    UtAt = sympy.ImmutableMatrix(U.T * M.T) if n and m else _zeros(n, m)
    zero_indices = tuple(i for i, lam in enumerate(diag.eigenvalues) if lam == 0)
    # Row i of UᵀAᵀ is (A wᵢ)ᵀ/‖wᵢ‖: test the rational row, and the surd row too.
    WtAt = _dm(W).transpose().matmul(_dm(M).transpose()) if n else DomainMatrix.zeros((0, m), QQ)
    WtAt_rows = _sympy(WtAt)
    zero_rows_vanish = all(
        all(x == 0 for x in WtAt_rows.row(i)) and all(sympy.expand(x) == 0 for x in UtAt.row(i))
        for i in zero_indices
    )
    # A⁺ = U Λ⁺ UᵀAᵀ = W (Λ⁺ N⁻¹) WᵀAᵀ, rational.
    scale = (
        _dm(sympy.diag(*[L_dagger[i, i] / norms[i] for i in range(n)])) if n else DomainMatrix.zeros((0, 0), QQ)
    )
    pinv = _sympy(_dm(W).matmul(scale).matmul(WtAt)) if n and m else _zeros(n, m)
    if n and m and not _matrices_equal(U * L_dagger * UtAt, pinv):  # pragma: no cover - a bug
        raise UnsupportedError(
            "A", M, "U Λ⁺ UᵀAᵀ with square roots disagrees with its rational form", "report this as a bug"
        )
    # (AᵀA + εI)⁻¹Aᵀ against U(Λ + εI)⁻¹UᵀAᵀ, fraction-free over QQ[ε].
    regularized, identity_holds, limit = _regularized_evidence(M, gram, diag, eps)
    return EigenPinv(
        A=M, gram=gram, U=U, Lambda=Lambda, Lambda_dagger=L_dagger, UtAt=UtAt,
        zero_eigenvalue_indices=zero_indices, zero_rows_vanish=zero_rows_vanish, epsilon=eps,
        regularized=regularized, regularized_identity_holds=identity_holds, limit=limit,
        pinv=pinv, limit_matches_pinv=(limit == pinv),
    )


# ---------------------------------------------------------------------------
# Test matrices for the eigen route
# ---------------------------------------------------------------------------


def matrix_with_rational_gram_spectrum(
    m: int,
    n: int,
    *,
    rank: int | None = None,
    seed: int = 0,
    max_singular_value: int = 6,
) -> KnownSVD:
    """Return a rational ``A = P Σ Qᵀ`` whose ``AᵀA`` has rational eigenvalues.

    Parameters
    ----------
    m, n : int
        The shape.
    rank : int or None
        Number of nonzero singular values; ``None`` means ``min(m, n)``.
    seed : int
        Seed of the private ``random.Random`` (singular values and the
        Cayley orthogonal factors).
    max_singular_value : int
        The nonzero singular values are integers in ``[1, max_singular_value]``
        (repeats happen, giving repeated eigenvalues).

    Returns
    -------
    KnownSVD
        ``A``, its factors and its exact pseudo-inverse. The eigenvalues of
        ``AᵀA = Q ΣᵀΣ Qᵀ`` are the squares of the singular values, padded
        with zeros to ``n``.

    Raises
    ------
    InputTypeError, InputShapeError, DimensionError
        Bad sizes, rank, seed or *max_singular_value* type (as
        :func:`~derivcheck.exact.generators.random_rational_matrix`).
    InputError
        ``max_singular_value < 1``.

    Examples
    --------
    >>> svd = matrix_with_rational_gram_spectrum(4, 3, rank=2, seed=5)
    >>> pinv_via_eigen(svd.A).pinv == svd.pinv
    True
    """
    m = _check_size(m, "m")
    n = _check_size(n, "n")
    r = _check_rank(rank, m, n)
    seed = _check_seed(seed)
    max_singular_value = _check_int(
        max_singular_value, "max_singular_value", "pass an int such as max_singular_value=6"
    )
    if max_singular_value < 1:
        raise InputError(
            "max_singular_value", max_singular_value, "must be an integer >= 1",
            "pass max_singular_value=6 (the default)",
        )
    rng = random.Random(seed)
    values = [rng.randint(1, max_singular_value) for _ in range(r)]
    return matrix_with_singular_values(m, n, values, seed=rng.getrandbits(63))
