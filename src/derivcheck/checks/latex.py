"""``check_latex``: check a claim straight from the article's LaTeX.

The formula is parsed by :func:`derivcheck.latex.parse_latex` (a grammar,
never evaluation) and dispatched on its structure:

* ``a = b`` of two matrix or scalar expressions: :func:`check_identity`;
* one side ``∂L/∂B``: :func:`check_gradient` (a loss named by a symbol such as
  ``\\mathcal{L}`` needs its definition in *definitions*);
* one side ``lim_{ε→0} X(ε)`` (X may be an argmin): :func:`check_limit`;
* one side ``argmin_B f(B)``: :func:`check_argmin`;
* ``a = b = c``: every consecutive step; ``P ⇒ Q``: the conclusion Q;
  ``a,\\quad b`` and align rows: every part.

The verdict of a formula with several steps is the worst of its steps
(inconsistent > refuted > conditional > undecided > verified > proved).
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

import sympy

from ..text import sstr
from ..budget import Budget, BudgetExpired, current_budget, stage
from ..validation import DEFAULT_BUDGET, validate_budget
from ..results import CheckResult, Evidence, Verdict
from ..errors import InputShapeError, InputTypeError, UnsupportedError
from ..latex import parse_latex
from ..latex.ast import (
    Argmin, Conjunction, Declaration, Definition, Equation, Gradient, Implication, MatrixLimit, MatrixNullity, MatrixRank,
    Membership, Minimum,
)
from .argmin import check_argmin
from .gradient import check_gradient
from .identity import check_identity
from .instances import validate_sampling
from .limit import check_limit

__all__ = ["check_latex", "combine_results", "symbols_of", "VERDICT_SEVERITY"]

#: Severity order used to combine the verdicts of several steps.
VERDICT_SEVERITY = (
    Verdict.PROVED, Verdict.VERIFIED, Verdict.NOT_CHECKABLE, Verdict.UNDECIDED,
    Verdict.CONDITIONAL, Verdict.REFUTED, Verdict.INCONSISTENT,
)


def combine_results(results: list[CheckResult], statement: str, statement_latex: str) -> CheckResult:
    """The worst verdict of several steps, with every step's evidence."""
    if len(results) == 1:
        return results[0]
    worst = max(results, key=lambda r: VERDICT_SEVERITY.index(r.verdict))
    evidence: list[Evidence] = []
    for i, r in enumerate(results, 1):
        evidence.append(Evidence(f"step {i}", f"{r.verdict.value}: {r.statement}", (("verdict", r.verdict.value),)))
        evidence.extend(r.evidence)
    return CheckResult(worst.verdict, statement, statement_latex, tuple(evidence),
                       worst.counterexample, worst.conditions, worst.where)


def _substitute_definitions(node, definitions: Mapping[sympy.Basic, Any]):
    """Replace defined scalars (a named loss) and defined matrices by their definitions."""
    if not definitions:
        return node
    matrices = {k: v for k, v in definitions.items() if isinstance(k, sympy.MatrixSymbol)}

    def sub(e):
        return e.xreplace(matrices) if matrices and isinstance(e, sympy.Basic) else e

    if isinstance(node, Gradient):
        loss = definitions.get(node.loss, node.loss)
        return Gradient(sub(loss), node.wrt)
    if isinstance(node, MatrixLimit):
        expr = node.expr
        expr = Argmin(expr.var, sub(expr.objective)) if isinstance(expr, Argmin) else sub(expr)
        return MatrixLimit(node.var, node.point, expr, node.direction)
    if isinstance(node, Argmin):
        return Argmin(node.var, sub(node.objective))
    return sub(node)


def _is_concrete(side) -> bool:
    """A side with written-out entries only: no matrix names, every size an integer."""
    if not isinstance(side, sympy.Basic) or side.atoms(sympy.MatrixSymbol):
        return False
    sized = [*side.atoms(sympy.Identity, sympy.ZeroMatrix)]
    return all(d.is_Integer for node in sized for d in node.shape)


