"""The exact ε → 0⁺ limits: of any rational function (matrix), and of the ridge inverses.

:func:`limit_at_zero_plus` is the one primitive: the limit as ε → 0⁺ of a
rational function of ε (or of a matrix of them), read off the lowest-order
coefficients of numerator and denominator, returned as an :class:`EpsLimit`
(a value, or :data:`DIVERGES` with the order of the pole).

Articles write ``A⁺ = lim_{ε→0⁺} (AᵀA + εI)⁻¹Aᵀ = lim_{ε→0⁺} Aᵀ(AAᵀ + εI)⁻¹``.
When ``A`` is rank-deficient the inverse inside diverges like ``1/ε``, and
the limit exists only because the divergent part is annihilated by ``Aᵀ``.
:func:`regularized_limit` computes the limit exactly from the exact Laurent
expansion of the inverse and returns the evidence: the pole, its
coefficient, the proof that it cancels, and the ``O(ε)`` term.

Nothing here takes a limit entry by entry: the expansion is built from exact
rational matrices and verified by exact Laurent-polynomial arithmetic.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Literal

import sympy
from sympy.polys.matrices import DomainMatrix

from ..errors import DerivCheckError, InputError, InputTypeError, UnsupportedError
from ._backend import ExactInput, FieldMatrixOps, exact_input, ops_for, resolve_backend

__all__ = [
    "DIVERGES", "EpsLimit", "limit_at_zero_plus",
    "regularized_limit", "RegularizedLimit", "SIDES", "limit_cache_clear",
]

#: The accepted values of ``side``.
SIDES = ("left", "right")

Side = Literal["left", "right"]


class _Diverges:
    """Sentinel: the limit does not exist (some entry has a pole at ε = 0)."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "DIVERGES"

    def __reduce__(self):
        return "DIVERGES"


#: The value of a limit that does not exist; pass it as a claimed limit to claim divergence.
DIVERGES = _Diverges()


@dataclass(frozen=True)
class EpsLimit:
    """The limit as ε → 0⁺ of a rational function of ε, or of a matrix of them.

    Attributes
    ----------
    value : sympy.Expr, sympy.ImmutableMatrix or DIVERGES
        The exact limit (a matrix for a matrix input), or :data:`DIVERGES`.
    order : int
        The order of the pole at ε = 0 (the largest over the entries): 0 when
        the limit exists.
    """

    value: Any
    order: int

    @property
    def diverges(self) -> bool:
        """True when some entry has a pole at ε = 0, so the limit does not exist."""
        return self.order > 0


def _lowest_term(poly: sympy.Poly) -> tuple[int, sympy.Expr]:
    """``(degree, coefficient)`` of the lowest-degree nonzero term of *poly*."""
    (degree,), coeff = min(poly.terms(), key=lambda term: term[0][0])
    return degree, coeff


def _entry_limit(x: Any, eps: sympy.Symbol, name: str) -> tuple[sympy.Expr | None, int]:
    """``(limit or None, pole order)`` of one rational function of *eps*."""
    if isinstance(x, bool) or not isinstance(x, (int, sympy.Basic)):
        raise InputTypeError(
            name, x, f"a {type(x).__name__} is not a SymPy expression",
            "pass a SymPy expression in eps (text is never parsed)",
        )
    expr = sympy.cancel(sympy.together(sympy.Integer(x) if isinstance(x, int) else x))
    if expr.free_symbols - {eps}:
        raise UnsupportedError(
            name, expr, f"only rational functions of {eps} with number coefficients are supported",
            "substitute numbers for the other symbols first",
        )
    num, den = sympy.fraction(expr)
    try:
        p, q = sympy.Poly(num, eps), sympy.Poly(den, eps)
    except sympy.PolynomialError as exc:
        raise UnsupportedError(
            name, expr, f"not a rational function of {eps}", "pass a rational function of eps"
        ) from exc
    if p.is_zero:
        return sympy.Integer(0), 0
    a, ca = _lowest_term(p)
    b, cb = _lowest_term(q)
    if a > b:
        return sympy.Integer(0), 0
    if a == b:
        return sympy.cancel(ca / cb), 0
    return None, b - a


