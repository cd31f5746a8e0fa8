"""The registry: each claim kind and the checker that decides it.

The claim kinds (:mod:`derivcheck.claims.kinds`) are data; this module maps
each to a checker ``checker(kind, ctx) -> CheckResult`` and is the only place
that knows both. :func:`run_kind` decides one kind; the runner
(:mod:`derivcheck.runner`) calls it for every claim, under the claim's budget.

A new kind gets its checker with :func:`register`::

    @register(MyKind)
    def _check_my_kind(kind, ctx):
        ...
"""

from __future__ import annotations

from typing import Any, Callable

from ..claims.claim import CheckContext
from ..claims.kinds import (
    AllOf,
    Argmin,
    ClaimKind,
    Experiment,
    Gradient,
    Identity,
    LatexFormula,
    Limit,
    NotCheckable,
    PrintedMatrix,
    Procedure,
    Proof,
    Property,
    WellShaped,
)
from ..errors import InputTypeError
from ..results import CheckResult
from . import properties
from .argmin import check_argmin
from .gradient import check_gradient
from .identity import check_identity
from .latex import check_latex, combine_results
from .limit import DIVERGES, check_limit
from .printed import check_printed_matrix

__all__ = ["register", "checker_for", "run_kind", "registered_kinds"]

Checker = Callable[[Any, CheckContext], CheckResult]

_CHECKERS: dict[type, Checker] = {}


def register(kind_type: type) -> Callable[[Checker], Checker]:
    """Decorator: make the function the checker of *kind_type*.

    Raises
    ------
    InputTypeError
        When *kind_type* is not a subclass of ``ClaimKind`` or already has a
        checker.
    """
    if not (isinstance(kind_type, type) and issubclass(kind_type, ClaimKind)):
        raise InputTypeError("kind_type", kind_type, "must be a ClaimKind subclass",
                             "register a kind of derivcheck.claims.kinds")
    if kind_type in _CHECKERS:
        raise InputTypeError("kind_type", kind_type.__name__, "already has a checker",
                             "subclass the kind to give it another checker")

    def add(checker: Checker) -> Checker:
        _CHECKERS[kind_type] = checker
        return checker

    return add


def checker_for(kind: ClaimKind) -> Checker:
    """Return the checker of *kind* (looked up along its class hierarchy).

    Raises
    ------
    InputTypeError
        When *kind* is not a claim kind, or no checker is registered for it.
    """
    if not isinstance(kind, ClaimKind):
        raise InputTypeError("kind", kind, "must be a claim kind",
                             "use a kind of derivcheck.claims.kinds, e.g. Identity(lhs, rhs)")
    for cls in type(kind).__mro__:
        if cls in _CHECKERS:
            return _CHECKERS[cls]
    raise InputTypeError("kind", type(kind).__name__, "has no registered checker",
                         "register one with derivcheck.checks.registry.register")


def registered_kinds() -> tuple[type, ...]:
    """The kinds that have a checker, in registration order."""
    return tuple(_CHECKERS)


def run_kind(kind: ClaimKind, ctx: CheckContext) -> CheckResult:
    """Decide *kind* with its checker and return the computed result.

    Parameters
    ----------
    kind : ClaimKind
        What is claimed.
    ctx : CheckContext
        The claim's seed, precision and budget.

    Returns
    -------
    CheckResult

    Raises
    ------
    InputTypeError
        When *kind* has no checker, or the checker returns something other
        than a ``CheckResult``.

    Examples
    --------
    >>> import sympy as sp
    >>> from derivcheck.claims import CheckContext, Identity
    >>> A = sp.MatrixSymbol("A", 2, 2)
    >>> run_kind(Identity(A.T.T, A), CheckContext(seed=0, dps=30, budget=10)).verdict.value
    'proved'
    >>> run_kind(Identity(A.T, A), CheckContext(seed=0, dps=30, budget=10)).verdict.value
    'refuted'
    """
    result = checker_for(kind)(kind, ctx)
    if not isinstance(result, CheckResult):
        raise InputTypeError("check result", type(result).__name__, "is not a CheckResult",
                             "return the CheckResult the checkers compute")
    return result


def _assume(kind: Any) -> dict | None:
    if kind.assume is None:
        return None
    return {key: (words[0] if len(words) == 1 else list(words)) for key, words in kind.assume.items()}


@register(Identity)
def _check_identity(kind: Identity, ctx: CheckContext) -> CheckResult:
    return check_identity(kind.lhs, kind.rhs, assume=_assume(kind), seed=ctx.seed, dps=ctx.dps,
                          **kind.options)


@register(Gradient)
def _check_gradient(kind: Gradient, ctx: CheckContext) -> CheckResult:
    return check_gradient(kind.loss, kind.wrt, kind.claimed, assume=_assume(kind), seed=ctx.seed,
                          dps=ctx.dps, **kind.options)


@register(Limit)
def _check_limit(kind: Limit, ctx: CheckContext) -> CheckResult:
    claimed = DIVERGES if kind.diverges else kind.claimed
    return check_limit(kind.expr, kind.var, claimed, assume=_assume(kind), seed=ctx.seed, dps=ctx.dps,
                       **kind.options)


@register(Argmin)
def _check_argmin(kind: Argmin, ctx: CheckContext) -> CheckResult:
    return check_argmin(kind.objective, kind.wrt, kind.claimed, assume=_assume(kind), seed=ctx.seed,
                        **kind.options)


@register(LatexFormula)
def _check_latex_formula(kind: LatexFormula, ctx: CheckContext) -> CheckResult:
    return check_latex(kind.formula, assume=_assume(kind),
                       shapes=None if kind.shapes is None else dict(kind.shapes),
                       definitions=None if kind.definitions is None else dict(kind.definitions),
                       seed=ctx.seed, dps=ctx.dps, **kind.options)


@register(PrintedMatrix)
def _check_printed(kind: PrintedMatrix, ctx: CheckContext) -> CheckResult:
    truth = kind.truth() if callable(kind.truth) else kind.truth
    return check_printed_matrix(kind.printed, truth, decimals=kind.decimals, statement=kind.describe())


@register(AllOf)
def _check_all_of(kind: AllOf, ctx: CheckContext) -> CheckResult:
    return combine_results([run_kind(step, ctx) for step in kind.steps], kind.describe(), "")


@register(Procedure)
def _check_procedure(kind: Procedure, ctx: CheckContext) -> CheckResult:
    return kind.check(ctx)


register(Property)(properties.check_property)
register(Proof)(properties.check_proof)
register(Experiment)(properties.check_experiment)
register(NotCheckable)(properties.check_not_checkable)
register(WellShaped)(properties.check_well_shaped)
