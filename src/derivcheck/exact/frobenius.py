"""Frobenius norm and inner product, with exact proofs at concrete shapes.

Two helpers build the trace forms used by matrix calculus on ``MatrixExpr``
objects (symbolic or concrete dimensions):

* :func:`frobenius_norm_squared` ``X -> Tr(XᵀX)``;
* :func:`frobenius_inner` ``(P, Q) -> Tr(PᵀQ)``.

The ``prove_*`` functions prove the textbook facts about them with fully
symbolic entries at a concrete shape: every matrix is an explicit matrix of
independent real symbols, both sides are expanded, and the residual
``lhs - rhs`` must simplify to exactly zero (``expand``, then ``cancel`` for
rational functions). A proof at a shape is a proof for *all* real matrices of
that shape. Each returns an immutable :class:`IdentityProof`.
"""

from __future__ import annotations

import functools
import numbers
from dataclasses import dataclass
from typing import Any

import sympy
import sympy.polys.orderings
import sympy.polys.polyerrors
import sympy.polys.rings
from sympy.matrices.expressions.matexpr import MatrixExpr
from sympy.polys.matrices import DomainMatrix

from ..text import sstr
from ..errors import InputShapeError, InputTypeError
from ..validation import validate_size
from .convert import as_exact_matrix

__all__ = [
    "IdentityProof",
    "symbolic_matrix",
    "vec",
    "frobenius_norm_squared",
    "frobenius_inner",
    "polynomial_of",
    "prove_norm_vec",
    "prove_inner_trace",
    "prove_orthogonal_invariance",
    "prove_trace_chain",
    "cayley_orthogonal",
    "MAX_PROOF_DIM",
]

#: Largest dimension accepted by the ``prove_*`` functions (cost grows fast).
MAX_PROOF_DIM = 8


@dataclass(frozen=True)
class IdentityProof:
    """An identity proved for all real entries at concrete shapes.

    Parameters
    ----------
    identity : str
        The statement proved, in plain text.
    shapes : tuple of (str, (int, int))
        The shape of every matrix involved, by name.
    method : str
        How it was proved (which rewriting, which substitution rule).
    residuals : tuple of (str, sympy.Basic)
        For each equality (by label), the residual ``lhs - rhs`` as built,
        before simplification (a scalar or an explicit matrix).
    simplified : tuple of (str, sympy.Basic)
        The same residuals after exact simplification; all zero when
        *holds*.
    assumptions : tuple of str
        Hypotheses used (empty when the identity holds unconditionally).
    holds : bool
        True when every simplified residual is exactly zero.
    """

    identity: str
    shapes: tuple[tuple[str, tuple[int, int]], ...]
    method: str
    residuals: tuple[tuple[str, sympy.Basic], ...]
    simplified: tuple[tuple[str, sympy.Basic], ...]
    assumptions: tuple[str, ...] = ()
    holds: bool = False

    def __str__(self) -> str:
        status = "proved" if self.holds else "NOT proved"
        shapes = ", ".join(f"{k}: {a}x{b}" for k, (a, b) in self.shapes)
        lines = [f"{status}: {self.identity} at {shapes}", f"  method: {self.method}"]
        lines += [f"  assuming: {a}" for a in self.assumptions]
        lines += [f"  residual [{k}] -> {sstr(v)}" for k, v in self.simplified]
        return "\n".join(lines)


# ---------------------------------------------------------------------------
# guards and small builders
# ---------------------------------------------------------------------------


def _check_dim(value: Any, name: str, *, limit: int = MAX_PROOF_DIM) -> int:
    """Return *value* as a positive int no larger than *limit*, or raise."""
    return validate_size(value, name, minimum=1, maximum=limit,
                         why="fully symbolic proofs are limited to small dimensions")


def _check_shape(shape: Any, name: str) -> tuple[int, int]:
    """Return *shape* as ``(rows, cols)`` of checked ints, or raise."""
    if isinstance(shape, (str, bytes)) or not isinstance(shape, (tuple, list)):
        raise InputTypeError(
            name, shape, "a shape must be a pair of integers", "pass a tuple such as (2, 3)"
        )
    if len(shape) != 2:
        raise InputShapeError(
            name, shape, f"a shape has 2 entries, got {len(shape)}", "pass (rows, cols)"
        )
    return _check_dim(shape[0], f"{name}[0]"), _check_dim(shape[1], f"{name}[1]")