def _lowest_coefficient(p: Any) -> tuple[int, Any]:
    """``(degree, coefficient)`` of the lowest-degree term of a nonzero univariate ``PolyElement``."""
    (degree,), coeff = min(p.terms(), key=lambda term: term[0][0])
    return degree, coeff


def _domain_entry_limits(f: sympy.MatrixBase, eps: sympy.Symbol) -> tuple[list, int] | None:
    """``(limits, pole order)`` of the entries of *f*, read off their polynomial form, or None.

    The entries are taken as elements of ``ZZ``, ``QQ``, ``ZZ[eps]``, ``QQ[eps]``, ``ZZ(eps)`` or
    ``QQ(eps)`` (SymPy's ``DomainMatrix`` finds the smallest); in a fraction field numerator and
    denominator are already coprime. The limit of ``p/q`` depends only on the orders of ``p`` and
    ``q`` at 0 and their lowest coefficients, so this gives what :func:`_entry_limit` gives
    entry by entry, without cancelling each entry as an expression. None for any other domain
    (other symbols, algebraic or floating-point coefficients): the caller then goes entry by entry.
    """
    try:
        dm = DomainMatrix.from_Matrix(f)
    except Exception:  # noqa: BLE001 - anything SymPy cannot put in a domain goes entry by entry
        return None
    return _limits_of_domain_matrix(dm, eps)


def _limits_of_domain_matrix(dm: DomainMatrix, eps: sympy.Symbol) -> tuple[list, int] | None:
    """:func:`_domain_entry_limits` of a matrix already in its domain."""
    K = dm.domain
    if K.is_ZZ or K.is_QQ:
        return [K.to_sympy(x) for x in dm.to_list_flat()], 0
    if not (K.is_PolynomialRing or K.is_FractionField) or tuple(K.symbols) != (eps,) \
            or not (K.domain.is_ZZ or K.domain.is_QQ):
        return None
    ground = K.domain
    values: list = []
    order = 0
    for x in dm.to_list_flat():
        num, den = (x.numer, x.denom) if K.is_FractionField else (x, None)
        if not num:
            values.append(sympy.Integer(0))
            continue
        a, ca = _lowest_coefficient(num)
        b, cb = _lowest_coefficient(den) if den is not None else (0, ground.one)
        if a > b:
            values.append(sympy.Integer(0))
        elif a == b:
            values.append(ground.to_sympy(ca) / ground.to_sympy(cb))
        else:
            values.append(None)
            order = max(order, b - a)
    return values, order


