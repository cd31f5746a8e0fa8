"""Pseudo-inverses and ε-limits of matrices with symbols in their entries.

The pseudo-inverse is not a continuous, let alone rational, function of the
entries: it jumps wherever the rank drops. ``diag(a, b)⁺`` is
``diag(1/a, 1/b)`` only when ``a ≠ 0`` and ``b ≠ 0``; at ``b = 0`` it is
``diag(1/a, 0)``. SymPy's ``Matrix.pinv`` returns the generic formula
without conditions. :func:`pinv_symbolic` returns a piecewise result instead:
one exact formula per rank stratum, each with the exact condition (over the
real values of the symbols) under which it holds, the strata covering every
real parameter value.

Method: Decell's formula. Let ``H = AAᵀ`` (or ``AᵀA``, whichever is
smaller), ``det(λI − H) = λᵈ + c₁λᵈ⁻¹ + … + c_d`` and ``e_j = (−1)ʲc_j`` —
the sum of the squares of the ``j x j`` minors of ``A`` (Cauchy–Binet), so
``e_j ≥ 0`` for real ``A``, and ``rank A = k`` exactly when ``e_k ≠ 0`` and
``e_{k+1} = 0``. On that stratum

    A⁺ = −(1/c_k) Aᵀ (H^{k−1} + c₁H^{k−2} + … + c_{k−1}I)      (H = AAᵀ),

from the Cayley–Hamilton theorem on the range of ``H``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Mapping

import sympy
from sympy.polys.matrices import DomainMatrix

from ..errors import AssumptionError, DerivCheckError, InputError, InputTypeError, UnsupportedError
from .convert import as_exact_matrix, as_exact_scalar
from .limits import SIDES

__all__ = [
    "pinv_symbolic",
    "PiecewisePinv",
    "PinvCase",
    "regularized_limit_symbolic",
    "PiecewiseRegularizedLimit",
    "RegularizedLimitCase",
]

#: Above this many distinct atomic conditions a stratum is not split into its
#: disjunctive normal form (which can grow exponentially).
_MAX_DNF_ATOMS = 10


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class PinvCase:
    """One stratum of a piecewise pseudo-inverse.

    Attributes
    ----------
    rank : int
        The rank of ``A`` on this stratum.
    condition : sympy.logic.boolalg.Boolean
        Where (over the real values of the symbols) the case applies.
    pinv : sympy.ImmutableMatrix, shape (n, m)
        The exact pseudo-inverse there.
    """

    rank: int
    condition: sympy.logic.boolalg.Boolean
    pinv: sympy.ImmutableMatrix


@dataclass(frozen=True)
class PiecewisePinv:
    """A pseudo-inverse given case by case over the real parameter values.

    Attributes
    ----------
    matrix : sympy.ImmutableMatrix, shape (m, n)
        The symbolic matrix ``A``.
    symbols : tuple of sympy.Symbol
        Its free symbols, sorted by name; all are taken as real.
    cases : tuple of PinvCase
        Mutually exclusive cases covering every real point where ``A`` is
        defined, from the highest rank down.
    """

    matrix: sympy.ImmutableMatrix
    symbols: tuple[sympy.Symbol, ...]
    cases: tuple[PinvCase, ...]

    def case_at(self, values: Mapping[sympy.Symbol, Any]) -> PinvCase:
        """Return the case that applies at the given real values of the symbols.

        Parameters
        ----------
        values : mapping Symbol -> exact number
            A value for every symbol in :attr:`symbols` (int, Fraction,
            sympy.Rational or exact real algebraic numbers).

        Returns
        -------
        PinvCase
            The case whose condition holds, its matrix evaluated at the point.

        Raises
        ------
        InputError
            A symbol without a value, an unknown symbol, or a point where
            ``A`` is undefined.
        InputTypeError, InexactInputError
            A value that is not an exact real number.
        """
        index, point = _select_case(self.symbols, [c.condition for c in self.cases], values)
        case = self.cases[index]
        return PinvCase(case.rank, case.condition, _subs_matrix(case.pinv, point))

    def at(self, values: Mapping[sympy.Symbol, Any]) -> sympy.Matrix:
        """The exact pseudo-inverse at the given values (a fresh mutable matrix)."""
        return sympy.Matrix(self.case_at(values).pinv)

    def as_piecewise(self) -> sympy.ImmutableMatrix:
        """The result as one matrix of ``Piecewise`` entries."""
        m, n = self.matrix.shape
        return sympy.ImmutableMatrix(
            n, m,
            lambda i, j: sympy.Piecewise(
                *[(c.pinv[i, j], c.condition) for c in self.cases], evaluate=False
            ),
        )


@dataclass(frozen=True)
class RegularizedLimitCase:
    """One stratum of a piecewise ε-limit.

    Attributes
    ----------
    rank : int
        The rank of ``A`` on this stratum.
    condition : sympy.logic.boolalg.Boolean
        Where the case applies.
    value : sympy.ImmutableMatrix, shape (n, m)
        The limit (``A⁺``).
    pole_order : int
        1 when the Gram matrix of the side is singular on this stratum.
    pole_coefficient : sympy.ImmutableMatrix
        The coefficient of ``1/ε`` in ``(G + εI)⁻¹``: ``I − A⁺A`` (left) or
        ``I − AA⁺`` (right).
    first_order : sympy.ImmutableMatrix, shape (n, m)
        The coefficient of ε in the regularised inverse: ``−A⁺(A⁺)ᵀA⁺``.
    """

    rank: int
    condition: sympy.logic.boolalg.Boolean
    value: sympy.ImmutableMatrix
    pole_order: int
    pole_coefficient: sympy.ImmutableMatrix
    first_order: sympy.ImmutableMatrix


@dataclass(frozen=True)
class PiecewiseRegularizedLimit:
    """``lim_{ε→0⁺}`` of a regularised inverse, case by case.

    Attributes
    ----------
    matrix : sympy.ImmutableMatrix
        The symbolic matrix ``A``.
    side : {"left", "right"}
        ``(AᵀA+εI)⁻¹Aᵀ`` or ``Aᵀ(AAᵀ+εI)⁻¹``.
    symbols : tuple of sympy.Symbol
        The free symbols (taken as real).
    cases : tuple of RegularizedLimitCase
        Mutually exclusive cases covering every real point where ``A`` is
        defined.
    """

    matrix: sympy.ImmutableMatrix
    side: str
    symbols: tuple[sympy.Symbol, ...]
    cases: tuple[RegularizedLimitCase, ...]

    def case_at(self, values: Mapping[sympy.Symbol, Any]) -> RegularizedLimitCase:
        """The case that applies at the given values, with the symbols substituted.

        Parameters
        ----------
        values : mapping Symbol -> exact number
            A value for every symbol.

        Returns
        -------
        RegularizedLimitCase
            The case whose condition holds, its matrices evaluated at the point.

        Raises
        ------
        InputError, InputTypeError, InexactInputError
            As for :meth:`PiecewisePinv.case_at`.
        """
        index, point = _select_case(self.symbols, [c.condition for c in self.cases], values)
        c = self.cases[index]
        return RegularizedLimitCase(
            c.rank, c.condition, _subs_matrix(c.value, point), c.pole_order,
            _subs_matrix(c.pole_coefficient, point), _subs_matrix(c.first_order, point),
        )


# ---------------------------------------------------------------------------
# Conditions


def _poly_zero_condition(f: sympy.Expr, gens: tuple) -> sympy.logic.boolalg.Boolean:
    """The exact real condition ``f = 0`` for one irreducible factor *f*.

    A polynomial whose terms all have the same sign and only even exponents
    is zero exactly when every monomial is zero, i.e. when in each monomial
    one of its variables is zero (``a² + b² = 0`` iff ``a = 0`` and ``b = 0``).
    """
    poly = sympy.Poly(f, *gens)
    terms = poly.terms()
    signs = {sympy.sign(c) for _, c in terms}
    if len(terms) > 1 and len(signs) == 1 and all(e % 2 == 0 for mono, _ in terms for e in mono):
        clauses = []
        for mono, _ in terms:
            variables = [g for g, e in zip(gens, mono) if e]
            clauses.append(sympy.Or(*[sympy.Eq(v, 0) for v in variables]))  # Or() is False
        return sympy.And(*clauses)
    return sympy.Eq(f, 0)


def _zero_condition(expr: sympy.Expr, gens: tuple) -> sympy.logic.boolalg.Boolean:
    """The exact real condition ``expr = 0`` for a polynomial *expr*."""
    expr = sympy.expand(expr)
    if expr == 0:
        return sympy.true
    if not expr.free_symbols:
        return sympy.false
    _const, factors = sympy.factor_list(expr, *gens)
    return sympy.Or(*[_poly_zero_condition(f, gens) for f, _mult in factors])


def _nonzero_condition(expr: sympy.Expr, gens: tuple) -> sympy.logic.boolalg.Boolean:
    """The exact real condition ``expr ≠ 0`` for a polynomial *expr*."""
    return _negate(_zero_condition(expr, gens))


def _negate(cond: sympy.logic.boolalg.Boolean) -> sympy.logic.boolalg.Boolean:
    """Negation pushed down to the relations (``Eq`` becomes ``Ne``)."""
    if cond is sympy.true:
        return sympy.false
    if cond is sympy.false:
        return sympy.true
    if isinstance(cond, sympy.And):
        return sympy.Or(*[_negate(a) for a in cond.args])
    if isinstance(cond, sympy.Or):
        return sympy.And(*[_negate(a) for a in cond.args])
    if isinstance(cond, sympy.Eq):
        return sympy.Ne(cond.lhs, cond.rhs)
    if isinstance(cond, sympy.Ne):
        return sympy.Eq(cond.lhs, cond.rhs)
    return sympy.Not(cond)  # pragma: no cover - only relations are built here


def _clauses(cond: sympy.logic.boolalg.Boolean) -> list[sympy.logic.boolalg.Boolean]:
    """Split *cond* into mutually exclusive conjunctions when that is cheap.

    The disjunctive normal form drops contradictory conjunctions
    (``a ≠ 0 ∧ a = 0``). Its disjuncts are returned separately only when
    they are pairwise contradictory, so that the cases stay disjoint;
    otherwise the shorter of *cond* and its DNF is returned as one condition.
    """
    if cond in (sympy.true, sympy.false):
        return [cond]
    atoms = cond.atoms(sympy.Eq, sympy.Ne)
    if len(atoms) > _MAX_DNF_ATOMS:
        return [cond]
    dnf = sympy.to_dnf(cond)
    if not isinstance(dnf, sympy.Or):
        return [dnf]
    parts = sorted(dnf.args, key=sympy.default_sort_key)
    disjoint = all(
        sympy.And(p, q) is sympy.false for i, p in enumerate(parts) for q in parts[i + 1:]
    )
    if disjoint:
        return parts
    return [min((cond, dnf), key=sympy.count_ops)]


def _equalities(clause: sympy.logic.boolalg.Boolean) -> dict:
    """The ``symbol = number`` equalities a conjunction forces."""
    parts = clause.args if isinstance(clause, sympy.And) else (clause,)
    out = {}
    for p in parts:
        if isinstance(p, sympy.Eq) and p.lhs.is_Symbol and p.rhs.is_number:
            out[p.lhs] = p.rhs
        elif isinstance(p, sympy.Eq) and p.rhs.is_Symbol and p.lhs.is_number:
            out[p.rhs] = p.lhs
    return out


# ---------------------------------------------------------------------------
# Input and evaluation


def _symbolic_input(A: Any, floats: str) -> tuple[sympy.ImmutableMatrix, tuple, Any]:
    M = as_exact_matrix(A, name="A", allow_symbols=True, floats=floats)
    symbols = tuple(sorted(M.free_symbols, key=lambda s: s.name))
    for s in symbols:
        if not isinstance(s, sympy.Symbol):  # pragma: no cover - free_symbols are Symbols
            raise UnsupportedError("A", M, f"{s} is not a plain symbol", "use sympy.Symbol")
        if s.is_real is False:
            raise AssumptionError(
                str(s), s, "the symbols stand for real numbers here (transpose, not adjoint)",
                "declare the symbol without assumptions, or real=True",
            )
    m, n = M.shape
    if m == 0 or n == 0:
        return M, symbols, None
    dm = DomainMatrix.from_list_sympy(m, n, M.tolist(), extension=True)
    K = dm.domain
    ground = K.dom if (K.is_PolynomialRing or K.is_FractionField) else K
    gens = tuple(getattr(K, "symbols", ()))
    if not (ground.is_ZZ or ground.is_QQ) or not all(g.is_Symbol for g in gens):
        raise UnsupportedError(
            "A", M,
            "entries must be polynomials or rational functions of the symbols with rational "
            f"coefficients (found the domain {K})",
            "rename non-polynomial subexpressions (sin(t), sqrt(a)) as new symbols",
        )
    return M, symbols, dm


def _select_case(symbols: tuple, conditions: list, values: Mapping) -> tuple[int, dict]:
    if not isinstance(values, Mapping):
        raise InputTypeError("values", values, "expected a mapping from symbols to numbers",
                             "pass a dict such as {a: 1, b: 0}")
    unknown = [k for k in values if k not in symbols]
    if unknown:
        raise InputError("values", values, f"unknown symbols {unknown}",
                         f"give values for {list(symbols)} only")
    missing = [s for s in symbols if s not in values]
    if missing:
        raise InputError("values", values, f"no value for {missing}",
                         f"give a value to every symbol of {list(symbols)}")
    point = {s: as_exact_scalar(values[s], name=f"values[{s}]") for s in symbols}
    truth = [c.xreplace(point) for c in conditions]
    undecided = [t for t in truth if t not in (sympy.true, sympy.false)]
    if undecided:
        raise UnsupportedError(
            "values", values, f"the case condition {undecided[0]} does not evaluate to True or "
            "False at this point", "pass rational values",
        )
    hits = [i for i, t in enumerate(truth) if t is sympy.true]
    if not hits:
        raise InputError("values", values, "the matrix is undefined at this point",
                         "choose values where no denominator of A vanishes")
    if len(hits) > 1:  # pragma: no cover - the strata are disjoint by construction
        raise DerivCheckError("values", values, "several cases claim this point (a defect)",
                              "report the matrix and the point")
    return hits[0], point


def _subs_matrix(M: sympy.ImmutableMatrix, point: dict) -> sympy.ImmutableMatrix:
    return sympy.ImmutableMatrix(M.shape[0], M.shape[1],
                                 [sympy.cancel(x.xreplace(point)) for x in M])


def _tidy(M: sympy.MatrixBase) -> sympy.ImmutableMatrix:
    return sympy.ImmutableMatrix(M.shape[0], M.shape[1], [sympy.factor(sympy.cancel(x)) for x in M])


# ---------------------------------------------------------------------------
# The pseudo-inverse


def _strata(M: sympy.ImmutableMatrix, dm: Any) -> list[tuple[int, Any, Any]]:
    """``(rank, condition, pinv)`` for every nonempty rank stratum (unsplit)."""
    m, n = M.shape
    if dm is None:
        return [(0, sympy.true, sympy.zeros(n, m))]
    K = dm.domain
    field = K.get_field() if not K.is_Field else K
    A = dm.convert_to(field).to_dense()
    At = A.transpose()
    wide = m <= n
    H = A.matmul(At) if wide else At.matmul(A)  # the smaller Gram matrix
    c = H.charpoly()  # [1, c1, ..., c_d]
    d = len(c) - 1
    gens = tuple(getattr(K, "symbols", ()))
    e = [field.to_sympy(c[j]) * (-1) ** j for j in range(d + 1)]  # e_j >= 0 for real A
    numerators = [sympy.fraction(sympy.cancel(x))[0] for x in e]
    top = max(j for j in range(d + 1) if not field.is_zero(c[j]))
    domain_cond = sympy.true
    if K.is_FractionField:
        dens = [sympy.fraction(sympy.cancel(x))[1] for x in M]
        domain_cond = sympy.And(*[_nonzero_condition(q, gens) for q in dens])
    out = []
    for k in range(top, -1, -1):
        cond = sympy.And(
            domain_cond,
            _nonzero_condition(numerators[k], gens) if k else sympy.true,
            _zero_condition(numerators[k + 1], gens) if k < top else sympy.true,
        )
        if cond is sympy.false:
            continue
        if k == 0:
            out.append((0, cond, sympy.zeros(n, m)))
            continue
        # Horner: r(H) = H^{k-1} + c1 H^{k-2} + ... + c_{k-1} I.
        eye = DomainMatrix.eye(H.shape[0], field).to_dense()
        R = eye
        for j in range(1, k):
            R = R.matmul(H) + eye * c[j]
        P = At.matmul(R) if wide else R.matmul(At)
        P = P * field.quo(-field.one, c[k])
        out.append((k, cond, P.to_Matrix()))
    return out


def pinv_symbolic(A: Any, *, floats: Literal["refuse", "exact"] = "refuse") -> PiecewisePinv:
    """Return the pseudo-inverse of a symbolic matrix, case by case, exactly.

    Parameters
    ----------
    A : sympy.Matrix or list of lists, shape (m, n)
        Entries: polynomials or rational functions of SymPy symbols with
        rational coefficients. The symbols are taken as real numbers.
    floats : {"refuse", "exact"}
        Refuse binary floats (default) or convert each exactly.

    Returns
    -------
    PiecewisePinv
        Cases ``(rank, condition, pinv)``: mutually exclusive, covering every
        real parameter value where ``A`` is defined, each formula exact on its
        condition. ``.at({a: 1, b: 0})`` evaluates at a point.

    Raises
    ------
    InputTypeError, InputShapeError, InexactInputError, NonFiniteError
        Bad input, as for :func:`derivcheck.exact.pinv.pinv_exact`.
    AssumptionError
        A symbol declared non-real.
    UnsupportedError
        Entries that are not rational functions of the symbols.

    Notes
    -----
    With ``H = AAᵀ``, ``det(λI − H) = Σ c_j λ^{d−j}`` and ``e_j = (−1)ʲc_j``
    (the sum of squared ``j x j`` minors of ``A``), ``rank A = k`` exactly
    when ``e_k ≠ 0`` and ``e_{k+1} = 0``, and then (Decell, 1965)

    .. math:: A^+ = -\\frac{1}{c_k} A^T \\left(H^{k-1} + c_1 H^{k-2} + \\dots + c_{k-1} I\\right).

    Conditions are exact: ``e_k`` is factored over the rationals, and a
    factor that is a same-signed sum of even monomials (``a² + b²``) is
    zero exactly when each monomial is. Each stratum is split into its
    disjunctive normal form when that is small, and equalities such as
    ``b = 0`` are substituted into its formula.

    Examples
    --------
    >>> a, b = sympy.symbols("a b")
    >>> for case in pinv_symbolic(sympy.diag(a, b)).cases:
    ...     print(case.rank, case.condition, case.pinv.tolist())
    2 Ne(a, 0) & Ne(b, 0) [[1/a, 0], [0, 1/b]]
    1 Eq(a, 0) & Ne(b, 0) [[0, 0], [0, 1/b]]
    1 Eq(b, 0) & Ne(a, 0) [[1/a, 0], [0, 0]]
    0 Eq(a, 0) & Eq(b, 0) [[0, 0], [0, 0]]
    """
    M, symbols, dm = _symbolic_input(A, floats)
    cases = []
    for rank, cond, P in _strata(M, dm):
        for clause in _clauses(cond):
            if clause is sympy.false:
                continue
            eqs = _equalities(clause)
            cases.append(PinvCase(rank, clause, _tidy(P.xreplace(eqs) if eqs else P)))
    return PiecewisePinv(M, symbols, tuple(cases))


def regularized_limit_symbolic(
    A: Any,
    side: Literal["left", "right"] = "left",
    *,
    floats: Literal["refuse", "exact"] = "refuse",
) -> PiecewiseRegularizedLimit:
    """Return ``lim_{ε→0⁺}`` of the regularised inverse of a symbolic matrix, by case.

    Parameters
    ----------
    A : sympy.Matrix or list of lists, shape (m, n)
        As for :func:`pinv_symbolic`.
    side : {"left", "right"}
        ``(AᵀA+εI)⁻¹Aᵀ`` or ``Aᵀ(AAᵀ+εI)⁻¹``.
    floats : {"refuse", "exact"}
        The float policy.

    Returns
    -------
    PiecewiseRegularizedLimit
        Per rank stratum: the condition, the limit ``A⁺``, the pole order and
        coefficient of ``(G + εI)⁻¹`` and the ``O(ε)`` coefficient.

    Raises
    ------
    InputError
        *side* is not ``"left"`` or ``"right"``.
    InputTypeError, InputShapeError, InexactInputError, NonFiniteError, AssumptionError, UnsupportedError
        As for :func:`pinv_symbolic`.

    Notes
    -----
    On a stratum of rank ``k`` the expansion of
    :func:`derivcheck.exact.limits.regularized_limit` holds pointwise:
    ``(G + εI)⁻¹ = P₀/ε + G⁺ + O(ε)`` with ``P₀ = I − A⁺A`` (left,
    ``G = AᵀA``) or ``I − AA⁺`` (right, ``G = AAᵀ``), the pole has order 1
    exactly when ``k`` is less than the size of ``G``, ``P₀Aᵀ = 0``
    (resp. ``AᵀP₀ = 0``), the limit is ``A⁺`` and the ε-coefficient of the
    regularised inverse is ``−(G⁺)²Aᵀ = −A⁺(A⁺)ᵀA⁺`` on both sides. The
    formulas are valid on their stratum (as identities modulo its
    equations), which is what :meth:`PiecewiseRegularizedLimit.case_at`
    evaluates.

    Examples
    --------
    >>> a = sympy.Symbol("a")
    >>> lim = regularized_limit_symbolic(sympy.Matrix([[a, a]]))
    >>> [(c.condition, c.pole_order, c.value.tolist()) for c in lim.cases]
    [(Ne(a, 0), 1, [[1/(2*a)], [1/(2*a)]]), (Eq(a, 0), 1, [[0], [0]])]
    """
    if not isinstance(side, str) or side not in SIDES:
        raise InputError(
            "side", side, f"the side must be one of {', '.join(map(repr, SIDES))}",
            "pass side='left' for lim (AᵀA+εI)⁻¹Aᵀ or side='right' for lim Aᵀ(AAᵀ+εI)⁻¹",
        )
    piecewise = pinv_symbolic(A, floats=floats)
    M = piecewise.matrix
    m, n = M.shape
    size = n if side == "left" else m
    cases = []
    for case in piecewise.cases:
        P = sympy.Matrix(case.pinv)
        eqs = _equalities(case.condition)
        Ak = sympy.Matrix(M.xreplace(eqs)) if eqs else sympy.Matrix(M)
        proj = sympy.eye(n) - P * Ak if side == "left" else sympy.eye(m) - Ak * P
        cases.append(RegularizedLimitCase(
            rank=case.rank,
            condition=case.condition,
            value=case.pinv,
            pole_order=1 if case.rank < size else 0,
            pole_coefficient=_tidy(proj),
            first_order=_tidy(-P * P.T * P),
        ))
    return PiecewiseRegularizedLimit(M, side, piecewise.symbols, tuple(cases))