def symbolic_matrix(name: str, rows: int, cols: int) -> sympy.ImmutableMatrix:
    """Return a ``rows x cols`` matrix of independent real symbols ``name_i_j``.

    Parameters
    ----------
    name : str
        Stem of the entry names; entry ``(i, j)`` (0-based) is ``name_i_j``.
    rows, cols : int
        The shape.

    Returns
    -------
    sympy.ImmutableMatrix
        Shape ``(rows, cols)``; entries are ``sympy.Symbol(..., real=True)``.

    Raises
    ------
    InputTypeError
        *name* not a string or dimensions not integers.

    Examples
    --------
    >>> symbolic_matrix("M", 1, 2)
    Matrix([[M_0_0, M_0_1]])
    """
    if not isinstance(name, str) or not name:
        raise InputTypeError("name", name, "an entry stem must be a non-empty str", "pass e.g. 'A'")
    for label, d in (("rows", rows), ("cols", cols)):
        if isinstance(d, bool) or not isinstance(d, numbers.Integral) or d < 0:
            raise InputTypeError(label, d, "a dimension must be a non-negative int", "pass an int")
    return sympy.ImmutableMatrix(
        int(rows), int(cols), lambda i, j: sympy.Symbol(f"{name}_{i}_{j}", real=True)
    )


def vec(M: sympy.MatrixBase) -> sympy.ImmutableMatrix:
    """Stack the columns of an explicit matrix into one column (``vec``).

    Parameters
    ----------
    M : sympy.Matrix, shape (m, n)

    Returns
    -------
    sympy.ImmutableMatrix, shape (m*n, 1)
        ``vec(M)[i + j*m] = M[i, j]`` (column-major, the convention that
        makes ``vec(AXB) = (Bᵀ ⊗ A) vec(X)``).

    Examples
    --------
    >>> import sympy
    >>> vec(sympy.Matrix([[1, 2], [3, 4]])).T
    Matrix([[1, 3, 2, 4]])
    """
    if not isinstance(M, sympy.MatrixBase):
        raise InputTypeError("M", M, "vec needs an explicit matrix", "pass a sympy.Matrix")
    rows, cols = M.shape
    return sympy.ImmutableMatrix([M[i, j] for j in range(cols) for i in range(rows)])


def _has_denominator(expr: sympy.Basic) -> bool:
    return any(p.exp.is_negative for p in expr.atoms(sympy.Pow))


def polynomial_of(expr: sympy.Expr, gens: tuple[sympy.Symbol, ...] | None = None):
    """Return *expr* as an element of ``QQ[gens]``, or None if it is not a polynomial.

    Ring arithmetic on sparse dictionaries expands products far faster than
    ``sympy.expand``; the element's ``as_expr()`` is the expanded form.
    *gens* defaults to the free symbols of *expr*, sorted by name.
    """
    if gens is None:
        gens = tuple(sorted(expr.free_symbols, key=lambda s: s.name))
    if not gens or any(not isinstance(g, sympy.Symbol) for g in gens):
        return None
    R = sympy.polys.rings.PolyRing(gens, sympy.QQ, sympy.polys.orderings.lex)
    try:
        return R.from_expr(expr)
    except (ValueError, TypeError, sympy.polys.polyerrors.CoercionFailed):
        return None


def _expand_polynomial(expr: sympy.Expr) -> sympy.Expr:
    """Expanded form of a polynomial, through ring arithmetic when possible."""
    p = polynomial_of(expr)
    return sympy.expand(expr) if p is None else p.as_expr()


