"""Gradients of scalar matrix losses, by independent routes that must agree.

A *loss* is a scalar SymPy expression over ``MatrixSymbol`` objects
(traces, products, sums, transposes, inverses, scalar symbols such as ``ε``,
Frobenius-norm squares written ``Trace(X.T*X)``). Its gradient with respect
to a ``MatrixSymbol`` ``W`` is the matrix ``G`` of ``W``'s shape with
``G_ij = ∂L/∂W_ij``. Three routes compute it:

index route (:func:`gradient_index_route`)
    Every ``MatrixSymbol`` becomes an explicit matrix of independent real
    symbols at concrete shapes (symbolic dimensions run over every value
    from 1 to a bound); the loss becomes an ordinary polynomial or rational
    function, differentiated entry by entry. Exact, and a proof for all
    entries at each shape.
matrix-calculus route (:func:`gradient_matrix_route`)
    SymPy's ``loss.diff(W)`` with symbolic dimensions. Known to return a zero
    matrix for some sums (for example a sum of two traces), so it is never
    trusted alone: :func:`compare_gradient` checks it against the index
    route at every concrete shape and classifies it.
directional route (inside :func:`compare_gradient`)
    ``d/dt L(W + tH)`` at ``t = 0`` for an explicit symbolic direction
    ``H`` equals ``⟨G, H⟩_F``; the coefficient of ``H_ij`` is ``G_ij``. Used
    to break ties when the other two routes disagree, and (with rational
    values instead of symbols) to re-evaluate a counterexample
    independently before it is reported.

:func:`prove_chain_rule_ab` replays the index-notation chain rule for
``L = ‖AB − M‖_F²`` step by step, each step checked exactly.
"""

from __future__ import annotations

import itertools
import numbers
import random
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from ..text import sstr
from ..errors import (
    DimensionError,
    InexactInputError,
    InputError,
    InputShapeError,
    InputTypeError,
    UnsupportedError,
    short_repr,
)
from ..budget import checkpoint
from ..validation import validate_seed, validate_size
from .convert import as_exact_matrix
from .frobenius import _has_denominator, _simplify_exact, polynomial_of, symbolic_matrix
from .walk import OUTSIDE_THE_RING, PolynomialBackend, Undefined, walk_expression

__all__ = [
    "IndexInstance",
    "IndexRouteResult",
    "MatrixRouteResult",
    "MatrixRouteCheck",
    "GradientCounterexample",
    "GradientCheck",
    "ChainRuleStep",
    "ChainRuleProof",
    "shape_conditions",
    "gradient_index_route",
    "gradient_matrix_route",
    "compare_gradient",
    "prove_chain_rule_ab",
    "DEFAULT_MAX_DIM",
    "DEFAULT_MAX_INSTANCES",
]

#: Default bound on every symbolic dimension for the index route.
DEFAULT_MAX_DIM = 3
#: Default cap on the number of concrete shape instances one call may visit.
DEFAULT_MAX_INSTANCES = 512
#: Hard cap on a single concrete dimension (explicit symbolic matrices grow fast).
HARD_MAX_DIM = 12

Dims = tuple[tuple[str, int], ...]


# ---------------------------------------------------------------------------
# results
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexInstance:
    """The gradient at one concrete shape, with fully symbolic entries.

    Parameters
    ----------
    dims : tuple of (str, int)
        Value of each symbolic dimension (empty when all are concrete).
    entries : tuple of (str, sympy.ImmutableMatrix)
        The explicit symbolic matrix that stood for each ``MatrixSymbol``.
    loss_value : sympy.Expr
        The loss as a scalar function of the entry symbols.
    gradient : sympy.ImmutableMatrix
        ``∂L/∂W_ij``, shape of ``W`` at these dims.
    """

    dims: Dims
    entries: tuple[tuple[str, sympy.ImmutableMatrix], ...]
    loss_value: sympy.Expr
    gradient: sympy.ImmutableMatrix


@dataclass(frozen=True)
class IndexRouteResult:
    """Gradients at every concrete shape visited.

    Parameters
    ----------
    loss : sympy.Expr
    wrt : sympy.MatrixSymbol
    route : str
        ``"index"`` or ``"directional"``.
    dimension_names : tuple of str
        The symbolic dimensions, in the order used in ``dims``.
    instances : tuple of IndexInstance
    """

    loss: sympy.Expr
    wrt: sympy.MatrixSymbol
    route: str
    dimension_names: tuple[str, ...]
    instances: tuple[IndexInstance, ...]

    def at(self, **dims: int) -> IndexInstance:
        """Return the instance with the given dimension values, e.g. ``at(n=2, r=1, m=3)``."""
        key = tuple(sorted(dims.items()))
        for inst in self.instances:
            if tuple(sorted(inst.dims)) == key:
                return inst
        raise InputError(
            "dims", dims, "no instance with these dimension values was computed",
            f"pick one of {[dict(i.dims) for i in self.instances][:6]}",
        )


@dataclass(frozen=True)
class MatrixRouteResult:
    """What SymPy's matrix calculus returned, before any comparison.

    Parameters
    ----------
    raw : sympy.Basic or None
        ``loss.diff(wrt)`` as returned (None if it raised).
    form : str
        ``"expression"`` (a matrix of the right shape), ``"zero"`` (``0`` or
        a ``ZeroMatrix``: correct or the known defect, only a comparison
        tells), or ``"failed"`` (raised, unevaluated, or wrong shape).
    error : str or None
        Why it failed.
    termwise : sympy.Basic or None
        When the loss is a sum: the sum of the derivatives of its terms (a
        workaround for the defect on sums); None otherwise or if it failed.
    termwise_form : str
        Same classification as *form* for *termwise*, or ``"not-run"``.
    """

    raw: sympy.Basic | None
    form: str
    error: str | None
    termwise: sympy.Basic | None
    termwise_form: str


@dataclass(frozen=True)
class MatrixRouteCheck:
    """The matrix-calculus route judged against the index route.

    Parameters
    ----------
    status : str
        ``"agreed"`` at every shape; ``"zero-matrix-bug"``: SymPy returned a
        zero matrix where the gradient is not zero (the known defect on
        sums of traces); ``"disagreed"``: a nonzero wrong answer;
        ``"failed"``: SymPy raised or returned something unusable;
        ``"not-run"``.
    raw : sympy.Basic or None
        SymPy's answer.
    detail : str
        One line of explanation (first shape of disagreement, error text).
    termwise : sympy.Basic or None
        Sum of per-term derivatives, when the loss is a sum.
    termwise_status : str
        ``"agreed"``, ``"disagreed"``, ``"failed"`` or ``"not-run"``.
    tie_break : str
        What the directional route said where the routes disagreed.
    """

    status: str
    raw: sympy.Basic | None = None
    detail: str = ""
    termwise: sympy.Basic | None = None
    termwise_status: str = "not-run"
    tie_break: str = ""


@dataclass(frozen=True)
class GradientCounterexample:
    """Exact values at which a claimed gradient is wrong.

    Parameters
    ----------
    dims : tuple of (str, int)
        The concrete dimensions.
    matrices : tuple of (str, sympy.ImmutableMatrix)
        Exact rational value of every ``MatrixSymbol``.
    scalars : tuple of (str, sympy.Rational)
        Exact value of every scalar symbol (e.g. ``epsilon``).
    gradient : sympy.ImmutableMatrix
        The true gradient there, recomputed from the values alone by the
        directional route.
    claimed : sympy.ImmutableMatrix
        The claimed gradient evaluated there.
    entry : (int, int)
        First entry (0-based) where they differ.
    rechecked : bool
        True when the independent re-evaluation reproduced the symbolic
        gradient at this point and confirmed the mismatch.
    """

    dims: Dims
    matrices: tuple[tuple[str, sympy.ImmutableMatrix], ...]
    scalars: tuple[tuple[str, sympy.Expr], ...]
    gradient: sympy.ImmutableMatrix
    claimed: sympy.ImmutableMatrix
    entry: tuple[int, int]
    rechecked: bool

    def as_mapping(self) -> dict[str, sympy.ImmutableMatrix]:
        """Return ``{name: matrix}`` for the matrices (a fresh dict)."""
        return dict(self.matrices)