def _check_concrete(a, b, seed: int) -> CheckResult | None:
    """Decide ``a = b`` between written-out matrices by exact evaluation (None: not possible).

    Entries are exact rationals (decimals were read exactly) or scalar symbols; the two
    sides are evaluated with exact SymPy arithmetic and compared entry by entry, so the
    verdict is ``proved`` or ``refuted``, never sampled.
    """
    from .evaluate import ExactBackend, Undefined, evaluate

    statement = f"{sstr(a)} = {sstr(b)}"
    backend = ExactBackend()
    symbols = {x: x for side in (a, b) for x in side.free_symbols if isinstance(x, sympy.Symbol)}

    def exact(side):
        # Determinants of written-out matrices: of the exactly evaluated argument.
        determinants = {d: evaluate(d.arg, symbols, backend).det(method="berkowitz")
                        for d in side.atoms(sympy.Determinant)}
        return evaluate(side.xreplace(determinants) if determinants else side, symbols, backend)

    try:
        values = [exact(side) for side in (a, b)]
    except Undefined as exc:
        return CheckResult(Verdict.REFUTED, statement, statement, (Evidence(
            "exact", f"a side is undefined when evaluated exactly: {exc}", (("kind", "undefined"),)),))
    except UnsupportedError:
        return None
    left, right = (sympy.ImmutableMatrix(v) if getattr(v, "is_Matrix", False) else v for v in values)
    shape = lambda v: tuple(v.shape) if getattr(v, "is_Matrix", False) else ()  # noqa: E731
    if shape(left) != shape(right):
        return CheckResult(Verdict.REFUTED, statement, statement, (Evidence(
            "exact", f"the sides have different shapes {shape(left)} and {shape(right)}",
            (("kind", "shape"),)),))
    difference = left - right
    entries = list(difference) if shape(left) else [difference]
    residual = [sympy.cancel(sympy.together(e)) for e in entries]
    if all(e == 0 for e in residual):
        return CheckResult(Verdict.PROVED, statement, statement, (Evidence(
            "exact", "both sides evaluated with exact arithmetic are equal entry by entry"
            + (" (as rational functions of the scalar entries, wherever both sides are defined)" if symbols else ""),
            (("entries", len(entries)),)),))
    free = sorted(set().union(*(e.free_symbols for e in residual)), key=lambda x: x.name)
    if not free:
        return CheckResult(Verdict.REFUTED, statement, statement, (Evidence(
            "exact", f"the sides differ when evaluated exactly (largest entry difference {max(map(abs, residual))})",
            (("entries", len(entries)), ("differing", sum(1 for e in residual if e != 0)))),),
            counterexample={"lhs": sympy.Matrix(left) if shape(left) else sympy.Matrix([[left]]),
                            "rhs": sympy.Matrix(right) if shape(right) else sympy.Matrix([[right]])})
    import random

    rng = random.Random(seed)
    for _ in range(50):
        point = {x: sympy.Integer(rng.randint(-9, 9)) for x in free}
        try:
            if any(e.subs(point) not in (0, sympy.nan, sympy.zoo) for e in residual):
                return CheckResult(Verdict.REFUTED, statement, statement, (Evidence(
                    "exact", "the sides differ as rational functions of the entries; a point where they differ is given",
                    (("symbols", len(free)),)),),
                    counterexample={x.name: sympy.Matrix([[v]]) for x, v in point.items()})
        except (ZeroDivisionError, TypeError):
            continue
    return None


