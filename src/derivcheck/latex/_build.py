"""From the intermediate representation to SymPy objects and formula nodes (internal).

Matrix products and sums are built with ``evaluate=False`` so that nothing is
simplified behind the reader's back (``(AᵀA)⁻¹AᵀA`` stays as written, it is not
cancelled to ``I``). Only these normalisations are applied:

* nested products and sums are flattened; the scalar factors of a product are
  collected into one leading coefficient (``2Aᵀ(AB - M)`` is
  ``MatMul(2, Aᵀ, AB - M)``), a coefficient 1 is dropped, ``-X`` is
  ``MatMul(-1, X)``;
* the terms of a matrix sum are sorted by SymPy's ``default_sort_key``
  (``A + B`` and ``B + A`` build the same object);
* ``X^{-1}`` is ``Inverse(X)``, ``X^k`` is ``MatPow(X, k)``, ``X^1`` is ``X``;
* ``Pinv(Pinv(X))`` stays a double pseudo-inverse (``doit()`` simplifies it);
* scalar arithmetic is ordinary (evaluated) SymPy arithmetic.
"""

from __future__ import annotations

import sympy
from sympy import (
    Determinant, FunctionMatrix, Identity, Inverse, KroneckerProduct, MatAdd, MatMul, MatPow, MatrixSymbol,
    Trace, Transpose, ZeroMatrix,
)
from sympy.core.sorting import default_sort_key

from ..errors import LatexParseError
from ..exact.expr import Pinv
from . import _ir as ir
from . import ast
from ._shapes import ShapeInference

_SPECIAL = (ast.MatrixLimit, ast.Argmin, ast.Minimum, ast.Gradient)
_RELATIONALS = {"<": sympy.StrictLessThan, ">": sympy.StrictGreaterThan,
                "<=": sympy.LessThan, ">=": sympy.GreaterThan, "!=": sympy.Unequality}


def is_matrix(value) -> bool:
    return isinstance(value, sympy.Basic) and bool(getattr(value, "is_Matrix", False))


def matmul(coefficient, matrices: list):
    """A flattened ``MatMul`` with one leading scalar coefficient."""
    flat = []
    for factor in matrices:
        if isinstance(factor, MatMul):
            coeff, inner = factor.as_coeff_matrices()
            coefficient = coefficient * coeff
            flat.extend(inner)
        else:
            flat.append(factor)
    if not flat:
        return coefficient
    if coefficient == 1 and len(flat) == 1:
        return flat[0]
    args = flat if coefficient == 1 else [coefficient, *flat]
    return MatMul(*args, evaluate=False)


def _is_zero(value) -> bool:
    """True for a literal zero: the number 0 or a ``ZeroMatrix``."""
    return isinstance(value, ZeroMatrix) or (isinstance(value, sympy.Expr) and value.is_zero is True)


def matadd(terms: list):
    """A flattened ``MatAdd`` with its terms in SymPy's canonical order."""
    flat = []
    for term in terms:
        flat.extend(term.args if isinstance(term, MatAdd) else [term])
    if len(flat) == 1:
        return flat[0]
    return MatAdd(*sorted(flat, key=default_sort_key), evaluate=False)