@dataclass(frozen=True)
class GradientCheck:
    """Whether a claimed expression is the gradient of a loss.

    Parameters
    ----------
    status : str
        ``"agrees"``, ``"shape-mismatch"``, ``"invalid-product"`` (the
        claimed expression is defined only under dimension equalities) or
        ``"value-mismatch"`` (see *counterexample*).
    holds : bool
        True exactly when *status* is ``"agrees"``.
    loss, wrt, claimed : sympy objects
        What was checked.
    wrt_shape, claimed_shape : tuple
        Shapes (symbolic dimensions kept).
    message : str
        One line for humans.
    shapes_checked : tuple of dims
        Every concrete shape visited, in order.
    proved_shapes : tuple of dims
        Shapes at which ``claimed = gradient`` was proved for all symbolic
        entries.
    for_all_entries : bool
        True when the claim holds and was proved for all entries at every
        shape checked (dimensions up to *max_dim*).
    max_dim : int
        The bound on symbolic dimensions.
    conditions : tuple of str
        Dimension equalities the claimed expression needs (invalid product).
    counterexample : GradientCounterexample or None
    matrix_route : MatrixRouteCheck
    directional_route : str
        What the directional route found, if it ran.
    """

    status: str
    holds: bool
    loss: sympy.Expr
    wrt: sympy.MatrixSymbol
    claimed: sympy.Basic
    wrt_shape: tuple
    claimed_shape: tuple
    message: str
    shapes_checked: tuple[Dims, ...] = ()
    proved_shapes: tuple[Dims, ...] = ()
    for_all_entries: bool = False
    max_dim: int = DEFAULT_MAX_DIM
    conditions: tuple[str, ...] = ()
    counterexample: GradientCounterexample | None = None
    matrix_route: MatrixRouteCheck = MatrixRouteCheck("not-run")
    directional_route: str = "not run"

    def __str__(self) -> str:
        lines = [f"{self.status}: d/d{self.wrt} {sstr(self.loss)} "
                 f"vs {sstr(self.claimed)}", f"  {self.message}"]
        lines.append(f"  matrix route: {self.matrix_route.status}"
                     + (f" ({self.matrix_route.detail})" if self.matrix_route.detail else ""))
        if self.counterexample is not None:
            ce = self.counterexample
            lines.append(f"  counterexample at {_fmt_dims(ce.dims)} (rechecked={ce.rechecked}):")
            for name, value in ce.matrices + ce.scalars:
                lines.append(f"    {name} = {sstr(value)}")
            lines.append(f"    gradient = {sstr(ce.gradient)}")
            lines.append(f"    claimed  = {sstr(ce.claimed)}")
        return "\n".join(lines)


@dataclass(frozen=True)
class ChainRuleStep:
    """One step of an index-notation derivation, checked exactly.

    Parameters
    ----------
    label : str
    statement : str
    residual : sympy.ImmutableMatrix
        ``lhs - rhs`` for every index combination, after exact
        simplification.
    holds : bool
    """

    label: str
    statement: str
    residual: sympy.ImmutableMatrix
    holds: bool


@dataclass(frozen=True)
class ChainRuleProof:
    """The chain-rule derivation of ``∂‖AB − M‖_F²/∂B`` at one shape.

    Parameters
    ----------
    shapes : tuple of (str, (int, int))
    steps : tuple of ChainRuleStep
    holds : bool
        All steps hold.
    """

    shapes: tuple[tuple[str, tuple[int, int]], ...]
    steps: tuple[ChainRuleStep, ...]
    holds: bool


# ---------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------


def _validate_loss(loss: Any) -> sympy.Expr:
    if isinstance(loss, (str, bytes)):
        raise InputTypeError(
            "loss", loss, "text is never parsed as a formula",
            "build the loss from sympy.MatrixSymbol objects, e.g. Trace((A*B - M).T*(A*B - M))",
        )
    if not isinstance(loss, sympy.Basic):
        raise InputTypeError(
            "loss", loss, f"a {type(loss).__name__} is not a SymPy expression",
            "build the loss from sympy.MatrixSymbol objects and sympy.Trace",
        )
    if getattr(loss, "is_Matrix", False) or isinstance(loss, sympy.MatrixBase):
        raise InputShapeError(
            "loss", loss, f"the loss must be a scalar, got a matrix of shape {loss.shape}",
            "take a scalar of it: sympy.Trace(X.T*X) for a squared Frobenius norm, or X[0, 0]",
        )
    if not isinstance(loss, sympy.Expr):
        raise InputTypeError("loss", loss, "not a scalar expression", "pass a SymPy scalar Expr")
    if loss.atoms(sympy.Float):
        raise InexactInputError(
            "loss", loss, "the exact tier does not accept floats",
            "write constants exactly, e.g. sympy.Rational(1, 2) instead of 0.5",
        )
    from .expr import Pinv

    if loss.has(Pinv):
        raise UnsupportedError(
            "loss", loss, "a pseudo-inverse inside a loss has no entry-wise closed form here",
            "write the loss without Pinv (for example with an explicit inverse of a constant)",
        )
    return loss


def _validate_wrt(wrt: Any, loss: sympy.Expr) -> sympy.MatrixSymbol:
    if isinstance(wrt, (str, bytes)):
        raise InputTypeError(
            "wrt", wrt, "a variable is a sympy.MatrixSymbol, never a name to be parsed",
            "pass the MatrixSymbol object itself, e.g. B = sympy.MatrixSymbol('B', r, m)",
        )
    if not isinstance(wrt, sympy.MatrixSymbol):
        kind = "a scalar Symbol" if isinstance(wrt, sympy.Symbol) else f"a {type(wrt).__name__}"
        raise InputTypeError(
            "wrt", wrt, f"gradients are taken with respect to a MatrixSymbol, got {kind}",
            "pass a sympy.MatrixSymbol (use sympy.diff for a scalar variable; "
            "for W.T differentiate by W and transpose)",
        )
    present = {s for s in loss.atoms(sympy.MatrixSymbol)}
    if wrt not in present:
        same_name = [s for s in present if s.name == wrt.name]
        hint = (f"; the loss has {same_name[0].name} with shape {same_name[0].shape}, "
                f"not {wrt.shape}") if same_name else ""
        raise InputError(
            "wrt", wrt, f"the variable does not occur in the loss{hint}",
            "differentiate with respect to a MatrixSymbol of the loss "
            f"({', '.join(sorted(s.name for s in present)) or 'it has none'})",
        )
    return wrt


def _validate_claimed(claimed: Any) -> sympy.Basic:
    if isinstance(claimed, (str, bytes)):
        raise InputTypeError(
            "claimed", claimed, "text is never parsed as a formula",
            "build the claimed gradient from the same sympy.MatrixSymbol objects as the loss",
        )
    if isinstance(claimed, sympy.MatrixBase):
        return as_exact_matrix(claimed, name="claimed", allow_symbols=True)
    from .expr import Pinv

    if isinstance(claimed, MatrixExpr) and claimed.has(Pinv):
        raise UnsupportedError(
            "claimed", claimed, "a pseudo-inverse has no entry-wise closed form for symbolic entries",
            "write the claim with explicit inverses (valid under full rank) or check it numerically",
        )
    if isinstance(claimed, MatrixExpr):
        if claimed.atoms(sympy.Float):
            raise InexactInputError(
                "claimed", claimed, "the exact tier does not accept floats",
                "write constants exactly, e.g. sympy.Rational(1, 2)",
            )
        return claimed
    raise InputTypeError(
        "claimed", claimed,
        f"a gradient is a matrix of the variable's shape, got a {type(claimed).__name__}",
        "pass a matrix expression such as 2*A.T*(A*B - M)",
    )