def _check_unequal(a, b, kw: dict, sampling: dict) -> CheckResult:
    """Decide ``a ≠ b``: the sides differ (for every value of the names in them).

    Written-out matrices are compared exactly (``proved`` or ``refuted``). Otherwise the
    claim is universal: one exact instance where the sides are equal refutes it (the
    zero matrices of the rank-0 profile often do); if they differ at every instance
    drawn, it is ``verified``.
    """
    from .assumptions import normalize_assumptions
    from .evaluate import ExactBackend
    from .identity import _evaluate_instance
    from .instances import dimension_symbols, draw_instances, matrix_symbols_of

    statement = f"{sstr(a)} ≠ {sstr(b)}"
    if _is_concrete(a) and _is_concrete(b):
        decided = _check_concrete(a, b, kw["seed"])
        if decided is not None and decided.verdict is Verdict.PROVED:
            return CheckResult(Verdict.REFUTED, statement, statement, decided.evidence)
        if decided is not None and decided.verdict is Verdict.REFUTED and decided.counterexample:
            return CheckResult(Verdict.PROVED, statement, statement, decided.evidence)
        return CheckResult(Verdict.UNDECIDED, statement, statement,
                           where="the exact evaluation of the two sides did not decide")
    symbols = matrix_symbols_of(a, b)
    dims = set(dimension_symbols(a, b))
    scalars = sorted((x for x in (a.free_symbols | b.free_symbols)
                      if isinstance(x, sympy.Symbol) and not isinstance(x, sympy.MatrixSymbol) and x not in dims),
                     key=lambda x: x.name)
    assumptions = normalize_assumptions(kw["assume"], symbols)
    options = {k: v for k, v in sampling.items() if k in ("max_dim", "max_shapes", "per_profile")}
    instances = draw_instances(symbols, scalars, assumptions, seed=kw["seed"], dim_symbols=dims, **options)
    backend = ExactBackend()
    outcomes = [_evaluate_instance(a, b, inst, backend) for inst in instances]
    equal = [o for o in outcomes if o.status == "equal"]
    if equal:
        inst = equal[0].instance
        counterexample = {s.name: m for s, m in inst.matrices}
        counterexample.update({s.name: sympy.Matrix([[v]]) for s, v in inst.scalars})
        return CheckResult(Verdict.REFUTED, statement, statement, (Evidence(
            "exact", f"the sides are equal at {len(equal)} of {len(outcomes)} exact instances; first: "
            f"{inst.describe()}", (("instances", len(outcomes)), ("equal", len(equal)))),), counterexample)
    differ = [o for o in outcomes if o.status == "differ"]
    if outcomes and len(differ) == len(outcomes):
        return CheckResult(Verdict.VERIFIED, statement, statement, (Evidence(
            "exact", f"the sides differ at every one of {len(outcomes)} exact instances",
            (("instances", len(outcomes)),)),))
    return CheckResult(Verdict.UNDECIDED, statement, statement,
                       where="the sides are undefined or of other shapes at some instances")


def _check_pair(a, b, kw: dict, sampling: dict) -> CheckResult:
    if _is_concrete(a) and _is_concrete(b) and (a.atoms(sympy.MatrixBase) or b.atoms(sympy.MatrixBase)
                                                or isinstance(a, sympy.MatrixBase) or isinstance(b, sympy.MatrixBase)):
        decided = _check_concrete(a, b, kw["seed"])
        if decided is not None:
            return decided
    if isinstance(b, (Gradient, MatrixLimit, Argmin)) and not isinstance(a, (Gradient, MatrixLimit, Argmin)):
        a, b = b, a
    if isinstance(a, Gradient):
        if isinstance(a.loss, sympy.Symbol) and not a.loss.free_symbols - {a.loss} and not a.loss.has(a.wrt):
            raise UnsupportedError(
                "loss", a.loss, "the loss is only named in this formula",
                f"pass its definition: definitions={{{a.loss.name!r}: <scalar expression>}}",
            )
        grad_opts = {k: v for k, v in sampling.items() if k == "max_dim"}
        return check_gradient(a.loss, a.wrt, b, **kw, **grad_opts, budget=_share())
    if isinstance(a, MatrixLimit):
        return check_limit(a.expr, a.var, b, **kw, **sampling, budget=_share())
    if isinstance(a, Argmin):
        return check_argmin(a.objective, a.var, b, assume=kw["assume"], seed=kw["seed"], **sampling,
                            budget=_share())
    if isinstance(a, Minimum) or isinstance(b, Minimum):
        raise UnsupportedError("formula", "min", "claims about a minimum value are not checked",
                               "state the minimizer with argmin instead")
    return check_identity(a, b, **kw, **sampling, budget=_share())


