"""Matrix expression trees over named matrices with concrete shapes.

A tree is built from :class:`Sym`, :class:`Ident`, :class:`Mul`, :class:`Add`,
:class:`Scale`, :class:`T` (transpose), :class:`P` (pseudo-inverse) and
:class:`Inv` (inverse, square only); scalar losses are :class:`Loss` (a sum of
rational multiples of traces). Three evaluations, written independently:

* :func:`evaluate_exact` with :mod:`.exact_matrices` (its own pseudo-inverse);
* :func:`evaluate_float` with numpy (``np.linalg.pinv``, ``np.linalg.inv``);
* :func:`to_sympy`, the claim handed to derivcheck.

Entries of the exact evaluation may be ``Fraction`` or :class:`Dual`
(value + t·slope, exact forward differentiation) for losses.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping, Union

import numpy as np

from . import exact_matrices as em

__all__ = [
    "Sym", "Ident", "Mul", "Add", "Scale", "T", "P", "Inv", "Node", "Loss", "Undefined",
    "shape_of", "symbols_of", "evaluate_exact", "evaluate_float", "evaluate_loss", "to_sympy",
    "loss_to_sympy", "render", "subtrees", "replace_at", "Dual",
]


class Undefined(ArithmeticError):
    """An inverse of a singular matrix occurred: the expression has no value here."""


@dataclass(frozen=True)
class Sym:
    name: str
    rows: int
    cols: int


@dataclass(frozen=True)
class Ident:
    n: int


@dataclass(frozen=True)
class Mul:
    left: "Node"
    right: "Node"


@dataclass(frozen=True)
class Add:
    left: "Node"
    right: "Node"


@dataclass(frozen=True)
class Scale:
    coef: Fraction
    arg: "Node"


@dataclass(frozen=True)
class T:
    arg: "Node"


@dataclass(frozen=True)
class P:
    arg: "Node"


@dataclass(frozen=True)
class Inv:
    arg: "Node"


Node = Union[Sym, Ident, Mul, Add, Scale, T, P, Inv]


@dataclass(frozen=True)
class Loss:
    """A scalar loss: ``Σ coef · tr(matrix)`` over square matrix trees."""

    terms: tuple[tuple[Fraction, Node], ...]


def shape_of(node: Node) -> tuple[int, int]:
    if isinstance(node, Sym):
        return node.rows, node.cols
    if isinstance(node, Ident):
        return node.n, node.n
    if isinstance(node, Mul):
        (m, k), (k2, n) = shape_of(node.left), shape_of(node.right)
        if k != k2:
            raise ValueError(f"product of shapes {(m, k)} and {(k2, n)}")
        return m, n
    if isinstance(node, Add):
        a, b = shape_of(node.left), shape_of(node.right)
        if a != b:
            raise ValueError(f"sum of shapes {a} and {b}")
        return a
    if isinstance(node, Scale):
        return shape_of(node.arg)
    if isinstance(node, (T, P)):
        m, n = shape_of(node.arg)
        return n, m
    if isinstance(node, Inv):
        m, n = shape_of(node.arg)
        if m != n:
            raise ValueError(f"inverse of a {m}x{n} matrix")
        return m, n
    raise TypeError(f"not a tree node: {node!r}")


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, (Mul, Add)):
        return node.left, node.right
    if isinstance(node, (Scale, T, P, Inv)):
        return (node.arg,)
    return ()


def symbols_of(*nodes) -> dict[str, Sym]:
    """Every Sym in the trees (and losses), by name."""
    out: dict[str, Sym] = {}
    stack = []
    for n in nodes:
        stack.extend(t for _, t in n.terms) if isinstance(n, Loss) else stack.append(n)
    while stack:
        n = stack.pop()
        if isinstance(n, Sym):
            if n.name in out and out[n.name] != n:
                raise ValueError(f"symbol {n.name} used with two shapes")
            out[n.name] = n
        stack.extend(children(n))
    return dict(sorted(out.items()))


def subtrees(node: Node, path: tuple[int, ...] = ()):
    """Every (path, subtree) pair, root first."""
    yield path, node
    for i, c in enumerate(children(node)):
        yield from subtrees(c, path + (i,))


def replace_at(node: Node, path: tuple[int, ...], new: Node) -> Node:
    if not path:
        return new
    i, rest = path[0], path[1:]
    if isinstance(node, (Mul, Add)):
        parts = [node.left, node.right]
        parts[i] = replace_at(parts[i], rest, new)
        return type(node)(*parts)
    if isinstance(node, Scale):
        return Scale(node.coef, replace_at(node.arg, rest, new))
    return type(node)(replace_at(node.arg, rest, new))


class Dual:
    """``value + slope·t`` modulo t²: the exact derivative at t = 0 of polynomial arithmetic."""

    __slots__ = ("value", "slope")

    def __init__(self, value, slope=Fraction(0)):
        self.value, self.slope = Fraction(value), Fraction(slope)

    @staticmethod
    def lift(x) -> "Dual":
        return x if isinstance(x, Dual) else Dual(x)

    def __add__(self, other):
        o = Dual.lift(other)
        return Dual(self.value + o.value, self.slope + o.slope)

    __radd__ = __add__

    def __neg__(self):
        return Dual(-self.value, -self.slope)

    def __sub__(self, other):
        return self + (-Dual.lift(other))

    def __mul__(self, other):
        o = Dual.lift(other)
        return Dual(self.value * o.value, self.value * o.slope + self.slope * o.value)

    __rmul__ = __mul__

    def __repr__(self) -> str:
        return f"Dual({self.value}, {self.slope})"


def evaluate_exact(node: Node, values: Mapping[str, em.Matrix]) -> em.Matrix:
    """Exact value; raises :class:`Undefined` at an inverse of a singular matrix."""
    if isinstance(node, Sym):
        return values[node.name]
    if isinstance(node, Ident):
        return em.identity(node.n)
    if isinstance(node, Mul):
        return em.mul(evaluate_exact(node.left, values), evaluate_exact(node.right, values))
    if isinstance(node, Add):
        return em.add(evaluate_exact(node.left, values), evaluate_exact(node.right, values))
    if isinstance(node, Scale):
        return em.scale(node.coef, evaluate_exact(node.arg, values))
    if isinstance(node, T):
        return em.transpose(evaluate_exact(node.arg, values))
    if isinstance(node, P):
        return em.pinv(evaluate_exact(node.arg, values))
    if isinstance(node, Inv):
        try:
            return em.inverse(evaluate_exact(node.arg, values))
        except em.Singular as exc:
            raise Undefined(f"inverse of {render(node.arg)}: {exc}") from None
    raise TypeError(f"not a tree node: {node!r}")


def evaluate_loss(loss: Loss, values: Mapping[str, em.Matrix]):
    """The loss's exact value (a Fraction, or a Dual when some entries are Dual)."""
    total = Fraction(0)
    for coef, tree in loss.terms:
        m = evaluate_exact(tree, values)
        total = sum((m[i][i] for i in range(len(m))), Fraction(0)) * coef + total
    return total