def _matrix_symbols(*exprs: sympy.Basic) -> dict[str, sympy.MatrixSymbol]:
    """Return the MatrixSymbols by name; one name must mean one shape."""
    found: dict[str, sympy.MatrixSymbol] = {}
    for e in exprs:
        for s in sorted(e.atoms(sympy.MatrixSymbol), key=lambda s: s.name):
            if s.name in found and found[s.name] != s:
                raise InputShapeError(
                    s.name, s, f"the name {s.name} is used with shapes {found[s.name].shape} "
                    f"and {s.shape}", "use one MatrixSymbol object per name",
                )
            found[s.name] = s
    return found


def _dimension_symbols(*exprs: sympy.Basic) -> tuple[sympy.Symbol, ...]:
    dims: set[sympy.Symbol] = set()
    for e in exprs:
        for node in sympy.preorder_traversal(e):
            if getattr(node, "is_Matrix", False):
                for d in node.shape:
                    dims |= _as_basic(d).free_symbols
    return tuple(sorted(dims, key=lambda s: s.name))


def _as_basic(d: Any) -> sympy.Basic:
    """A dimension as a SymPy object (plain ints become Integers)."""
    return sympy.Integer(d) if isinstance(d, numbers.Integral) else d


def _same_dim(a: Any, b: Any) -> bool:
    return sympy.expand(_as_basic(a) - _as_basic(b)) == 0


def _same_shape(s: tuple, t: tuple) -> bool:
    return len(s) == len(t) and all(_same_dim(a, b) for a, b in zip(s, t))


def shape_conditions(expr: sympy.Basic) -> tuple[str, ...]:
    """Return the dimension equalities a matrix expression needs to be defined.

    SymPy builds ``X*Y`` with ``X`` of shape ``(n, m)`` and ``Y`` of shape
    ``(r, k)`` when it cannot decide ``m = r``; such an expression is only
    a valid product when ``m = r``. This walks products, sums, Hadamard
    products, traces, inverses and powers and lists every equality that is
    not an identity.

    Parameters
    ----------
    expr : sympy.Basic

    Returns
    -------
    tuple of str
        Conditions such as ``"m = r (columns of A*B - M vs rows of A.T)"``;
        empty when the expression is well formed for all dimensions.

    Examples
    --------
    >>> import sympy
    >>> n, r, m = sympy.symbols("n r m", integer=True, positive=True)
    >>> A = sympy.MatrixSymbol("A", n, r); B = sympy.MatrixSymbol("B", r, m)
    >>> M = sympy.MatrixSymbol("M", n, m)
    >>> shape_conditions(2*(A*B - M)*A.T)
    ('m = r (columns of 2*A*B - 2*M vs rows of A.T)',)
    >>> shape_conditions(2*A.T*(A*B - M))
    ()
    """
    out: list[str] = []

    def need(a, b, where):
        if not _same_dim(a, b):
            text = f"{sstr(a)} = {sstr(b)} ({where})"
            if text not in out:
                out.append(text)

    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.MatMul):
            mats = [a for a in node.args if getattr(a, "is_Matrix", False)]
            for left, right in zip(mats, mats[1:]):
                need(left.shape[1], right.shape[0],
                     f"columns of {sstr(left)} vs rows of {sstr(right)}")
        elif isinstance(node, (sympy.MatAdd, sympy.HadamardProduct)):
            mats = [a for a in node.args if getattr(a, "is_Matrix", False)]
            for other in mats[1:]:
                for k in (0, 1):
                    need(mats[0].shape[k], other.shape[k],
                         f"shapes of {sstr(mats[0])} and {sstr(other)} in a sum")
        elif isinstance(node, (sympy.Trace, sympy.Inverse, sympy.Determinant)) or (
            isinstance(node, sympy.MatPow) and node.exp != 1
        ):
            arg = node.args[0]
            if getattr(arg, "is_Matrix", False):
                need(arg.shape[0], arg.shape[1],
                     f"{type(node).__name__} needs a square argument, {sstr(arg)}")
    return tuple(out)


def _check_positive_int(value: Any, name: str, limit: int) -> int:
    return validate_size(value, name, minimum=1, maximum=limit)


def _enumerate_dims(
    dims: Sequence[sympy.Symbol],
    shapes: Any,
    max_dim: int,
    max_instances: int,
) -> list[dict[sympy.Symbol, int]]:
    """Return the dimension instances to visit, smallest total size first."""
    max_dim = _check_positive_int(max_dim, "max_dim", HARD_MAX_DIM)
    max_instances = _check_positive_int(max_instances, "max_instances", 10**6)
    by_name = {d.name: d for d in dims}
    if shapes is None:
        count = max_dim ** len(dims)
        if count > max_instances:
            raise DimensionError(
                "max_dim", max_dim,
                f"{len(dims)} symbolic dimensions up to {max_dim} give {count} shapes, "
                f"more than max_instances={max_instances}",
                "lower max_dim, pass explicit shapes=, or raise max_instances",
            )
        combos = sorted(itertools.product(range(1, max_dim + 1), repeat=len(dims)),
                        key=lambda c: (sum(c), c))
        return [dict(zip(dims, c)) for c in combos]
    if isinstance(shapes, Mapping):
        shapes = [shapes]
    if isinstance(shapes, (str, bytes)) or not isinstance(shapes, Iterable):
        raise InputTypeError(
            "shapes", shapes, "shapes are a mapping or a list of mappings from dimension to int",
            "pass e.g. shapes=[{'n': 3, 'r': 2, 'm': 2}]",
        )
    out = []
    for k, item in enumerate(shapes):
        if not isinstance(item, Mapping):
            raise InputTypeError(
                f"shapes[{k}]", item, "each shape is a mapping from dimension to int",
                "pass e.g. {'n': 3, 'r': 2, 'm': 2}",
            )
        inst: dict[sympy.Symbol, int] = {}
        for key, value in item.items():
            name = key.name if isinstance(key, sympy.Symbol) else key
            if name not in by_name:
                raise InputError(
                    f"shapes[{k}]", item, f"{name!r} is not a symbolic dimension of the problem",
                    f"use only {sorted(by_name)}",
                )
            inst[by_name[name]] = _check_positive_int(value, f"shapes[{k}][{name!r}]", HARD_MAX_DIM)
        missing = sorted(set(by_name) - {d.name for d in inst})
        if missing:
            raise InputError(
                f"shapes[{k}]", item, f"no value for the dimensions {missing}",
                "give a value to every symbolic dimension",
            )
        out.append(inst)
    if not out and dims:
        raise InputError("shapes", shapes, "no shape given", "pass at least one shape")
    if len(out) > max_instances:
        raise DimensionError("shapes", f"<{len(out)} shapes>", "more shapes than max_instances",
                             "pass fewer shapes or raise max_instances")
    return out or [{}]


def _dims_key(values: Mapping[sympy.Symbol, int]) -> Dims:
    return tuple((d.name, int(v)) for d, v in sorted(values.items(), key=lambda kv: kv[0].name))


def _fmt_dims(dims: Dims) -> str:
    return "(" + ", ".join(f"{k}={v}" for k, v in dims) + ")" if dims else "(concrete shapes)"