def limit_at_zero_plus(f: Any, eps: sympy.Symbol) -> EpsLimit:
    """Return the exact limit of a rational function (matrix) of *eps* as eps → 0⁺.

    Parameters
    ----------
    f : sympy.Expr, sympy.MatrixBase or DomainMatrix
        A rational function of *eps* with number coefficients, or a matrix
        of them (never text); a ``DomainMatrix`` over ``ZZ``, ``QQ``,
        ``QQ[eps]`` or ``QQ(eps)`` is read in its domain, without conversion.
    eps : sympy.Symbol
        The variable tending to 0 from above.

    Returns
    -------
    EpsLimit
        The value (a matrix for a matrix *f*), or :data:`DIVERGES` with the
        order of the pole.

    Raises
    ------
    InputTypeError
        *eps* is not a scalar symbol, or an entry is not a SymPy expression.
    UnsupportedError
        An entry is not a rational function of *eps* with number
        coefficients.

    Notes
    -----
    After cancelling, an entry is ``p(ε)/q(ε)`` with ``p = εᵃ p̃``,
    ``q = εᵇ q̃`` and ``p̃(0), q̃(0) ≠ 0``. Its limit is ``0`` if ``a > b``,
    ``p̃(0)/q̃(0)`` if ``a = b``; if ``a < b`` it has a pole of order
    ``b − a`` and the limit does not exist. No ``sympy.limit`` is called.

    Examples
    --------
    >>> e = sympy.Symbol("epsilon", positive=True)
    >>> limit_at_zero_plus((3 + e) / (9 + e), e).value
    1/3
    >>> limit_at_zero_plus((1 + e) / e**2, e).order
    2
    >>> A = sympy.Matrix([[1, 2], [2, 4]])
    >>> lim = limit_at_zero_plus((A.T * A + e * sympy.eye(2)).inv() * A.T, e)
    >>> lim.value == regularized_limit(A).value, lim.diverges
    (True, False)
    >>> K = sympy.QQ.frac_field(e)
    >>> limit_at_zero_plus(DomainMatrix([[K.convert(e) / (1 + K.convert(e))]], (1, 1), K), e).value
    Matrix([[0]])
    """
    if isinstance(eps, sympy.MatrixSymbol) or not isinstance(eps, sympy.Symbol):
        raise InputTypeError(
            "eps", eps, "the limit variable must be a scalar sympy.Symbol",
            "pass sympy.Symbol('epsilon', positive=True)",
        )
    if isinstance(f, DomainMatrix):
        rows, cols = f.shape
        fast = _limits_of_domain_matrix(f, eps) if rows and cols else ([], 0)
        if fast is None:
            raise UnsupportedError(
                "f.domain", f.domain, f"only matrices over QQ, QQ[{eps}] or QQ({eps}) are supported",
                "convert the matrix to one of these domains, or pass a SymPy matrix",
            )
        values, order = fast
        return EpsLimit(DIVERGES, order) if order else EpsLimit(sympy.ImmutableMatrix(rows, cols, values), 0)
    if isinstance(f, sympy.MatrixBase):
        rows, cols = f.shape
        fast = _domain_entry_limits(f, eps) if rows and cols else None
        if fast is not None:
            values, order = fast
            return EpsLimit(DIVERGES, order) if order else \
                EpsLimit(sympy.ImmutableMatrix(rows, cols, values), 0)
        entries = [_entry_limit(f[i, j], eps, f"f[{i},{j}]") for i in range(rows) for j in range(cols)]
        order = max((o for _, o in entries), default=0)
        if order:
            return EpsLimit(DIVERGES, order)
        return EpsLimit(sympy.ImmutableMatrix(rows, cols, [v for v, _ in entries]), 0)
    value, order = _entry_limit(f, eps, "f")
    return EpsLimit(DIVERGES if order else value, order)