def _share() -> float:
    """What is left of the formula's budget, for one of its equations."""
    budget = current_budget()
    return DEFAULT_BUDGET if budget is None else max(budget.remaining(), 1e-3)


def _limit_convention(limit: MatrixLimit) -> str:
    """How a limit written two-sided (``\\to 0``) is checked, as a sentence for the evidence."""
    var = limit.var.name
    head = (f"the limit {var} → {limit.point} is written two-sided; it is checked from above "
            f"({var} > 0)")
    if isinstance(limit.expr, Argmin):
        return head + f": the minimisation is defined for {var} > 0 only"
    body = limit.expr
    irrational = any(
        isinstance(p, sympy.Pow) and not p.exp.is_integer and p.has(limit.var)
        for p in body.atoms(sympy.Pow)
    ) or body.has(sympy.Abs)
    if irrational:
        return head + f"; the expression is not rational in {var}, so the limit from below may differ"
    return head + (f"; the entries are rational in {var}, so a finite limit from above "
                   "is also the two-sided limit")


def _with_conventions(result: CheckResult, conventions: Iterable[str]) -> CheckResult:
    """The result with one ``convention`` evidence entry per reading convention the check assumed."""
    extra = tuple(Evidence("convention", text) for text in dict.fromkeys(conventions))
    if not extra:
        return result
    return CheckResult(result.verdict, result.statement, result.statement_latex, result.evidence + extra,
                       result.counterexample, result.conditions, result.where)


def _refuse_rank(side) -> None:
    if isinstance(side, sympy.Basic) and side.has(MatrixRank, MatrixNullity):
        rank = next(iter(side.atoms(MatrixRank, MatrixNullity)))
        raise UnsupportedError(
            "formula", sstr(rank), "a rank is a hypothesis about a matrix, not an identity to check",
            "state it as an assumption, e.g. assume={'A': 'full column rank'}, and check the formula it enables",
        )


def _is_definition(statement, later: list, defs: Mapping) -> bool:
    """``P := AA^+``, or ``A = \\begin{pmatrix}...\\end{pmatrix}`` with A used in a later statement."""
    if isinstance(statement, Definition):
        return True
    if not (isinstance(statement, Equation) and len(statement.sides) == 2):
        return False
    target, value = statement.sides
    if not isinstance(target, sympy.MatrixSymbol) or target in defs or not _is_concrete(value):
        return False
    if not (isinstance(value, sympy.MatrixBase) or value.atoms(sympy.MatrixBase)):
        return False
    return any(isinstance(s, sympy.Basic) and s.has(target) for e in later if isinstance(e, Equation)
               for s in e.sides)


def _parse_with_defined_shapes(formula: str, shapes, definitions):
    """Parse *formula*; a matrix given by a concrete definition lends the parser its shape.

    (``A^+ = \\frac19 [-1; 2; 2]`` with ``A = [-1 2 2]`` is consistent: A is the 1×3
    row the definition says, not a matrix forced to one row by a typo.)
    """
    defined = {name: tuple(int(d) for d in value.shape) for name, value in (definitions or {}).items()
               if getattr(value, "is_Matrix", False) and all(getattr(d, "is_Integer", False) or
                                                             isinstance(d, int) for d in value.shape)}
    merged = {**defined, **dict(shapes or {})}
    if not defined or merged == dict(shapes or {}):
        return parse_latex(formula, shapes=shapes)
    try:
        return parse_latex(formula, shapes=merged)
    except InputShapeError as exc:
        if not exc.name.startswith("shapes["):
            raise
        return parse_latex(formula, shapes=shapes)  # a defined name the formula does not use as a matrix


