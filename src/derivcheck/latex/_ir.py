"""Intermediate representation between the lark tree and SymPy (internal).

Every node records its ``span``, the ``(start, end)`` character offsets of its
source, so that kind and shape errors can quote the exact sub-expression. Names
are resolved to *keys* (``"A"``, ``"A_s"``, ``"lambda_i"``) here; whether a key is
a scalar or a matrix, and of which shape, is decided later (``_kinds``,
``_shapes``), and only then are SymPy objects built (``_build``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

import sympy

Span = tuple[int, int]
Dim = Union[int, str, None]  # a size: an integer, a named dimension, or unknown

# Default kinds of names.
MATRIX = "matrix"          # uppercase letters, bold uppercase, uppercase Greek
VECTOR = "vector"          # bold lowercase, \vec{x}: matrices with one column
SCALAR = "scalar"          # numbers, \mathcal{L}, subscripted eigenvalues ...
POSITIVE = "positive"      # epsilon and lambda: real positive scalars
UNKNOWN = "unknown"        # lowercase letters: decided by context


@dataclass(frozen=True)
class NameRef:
    key: str
    default: str
    span: Span


@dataclass(frozen=True)
class IdentityRef:
    size: Dim
    span: Span


@dataclass(frozen=True)
class ZeroRef:
    matrix: bool  # \boldsymbol{0}: certainly a matrix; plain 0: decided by context
    span: Span


@dataclass(frozen=True)
class Number:
    value: sympy.Expr
    span: Span


@dataclass(frozen=True)
class Postfix:
    op: str  # "T", "inv", "pinv", "pow"
    arg: "Node"
    exponent: Optional[int]
    span: Span


@dataclass(frozen=True)
class Product:
    factors: tuple
    span: Span


@dataclass(frozen=True)
class Kron:
    """``A \\otimes B \\otimes ...``: the Kronecker product of its factors, left to right."""

    factors: tuple
    span: Span


@dataclass(frozen=True)
class Sum:
    terms: tuple  # of (sign, node), sign in (+1, -1)
    span: Span


@dataclass(frozen=True)
class Frac:
    num: "Node"
    den: "Node"
    span: Span


@dataclass(frozen=True)
class Call:
    func: str  # "sqrt", "trace", "det", "min", "max"
    args: tuple
    span: Span


@dataclass(frozen=True)
class NormOf:
    arg: "Node"
    which: str  # "F" or "2"
    span: Span


@dataclass(frozen=True)
class InnerOf:
    left: "Node"
    right: "Node"
    span: Span


@dataclass(frozen=True)
class DiagOf:
    """``diag(e_1, ..., e_k)``: explicit entries, or a family ``f(i)``, i = 1..size."""

    entries: tuple  # the written entries (without the dots)
    family: bool  # True: entries follow one indexed pattern, see _syntax
    index: Optional[str]  # the running index of the last entry (family only)
    size: Dim  # number of diagonal entries: int, a dimension name, or None
    span: Span


@dataclass(frozen=True)
class MatrixLiteral:
    """A matrix written entry by entry (``pmatrix``, ``bmatrix``, ``array`` ...)."""

    rows: tuple  # of tuples of scalar nodes, all of one length
    span: Span


@dataclass(frozen=True)
class Subspace:
    """``C(A)``, ``\\mathcal{R}(A)`` (the column space) or ``N(A)``, ``\\mathcal{N}(A)`` (the null space)."""

    kind: str  # "column" or "null"
    matrix: "Node"
    span: Span


@dataclass(frozen=True)
class Member:
    """``x, y \\in C(A)``: each target lies in the subspace."""

    targets: tuple
    subspace: Subspace
    span: Span


@dataclass(frozen=True)
class LimitOf:
    var: NameRef
    point: sympy.Expr
    body: "Node"
    span: Span
    side: str = "+"  # "+": written from above (0^+, \searrow); "+-": written two-sided (\to 0)


@dataclass(frozen=True)
class Optimum:
    op: str  # "argmin" or "min"
    var: NameRef
    body: "Node"
    span: Span
    domain: Optional[tuple] = None  # (rows, cols) of \mathbb{R}^{rows x cols} in \min_{x \in ...}


@dataclass(frozen=True)
class GradientOf:
    loss: "Node"
    wrt: NameRef
    span: Span


@dataclass(frozen=True)
class Chain:
    sides: tuple
    ops: tuple  # relation symbols between the sides: "=", "<", ">", "<=", ">=", "!="
    span: Span


@dataclass(frozen=True)
class Define:
    """``target := value`` (``\\coloneqq``, ``\\triangleq``, ``\\stackrel{\\text{def}}{=}``)."""

    target: NameRef
    value: "Node"
    span: Span


@dataclass(frozen=True)
class Declare:
    targets: tuple  # NameRefs
    rows: Dim
    cols: Dim
    scalar: bool  # \in \mathbb{R}
    span: Span


@dataclass(frozen=True)
class Statements:
    parts: tuple
    span: Span


@dataclass(frozen=True)
class Implies:
    premise: "Node"
    conclusion: "Node"
    span: Span


Node = Union[
    NameRef, IdentityRef, ZeroRef, Number, Postfix, Product, Kron, Sum, Frac, Call, NormOf,
    InnerOf, DiagOf, MatrixLiteral, Subspace, Member, LimitOf, Optimum, GradientOf, Chain, Define, Declare, Statements, Implies,
]


def children(node) -> tuple:
    """The IR children of *node* (for generic traversals)."""
    if isinstance(node, Postfix):
        return (node.arg,)
    if isinstance(node, (Product, Kron)):
        return node.factors
    if isinstance(node, Sum):
        return tuple(term for _, term in node.terms)
    if isinstance(node, Frac):
        return (node.num, node.den)
    if isinstance(node, Call):
        return node.args
    if isinstance(node, NormOf):
        return (node.arg,)
    if isinstance(node, InnerOf):
        return (node.left, node.right)
    if isinstance(node, DiagOf):
        return node.entries
    if isinstance(node, Subspace):
        return (node.matrix,)
    if isinstance(node, Member):
        return (*node.targets, node.subspace)
    if isinstance(node, MatrixLiteral):
        return tuple(entry for row in node.rows for entry in row)
    if isinstance(node, LimitOf):
        return (node.var, node.body)
    if isinstance(node, Optimum):
        return (node.var, node.body)
    if isinstance(node, GradientOf):
        return (node.loss, node.wrt)
    if isinstance(node, Chain):
        return node.sides
    if isinstance(node, Define):
        return (node.target, node.value)
    if isinstance(node, Declare):
        return node.targets
    if isinstance(node, Statements):
        return node.parts
    if isinstance(node, Implies):
        return (node.premise, node.conclusion)
    return ()


def walk(node):
    """Yield *node* and all its descendants, parents first."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))