@dataclass(frozen=True)
class RegularizedLimit(EpsLimit):
    """The exact limit of a regularised inverse, with its divergence certificate.

    For ``side="left"`` the regularised inverse is ``(G + εI)⁻¹Aᵀ`` with
    ``G = AᵀA`` (``n x n``); for ``side="right"`` it is ``Aᵀ(G + εI)⁻¹`` with
    ``G = AAᵀ`` (``m x m``). Write ``P₀`` for the orthogonal projector onto
    ``null G`` and ``G⁺`` for the pseudo-inverse of ``G``.

    An :class:`EpsLimit` whose ``order`` is 0: the regularised inverse has
    no pole (``divergence_cancels``), although the inverse inside may.

    Attributes
    ----------
    value : sympy.ImmutableMatrix, shape (n, m)
        The exact limit as ε → 0⁺ (it equals ``A⁺``).
    order : int
        0: the limit exists.
    side : {"left", "right"}
        Which regularised inverse.
    gram : str
        ``"AᵀA"`` or ``"AAᵀ"``: the matrix ``G``.
    rank : int
        ``rank A``.
    pole_order : int
        Order of the pole of ``(G + εI)⁻¹`` at ε = 0: 1 when ``G`` is
        singular, 0 otherwise.
    pole_coefficient : sympy.ImmutableMatrix
        The coefficient of ``1/ε`` in ``(G + εI)⁻¹``: the projector ``P₀``
        (zero when ``pole_order`` is 0).
    divergent_part : sympy.ImmutableMatrix, shape (n, m)
        The coefficient of ``1/ε`` in the regularised inverse: ``P₀Aᵀ``
        (left) or ``AᵀP₀`` (right). It is exactly zero; see
        ``divergence_cancels``.
    divergence_cancels : bool
        True when ``divergent_part`` is exactly the zero matrix.
    constant_coefficient : sympy.ImmutableMatrix
        The ε⁰ coefficient of ``(G + εI)⁻¹``: ``G⁺``.
    first_order : sympy.ImmutableMatrix, shape (n, m)
        The coefficient of ε in the regularised inverse: ``-(G⁺)²Aᵀ``
        (left) or ``-Aᵀ(G⁺)²`` (right); both equal ``-A⁺(A⁺)ᵀA⁺``.
    checks : tuple of (str, bool)
        The exact identities that prove the expansion (see Notes of
        :func:`regularized_limit`), each with its outcome.

    Notes
    -----
    The error of the regularised inverse is known exactly:
    ``(G + εI)⁻¹Aᵀ = value + ε·first_order + O(ε²)``, and in closed form
    ``(G + εI)⁻¹Aᵀ − A⁺ = −ε (G + εI)⁻¹ G⁺ Aᵀ`` (left side; the right side
    is the transpose statement for ``Aᵀ``).
    """

    side: str
    gram: str
    rank: int
    pole_order: int
    pole_coefficient: sympy.ImmutableMatrix
    divergent_part: sympy.ImmutableMatrix
    divergence_cancels: bool
    constant_coefficient: sympy.ImmutableMatrix
    first_order: sympy.ImmutableMatrix
    checks: tuple[tuple[str, bool], ...]

    @property
    def verified(self) -> bool:
        """True when every identity in :attr:`checks` holds exactly."""
        return all(ok for _, ok in self.checks)

    def truncated(self, eps: Any) -> sympy.ImmutableMatrix:
        """``value + eps·first_order``: the regularised inverse to first order.

        Parameters
        ----------
        eps : number or sympy.Expr
            The regularisation parameter (a symbol gives the polynomial).

        Returns
        -------
        sympy.ImmutableMatrix, shape (n, m)
        """
        return sympy.ImmutableMatrix(self.value + eps * self.first_order)


def _check_side(side: object) -> str:
    if not isinstance(side, str) or side not in SIDES:
        raise InputError(
            "side", side, f"the side must be one of {', '.join(map(repr, SIDES))}",
            "pass side='left' for lim (AᵀA+εI)⁻¹Aᵀ or side='right' for lim Aᵀ(AAᵀ+εI)⁻¹",
        )
    return side