def _pairs(sides: list) -> list[tuple]:
    """The equations of a chain: consecutive sides, except that a derivative (limit, argmin)
    next to another is compared with the next plain side (d(b^Tx)/dx = d(x^Tb)/dx = b)."""
    special = (Gradient, MatrixLimit, Argmin)
    pairs = []
    for index, (a, b) in enumerate(zip(sides, sides[1:])):
        if isinstance(a, special) and isinstance(b, special):
            plain = next((s for s in sides[index + 2:] if not isinstance(s, special)), None)
            if plain is None:
                raise UnsupportedError("formula", f"{sstr(a)} = {sstr(b)}",
                                       "two derivatives, limits or argmins are compared with no value between them",
                                       "write the value both equal: d f/dX = d g/dX = <expression>")
            b = plain
        pairs.append((a, b))
    return pairs


def _named_value(sides: list, defs) -> bool:
    """``X = e_1 = e_2``: a matrix name that only names the value of the chain (X := e_1)."""
    head = sides[0]
    return (len(sides) >= 3 and isinstance(head, sympy.MatrixSymbol) and head not in defs
            and not any(isinstance(s, sympy.Basic) and s.has(head) for s in sides[1:]))


def _is_scalar_hypothesis(node) -> bool:
    """``c ≠ 0`` or ``c > 0`` written beside the claim: a stated condition on a scalar."""
    if not isinstance(node, (sympy.Unequality, sympy.StrictGreaterThan, sympy.StrictLessThan)):
        return False
    sides = node.args
    return any(s == 0 for s in sides) and any(isinstance(s, sympy.Symbol) for s in sides)


def _premise_definitions(premise) -> Iterable:
    """``P = A(A^TA)^{-1}A^T \\Rightarrow P^2 = P``: a premise naming a matrix defines it."""
    parts = premise.parts if isinstance(premise, Conjunction) else (premise,)
    for part in parts:
        if isinstance(part, Definition):
            yield part
        elif (isinstance(part, Equation) and len(part.sides) == 2 and isinstance(part.sides[0], sympy.MatrixSymbol)
              and isinstance(part.sides[1], sympy.Basic) and not part.sides[1].has(part.sides[0])):
            yield Definition(part.sides[0], part.sides[1])


def _statements(node) -> Iterable:
    if isinstance(node, Conjunction):
        for part in node.parts:
            yield from _statements(part)
    elif isinstance(node, Implication):
        yield from _premise_definitions(node.premise)
        yield from _statements(node.conclusion)
    elif isinstance(node, Declaration):
        yield node
    elif isinstance(node, Equation):
        yield node
    elif isinstance(node, Definition):
        yield node
    elif isinstance(node, Membership):
        yield node.condition  # x ∈ C(M): M M⁺ x = x; x ∈ N(M): M x = 0
    elif _is_scalar_hypothesis(node):
        return  # c \neq 0, α > 0: the parser built the symbol under it (see parse_latex)
    elif isinstance(node, sympy.Unequality):
        yield node  # (BA)^+ \neq A^+B^+: the sides differ
    else:
        raise UnsupportedError("formula", node, "the formula states no equation to check",
                               "quote an equation (a = b)")