def evaluate_float(node: Node, values: Mapping[str, np.ndarray]) -> np.ndarray:
    """float64 value; ``np.linalg.LinAlgError`` at a singular inverse."""
    if isinstance(node, Sym):
        return values[node.name]
    if isinstance(node, Ident):
        return np.eye(node.n)
    if isinstance(node, Mul):
        return evaluate_float(node.left, values) @ evaluate_float(node.right, values)
    if isinstance(node, Add):
        return evaluate_float(node.left, values) + evaluate_float(node.right, values)
    if isinstance(node, Scale):
        return float(node.coef) * evaluate_float(node.arg, values)
    if isinstance(node, T):
        return evaluate_float(node.arg, values).T
    if isinstance(node, P):
        return np.linalg.pinv(evaluate_float(node.arg, values))
    if isinstance(node, Inv):
        return np.linalg.inv(evaluate_float(node.arg, values))
    raise TypeError(f"not a tree node: {node!r}")


def loss_float(loss: Loss, values: Mapping[str, np.ndarray]) -> float:
    return float(sum(float(c) * np.trace(evaluate_float(t, values)) for c, t in loss.terms))


def to_sympy(node: Node, symbols: Mapping[str, object] | None = None):
    """The SymPy matrix expression (``derivcheck.Pinv`` for P) that derivcheck checks."""
    import sympy

    from derivcheck import Pinv

    symbols = {} if symbols is None else symbols

    def build(n):
        if isinstance(n, Sym):
            return symbols[n.name] if n.name in symbols else sympy.MatrixSymbol(n.name, n.rows, n.cols)
        if isinstance(n, Ident):
            return sympy.Identity(n.n)
        if isinstance(n, Mul):
            return sympy.MatMul(build(n.left), build(n.right))
        if isinstance(n, Add):
            return sympy.MatAdd(build(n.left), build(n.right))
        if isinstance(n, Scale):
            return sympy.Rational(n.coef.numerator, n.coef.denominator) * build(n.arg)
        if isinstance(n, T):
            return sympy.Transpose(build(n.arg))
        if isinstance(n, P):
            return Pinv(build(n.arg))
        if isinstance(n, Inv):
            return sympy.Inverse(build(n.arg))
        raise TypeError(f"not a tree node: {n!r}")

    return build(node)


def loss_to_sympy(loss: Loss):
    import sympy

    return sympy.Add(*(sympy.Rational(c.numerator, c.denominator) * sympy.Trace(to_sympy(t))
                       for c, t in loss.terms))


def render(node) -> str:
    """Compact text of a tree (for reports; never parsed)."""
    if isinstance(node, Loss):
        return " + ".join(f"{c}*tr({render(t)})" for c, t in node.terms)
    if isinstance(node, Sym):
        return node.name
    if isinstance(node, Ident):
        return f"I{node.n}"
    if isinstance(node, Mul):
        return f"({render(node.left)}*{render(node.right)})"
    if isinstance(node, Add):
        return f"({render(node.left)} + {render(node.right)})"
    if isinstance(node, Scale):
        return f"{node.coef}*{render(node.arg)}"
    if isinstance(node, T):
        return f"{render(node.arg)}'"
    if isinstance(node, P):
        return f"pinv({render(node.arg)})"
    if isinstance(node, Inv):
        return f"inv({render(node.arg)})"
    raise TypeError(f"not a tree node: {node!r}")