class Builder:
    """Build the SymPy tree of a formula once kinds and shapes are known.

    Parameters
    ----------
    text : str
        The formula.
    kinds : dict
        key -> kind.
    shapes : ShapeInference
        The solved shape inference.
    """

    def __init__(self, text: str, kinds: dict, shapes: ShapeInference) -> None:
        self.text = text
        self.kinds = kinds
        self.inference = shapes
        self._dim_symbols: dict[int, sympy.Expr] = {}
        self.matrices: dict[str, MatrixSymbol] = {}
        self.scalars: dict[str, sympy.Symbol] = {}
        self.nonzero: set[str] = set()  # scalar names stated nonzero (c \\neq 0)
        self.positive: set[str] = set()  # scalar names stated positive (c > 0)
        self.conventions: set[str] = set()

    def note_stated_conditions(self, root) -> None:
        """Mark the scalar names whose sign the formula states (``c \\neq 0``, ``\\alpha > 0``).

        A relation of one scalar name with 0 written in the formula itself (as a
        part of a list, or as the premise of ``\\Rightarrow``) is a hypothesis: the
        symbol is built nonzero or positive and the other statements are checked
        under it. A divisor alone is *not* a hypothesis: ``(cA)^+ = (1/c)A^+`` is
        checked at ``c = 0`` too, and comes back conditional on ``c ≠ 0``.
        """
        for node in ir.walk(root):
            if not isinstance(node, ir.Chain) or len(node.sides) != 2:
                continue
            left, right = node.sides
            op = node.ops[0]
            if isinstance(left, (ir.Number, ir.ZeroRef)) and isinstance(right, ir.NameRef):
                left, right = right, left
                op = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(op, op)
            zero = isinstance(right, ir.ZeroRef) or (isinstance(right, ir.Number) and right.value == 0)
            if not (zero and isinstance(left, ir.NameRef) and self.kinds.get(left.key) in (ir.SCALAR, ir.POSITIVE)):
                continue
            if op == "!=":
                self.nonzero.add(left.key)
            elif op == ">":
                self.positive.add(left.key)

    # ------------------------------------------------------------ dimensions
    def dim(self, var: int) -> sympy.Expr:
        dims = self.inference.dims
        root = dims.find(var)
        if root not in self._dim_symbols:
            value = dims.rigid[root]
            if isinstance(value, tuple):
                return self.dim(value[0]) * self.dim(value[1])
            if isinstance(value, int):
                self._dim_symbols[root] = sympy.Integer(value)
            else:
                name = value if value is not None else dims.label[root]
                self._dim_symbols[root] = sympy.Symbol(name, integer=True, positive=True)
        return self._dim_symbols[root]

    def shape(self, node) -> tuple:
        rows, cols = self.inference.shapes[node.span]
        return (self.dim(rows), self.dim(cols))

    def dimensions(self) -> tuple:
        """Every free dimension symbol met, sorted by name."""
        symbols = {s for s in self._dim_symbols.values() if isinstance(s, sympy.Symbol)}
        return tuple(sorted(symbols, key=lambda s: s.name))

    # ---------------------------------------------------------------- errors
    def _error(self, node, rule: str, fix: str) -> LatexParseError:
        start, end = node.span
        return LatexParseError(self.text, start, self.text[start:end], rule, fix)

    def _value(self, node, what: str):
        """Build *node*; refuse limits, argmins and gradients inside expressions."""
        value = self.build(node)
        if isinstance(value, _SPECIAL) and not isinstance(value, ast.Minimum):
            raise self._error(node, f"a limit, argmin or gradient cannot be {what}",
                              "write it as a whole side of an equation")
        if isinstance(value, ast.Minimum):
            raise self._error(node, f"a minimum value cannot be {what}",
                              "write it as a whole side of an equation")
        return value

    # ------------------------------------------------------------------ nodes
    def build(self, node):
        return getattr(self, "_" + type(node).__name__)(node)

    def _NameRef(self, node):
        kind = self.kinds[node.key]
        if kind in (ir.MATRIX, ir.VECTOR):
            if node.key not in self.matrices:
                rows, cols = self.inference.names[node.key]
                self.matrices[node.key] = MatrixSymbol(node.key, self.dim(rows), self.dim(cols))
            return self.matrices[node.key]
        if node.key not in self.scalars:
            if kind == ir.POSITIVE or node.key in self.positive:
                self.scalars[node.key] = sympy.Symbol(node.key, positive=True)
                if kind != ir.POSITIVE:
                    self.conventions.add(f"{node.key} > 0 is stated in the formula: the other statements "
                                         "are checked under it")
            elif node.key in self.nonzero:
                self.scalars[node.key] = sympy.Symbol(node.key, real=True, nonzero=True)
                self.conventions.add(f"{node.key} ≠ 0 is stated in the formula: the other statements "
                                     "are checked under it")
            else:
                self.scalars[node.key] = sympy.Symbol(node.key, real=True)
        return self.scalars[node.key]

    def _IdentityRef(self, node):
        return Identity(self.shape(node)[0])

    def _ZeroRef(self, node):
        if node.span in self.inference.shapes:
            return ZeroMatrix(*self.shape(node))
        return sympy.Integer(0)

    def _Number(self, node):
        return node.value

    def _Postfix(self, node):
        arg = self._value(node.arg, "transposed, inverted or raised to a power")
        inverts = node.op == "inv" or (node.op == "pow" and node.exponent < 0)
        if inverts and _is_zero(arg):
            raise self._error(node, "the inverse of zero (or of a zero matrix) does not exist",
                              "check the formula; the pseudo-inverse is written ^{\\dagger} or ^{+}")
        if not is_matrix(arg):
            if node.op == "inv":
                return arg ** -1
            if node.op == "pow":
                return arg ** node.exponent
            raise self._error(node, "a scalar cannot be transposed or pseudo-inverted",
                              "use an uppercase or bold name for a matrix")  # pragma: no cover
        if node.op == "T":
            return Transpose(arg)
        if node.op == "pinv":
            return Pinv(arg)
        if node.op == "inv":
            return Inverse(arg)
        if node.exponent == 1:
            return arg
        if node.exponent == 0:
            return Identity(arg.shape[0])
        return MatPow(arg, node.exponent)

    def _scalar_value(self, node, what: str):
        """Build *node*; a 1×1 matrix read as a scalar (see ShapeInference) is its entry."""
        value = self._value(node, what)
        if is_matrix(value) and node.span in self.inference.scalar_factors:
            return Trace(value)
        return value

    def _Product(self, node):
        values = [self._scalar_value(f, "a factor of a product") for f in node.factors]
        scalars = [v for v in values if not is_matrix(v)]
        matrices = [v for v in values if is_matrix(v)]
        return matmul(sympy.Mul(*scalars), matrices)

    def _Kron(self, node):
        return KroneckerProduct(*[self._value(f, "a factor of a Kronecker product") for f in node.factors])

    def _Sum(self, node):
        values = []
        for sign, term in node.terms:
            value = self._value(term, "a term of a sum")
            if sign < 0:
                value = matmul(sympy.Integer(-1), [value]) if is_matrix(value) else -value
            values.append(value)
        if is_matrix(values[0]):
            return matadd(values)
        return sympy.Add(*values)

    def _Frac(self, node):
        num = self._value(node.num, "a numerator")
        den = self._scalar_value(node.den, "a denominator")
        if _is_zero(den):
            raise self._error(node.den, "division by zero", "check the denominator")
        if is_matrix(num):
            return matmul(1 / den, [num])
        return num / den

    def _Call(self, node):
        args = [self._value(a, "an argument") for a in node.args]
        if node.func == "trace":
            return Trace(args[0])
        if node.func == "det":
            return Determinant(args[0])
        if node.func == "rank":
            return ast.MatrixRank(args[0])
        if node.func == "nullity":
            return ast.MatrixNullity(args[0])
        if node.func == "sqrt":
            return sympy.sqrt(Trace(args[0]) if is_matrix(args[0]) else args[0])
        if node.func == "min":
            return sympy.Min(*args)
        return sympy.Max(*args)

    def _NormOf(self, node):
        arg = self._value(node.arg, "inside a norm")
        return sympy.sqrt(Trace(matmul(sympy.Integer(1), [Transpose(arg), arg])))

    def _InnerOf(self, node):
        left = self._value(node.left, "inside an inner product")
        right = self._value(node.right, "inside an inner product")
        return Trace(matmul(sympy.Integer(1), [Transpose(left), right]))

    def _DiagOf(self, node):
        entries = [self._value(e, "a diagonal entry") for e in node.entries]
        if not node.family:
            return sympy.ImmutableMatrix(sympy.diag(*entries))
        size = self.shape(node)[0]
        index = sympy.Dummy("i", integer=True, positive=True)
        generic = _indexed(entries[-1], {node.index: index})
        for position, (entry, written) in enumerate(zip(entries[:-1], node.entries[:-1]), start=1):
            if _indexed(entry, {str(position): sympy.Integer(position)}) != generic.subs(index, position):
                raise self._error(
                    written, f"entry {position} of diag(...) does not follow the pattern of the last entry",
                    "write the entries as one pattern, e.g. diag(x_1, x_2, \\cdots, x_n)",
                )
        i, j = sympy.Dummy("i", integer=True), sympy.Dummy("j", integer=True)
        entry = sympy.KroneckerDelta(i, j) * generic.subs(index, i + 1)
        return FunctionMatrix(size, size, sympy.Lambda((i, j), entry))

    def _MatrixLiteral(self, node):
        rows = [[self._value(entry, "an entry of a matrix") for entry in row] for row in node.rows]
        return sympy.ImmutableMatrix(rows)

    def _LimitOf(self, node):
        var = self.build(node.var)
        if is_matrix(var):  # pragma: no cover - excluded by kind inference
            raise self._error(node.var, "the variable of a limit must be a scalar", "use \\epsilon")
        body = self.build(node.body)
        if isinstance(body, (ast.Gradient, ast.MatrixLimit)):
            raise self._error(node.body, "a limit of a gradient or of a limit is not supported",
                              "write one limit of a matrix expression")
        if isinstance(body, ast.Minimum):
            raise self._error(node.body, "a limit of a minimum value is not supported",
                              "write the limit of the minimiser (argmin)")
        if is_matrix(body) or isinstance(body, ast.Argmin):
            return ast.MatrixLimit(var, node.point, body, node.side)
        return sympy.Limit(body, var, node.point, "+")

    def _Optimum(self, node):
        var = self.build(node.var)
        body = self._value(node.body, "inside an optimisation")
        if node.op == "argmin":
            return ast.Argmin(var, body)
        return ast.Minimum(var, body)

    def _GradientOf(self, node):
        loss = self._value(node.loss, "differentiated")
        if is_matrix(loss):  # a 1×1 matrix such as x^T A x: its one entry
            loss = Trace(loss)
        return ast.Gradient(loss, self.build(node.wrt))

    def _Chain(self, node):
        sides = [self.build(side) for side in node.sides]
        parts = []
        run = [sides[0]]
        for op, side in zip(node.ops, sides[1:]):
            if op == "=":
                run.append(side)
                continue
            if len(run) > 1:
                parts.append(ast.Equation(tuple(run)))
            left = run[-1]
            for value in (left, side):
                if isinstance(value, _SPECIAL):
                    raise self._error(node, "a limit, optimum or gradient cannot be compared with <, >",
                                      "compare scalar expressions")
            parts.append(_RELATIONALS[op](left, side, evaluate=False))
            run = [side]
        if len(run) > 1:
            parts.append(ast.Equation(tuple(run)))
        return parts[0] if len(parts) == 1 else ast.Conjunction(tuple(parts))

    def _subspace(self, node) -> "ast.Subspace":
        return ast.Subspace(node.kind, self._value(node.matrix, "a matrix of a subspace"))

    def _Define(self, node):
        return ast.Definition(self.build(node.target), self._value(node.value, "defined"))

    def _Subspace(self, node):
        return self._subspace(node)

    def _Member(self, node):
        subspace = self._subspace(node.subspace)
        parts = [ast.Membership(self._value(t, "an element of a subspace"), subspace) for t in node.targets]
        return parts[0] if len(parts) == 1 else ast.Conjunction(tuple(parts))

    def _Declare(self, node):
        parts = []
        for target in node.targets:
            if isinstance(target, ir.Subspace):
                subspace = self._subspace(target)
                parts.append(ast.Declaration(subspace, subspace.shape))
                continue
            value = self._value(target, "declared")
            parts.append(ast.Declaration(value, tuple(value.shape) if is_matrix(value) else ()))
        return parts[0] if len(parts) == 1 else ast.Conjunction(tuple(parts))

    def _Statements(self, node):
        parts = []
        for part in node.parts:
            value = self.build(part)
            parts.extend(value.parts if isinstance(value, ast.Conjunction) else [value])
        return ast.Conjunction(tuple(parts))

    def _Implies(self, node):
        return ast.Implication(self.build(node.premise), self.build(node.conclusion))


def _indexed(expr, indices: dict):
    """Replace the scalar symbols ``x_<sub>`` by ``x[index]`` for the given subscripts."""
    replacements = {}
    for symbol in expr.free_symbols:
        stem, _, sub = symbol.name.rpartition("_")
        if stem and sub in indices:
            base = sympy.IndexedBase(sympy.Symbol(stem, real=True), real=True)
            replacements[symbol] = base[indices[sub]]
    return expr.xreplace(replacements)

