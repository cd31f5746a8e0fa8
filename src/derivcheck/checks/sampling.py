"""The one sampling engine of the checkers: matrices and scalars that satisfy the assumptions.

Every checker (identity, gradient, limit, argmin, LaTeX) draws its instances
here and checks its counterexamples here:

* :func:`sample_matrix` builds an exact rational matrix of a given shape and
  rank with the structure each assumption word asks for (symmetric,
  orthogonal, diagonal, positive semidefinite or definite, invertible, full
  column or row rank, rank k, rank-deficient);
* :func:`symbolic_matrix` is the same for the symbolic routes: a matrix of
  real symbols with the structure built in (a symmetric matrix has
  ``A_i_j = A_j_i``), so that a proof for all entries is a proof under the
  assumptions;
* :func:`draw_scalar` gives the scalar parameters their telling values
  (0, 1, -1) or other rationals, always honouring their sign (a SymPy
  ``positive=True`` symbol, or a condition such as ``c ≠ 0``);
* :func:`broken_assumptions` decides exactly whether a concrete value
  satisfies the assumptions; :func:`counterexample_problems` applies it to a
  whole counterexample. A counterexample that breaks its assumptions is a
  bug of the checker, reported ``inconsistent`` by :func:`guard_counterexample`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import sympy

from ..errors import AssumptionError
from ..results import CheckResult, Evidence, Verdict
from .assumptions import MatrixAssumptions

__all__ = [
    "SCALAR_CONDITIONS",
    "ScalarCondition",
    "scalar_sign",
    "draw_scalar",
    "special_scalars",
    "sample_matrix",
    "symbolic_matrix",
    "structure_of",
    "broken_assumptions",
    "counterexample_problems",
    "scalar_sign_problems",
    "guard_counterexample",
]

#: The conditions on a scalar parameter the checkers can state and sample under.
SCALAR_CONDITIONS: tuple[str, ...] = ("≠ 0", "> 0", "< 0", "≥ 0")

#: The special values tried first, per sign class, in this order.
_SPECIAL = {
    "any": (0, 1, -1),
    "nonzero": (1, -1),
    "positive": (1,),
    "negative": (-1,),
    "nonnegative": (0, 1),
    "nonpositive": (0, -1),
}


@dataclass(frozen=True)
class ScalarCondition:
    """A condition on one scalar parameter: ``symbol relation 0`` (``c ≠ 0``, ``λ > 0``)."""

    symbol: sympy.Symbol
    relation: str

    def __post_init__(self) -> None:
        if self.relation not in SCALAR_CONDITIONS:
            raise AssumptionError(f"condition on {self.symbol}", self.relation, "unknown relation",
                                  "use one of: " + ", ".join(SCALAR_CONDITIONS))

    def holds(self, value: Any) -> bool:
        """Whether the exact scalar *value* (or 1×1 matrix) satisfies the condition."""
        if isinstance(value, sympy.MatrixBase) and value.shape == (1, 1):
            value = value[0, 0]
        v = value if isinstance(value, sympy.Basic) else sympy.Rational(value)
        checks = {"≠ 0": v != 0, "> 0": v > 0, "< 0": v < 0, "≥ 0": v >= 0}
        return bool(checks[self.relation])

    def __str__(self) -> str:
        return f"{self.symbol.name} {self.relation}"


def scalar_sign(symbol: sympy.Symbol, conditions: Iterable[ScalarCondition] = ()) -> str:
    """The sign class of a scalar parameter: its SymPy assumptions plus *conditions* on it."""
    positive = bool(symbol.is_positive)
    negative = bool(symbol.is_negative)
    nonzero = bool(symbol.is_nonzero)
    nonnegative = bool(symbol.is_nonnegative)
    nonpositive = bool(symbol.is_nonpositive)
    for cond in conditions:
        if cond.symbol != symbol:
            continue
        positive |= cond.relation == "> 0"
        negative |= cond.relation == "< 0"
        nonzero |= cond.relation == "≠ 0"
        nonnegative |= cond.relation == "≥ 0"
    if positive or (nonnegative and nonzero):
        return "positive"
    if negative or (nonpositive and nonzero):
        return "negative"
    if nonzero:
        return "nonzero"
    if nonnegative:
        return "nonnegative"
    if nonpositive:
        return "nonpositive"
    return "any"


def special_scalars(sign: str) -> tuple[sympy.Integer, ...]:
    """The telling values of a scalar of sign class *sign*: 0, 1, -1 as far as the sign allows."""
    return tuple(sympy.Integer(v) for v in _SPECIAL[sign])


def _random_rational(rng: random.Random, sign: str, *, other: bool = False) -> sympy.Rational:
    while True:
        num = rng.randint(-9, 9)
        den = rng.choice((1, 1, 1, 2, 3, 5))
        q = sympy.Rational(num, den)
        if sign in ("positive", "nonnegative") and q < 0:
            q = -q
        if sign in ("negative", "nonpositive") and q > 0:
            q = -q
        if q == 0 and (other or sign in ("positive", "negative", "nonzero")):
            continue
        if other and abs(q) == 1:
            continue
        return q


def draw_scalar(rng: random.Random, sign: str, index: int | None = None, *,
                negative: bool | None = None) -> sympy.Rational:
    """A value of a scalar of sign class *sign*.

    With *index*, the telling value ``special_scalars(sign)[index % len]``
    (0, 1, -1 as allowed); without, another rational of that sign (never 0
    or ±1), so that generic draws are generic. *negative* chooses the sign
    of a generic value where the sign class leaves it open.
    """
    if index is not None:
        special = special_scalars(sign)
        return special[index % len(special)]
    q = _random_rational(rng, sign, other=True)
    if negative is not None and sign in ("any", "nonzero"):
        q = -abs(q) if negative else abs(q)
    return q


def structure_of(a: MatrixAssumptions | None) -> str:
    """The structure a sample must have: general, symmetric, psd, pd, orthogonal or diagonal."""
    return "general" if a is None else a.structure


def sample_matrix(a: MatrixAssumptions, m: int, n: int, rank: int, rng: random.Random) -> sympy.ImmutableMatrix:
    """An exact rational m×n matrix of rank *rank* with the structure of *a*.

    Parameters
    ----------
    a : MatrixAssumptions
        The matrix's assumptions; *rank* must be one of ``a.allowed_ranks(m, n)``.
    m, n, rank : int
        Shape and rank.
    rng : random.Random
        The seeded source of randomness.
    """
    from ..exact import generators as gen

    seed = rng.randrange(2**31)
    structure = a.structure
    if structure == "orthogonal":
        return sympy.ImmutableMatrix(gen.cayley_orthogonal(n, seed=seed))
    if structure == "diagonal":
        k = min(m, n)
        positions = rng.sample(range(k), rank)
        out = sympy.zeros(m, n)
        sign = "positive" if {"positive semidefinite", "positive definite"} & set(a.words) else "nonzero"
        for p in positions:
            out[p, p] = _random_rational(rng, sign)
        return sympy.ImmutableMatrix(out)
    if structure in ("symmetric", "psd", "pd"):
        if rank == 0:
            return sympy.ImmutableMatrix.zeros(m, n)
        c = sympy.Matrix(gen.random_rational_matrix(m, rank, rank=rank, seed=seed))
        if structure in ("psd", "pd"):
            return sympy.ImmutableMatrix(c * c.T)
        d = sympy.diag(*[_random_rational(rng, "nonzero") for _ in range(rank)])
        return sympy.ImmutableMatrix(c * d * c.T)
    return sympy.ImmutableMatrix(gen.random_rational_matrix(m, n, rank=rank, seed=seed))


def symbolic_matrix(name: str, a: MatrixAssumptions | None, m: int, n: int) -> sympy.ImmutableMatrix:
    """An m×n matrix of real symbols ``name_i_j`` with the structure of *a* built in.

    A symmetric (also positive semidefinite or definite) matrix shares
    ``name_i_j`` for ``(i, j)`` and ``(j, i)``; a diagonal one is zero off the
    diagonal. The other words (ranks, invertibility, definiteness) hold on a
    dense set of these entries or on a set the checkers sample separately, so
    an identity that holds for all these entries holds under them.
    """
    structure = structure_of(a)

    def entry(i: int, j: int) -> sympy.Expr:
        if structure == "diagonal" and i != j:
            return sympy.S.Zero
        if structure in ("symmetric", "psd", "pd") and i > j:
            i, j = j, i
        return sympy.Symbol(f"{name}_{i}_{j}", real=True)

    return sympy.ImmutableMatrix(m, n, entry)


def _is_psd(value: sympy.MatrixBase) -> bool:
    from ..exact.optima import is_psd_by_elimination

    return bool(is_psd_by_elimination(value))


def broken_assumptions(a: MatrixAssumptions, value: Any) -> list[str]:
    """The assumption words of *a* that the concrete exact matrix *value* breaks (empty if none)."""
    if not isinstance(value, sympy.MatrixBase):
        return ["a matrix"]
    m, n = value.shape
    M = sympy.Matrix(value)
    if M.free_symbols:
        return []  # not concrete: nothing to decide here
    broken = []
    words = set(a.words)
    if a.square and m != n:
        return ["square"]
    rank = M.rank() if m and n else 0
    if "full column rank" in words and rank != n:
        broken.append("full column rank")
    if "full row rank" in words and rank != m:
        broken.append("full row rank")
    if "invertible" in words and rank != n:
        broken.append("invertible")
    if "rank-deficient" in words and rank >= min(m, n):
        broken.append("rank-deficient")
    if a.rank is not None and rank != a.rank:
        broken.append(f"rank {a.rank}")
    if {"symmetric", "positive semidefinite", "positive definite"} & words and M != M.T:
        broken.extend(sorted({"symmetric", "positive semidefinite", "positive definite"} & words))
        return broken
    if "orthogonal" in words and M.T * M != sympy.eye(n):
        broken.append("orthogonal")
    if "diagonal" in words and any(M[i, j] != 0 for i in range(m) for j in range(n) if i != j):
        broken.append("diagonal")
    if "positive semidefinite" in words and not _is_psd(M):
        broken.append("positive semidefinite")
    if "positive definite" in words and not (rank == n and _is_psd(M)):
        broken.append("positive definite")
    return broken


def counterexample_problems(
    values: Mapping[Any, Any],
    assumptions: Mapping[sympy.MatrixSymbol, MatrixAssumptions],
    conditions: Iterable[ScalarCondition] = (),
) -> list[str]:
    """What a counterexample breaks: ``["A: symmetric", "c > 0"]`` (empty when it is valid).

    Parameters
    ----------
    values : mapping
        Keyed by MatrixSymbol, Symbol or their names; matrices and scalars.
    assumptions : mapping
        The stated assumptions of each matrix.
    conditions : iterable of ScalarCondition
        Conditions on scalars (stated, or those of a condition being
        confirmed); SymPy sign assumptions of the symbols are checked too.
    """
    by_name = {getattr(k, "name", str(k)): v for k, v in values.items()}
    problems = []
    for sym, a in sorted(assumptions.items(), key=lambda kv: kv[0].name):
        if sym.name in by_name:
            problems += [f"{sym.name}: {w}" for w in broken_assumptions(a, by_name[sym.name])]
    for cond in conditions:
        if cond.symbol.name in by_name and not cond.holds(by_name[cond.symbol.name]):
            problems.append(str(cond))
    return problems


def scalar_sign_problems(values: Mapping[Any, Any], scalars: Iterable[sympy.Symbol]) -> list[str]:
    """The scalars whose value breaks their own SymPy sign assumptions."""
    by_name = {getattr(k, "name", str(k)): v for k, v in values.items()}
    out = []
    for s in scalars:
        if s.name not in by_name:
            continue
        v = by_name[s.name]
        for attr, text in (("is_positive", "> 0"), ("is_negative", "< 0"), ("is_nonzero", "≠ 0"),
                           ("is_nonnegative", "≥ 0")):
            if getattr(s, attr) and not ScalarCondition(s, text).holds(v):
                out.append(f"{s.name} {text}")
                break
    return out


def guard_counterexample(
    result: CheckResult,
    assumptions: Mapping[sympy.MatrixSymbol, MatrixAssumptions],
    scalars: Iterable[sympy.Symbol] = (),
    conditions: Iterable[ScalarCondition] = (),
) -> CheckResult:
    """The one gate every counterexample passes before it is reported.

    A ``refuted`` (or ``conditional``) result whose counterexample breaks the
    stated assumptions (or a scalar's sign) is turned into ``inconsistent``:
    the checker drew a value it must not draw. Other results pass unchanged.
    """
    if result.verdict not in (Verdict.REFUTED, Verdict.CONDITIONAL) or not result.counterexample:
        return result
    problems = counterexample_problems(result.counterexample, assumptions, conditions)
    problems += scalar_sign_problems(result.counterexample, scalars)
    if not problems:
        return result
    where = "the counterexample breaks the assumptions: " + ", ".join(problems)
    return CheckResult(Verdict.INCONSISTENT, result.statement, result.statement_latex,
                       (*result.evidence, Evidence("exact", where, (("broken", "; ".join(problems)),))),
                       result.counterexample, (), where)