def _left_expansion(ops: FieldMatrixOps, B: Any) -> dict[str, Any]:
    """Laurent coefficients of ``(BᵀB + εI)⁻¹`` and of ``(BᵀB + εI)⁻¹Bᵀ``.

    Returns the engine-native matrices ``P0`` (ε⁻¹), ``Gp`` (ε⁰), the limit
    ``L0 = Gp Bᵀ``, the divergent part ``D = P0 Bᵀ``, the first-order term
    ``L1 = -Gp² Bᵀ``, the rank, and the exact identity checks.
    """
    n = ops.shape(B)[1]
    Bt = ops.transpose(B)
    G = ops.matmul(Bt, B)
    I = ops.eye(n)
    pivots = ops.pivots(B)  # independent columns of B, hence of G = BᵀB
    r = len(pivots)
    if r == n:  # G nonsingular: no pole
        Gp = ops.solve(G, I)
    elif r == 0:
        Gp = ops.zeros(n, n)
    else:
        # Skeleton formula for the symmetric G: with C = G[:, J] (J independent
        # columns), G⁺ = C (Cᵀ G C)⁻¹ Cᵀ -- one r x r solve.
        C = ops.submatrix(G, range(n), pivots)
        Ct = ops.transpose(C)
        Gp = ops.matmul(C, ops.solve(ops.matmul(ops.matmul(Ct, G), C), Ct))
    GGp = ops.matmul(G, Gp)
    P0 = ops.sub(I, GGp)
    L0 = ops.matmul(Gp, Bt)
    D = ops.matmul(P0, Bt)
    L1 = ops.neg(ops.matmul(Gp, L0))
    # (G + εI)(P0/ε + G⁺ − ε(G⁺)²) = G·P0/ε + (P0 + G·G⁺) + ε(I − G·G⁺)G⁺ − ε²(G⁺)²,
    # and (I − G·G⁺)G⁺ = P0·G⁺.
    checks = (
        ("G·P0 = 0 (no ε⁻¹ term in (G+εI)·S)", ops.is_zero(ops.matmul(G, P0))),
        ("P0 + G·G⁺ = I (the ε⁰ term of (G+εI)·S is I)", ops.equal(ops.add(P0, GGp), I)),
        ("P0·G⁺ = 0 (no ε¹ term in (G+εI)·S; the ε² remainder has no pole)",
         ops.is_zero(ops.matmul(P0, Gp))),
        ("P0ᵀ = P0", ops.equal(ops.transpose(P0), P0)),
        ("P0² = P0", ops.equal(ops.matmul(P0, P0), P0)),
    )
    return {
        "P0": P0, "Gp": Gp, "L0": L0, "D": D, "L1": L1,
        "rank": r, "checks": checks,
    }


@functools.lru_cache(maxsize=64)
def _limit_cached(X: ExactInput, side: str, backend: str) -> RegularizedLimit:
    ops = ops_for(backend, X.domain)
    A = ops.from_input(X)
    if side == "left":
        parts = _left_expansion(ops, A)
        value, divergent, first = parts["L0"], parts["D"], parts["L1"]
        cancel_name, gram = "P0·Aᵀ = 0 (the 1/ε part cancels)", "AᵀA"
    else:
        # Aᵀ(AAᵀ + εI)⁻¹ is the transpose of (BᵀB + εI)⁻¹Bᵀ with B = Aᵀ.
        parts = _left_expansion(ops, ops.transpose(A))
        value, divergent, first = (ops.transpose(parts[k]) for k in ("L0", "D", "L1"))
        cancel_name, gram = "Aᵀ·P0 = 0 (the 1/ε part cancels)", "AAᵀ"
    P0 = parts["P0"]
    cancels = ops.is_zero(divergent)
    checks = parts["checks"] + ((cancel_name, cancels),)
    result = RegularizedLimit(
        side=side,
        gram=gram,
        rank=parts["rank"],
        value=ops.to_immutable(value),
        order=0,
        pole_order=0 if ops.is_zero(P0) else 1,
        pole_coefficient=ops.to_immutable(P0),
        divergent_part=ops.to_immutable(divergent),
        divergence_cancels=cancels,
        constant_coefficient=ops.to_immutable(parts["Gp"]),
        first_order=ops.to_immutable(first),
        checks=checks,
    )
    if not result.verified:  # pragma: no cover - would be a defect of the engine
        failed = [name for name, ok in checks if not ok]
        raise DerivCheckError(
            "regularized_limit", X.matrix(),
            f"the exact Laurent expansion failed its own verification ({'; '.join(failed)})",
            "report this matrix as a defect; meanwhile try the other backend",
        )
    return result