# ---------------------------------------------------------------------------
# instantiation
# ---------------------------------------------------------------------------


def _concrete_shape(sym: sympy.MatrixSymbol, values: Mapping[sympy.Symbol, int]) -> tuple[int, int]:
    rows, cols = (_as_basic(_as_basic(d).xreplace(dict(values))) for d in sym.shape)
    if not (rows.is_Integer and cols.is_Integer) or rows < 0 or cols < 0:
        raise DimensionError(
            sym.name, sym.shape, f"the dimensions {dict(values)} give no valid shape",
            "use dimensions that make every shape a pair of non-negative integers",
        )
    return int(rows), int(cols)


#: ``entries(name, rows, cols) -> matrix of real symbols``: how a matrix is instantiated
#: symbolically (a structured matrix, e.g. symmetric, shares its symbols).
SymbolicEntries = Callable[[str, int, int], sympy.ImmutableMatrix]

#: ``draw_point(dims, attempt) -> (matrices by name, scalars by symbol)``: a rational point at
#: which a counterexample is sought (it must satisfy the claim's assumptions).
DrawPoint = Callable[[Mapping[sympy.Symbol, int], int],
                     tuple[Mapping[str, sympy.ImmutableMatrix], Mapping[sympy.Symbol, sympy.Rational]]]


def _symbolic_entries(
    symbols: Mapping[str, sympy.MatrixSymbol], values: Mapping[sympy.Symbol, int],
    entries: SymbolicEntries | None = None,
) -> dict[str, sympy.ImmutableMatrix]:
    build = entries or symbolic_matrix
    return {name: build(name, *_concrete_shape(s, values)) for name, s in symbols.items()}


def _instantiate(
    expr: sympy.Basic,
    values: Mapping[sympy.Symbol, int],
    explicit: Mapping[str, sympy.MatrixBase],
    *,
    name: str,
) -> sympy.Basic:
    """Substitute dimensions and explicit matrices into *expr* and evaluate it."""
    try:
        e = expr.subs(dict(values)) if values else expr
        mapping = {s: explicit[s.name] for s in e.atoms(sympy.MatrixSymbol)}
        e = e.xreplace(mapping)
        if e.has(sympy.Inverse):
            e = e.replace(lambda x: isinstance(x, sympy.Inverse), _explicit_inverse)
        e = e.doit()
        if getattr(e, "is_Matrix", False) and not isinstance(e, sympy.MatrixBase):
            e = e.as_explicit()
    except (sympy.ShapeError, sympy.NonSquareMatrixError) as exc:
        raise InputShapeError(
            name, expr, f"not defined at {_fmt_dims(_dims_key(values))}: {exc}",
            "make every product, sum and trace conform for all dimension values",
        ) from None
    if isinstance(e, sympy.MatrixBase):
        e = sympy.ImmutableMatrix(e)
        leftovers = set().union(*(x.atoms(MatrixExpr) for x in e)) if len(e) else set()
    else:
        leftovers = e.atoms(MatrixExpr) if isinstance(e, sympy.Basic) else set()
    leftovers = {x for x in leftovers if not isinstance(x, sympy.MatrixBase)}
    if leftovers:
        raise UnsupportedError(
            name, expr, f"could not be evaluated entry-wise (left {short_repr(sorted(map(str, leftovers)))})",
            "use traces, products, sums, transposes and inverses of MatrixSymbols",
        )
    return e


def _explicit_inverse(node: sympy.Inverse) -> sympy.ImmutableMatrix:
    """Invert an explicit matrix as ``adj(X) / det(X)`` (fraction-free, fast)."""
    X = node.arg.doit()
    if getattr(X, "is_Matrix", False) and not isinstance(X, sympy.MatrixBase):
        X = X.as_explicit()
    if not isinstance(X, sympy.MatrixBase):
        return node
    det = sympy.expand(X.det(method="berkowitz"))
    if det == 0 and not det.free_symbols and not X.free_symbols:
        # a numeric matrix singular at this point: the caller tries another point
        raise ZeroDivisionError("singular matrix at this point")
    if det == 0:
        raise UnsupportedError(
            "loss", node, "the inverse of a matrix that is singular for all entries",
            "invert only matrices that are generically invertible",
        )
    adj = X.adjugate(method="berkowitz").applyfunc(sympy.expand)
    return sympy.ImmutableMatrix(adj.shape[0], adj.shape[1], [a / det for a in adj])


def _index_instance(
    loss: sympy.Expr,
    wrt: sympy.MatrixSymbol,
    values: Mapping[sympy.Symbol, int],
    entries: Mapping[str, sympy.ImmutableMatrix],
) -> IndexInstance:
    scalar = _instantiate(loss, values, entries, name="loss")
    if getattr(scalar, "is_Matrix", False):
        raise InputShapeError("loss", loss, "evaluates to a matrix, not a scalar",
                              "take a trace or an entry")
    W = entries[wrt.name]
    poly = None if _has_denominator(scalar) else polynomial_of(scalar)
    if poly is not None:
        # polynomial loss: differentiate in the polynomial ring (fast, exact)
        index = {g: k for k, g in enumerate(poly.ring.symbols)}
        scalar = poly.as_expr()
        grad = sympy.ImmutableMatrix(
            W.shape[0], W.shape[1],
            [poly.diff(poly.ring.gens[index[w]]).as_expr() if w in index else sympy.S.Zero
             for w in W],
        )
    else:
        grad = sympy.ImmutableMatrix(
            W.shape[0], W.shape[1], [_simplify_exact(sympy.diff(scalar, w)) for w in W]
        )
    return IndexInstance(
        dims=_dims_key(values),
        entries=tuple(sorted(entries.items())),
        loss_value=scalar,
        gradient=grad,
    )


def _directional_instance(
    loss: sympy.Expr,
    wrt: sympy.MatrixSymbol,
    values: Mapping[sympy.Symbol, int],
    entries: Mapping[str, sympy.MatrixBase],
) -> sympy.ImmutableMatrix:
    """Gradient from ``d/dt L(W + tH)|_{t=0} = ⟨G, H⟩_F`` with symbolic ``H``."""
    W = entries[wrt.name]
    t = sympy.Dummy("t")
    H = sympy.ImmutableMatrix(W.shape[0], W.shape[1],
                              lambda i, j: sympy.Dummy(f"h_{i}_{j}"))
    moved = dict(entries)
    moved[wrt.name] = sympy.ImmutableMatrix(W + t * H)
    phi = _instantiate(loss, values, moved, name="loss")
    slope = sympy.diff(phi, t).subs(t, 0)
    if not _has_denominator(slope):
        slope = sympy.expand(slope)
    return sympy.ImmutableMatrix(
        W.shape[0], W.shape[1], [_simplify_exact(sympy.diff(slope, h)) for h in H]
    )


def _prepare(loss, wrt):
    loss = _validate_loss(loss)
    wrt = _validate_wrt(wrt, loss)
    conds = shape_conditions(loss)
    if conds:
        raise InputShapeError(
            "loss", loss, f"the loss is defined only when {'; '.join(conds)}",
            "use the same dimension symbol for dimensions that must agree",
        )
    symbols = _matrix_symbols(loss, wrt)
    dims = _dimension_symbols(loss, wrt)
    for name, s in symbols.items():
        taken = {x.name for x in loss.free_symbols if isinstance(x, sympy.Symbol)}
        clash = [nm for nm in taken if nm.startswith(f"{name}_")]
        if clash:
            raise InputError(
                "loss", loss, f"the scalar symbol {clash[0]} clashes with the entry names of {name}",
                f"rename the scalar symbol (entries of {name} are called {name}_i_j)",
            )
    return loss, wrt, symbols, dims