def _cleared_numerator(expr: sympy.Expr):
    """Return ``(Q, D)`` with ``expr = Q / D``, ``Q`` a ring polynomial, or None.

    Each distinct denominator base ``b`` (a polynomial) is replaced by a new
    generator ``u_b = 1/b``; the result ``P(x, u)`` is a polynomial, and
    ``Q = b^k · P(x, 1/b)`` (``k`` the degree of ``P`` in ``u_b``) is computed
    with ring arithmetic, one base at a time. As every ``b`` is a nonzero
    polynomial, ``expr`` is identically zero exactly when ``Q`` is.
    """
    pows = [p for p in expr.atoms(sympy.Pow) if p.exp.is_negative]
    if not pows or any(not p.exp.is_Integer for p in pows):
        return None
    bases = sorted({p.base for p in pows}, key=sympy.default_sort_key)
    if any(_has_denominator(b) for b in bases):
        return None
    us = [sympy.Dummy(f"u{k}") for k in range(len(bases))]
    by_base = dict(zip(bases, us))
    poly_expr = expr.xreplace({p: by_base[p.base] ** (-p.exp) for p in pows})
    if _has_denominator(poly_expr):
        return None
    xs = tuple(sorted(expr.free_symbols, key=lambda s: s.name))
    P = polynomial_of(poly_expr, xs + tuple(us))
    if P is None:
        return None
    R = P.ring
    denominator = sympy.S.One
    for k, (b, u) in enumerate(zip(bases, us)):
        idx = len(xs) + k
        deg = P.degree(R.gens[idx])
        if deg <= 0:
            continue
        bpoly = R.from_expr(b)
        powers = [R.one]
        for _ in range(deg):
            powers.append(powers[-1] * bpoly)
        out = R.zero
        for monom, coeff in P.terms():
            j = monom[idx]
            stripped = monom[:idx] + (0,) + monom[idx + 1:]
            out += R({stripped: coeff}) * powers[deg - j]
        P = out
        denominator *= b**deg
    return P, denominator


def _simplify_exact(expr: sympy.Basic) -> sympy.Basic:
    """Exact simplification that decides zero.

    A polynomial is expanded (its canonical form). A rational function is
    brought over one denominator (``together``, a product of nonzero
    polynomials) and its numerator expanded: the function is zero exactly
    when that numerator is; a nonzero result is returned as
    ``numerator / denominator`` (not reduced).
    """
    if isinstance(expr, sympy.MatrixBase):
        return sympy.ImmutableMatrix(expr.shape[0], expr.shape[1],
                                     [_simplify_exact(e) for e in expr])
    if not isinstance(expr, sympy.Expr):
        return expr
    if not _has_denominator(expr):
        return _expand_polynomial(expr)
    cleared = _cleared_numerator(expr)
    if cleared is not None:
        Q, den = cleared
        return sympy.S.Zero if Q == 0 else Q.as_expr() / den
    num, den = sympy.fraction(sympy.together(expr))
    num = _expand_polynomial(num)
    if num == 0:
        return sympy.S.Zero
    return num / den


def _as_matrix_operand(X: Any, name: str) -> Any:
    """Accept a MatrixExpr as is, convert an explicit matrix, refuse the rest."""
    if isinstance(X, (str, bytes)):
        raise InputTypeError(
            name, X, "text is never parsed as a matrix",
            "pass a sympy.MatrixSymbol, a matrix expression or a sympy.Matrix",
        )
    if isinstance(X, sympy.MatrixBase):
        return as_exact_matrix(X, name=name, allow_symbols=True)
    if isinstance(X, MatrixExpr):
        return X
    raise InputTypeError(
        name, X, f"a {type(X).__name__} is not a matrix",
        "pass a sympy.MatrixSymbol, a matrix expression or a sympy.Matrix",
    )


# ---------------------------------------------------------------------------
# helpers on MatrixExpr
# ---------------------------------------------------------------------------