def regularized_limit(
    A: Any,
    side: Side = "left",
    *,
    floats: Literal["refuse", "exact"] = "refuse",
    backend: Literal["auto", "flint", "sympy"] = "auto",
) -> RegularizedLimit:
    """Return the exact limit of ``(AᵀA+εI)⁻¹Aᵀ`` or ``Aᵀ(AAᵀ+εI)⁻¹`` as ε → 0⁺.

    Parameters
    ----------
    A : sympy.Matrix, list of lists or 2-d numpy.ndarray, shape (m, n)
        Exact entries (rationals, or real algebraic numbers), any shape and
        rank.
    side : {"left", "right"}
        ``"left"``: ``(AᵀA + εI)⁻¹Aᵀ``; ``"right"``: ``Aᵀ(AAᵀ + εI)⁻¹``.
    floats : {"refuse", "exact"}
        Refuse binary floats (default) or convert each exactly.
    backend : {"auto", "flint", "sympy"}
        The exact arithmetic engine; results do not depend on it.

    Returns
    -------
    RegularizedLimit
        ``.value`` is the limit (``A⁺``), with the pole order and
        coefficient, the proof that the divergent part cancels, the ``O(ε)``
        coefficient and the identities that verify the expansion. The result
        is cached by the exact value of ``A``.

    Raises
    ------
    InputError
        *side* or *backend* is not one of the allowed values.
    InputTypeError
        Free symbols (use
        :func:`derivcheck.exact.symbolic.regularized_limit_symbolic`),
        strings, complex numbers, non-matrices.
    InputShapeError, InexactInputError, NonFiniteError, UnsupportedError
        As for :func:`derivcheck.exact.pinv.pinv_exact`.

    Notes
    -----
    Let ``G = AᵀA`` (symmetric positive semi-definite), ``P₀`` the
    orthogonal projector onto ``null G = null A`` and ``G⁺`` its
    pseudo-inverse. They are computed exactly from a null-space basis ``N``
    of ``A``: ``P₀ = N(NᵀN)⁻¹Nᵀ`` and ``G⁺ = (G + P₀)⁻¹ − P₀``. For small ε,

    .. math:: (G + εI)^{-1} = \\frac{P_0}{ε} + \\sum_{k \\ge 0} (-ε)^k (G^+)^{k+1}.

    The truncation ``S(ε) = P₀/ε + G⁺ − ε(G⁺)²`` is verified by exact
    Laurent-polynomial arithmetic:
    ``(G + εI)S(ε) = GP₀/ε + (P₀ + GG⁺) + ε(G⁺ − G(G⁺)²) − ε²(G⁺)²``, and the
    checks ``GP₀ = 0``, ``P₀ + GG⁺ = I``, ``G(G⁺)² = G⁺`` reduce it to
    ``I − ε²(G⁺)²``; with ``P₀(G⁺)² = 0`` (and ``P₀`` an orthogonal
    projector) the remainder ``ε²(G + εI)⁻¹(G⁺)²`` is ``O(ε²)``. So
    ``(G + εI)⁻¹ = S(ε) + O(ε²)`` exactly, and

    .. math:: (G + εI)^{-1}A^T = \\frac{P_0 A^T}{ε} + G^+A^T - ε (G^+)^2 A^T + O(ε^2).

    The check ``P₀Aᵀ = 0`` proves that the divergent part cancels, so the
    limit is ``G⁺Aᵀ = A⁺``. The right side is the same statement for
    ``Aᵀ``, transposed. Both sides are in fact equal for every ε > 0
    (``(AᵀA+εI)⁻¹Aᵀ = Aᵀ(AAᵀ+εI)⁻¹``); only the pole of the inverse inside
    differs (``P₀`` projects onto ``null A`` on the left, ``null Aᵀ`` on the
    right).

    Examples
    --------
    >>> lim = regularized_limit([[1, 2], [2, 4]])
    >>> lim.value
    Matrix([
    [1/25, 2/25],
    [2/25, 4/25]])
    >>> lim.pole_order, lim.divergence_cancels
    (1, True)
    >>> lim.pole_coefficient
    Matrix([
    [ 4/5, -2/5],
    [-2/5,  1/5]])
    """
    side = _check_side(side)
    X = exact_input(A, name="A", floats=floats, symbolic_alternative="regularized_limit_symbolic")
    resolved = resolve_backend(backend, rational=(X.domain == sympy.QQ))
    return _limit_cached(X, side, resolved)


def limit_cache_clear() -> None:
    """Empty the memo behind :func:`regularized_limit`."""
    _limit_cached.cache_clear()