# ---------------------------------------------------------------------------
# public routes
# ---------------------------------------------------------------------------


def gradient_index_route(
    loss: sympy.Expr,
    wrt: sympy.MatrixSymbol,
    *,
    shapes: Any = None,
    max_dim: int = DEFAULT_MAX_DIM,
    max_instances: int = DEFAULT_MAX_INSTANCES,
) -> IndexRouteResult:
    """Differentiate *loss* by *wrt* entry by entry at concrete shapes.

    Parameters
    ----------
    loss : sympy.Expr
        Scalar expression over ``MatrixSymbol`` objects (and scalar symbols).
    wrt : sympy.MatrixSymbol
        The variable; must occur in *loss*.
    shapes : mapping or sequence of mappings, optional
        Values for the symbolic dimensions, e.g. ``{"n": 3, "r": 2, "m": 2}``
        (keys are dimension symbols or their names). Default: every
        combination with each dimension from 1 to *max_dim*.
    max_dim : int
        Bound on each symbolic dimension (default 3). Cost grows roughly
        like ``max_dim ** (#dims + 2)``.
    max_instances : int
        Refuse to visit more shapes than this.

    Returns
    -------
    IndexRouteResult
        One :class:`IndexInstance` per shape: explicit symbolic matrices,
        the scalar loss, and the gradient ``G_ij = ∂L/∂W_ij``.

    Raises
    ------
    InputTypeError
        *loss* not a SymPy scalar, *wrt* not a ``MatrixSymbol``, strings.
    InputShapeError
        A matrix-valued loss, or a loss whose products need dimension
        equalities.
    InputError
        *wrt* not in *loss*; malformed *shapes*.
    DimensionError
        *max_dim* out of range or too many shapes.
    UnsupportedError
        A construct with no entry-wise evaluation (e.g. ``Pinv``).

    Notes
    -----
    At each shape every matrix is an explicit matrix of independent real
    symbols, so ``L`` is a polynomial (or, with inverses, a rational
    function) of finitely many variables and ``∂L/∂W_ij`` is ordinary
    calculus; the result holds for all entries at that shape.

    Examples
    --------
    >>> import sympy
    >>> A = sympy.MatrixSymbol("A", 2, 1); B = sympy.MatrixSymbol("B", 1, 2)
    >>> M = sympy.MatrixSymbol("M", 2, 2)
    >>> res = gradient_index_route(sympy.Trace((A*B - M).T*(A*B - M)), B)
    >>> inst = res.instances[0]
    >>> a, b, m = (dict(inst.entries)[k] for k in "ABM")
    >>> (inst.gradient - 2*a.T*(a*b - m)).expand().is_zero_matrix
    True
    """
    loss, wrt, symbols, dims = _prepare(loss, wrt)
    instances = []
    for values in _enumerate_dims(dims, shapes, max_dim, max_instances):
        entries = _symbolic_entries(symbols, values)
        instances.append(_index_instance(loss, wrt, values, entries))
    return IndexRouteResult(loss, wrt, "index", tuple(d.name for d in dims), tuple(instances))


def _classify_form(expr: Any, wrt: sympy.MatrixSymbol) -> tuple[str, str | None]:
    if expr is None:
        return "failed", "no result"
    if expr == 0 or isinstance(expr, sympy.ZeroMatrix) or getattr(expr, "is_ZeroMatrix", False):
        return "zero", None
    if expr.has(sympy.Derivative) or type(expr).__name__ == "ArrayDerivative" or any(
        type(x).__name__ == "ArrayDerivative" for x in sympy.preorder_traversal(expr)
    ):
        return "failed", "SymPy left the derivative unevaluated"
    if not getattr(expr, "is_Matrix", False):
        return "failed", f"SymPy returned a non-matrix {short_repr(expr)}"
    if not _same_shape(expr.shape, wrt.shape):
        return "failed", f"SymPy returned shape {expr.shape}, the variable has shape {wrt.shape}"
    if shape_conditions(expr):
        return "failed", f"SymPy returned an ill-formed product: {shape_conditions(expr)[0]}"
    return "expression", None


def _safe_diff(expr: sympy.Basic, wrt: sympy.MatrixSymbol) -> tuple[Any, str | None]:
    try:
        return expr.diff(wrt), None
    except Exception as exc:  # SymPy's matrix calculus raises many kinds; recorded, not hidden
        return None, f"{type(exc).__name__}: {exc}"


def gradient_matrix_route(loss: sympy.Expr, wrt: sympy.MatrixSymbol) -> MatrixRouteResult:
    """Ask SymPy's matrix calculus for ``∂loss/∂wrt`` (symbolic dimensions allowed).

    Parameters
    ----------
    loss : sympy.Expr
        Scalar loss over ``MatrixSymbol`` objects.
    wrt : sympy.MatrixSymbol

    Returns
    -------
    MatrixRouteResult
        The raw answer, its form (``"expression"``, ``"zero"``,
        ``"failed"``), and for a sum the term-by-term workaround.

    Raises
    ------
    InputTypeError, InputShapeError, InputError, UnsupportedError
        As for :func:`gradient_index_route` (SymPy's own errors are caught
        and recorded as ``form="failed"``).

    Notes
    -----
    SymPy returns a zero matrix for the derivative of some sums (for
    example ``Trace(X.T*X) + Trace(X)``) while each term alone is
    differentiated correctly. A ``"zero"`` form is therefore never taken at
    face value; :func:`compare_gradient` decides it against the index
    route.

    Examples
    --------
    >>> import sympy
    >>> X = sympy.MatrixSymbol("X", 2, 2)
    >>> res = gradient_matrix_route(sympy.Trace(X.T*X) + sympy.Trace(X), X)
    >>> res.form, res.termwise_form
    ('zero', 'expression')
    """
    loss, wrt, _, _ = _prepare(loss, wrt)
    raw, error = _safe_diff(loss, wrt)
    form, why = ("failed", error) if error else _classify_form(raw, wrt)
    termwise, termwise_form = None, "not-run"
    if isinstance(loss, sympy.Add):
        parts = []
        failure = None
        for term in loss.args:
            if not term.has(wrt):
                continue
            d, err = _safe_diff(term, wrt)
            if err:
                failure = err
                break
            parts.append(d)
        if failure is None:
            mats = [p for p in parts if getattr(p, "is_Matrix", False)]
            if len(mats) == len(parts) and parts:
                termwise = sympy.MatAdd(*parts).doit() if len(parts) > 1 else parts[0]
                termwise_form, _ = _classify_form(termwise, wrt)
            else:
                termwise_form = "failed"
        else:
            termwise_form = "failed"
    return MatrixRouteResult(raw, form, why, termwise, termwise_form)


# ---------------------------------------------------------------------------
# comparison
# ---------------------------------------------------------------------------


def _random_rational(rng: random.Random, *, positive: bool = False) -> sympy.Rational:
    """A small random rational p/q, |p| <= 5, q <= 3 (strictly positive if asked)."""
    if positive:
        return sympy.Rational(rng.randint(1, 5), rng.randint(1, 3))
    return sympy.Rational(rng.randint(-5, 5), rng.randint(1, 3))


def _scalar_symbols(*exprs: sympy.Basic) -> tuple[sympy.Symbol, ...]:
    dims = set(_dimension_symbols(*exprs))
    found = set()
    for e in exprs:
        found |= {s for s in e.free_symbols
                  if isinstance(s, sympy.Symbol) and not isinstance(s, sympy.MatrixSymbol)}
    return tuple(sorted(found - dims, key=lambda s: s.name))