def frobenius_norm_squared(X: Any) -> sympy.Expr:
    """Return ``‖X‖_F² = Tr(XᵀX)`` as an unevaluated trace.

    Parameters
    ----------
    X : sympy.MatrixExpr or sympy.Matrix, shape (m, n)
        Symbolic or concrete dimensions.

    Returns
    -------
    sympy.Trace
        ``Trace(X.T * X)``; call ``.doit()`` on an explicit argument to get
        ``Σ_ij X_ij²``.

    Raises
    ------
    InputTypeError
        *X* is not a matrix (strings are never parsed).

    Notes
    -----
    ``(XᵀX)_jj = Σ_i X_ij²``, so ``Tr(XᵀX) = Σ_ij X_ij²`` (see
    :func:`prove_norm_vec`).

    Examples
    --------
    >>> import sympy
    >>> n, m = sympy.symbols("n m", integer=True, positive=True)
    >>> frobenius_norm_squared(sympy.MatrixSymbol("X", n, m))
    Trace(X.T*X)
    """
    X = _as_matrix_operand(X, "X")
    return sympy.Trace(X.T * X)


def frobenius_inner(P: Any, Q: Any) -> sympy.Expr:
    """Return ``⟨P, Q⟩_F = Tr(PᵀQ)`` as an unevaluated trace.

    Parameters
    ----------
    P, Q : sympy.MatrixExpr or sympy.Matrix, same shape (m, n)

    Returns
    -------
    sympy.Trace
        ``Trace(P.T * Q)``.

    Raises
    ------
    InputTypeError
        An argument is not a matrix.
    InputShapeError
        The shapes differ (symbolic dimensions must be the same symbols).

    Examples
    --------
    >>> import sympy
    >>> P = sympy.MatrixSymbol("P", 2, 3); Q = sympy.MatrixSymbol("Q", 2, 3)
    >>> frobenius_inner(P, Q)
    Trace(P.T*Q)
    """
    P = _as_matrix_operand(P, "P")
    Q = _as_matrix_operand(Q, "Q")
    if any(sympy.expand(a - b) != 0 for a, b in zip(P.shape, Q.shape)):
        raise InputShapeError(
            "Q.shape", Q.shape,
            f"the Frobenius inner product needs equal shapes, P has shape {P.shape}",
            "pass two matrices of the same shape",
        )
    return sympy.Trace(P.T * Q)


# ---------------------------------------------------------------------------
# proofs at concrete shapes
# ---------------------------------------------------------------------------


def _finish(identity, shapes, method, residuals, assumptions=()) -> IdentityProof:
    simplified = tuple((k, _simplify_exact(v)) for k, v in residuals)
    holds = all(
        (v.is_zero_matrix if isinstance(v, sympy.MatrixBase) else v == 0) for _, v in simplified
    )
    return IdentityProof(
        identity=identity, shapes=tuple(shapes), method=method,
        residuals=tuple(residuals), simplified=simplified,
        assumptions=tuple(assumptions), holds=bool(holds),
    )


def prove_norm_vec(shape: tuple[int, int] = (2, 3)) -> IdentityProof:
    """Prove ``‖M‖_F = ‖vec M‖₂ = sqrt(Σ_ij M_ij²)`` and ``‖M‖_F² = Tr(MᵀM)``.

    Parameters
    ----------
    shape : (int, int)
        Shape of ``M`` (each dimension 1 to :data:`MAX_PROOF_DIM`).

    Returns
    -------
    IdentityProof
        Residuals: ``trace`` (``Tr(MᵀM) - ΣΣ M_ij²``, the trace taken by
        :func:`frobenius_norm_squared` on a ``MatrixSymbol`` then substituted),
        ``vec`` (``vec(M)ᵀvec(M) - ΣΣ M_ij²``), ``norm`` (the square roots:
        ``‖vec M‖₂ - sqrt(ΣΣ M_ij²)``, with SymPy's own 2-norm of the vector)
        and ``sympy-fro`` (SymPy's own ``Matrix.norm()`` against the sum).

    Raises
    ------
    InputTypeError, InputShapeError, DimensionError
        A malformed *shape*.

    Notes
    -----
    Entries are real symbols, so ``|x|² = x²`` and the square roots of equal
    non-negative quantities are equal; equality of the radicands is what is
    proved.

    Examples
    --------
    >>> prove_norm_vec((2, 2)).holds
    True
    """
    rows, cols = _check_shape(shape, "shape")
    M = symbolic_matrix("M", rows, cols)
    Msym = sympy.MatrixSymbol("M", rows, cols)
    double_sum = sum(M[i, j] ** 2 for i in range(rows) for j in range(cols))
    trace_form = frobenius_norm_squared(Msym).xreplace({Msym: M}).doit()
    v = vec(M)
    residuals = [
        ("trace", trace_form - double_sum),
        ("vec", (v.T * v)[0, 0] - double_sum),
        ("norm", v.norm(2) - sympy.sqrt(sympy.expand(double_sum))),
        # SymPy's default norm: Frobenius for a matrix, 2-norm for a row or column
        ("sympy-fro", M.norm() - sympy.sqrt(sympy.expand(double_sum))),
    ]
    return _finish(
        "||M||_F^2 = Tr(M^T M) = vec(M)^T vec(M) = sum_ij M_ij^2, hence "
        "||M||_F = ||vec M||_2 = sqrt(sum_ij M_ij^2)",
        [("M", (rows, cols))],
        "explicit real symbolic entries; expand each residual to 0",
        residuals,
    )