def check_latex(
    formula: str,
    *,
    assume: Mapping[str, Any] | None = None,
    shapes: Mapping[str, tuple] | None = None,
    definitions: Mapping[str, Any] | None = None,
    seed: int = 0,
    dps: int = 50,
    max_dim: int | None = None,
    max_shapes: int | None = None,
    per_profile: int | None = None,
    budget: float = DEFAULT_BUDGET,
) -> CheckResult:
    """Parse a LaTeX formula and check every equation it states.

    Parameters
    ----------
    formula : str
        The formula as the article writes it (``\\boldsymbol{A}^{\\dagger} = ...``).
    assume : mapping of str to str or list of str, optional
        Assumption words per matrix *name* (``{"A": "full column rank"}``).
    shapes : mapping of str to (int, int), optional
        Fixed shapes per name (see :func:`derivcheck.latex.parse_shape_option`).
    definitions : mapping of str to sympy.Expr, optional
        Definitions by name: of scalars, e.g. ``{"\\mathcal{L}": loss}`` where the
        loss is built over the formula's own matrices (see :func:`symbols_of`), and
        of matrices, e.g. ``{"A": U*Sigma*V.T}`` to check a formula on
        ``A = UΣVᵀ`` (each occurrence of the matrix is replaced).
    seed, dps : int
        As for :func:`~derivcheck.checks.identity.check_identity`.
    max_dim, max_shapes, per_profile : int, optional
        Sampling options passed to the checker (each checker's default if None).
    budget : float
        Seconds for the whole formula (default 60); each equation's check
        gets what is left. When it runs out the verdict is ``undecided`` with
        where it stopped.

    Returns
    -------
    CheckResult
        The combined verdict of every step.

    Raises
    ------
    LatexParseError
        Notation outside the supported subset (position and token).
    UnsupportedError
        A formula that states nothing checkable.

    Notes
    -----
    A formula whose shapes cannot be consistent (sides of different shapes, a
    product with unequal inner dimensions) is a claim too: it is ``refuted``
    with the conflict as evidence. A formula of shape declarations only
    (``x \\in \\mathbb{R}^n,\\ Ax \\in \\mathbb{R}^m``) is ``proved`` when its
    shapes are consistent.
    """
    for name, value in (("assume", assume), ("definitions", definitions)):
        if value is not None and not isinstance(value, Mapping):
            raise InputTypeError(name, value, f"{name} must map names to values",
                                 "pass a dict, e.g. {'A': 'full column rank'}")
    validate_sampling(seed=seed, dps=dps, max_dim=max_dim or 1, max_shapes=max_shapes or 1,
                      per_profile=per_profile or 1)
    seconds = validate_budget(budget)
    try:
        parsed = _parse_with_defined_shapes(formula, shapes, definitions)
    except InputShapeError as exc:
        if not exc.name.startswith("formula["):
            raise  # a bad shapes argument is a usage error, not a claim about the formula
        return CheckResult(Verdict.REFUTED, formula, formula, (Evidence(
            "symbolic", f"the formula is not shape-consistent: {exc.value!s} — {exc.rule}",
            (("where", exc.name),)),))
    by_name = dict(parsed.matrices)
    # Matrices that only the definitions use (P^* = P with P := A(A^*A)^{-1}A^*) may carry assumptions.
    for value in (definitions or {}).values():
        if isinstance(value, sympy.Basic):
            for symbol in sorted(value.atoms(sympy.MatrixSymbol), key=lambda m: m.name):
                by_name.setdefault(symbol.name, symbol)
    assumptions = {}
    for name, words in (assume or {}).items():
        if name not in by_name:
            raise InputTypeError(
                f"assume[{name!r}]", words, f"the formula has no matrix named {name!r}",
                f"use one of: {', '.join(sorted(by_name)) or '(none)'}",
            )
        assumptions[by_name[name]] = words
    defs: dict = {}
    for name, expr in (definitions or {}).items():
        if name in parsed.scalars:
            if getattr(expr, "is_Matrix", False) and tuple(expr.shape) == (1, 1):
                expr = sympy.Trace(expr)  # f := x^T A x, a 1×1 product: its entry
            defs[parsed.scalars[name]] = expr
        elif name in by_name:
            target = by_name[name]
            if not getattr(expr, "is_Matrix", False):
                raise InputTypeError(f"definitions[{name!r}]", expr, f"{name} is a matrix in the formula",
                                     "define it by a matrix expression")
            defs[target] = expr
        else:
            raise InputTypeError(
                f"definitions[{name!r}]", expr, f"the formula has no scalar or matrix named {name!r}",
                f"use one of: {', '.join(sorted([*parsed.scalars, *by_name])) or '(none)'}",
            )
    kw = {"assume": assumptions or None, "seed": seed, "dps": dps}
    sampling = {k: v for k, v in (("max_dim", max_dim), ("max_shapes", max_shapes),
                                  ("per_profile", per_profile)) if v is not None}
    results = []
    declarations = []
    conventions = list(parsed.conventions)
    statements = list(_statements(parsed.tree))
    defined = []

    def body(run: Budget) -> list[CheckResult]:
        for index, eq in enumerate(statements):
            if isinstance(eq, Declaration):
                declarations.append(eq)
                continue
            if _is_definition(eq, statements[index + 1:], defs):
                target, value = (eq.target, eq.value) if isinstance(eq, Definition) else eq.sides
                defs[target] = _substitute_definitions(value, defs)
                defined.append(target)
                shown = " ".join(sstr(value).split())
                conventions.append(f"{sstr(target)} = {shown} is read as a definition, "
                                   "used by the other statements")
                continue
            if isinstance(eq, sympy.Unequality):
                a, b = (_substitute_definitions(s, defs) for s in (eq.lhs, eq.rhs))
                with stage(run, f"the inequation {sstr(a)} ≠ {sstr(b)}"):
                    results.append(_check_unequal(a, b, kw, sampling))
                continue
            sides = [_substitute_definitions(s, defs) for s in eq.sides]
            if _named_value(sides, defs):
                conventions.append(f"{sstr(sides[0])} names the value of the chain; "
                                   "the steps after it are checked")
                sides = sides[1:]
            for position, side in enumerate(sides):
                if (isinstance(side, MatrixLimit) and not isinstance(side.expr, Argmin)
                        and isinstance(side.expr, sympy.Basic) and not side.expr.has(side.var)):
                    # The limit of an expression free of the variable is the expression itself.
                    conventions.append(f"the expression under the limit does not depend on {side.var.name}: "
                                       "the limit is the expression itself")
                    sides[position] = side = side.expr
                _refuse_rank(side)
                if isinstance(side, MatrixLimit) and side.direction != "+":
                    conventions.append(_limit_convention(side))
            for a, b in _pairs(sides):
                with stage(run, f"the equation {sstr(a)} = {sstr(b)}"):
                    results.append(_check_pair(a, b, kw, sampling))
        return results

    try:
        with Budget(seconds) as run:
            body(run)
    except BudgetExpired as exc:
        if exc.budget is not run:
            raise
        results.append(CheckResult(Verdict.UNDECIDED, formula, formula, where=exc.where))
    if not results and declarations:
        shown = "; ".join(f"{sstr(d.target)} ∈ R^{d.shape}" for d in declarations)
        return CheckResult(Verdict.PROVED, formula, formula, (Evidence(
            "symbolic", f"the shape declarations are consistent with every product and sum: {shown}",
            (("declarations", len(declarations)),)),))
    if not results:
        if defined:
            raise UnsupportedError("formula", formula, "the formula only defines "
                                   + ", ".join(sstr(t) for t in defined) + " and states no claim",
                                   "quote a formula that uses the definition, e.g. P := AA^+,\\ P^2 = P")
        raise UnsupportedError("formula", formula, "the formula states no equation to check",
                               "quote an equation (a = b)")
    return _with_conventions(combine_results(results, formula, formula), conventions)


def symbols_of(formula: str, *, shapes: Mapping[str, tuple] | None = None) -> dict[str, Any]:
    """The MatrixSymbols and scalar symbols a formula uses, by name (to build definitions)."""
    parsed = parse_latex(formula, shapes=shapes)
    return {**dict(parsed.matrices), **dict(parsed.scalars)}