def _find_counterexample(
    loss, wrt, claimed, values, entries, grad_sym, claimed_sym, scalars, seed, attempts,
    draw_point: DrawPoint | None = None,
) -> GradientCounterexample | None:
    rng = random.Random(seed)
    diff = sympy.ImmutableMatrix(grad_sym - claimed_sym)
    for attempt in range(attempts):
        checkpoint()
        point: dict[sympy.Symbol, sympy.Expr] = {}
        mats: dict[str, sympy.ImmutableMatrix] = {}
        if draw_point is not None:
            drawn, scal = draw_point(values, attempt)
            scal = {s: scal[s] for s in scalars}
            for name, X in entries.items():
                mats[name] = sympy.ImmutableMatrix(drawn[name])
                point.update({x: v for x, v in zip(X, mats[name]) if isinstance(x, sympy.Symbol)})
        else:
            for name, X in entries.items():
                vals = [_random_rational(rng) for _ in range(len(X))]
                mats[name] = sympy.ImmutableMatrix(X.shape[0], X.shape[1], vals)
                point.update(zip(list(X), vals))
            # scalar symbols (such as a regularization weight) get positive values
            scal = {s: _random_rational(rng, positive=True) for s in scalars}
        point.update(scal)
        at = diff.xreplace(point)
        if any(x.has(sympy.zoo, sympy.nan, sympy.oo) for x in at):
            continue
        at = at.applyfunc(sympy.simplify)
        if at.is_zero_matrix:
            continue
        # independent re-evaluation from the values alone
        try:
            scalar_sub = {s: v for s, v in scal.items()}
            loss_here = loss.xreplace(scalar_sub)
            claimed_here = claimed.xreplace(scalar_sub)
            true_grad = _directional_instance(loss_here, wrt, values, mats)
            claimed_val = _instantiate(claimed_here, values, mats, name="claimed")
        except (ZeroDivisionError, ValueError, UnsupportedError):
            continue
        if any(x.has(sympy.zoo, sympy.nan, sympy.oo) for x in list(true_grad) + list(claimed_val)):
            continue
        grad_at = grad_sym.xreplace(point).applyfunc(sympy.simplify)
        claimed_val = sympy.ImmutableMatrix(claimed_val).applyfunc(sympy.simplify)
        mismatch = [(i, j) for i in range(true_grad.shape[0]) for j in range(true_grad.shape[1])
                    if true_grad[i, j] != claimed_val[i, j]]
        rechecked = bool(mismatch) and (true_grad - grad_at).is_zero_matrix
        if not mismatch:
            continue
        return GradientCounterexample(
            dims=_dims_key(values),
            matrices=tuple(sorted(mats.items())),
            scalars=tuple((s.name, v) for s, v in scal.items()),
            gradient=sympy.ImmutableMatrix(true_grad),
            claimed=claimed_val,
            entry=mismatch[0],
            rechecked=rechecked,
        )
    return None


def _judge_matrix_route(
    route: MatrixRouteResult,
    results: list[tuple[Dims, str, str]],
    tie: list[str],
) -> MatrixRouteCheck:
    def summarize(statuses: list[tuple[Dims, str]], form: str) -> tuple[str, str]:
        if form == "failed":
            return "failed", ""
        bad = [(d, s) for d, s in statuses if s != "equal"]
        if not bad:
            return "agreed", ""
        d, s = bad[0]
        if form == "zero":
            return "zero-matrix-bug", f"zero matrix, but the gradient is nonzero at {_fmt_dims(d)}"
        return ("failed" if s == "error" else "disagreed"), f"differs at {_fmt_dims(d)}"

    status, detail = summarize([(d, s) for d, s, _ in results], route.form)
    if route.form == "failed":
        detail = route.error or "failed"
    t_status = "not-run"
    if route.termwise is not None and route.termwise_form != "failed":
        t_status, _ = summarize([(d, s) for d, _, s in results], route.termwise_form)
        if t_status == "zero-matrix-bug":
            t_status = "disagreed"
    elif route.termwise_form == "failed":
        t_status = "failed"
    return MatrixRouteCheck(status, route.raw, detail, route.termwise, t_status, "; ".join(tie))


def _compare_explicit(candidate: Any, grad: sympy.ImmutableMatrix) -> str:
    if candidate is None:
        return "error"
    if candidate == 0:
        candidate = sympy.zeros(*grad.shape)
    if not isinstance(candidate, sympy.MatrixBase) or candidate.shape != grad.shape:
        return "error"
    return "equal" if (sympy.ImmutableMatrix(candidate) - grad).applyfunc(
        _simplify_exact).is_zero_matrix else "different"


#: Besides what leaves the ring: an undefined value, a node the walker refuses (UnsupportedError)
#: or an operation SymPy does not implement, a bad shape; the SymPy route then decides the shape.
_LEFT_TO_SYMPY = OUTSIDE_THE_RING + (Undefined, NotImplementedError, sympy.ShapeError)


def _statuses_in_ring(
    loss: sympy.Expr,
    wrt: sympy.MatrixSymbol,
    claimed: Any,
    route: MatrixRouteResult | None,
    values: Mapping[sympy.Symbol, int],
    entries: Mapping[str, sympy.ImmutableMatrix],
    symbols: Mapping[str, sympy.MatrixSymbol],
    scalars: Sequence[sympy.Symbol],
    *,
    settle_disagreement: bool,
) -> tuple[str, str] | None:
    """The matrix-route statuses at one shape where the claim holds, computed in ``ℚ[entries]``.

    The loss, the claim and SymPy's answers are evaluated straight to polynomial
    matrices (:class:`~derivcheck.exact.walk.PolynomialBackend`) and the gradient
    is differentiated in the ring. Returns ``(raw status, termwise status)`` when
    the claim equals the gradient for all entries at this shape; ``None`` when the
    claim fails, when a route disagrees and the disagreement must be settled
    (*settle_disagreement*), or when anything leaves the ring: the SymPy route
    then decides the shape, with the same result.
    """
    W = entries[wrt.name]
    generators = {x for X in entries.values() for x in X if isinstance(x, sympy.Symbol)}
    if any(not isinstance(w, sympy.Symbol) for w in W) or not generators:
        return None
    ring = sympy.QQ[tuple(sorted(generators | set(scalars), key=lambda g: g.name))]
    backend = PolynomialBackend(ring)
    given = {symbol: entries[name] for name, symbol in symbols.items()}
    given.update({g: g for g in scalars})

    def evaluated(expr: Any, matrix: bool):
        try:
            value = walk_expression(expr, given, backend, values)
        except _LEFT_TO_SYMPY:  # left to the SymPy route (a budget still stops the check)
            return None
        if matrix:
            return value if getattr(value, "shape", None) == W.shape and hasattr(value, "to_list_flat") else None
        return value if getattr(value, "ring", None) == ring.ring else None

    f = evaluated(loss, matrix=False)
    if f is None:
        return None
    gens = dict(zip(ring.symbols, ring.gens))
    gradient = [f.diff(gens[w]) for w in W]
    candidate = evaluated(claimed, matrix=True)
    if candidate is None or candidate.to_list_flat() != gradient:
        return None
    if route is None:
        return "not-run", "not-run"

    def status(expr: Any) -> str | None:
        value = evaluated(expr, matrix=True)
        if value is None:
            return None
        return "equal" if value.to_list_flat() == gradient else "different"

    raw = "error" if route.form == "failed" else status(route.raw)
    termwise = "error" if route.termwise is None else status(route.termwise)
    if raw is None or termwise is None or (raw == "different" and settle_disagreement):
        return None
    return raw, termwise