def prove_inner_trace(shape: tuple[int, int] = (2, 3)) -> IdentityProof:
    """Prove ``⟨P,Q⟩_F = Tr(PᵀQ) = vec(P)ᵀvec(Q) = Σ_ij P_ij Q_ij``.

    Parameters
    ----------
    shape : (int, int)
        Common shape of ``P`` and ``Q``.

    Returns
    -------
    IdentityProof
        Residuals ``trace`` (the helper :func:`frobenius_inner` on
        ``MatrixSymbol`` objects, substituted and evaluated, minus the double
        sum) and ``vec`` (the vector inner product minus the double sum).

    Examples
    --------
    >>> prove_inner_trace((3, 2)).holds
    True
    """
    rows, cols = _check_shape(shape, "shape")
    P, Q = symbolic_matrix("P", rows, cols), symbolic_matrix("Q", rows, cols)
    Ps, Qs = sympy.MatrixSymbol("P", rows, cols), sympy.MatrixSymbol("Q", rows, cols)
    double_sum = sum(P[i, j] * Q[i, j] for i in range(rows) for j in range(cols))
    trace_form = frobenius_inner(Ps, Qs).xreplace({Ps: P, Qs: Q}).doit()
    residuals = [
        ("trace", trace_form - double_sum),
        ("vec", (vec(P).T * vec(Q))[0, 0] - double_sum),
    ]
    return _finish(
        "<P,Q>_F = Tr(P^T Q) = vec(P)^T vec(Q) = sum_ij P_ij Q_ij",
        [("P", (rows, cols)), ("Q", (rows, cols))],
        "explicit real symbolic entries; expand each residual to 0",
        residuals,
    )


def cayley_orthogonal(n: int, name: str = "s") -> tuple[sympy.ImmutableMatrix, sympy.ImmutableMatrix]:
    """Return ``(U, S)``: the Cayley transform ``U = (I - S)(I + S)⁻¹`` of a skew ``S``.

    ``S`` has independent real symbols above the diagonal; ``I + S`` is
    invertible for every real skew ``S`` (its eigenvalues are ``1 + iθ``),
    so ``U`` is an orthogonal matrix for every value of the symbols.
    """
    if not isinstance(name, str) or not name.isidentifier():
        raise InputTypeError("name", name, "the symbols are named name_i_j", "pass a name such as 's'")
    return _cayley_symbolic(_check_dim(n, "n"), name)