def compare_gradient(
    loss: sympy.Expr,
    wrt: sympy.MatrixSymbol,
    claimed: Any,
    *,
    max_dim: int = DEFAULT_MAX_DIM,
    seed: int = 0,
    shapes: Any = None,
    attempts: int = 25,
    stop_on_mismatch: bool = True,
    check_matrix_route: bool = True,
    directional: str = "tie-break",
    shape_mismatch: str = "report",
    max_instances: int = DEFAULT_MAX_INSTANCES,
    symbolic_entries: SymbolicEntries | None = None,
    draw_point: DrawPoint | None = None,
) -> GradientCheck:
    """Decide whether *claimed* is the gradient of *loss* with respect to *wrt*.

    Parameters
    ----------
    loss : sympy.Expr
        Scalar loss over ``MatrixSymbol`` objects.
    wrt : sympy.MatrixSymbol
        The variable.
    claimed : sympy.MatrixExpr or sympy.Matrix
        The claimed gradient, built from the same ``MatrixSymbol`` objects.
    max_dim : int
        Each symbolic dimension runs from 1 to *max_dim* (default 3).
    seed : int
        Seed of the random rational points tried for a counterexample.
    shapes : mapping or sequence of mappings, optional
        Explicit dimension values instead of the full grid.
    attempts : int
        Random points tried before giving up on an explicit counterexample
        (the symbolic refutation stands either way).
    stop_on_mismatch : bool
        Stop at the first shape where the claim fails (default) or visit
        every shape.
    check_matrix_route : bool
        Also judge SymPy's ``loss.diff(wrt)`` at every shape.
    directional : {"tie-break", "all", "off"}
        Run the directional route where the index and matrix routes
        disagree, at every shape, or never.
    shape_mismatch : {"report", "raise"}
        Return a ``"shape-mismatch"``/``"invalid-product"`` result, or raise
        :class:`~derivcheck.errors.InputShapeError`.
    max_instances : int
        Cap on the number of shapes.
    symbolic_entries : callable, optional
        ``symbolic_entries(name, rows, cols)``: the symbolic matrix of each
        MatrixSymbol at a shape (default: independent real symbols). A
        structured matrix (symmetric, diagonal) makes the comparison hold
        for all matrices of that structure; the variable itself should keep
        independent entries.
    draw_point : callable, optional
        ``draw_point(dims, attempt) -> (matrices, scalars)``: the rational
        points tried for a counterexample (default: independent random
        entries, positive scalars). Pass one that satisfies the claim's
        assumptions.

    Returns
    -------
    GradientCheck
        ``status="agrees"`` with the shapes at which the equality was proved
        for all symbolic entries; or a shape report; or
        ``"value-mismatch"`` with an exact rational counterexample
        (re-evaluated independently from the values alone). Always with the
        verdict on SymPy's matrix route.

    Raises
    ------
    InputTypeError
        Strings, a non-matrix *claimed*, *wrt* not a ``MatrixSymbol``.
    InputShapeError
        A matrix-valued loss; a claimed gradient of the wrong shape when
        ``shape_mismatch="raise"``.
    InputError
        *wrt* not in the loss; bad option values.
    DimensionError, UnsupportedError
        See :func:`gradient_index_route`.

    Notes
    -----
    The equality ``claimed = ∂L/∂W`` is decided at each shape exactly:
    the index-route gradient minus the instantiated claim is expanded (and
    cancelled) entry by entry; zero is a proof for all real entries at that
    shape, nonzero is a refutation (a nonzero polynomial is nonzero at some
    rational point, which is then searched for and reported).

    Examples
    --------
    >>> import sympy
    >>> n, r, m = sympy.symbols("n r m", integer=True, positive=True)
    >>> A = sympy.MatrixSymbol("A", n, r); B = sympy.MatrixSymbol("B", r, m)
    >>> M = sympy.MatrixSymbol("M", n, m)
    >>> L = sympy.Trace((A*B - M).T*(A*B - M))
    >>> compare_gradient(L, B, 2*A.T*(A*B - M), max_dim=2).status
    'agrees'
    >>> compare_gradient(L, B, A.T*(A*B - M), max_dim=2).status
    'value-mismatch'
    >>> compare_gradient(L, B, 2*(A*B - M).T*A, max_dim=2).status
    'shape-mismatch'
    """
    if directional not in ("tie-break", "all", "off"):
        raise InputError("directional", directional, "unknown option",
                         "pass 'tie-break', 'all' or 'off'")
    if shape_mismatch not in ("report", "raise"):
        raise InputError("shape_mismatch", shape_mismatch, "unknown option",
                         "pass 'report' or 'raise'")
    attempts = _check_positive_int(attempts, "attempts", 10**4)
    seed = validate_seed(seed)
    loss, wrt, _, _ = _prepare(loss, wrt)
    claimed = _validate_claimed(claimed)
    base = dict(loss=loss, wrt=wrt, claimed=claimed, wrt_shape=tuple(wrt.shape),
                claimed_shape=tuple(claimed.shape), max_dim=max_dim)

    conds = shape_conditions(claimed)
    if conds or not _same_shape(claimed.shape, wrt.shape):
        shape_text = (f"claimed has shape {tuple(claimed.shape)}, "
                      f"{wrt.name} has shape {tuple(wrt.shape)}")
        if conds:
            status = "invalid-product"
            message = f"claimed is not a valid product: it needs {'; '.join(conds)} ({shape_text})"
        else:
            status = "shape-mismatch"
            message = f"a gradient has the shape of the variable: {shape_text}"
        if shape_mismatch == "raise":
            raise InputShapeError("claimed", claimed, message,
                                  f"pass an expression of shape {tuple(wrt.shape)}")
        return GradientCheck(status=status, holds=False, message=message,
                             conditions=conds, **base)

    symbols = _matrix_symbols(loss, wrt, claimed)
    dims = _dimension_symbols(loss, wrt, claimed)
    scalars = _scalar_symbols(loss, claimed)
    route = gradient_matrix_route(loss, wrt) if check_matrix_route else None

    checked: list[Dims] = []
    proved: list[Dims] = []
    route_results: list[tuple[Dims, str, str]] = []
    tie: list[str] = []
    directional_notes: list[str] = []
    counterexample = None
    failed_at: Dims | None = None

    for values in _enumerate_dims(dims, shapes, max_dim, max_instances):
        checkpoint()
        key = _dims_key(values)
        entries = _symbolic_entries(symbols, values, symbolic_entries)
        in_ring = None if directional == "all" else _statuses_in_ring(
            loss, wrt, claimed, route, values, entries, symbols, scalars,
            settle_disagreement=directional != "off" and not tie,
        )
        if in_ring is not None:
            checked.append(key)
            proved.append(key)
            if route is not None:
                route_results.append((key, *in_ring))
            continue
        inst = _index_instance(loss, wrt, values, entries)
        claimed_here = _instantiate(claimed, values, entries, name="claimed")
        if claimed_here == 0:
            claimed_here = sympy.zeros(*inst.gradient.shape)
        claimed_here = sympy.ImmutableMatrix(claimed_here)
        checked.append(key)
        residual = (inst.gradient - claimed_here).applyfunc(_simplify_exact)
        ok = residual.is_zero_matrix

        raw_status = term_status = "not-run"
        if route is not None:
            raw_here = termwise_here = None
            if route.form != "failed":
                try:
                    raw_here = _instantiate(route.raw, values, entries, name="matrix route")
                except (InputShapeError, UnsupportedError):
                    raw_here = None
            if route.termwise is not None:
                try:
                    termwise_here = _instantiate(route.termwise, values, entries, name="termwise")
                except (InputShapeError, UnsupportedError):
                    termwise_here = None
            raw_status = _compare_explicit(raw_here, inst.gradient)
            term_status = _compare_explicit(termwise_here, inst.gradient)
            route_results.append((key, raw_status, term_status))
            if raw_status == "different" and directional != "off" and not tie:
                third = _directional_instance(loss, wrt, values, entries)
                sides = ("index" if _compare_explicit(third, inst.gradient) == "equal"
                         else "matrix" if _compare_explicit(raw_here, third) == "equal"
                         else "neither")
                if sides != "index":
                    raise UnsupportedError(
                        "loss", loss,
                        f"the directional route sides with the {sides} route at {_fmt_dims(key)}, "
                        "not with the index route: the exact routes are inconsistent",
                        "report this loss; simplify it meanwhile",
                    )
                tie.append(f"directional route sides with the index route at {_fmt_dims(key)} "
                           "(first shape of disagreement)")
        if directional == "all":
            third = _directional_instance(loss, wrt, values, entries)
            agree = _compare_explicit(third, inst.gradient) == "equal"
            directional_notes.append(f"{_fmt_dims(key)}: {'agrees' if agree else 'DISAGREES'}")
            if not agree:
                raise UnsupportedError(
                    "loss", loss,
                    f"the directional and index routes disagree at {_fmt_dims(key)}",
                    "report this loss; simplify it meanwhile",
                )
        if ok:
            proved.append(key)
            continue
        failed_at = key
        if counterexample is None:
            counterexample = _find_counterexample(
                loss, wrt, claimed, values, entries, inst.gradient, claimed_here,
                scalars, seed, attempts, draw_point,
            )
        if stop_on_mismatch:
            break

    matrix_check = (_judge_matrix_route(route, route_results, tie) if route is not None
                    else MatrixRouteCheck("not-run"))
    directional_text = ("; ".join(directional_notes) if directional_notes
                        else ("; ".join(tie) if tie else "not run"))
    if failed_at is None:
        message = (f"claimed = gradient for all real entries at every shape checked "
                   f"({len(checked)} shape{'s' if len(checked) != 1 else ''}"
                   + (f", each dimension 1..{max_dim}" if dims and shapes is None else "") + ")")
        return GradientCheck(
            status="agrees", holds=True, message=message, shapes_checked=tuple(checked),
            proved_shapes=tuple(proved), for_all_entries=True, matrix_route=matrix_check,
            directional_route=directional_text, **base,
        )
    message = f"claimed differs from the gradient at {_fmt_dims(failed_at)}"
    if counterexample is None:
        message += (f" (symbolic residual nonzero; no rational point found in {attempts} "
                    "attempts)")
    else:
        i, j = counterexample.entry
        message += (f"; e.g. entry ({i}, {j}): gradient {counterexample.gradient[i, j]}, "
                    f"claimed {counterexample.claimed[i, j]}")
        if not counterexample.rechecked:
            message += (" (the independent re-evaluation did not reproduce the symbolic "
                        "gradient at this point: the routes are inconsistent)")
    return GradientCheck(
        status="value-mismatch", holds=False, message=message, shapes_checked=tuple(checked),
        proved_shapes=tuple(proved), for_all_entries=False, counterexample=counterexample,
        matrix_route=matrix_check, directional_route=directional_text, **base,
    )