@functools.lru_cache(maxsize=64)
def _cayley_symbolic(n: int, name: str) -> tuple[sympy.ImmutableMatrix, sympy.ImmutableMatrix]:
    """:func:`cayley_orthogonal`, memoised (the result is immutable).

    ``U`` is computed over the field of rational functions of the symbols, whose
    elements are kept reduced: each entry is the one ``sympy.cancel`` gives.
    """
    S = sympy.zeros(n, n)
    symbols = []
    for i in range(n):
        for j in range(i + 1, n):
            s = sympy.Symbol(f"{name}_{i}_{j}", real=True)
            symbols.append(s)
            S[i, j], S[j, i] = s, -s
    if not symbols:  # n <= 1: S = 0 and U = I
        return sympy.ImmutableMatrix(sympy.eye(n)), sympy.ImmutableMatrix(S)
    K = sympy.QQ.frac_field(*symbols)
    skew = DomainMatrix.from_Matrix(S).convert_to(K)
    eye = DomainMatrix.eye(n, K)
    U = (eye - skew) * (eye + skew).inv()
    return sympy.ImmutableMatrix(n, n, [K.to_sympy(x) for x in U.to_list_flat()]), sympy.ImmutableMatrix(S)


def prove_orthogonal_invariance(
    n: int = 2, m: int = 2, *, method: str = "cayley"
) -> IdentityProof:
    """Prove ``‖UM‖_F = ‖M‖_F`` for orthogonal ``U`` (``n x n``) and ``M`` (``n x m``).

    Parameters
    ----------
    n, m : int
        Shapes: ``U`` is ``n x n``, ``M`` is ``n x m``.
    method : {"cayley", "substitution"}
        ``"cayley"``: ``U = (I - S)(I + S)⁻¹`` with ``S`` a skew matrix of
        independent symbols, an exact parametrisation of the orthogonal
        matrices without eigenvalue ``-1``; the proof first checks
        ``UᵀU = I`` exactly, then ``‖UM‖² - ‖M‖² = 0`` as rational functions.
        ``"substitution"``: ``U`` has independent symbolic entries and
        ``UᵀU = I`` is used as a substitution rule: the entries of the
        Gram matrix ``UᵀU`` are replaced by new symbols ``g_ij`` (exact,
        since ``‖UM‖² = Tr(Mᵀ(UᵀU)M)`` depends on ``U`` only through
        ``UᵀU``), and then ``g = I`` is substituted.

    Returns
    -------
    IdentityProof

    Raises
    ------
    InputError
        Unknown *method*.

    Notes
    -----
    The Cayley family misses orthogonal matrices with eigenvalue ``-1``
    (for example reflections); it is a proof for a dense family, while the
    substitution route covers every orthogonal ``U`` but relies on the rule
    ``UᵀU = I``. Both are offered so each can be checked against the other.

    Examples
    --------
    >>> prove_orthogonal_invariance(2, 1).holds
    True
    """
    from ..errors import InputError

    n = _check_dim(n, "n", limit=4)
    m = _check_dim(m, "m")
    M = symbolic_matrix("M", n, m)
    norm_M = sum(x**2 for x in M)
    if method == "cayley":
        U, _ = cayley_orthogonal(n)
        UM = U * M
        residuals = [
            ("U^T U - I", sympy.ImmutableMatrix(U.T * U - sympy.eye(n))),
            ("||UM||^2 - ||M||^2", sum(x**2 for x in UM) - norm_M),
        ]
        return _finish(
            "||U M||_F = ||M||_F for orthogonal U",
            [("U", (n, n)), ("M", (n, m))],
            "Cayley transform U = (I - S)(I + S)^-1 of a symbolic skew S; "
            "residuals cancelled as rational functions",
            residuals,
            ("I + S is invertible for every real skew S, so U is defined and orthogonal",),
        )
    if method == "substitution":
        U = symbolic_matrix("U", n, n)
        G = sympy.ImmutableMatrix(n, n, lambda i, j: sympy.Symbol(f"g_{min(i, j)}_{max(i, j)}", real=True))
        gram_rule = {G[i, j]: (U.T * U)[i, j] for i in range(n) for j in range(i, n)}
        via_gram = (M.T * G * M).trace()
        lhs = sum(x**2 for x in U * M)
        residuals = [
            ("||UM||^2 - Tr(M^T G M)|_{G=U^T U}", lhs - via_gram.xreplace(gram_rule)),
            ("Tr(M^T G M)|_{G=I} - ||M||^2", via_gram.xreplace(
                {G[i, j]: (1 if i == j else 0) for i in range(n) for j in range(i, n)}
            ) - norm_M),
        ]
        return _finish(
            "||U M||_F = ||M||_F for orthogonal U",
            [("U", (n, n)), ("M", (n, m))],
            "generic symbolic U; ||UM||^2 rewritten through G = U^T U, then the rule U^T U = I "
            "substituted (G := I)",
            residuals,
            ("U^T U = I (used as a substitution rule)",),
        )
    raise InputError(
        "method", method, "unknown proof method", "pass method='cayley' or method='substitution'"
    )


def _cancel_gram(expr: sympy.Basic, U: sympy.MatrixSymbol) -> sympy.Basic:
    """Replace each adjacent ``Uᵀ U`` in matrix products by the identity."""

    def rewrite(node):
        if isinstance(node, sympy.MatMul):
            args = list(node.args)
            out: list = []
            for a in args:
                if out and a == U and out[-1] == U.T:
                    out.pop()
                    continue
                out.append(a)
            if len(out) != len(args):
                return sympy.MatMul(*out).doit() if out else sympy.Identity(U.shape[0])
        return node

    return expr.replace(lambda e: isinstance(e, sympy.MatMul), rewrite)


def prove_trace_chain(n: int = 2, m: int = 2) -> IdentityProof:
    """Prove ``Tr((UM)ᵀUM) = Tr(MᵀUᵀUM) = Tr(MᵀM)`` step by step.

    Parameters
    ----------
    n, m : int
        ``U`` is ``n x n`` orthogonal, ``M`` is ``n x m``.

    Returns
    -------
    IdentityProof
        Residuals, one per link of the chain:

        ``transpose``
            ``Tr((UM)ᵀUM) - Tr(MᵀUᵀUM)`` for a generic symbolic ``U`` (no
            orthogonality used: ``(UM)ᵀ = MᵀUᵀ`` always).
        ``orthogonal``
            ``Tr(MᵀUᵀUM) - Tr(MᵀM)`` with ``U`` the Cayley transform of a
            symbolic skew matrix (so ``UᵀU = I`` holds exactly).
        ``norm``
            ``Tr(MᵀM) - ΣΣ M_ij²``.
        ``symbolic-dims``
            The same chain on ``MatrixSymbol`` objects with symbolic
            dimensions, by rewriting: ``Tr((UM)ᵀUM)`` is expanded by
            SymPy's ``doit`` to ``Tr(MᵀUᵀUM)``, then the rule ``UᵀU -> I`` is
            applied; the residual is the structural difference from
            ``Tr(MᵀM)``.

    Examples
    --------
    >>> prove_trace_chain(2, 2).holds
    True
    """
    n = _check_dim(n, "n", limit=4)
    m = _check_dim(m, "m")
    M = symbolic_matrix("M", n, m)
    Ug = symbolic_matrix("U", n, n)
    Uc, _ = cayley_orthogonal(n)
    step1 = ((Ug * M).T * (Ug * M)).trace() - (M.T * Ug.T * Ug * M).trace()
    step2 = (M.T * Uc.T * Uc * M).trace() - (M.T * M).trace()
    step3 = (M.T * M).trace() - sum(x**2 for x in M)
    k, l = sympy.symbols("n m", integer=True, positive=True)
    Us, Ms = sympy.MatrixSymbol("U", k, k), sympy.MatrixSymbol("M", k, l)
    expanded = sympy.Trace((Us * Ms).T * (Us * Ms)).doit()
    rewritten = _cancel_gram(expanded, Us)
    structural = rewritten - sympy.Trace(Ms.T * Ms)
    return _finish(
        "Tr((UM)^T UM) = Tr(M^T U^T U M) = Tr(M^T M) = ||M||_F^2",
        [("U", (n, n)), ("M", (n, m))],
        "link 1 with generic symbolic U; link 2 with the Cayley transform of a skew symbolic "
        "matrix; plus the rewriting U^T U -> I on MatrixSymbols with symbolic dimensions",
        [("transpose", step1), ("orthogonal", step2), ("norm", step3),
         ("symbolic-dims", structural)],
        ("U^T U = I (Cayley parametrisation for link 2; substitution rule for symbolic dims)",),
    )