# ---------------------------------------------------------------------------
# the article's chain rule, step by step
# ---------------------------------------------------------------------------


def prove_chain_rule_ab(n: int = 2, r: int = 2, m: int = 2) -> ChainRuleProof:
    """Replay the index-notation derivation of ``∂‖AB − M‖_F²/∂B`` exactly.

    Parameters
    ----------
    n, r, m : int
        ``A`` is ``n x r``, ``B`` is ``r x m``, ``M`` and ``E = AB − M`` are
        ``n x m`` (each from 1 to 6).

    Returns
    -------
    ChainRuleProof
        Steps, each with the residual over all index combinations:

        1. ``∂L/∂E_kl = 2E_kl`` for ``L = Σ E_kl²`` (``E`` free symbols);
        2. ``∂E_kl/∂B_ij = A_ki δ_lj`` for ``E = AB − M``;
        3. chain rule: ``∂L/∂B_ij = Σ_kl (∂L/∂E_kl)(∂E_kl/∂B_ij)``, the
           left side differentiated directly;
        4. ``2 Σ_kl E_kl A_ki δ_lj = 2 Σ_k E_kj A_ki`` (collapsing ``δ``);
        5. ``2 Σ_k E_kj A_ki = (2Aᵀ(AB − M))_ij``.

    Examples
    --------
    >>> prove_chain_rule_ab(2, 1, 2).holds
    True
    """
    from .frobenius import _check_dim

    n, r, m = (_check_dim(v, k, limit=6) for k, v in (("n", n), ("r", r), ("m", m)))
    A, B, M = symbolic_matrix("A", n, r), symbolic_matrix("B", r, m), symbolic_matrix("M", n, m)
    Efree = symbolic_matrix("E", n, m)
    E = A * B - M
    L_of_E = sum(e**2 for e in Efree)
    L_of_B = sum(e**2 for e in E)
    delta = sympy.KroneckerDelta
    kl = [(k, l) for k in range(n) for l in range(m)]
    ij = [(i, j) for i in range(r) for j in range(m)]

    def matrix(rows, cols, f):
        return sympy.ImmutableMatrix(len(rows), len(cols),
                                     [_simplify_exact(f(a, b)) for a in rows for b in cols])

    dL_dE = {(k, l): sympy.diff(L_of_E, Efree[k, l]) for k, l in kl}
    step1 = sympy.ImmutableMatrix(n, m, [_simplify_exact(dL_dE[k, l] - 2 * Efree[k, l])
                                         for k, l in kl])
    step2 = matrix(kl, ij, lambda a, b: sympy.diff(E[a], B[b]) - A[a[0], b[0]] * delta(a[1], b[1]))
    chain = {(i, j): sum(dL_dE[k, l].xreplace(dict(zip(Efree, E))) * sympy.diff(E[k, l], B[i, j])
                         for k, l in kl) for i, j in ij}
    step3 = sympy.ImmutableMatrix(r, m, [_simplify_exact(sympy.diff(L_of_B, B[i, j]) - chain[i, j])
                                         for i, j in ij])
    step4 = sympy.ImmutableMatrix(r, m, [_simplify_exact(
        2 * sum(Efree[k, l] * A[k, i] * delta(l, j) for k, l in kl)
        - 2 * sum(Efree[k, j] * A[k, i] for k in range(n))) for i, j in ij])
    closed = 2 * A.T * E
    step5 = sympy.ImmutableMatrix(r, m, [_simplify_exact(
        2 * sum(E[k, j] * A[k, i] for k in range(n)) - closed[i, j]) for i, j in ij])
    steps = (
        ChainRuleStep("dL/dE", "dL/dE_kl = 2 E_kl", step1, step1.is_zero_matrix),
        ChainRuleStep("dE/dB", "dE_kl/dB_ij = A_ki delta_lj", step2, step2.is_zero_matrix),
        ChainRuleStep("chain", "dL/dB_ij = sum_kl dL/dE_kl dE_kl/dB_ij", step3,
                      step3.is_zero_matrix),
        ChainRuleStep("delta", "2 sum_kl E_kl A_ki delta_lj = 2 sum_k E_kj A_ki", step4,
                      step4.is_zero_matrix),
        ChainRuleStep("matrix form", "2 sum_k E_kj A_ki = (2 A^T (AB - M))_ij", step5,
                      step5.is_zero_matrix),
    )
    return ChainRuleProof(
        shapes=(("A", (n, r)), ("B", (r, m)), ("M", (n, m))),
        steps=steps,
        holds=all(s.holds for s in steps),
    )
