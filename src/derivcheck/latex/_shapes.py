"""Shape inference by unification of dimensions (internal).

Every matrix gets two dimension variables (rows, columns). A union-find joins
the variables that must be equal: the inner dimensions of a product, all the
dimensions of the terms of a sum or the sides of an equation, both dimensions
of an inverse, a power, a trace or an identity; a transpose swaps them.

A class of the union-find may hold one *rigid* value: an integer (from the
caller's ``shapes`` or ``\\mathbb{R}^{3\\times 2}``) or a named dimension (from
``I_n`` or ``\\mathbb{R}^{n\\times r}``). Joining two different rigid values is
a conflict, reported as :class:`~derivcheck.errors.InputShapeError` naming the
sub-expression and both shapes. Classes without a rigid value become fresh
positive integer symbols named after the first matrix dimension in them
(``rows_A``, ``cols_B``).
"""

from __future__ import annotations

from typing import Optional, Union

from ..errors import InputShapeError, LatexParseError
from . import _ir as ir

Shape = Optional[tuple[int, int]]  # None for a scalar, else (rows id, cols id)


class Dimensions:
    """Union-find over dimension variables with optional rigid values."""

    def __init__(self) -> None:
        self.parent: list[int] = []
        self.rigid: list[Union[int, str, None]] = []
        self.label: list[str] = []
        self._named: dict[Union[int, str], int] = {}

    def fresh(self, label: str) -> int:
        self.parent.append(len(self.parent))
        self.rigid.append(None)
        self.label.append(label)
        return len(self.parent) - 1

    def fixed(self, value: Union[int, str]) -> int:
        """The variable of an integer or named dimension (one per value)."""
        if value not in self._named:
            var = self.fresh(str(value))
            self.rigid[var] = value
            self._named[value] = var
        return self._named[value]

    def find(self, var: int) -> int:
        root = var
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[var] != root:
            self.parent[var], var = root, self.parent[var]
        return root

    def product(self, a: int, b: int) -> int:
        """A variable for the product of two dimensions (the size of a Kronecker product)."""
        va, vb = self.value(a), self.value(b)
        if isinstance(va, int) and isinstance(vb, int):
            return self.fixed(va * vb)
        var = self.fresh(f"{self.describe(a)}*{self.describe(b)}")
        self.rigid[var] = (a, b)
        return var

    def union(self, a: int, b: int) -> bool:
        """Join the classes of *a* and *b*; False if their rigid values differ.

        Two product dimensions ``p q`` and ``p' q'`` are joined factor by factor
        (``p = p'``, ``q = q'``): the reading a formula about Kronecker products
        intends; a product and a plain integer or name do not join.
        """
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        va, vb = self.rigid[ra], self.rigid[rb]
        if isinstance(va, tuple) and isinstance(vb, tuple):
            self.parent[rb] = ra
            return self.union(va[0], vb[0]) and self.union(va[1], vb[1])
        if va is not None and vb is not None and va != vb:
            return False
        # Keep the rigid value; prefer integers over names, then the older label.
        keep, drop = (ra, rb) if _rank(va, ra) <= _rank(vb, rb) else (rb, ra)
        self.parent[drop] = keep
        return True

    def value(self, var: int) -> Union[int, str, None]:
        return self.rigid[self.find(var)]

    def describe(self, var: int) -> str:
        root = self.find(var)
        value = self.rigid[root]
        if isinstance(value, tuple):
            return f"{self.describe(value[0])}·{self.describe(value[1])}"
        return str(value) if value is not None else self.label[root]

    def show(self, shape: Shape) -> str:
        if shape is None:
            return "scalar"
        return f"{self.describe(shape[0])}×{self.describe(shape[1])}"


def _rank(value, var: int) -> tuple:
    kind = 0 if isinstance(value, int) else 1 if isinstance(value, (str, tuple)) else 2
    return (kind, var)


class ShapeInference:
    """Infer the shape of every matrix in a formula.

    Parameters
    ----------
    text : str
        The formula (for messages).
    kinds : dict
        key -> kind, from :class:`~derivcheck.latex._kinds.KindInference`.
    zeros : dict
        span -> True for zero matrices.
    given : dict
        key -> (rows, cols) fixed by the caller (integers or dimension names).

    Attributes
    ----------
    dims : Dimensions
        The union-find.
    names : dict
        key -> (rows var, cols var) for every matrix name.
    shapes : dict
        span of every matrix-valued node -> its (rows var, cols var).
    """

    def __init__(self, text: str, kinds: dict, zeros: dict, given: dict) -> None:
        self.text = text
        self.kinds = kinds
        self.zeros = zeros
        self.given = given
        self.dims = Dimensions()
        self.names: dict[str, tuple[int, int]] = {}
        self.shapes: dict[ir.Span, tuple[int, int]] = {}
        self._deferred: list = []
        self._counter = 0
        self.scalar_factors: set[ir.Span] = set()  # 1×1 matrices read as their entry

    # ------------------------------------------------------------- messages
    def _error(self, node, rule: str, fix: str) -> InputShapeError:
        start, end = node.span
        return InputShapeError(f"formula[{start}:{end}]", self.text[start:end], rule, fix)

    def _source(self, node) -> str:
        start, end = node.span
        return self.text[start:end].strip()

    # ------------------------------------------------------------ variables
    def name_shape(self, key: str) -> tuple[int, int]:
        label = key.replace("^{-1}", "inv").replace("{", "").replace("}", "")
        if key not in self.names:
            if key in self.given:
                rows, cols = (self.dims.fixed(v) for v in self.given[key])
            else:
                rows = self.dims.fresh(f"rows_{label}")
                cols = self.dims.fixed(1) if self.kinds[key] == ir.VECTOR else self.dims.fresh(f"cols_{label}")
            self.names[key] = (rows, cols)
        return self.names[key]

    def _fresh_square(self, stem: str) -> tuple[int, int]:
        self._counter += 1
        var = self.dims.fresh(f"{stem}{self._counter}")
        return (var, var)

    def unify(self, node, a: tuple[int, int], b: tuple[int, int], rule: str, fix: str) -> None:
        shown = (self.dims.show(a), self.dims.show(b))
        if not (self.dims.union(a[0], b[0]) and self.dims.union(a[1], b[1])):
            raise self._error(node, rule.replace("{0}", shown[0]).replace("{1}", shown[1]), fix)

    # ---------------------------------------------------------------- visit
    def run(self, root) -> "ShapeInference":
        for node in ir.walk(root):
            if isinstance(node, ir.Declare) and not node.scalar:
                for target in (t for t in node.targets if isinstance(t, ir.NameRef)):
                    declared = (self.dims.fixed(node.rows), self.dims.fixed(node.cols))
                    self.unify(target, self.name_shape(target.key), declared,
                               f"{target.key} is declared {{1}} but has shape {{0}}",
                               "make the declarations and the given shapes agree")
        self.visit(root)
        for check in self._deferred:
            check()
        self._check_no_forced_vectors(root)
        return self

    def _check_no_forced_vectors(self, root) -> None:
        """A matrix name whose shape nobody gave must not be forced to one row or column.

        (``p = A\\hat x = A(A^TA)^{-1}A^T`` is consistent only if A has one row: a
        typo in the formula far more often than a row vector named A.)
        """
        declared = {t.key for n in ir.walk(root) if isinstance(n, ir.Declare)
                    for t in n.targets if isinstance(t, ir.NameRef)}
        unchecked = [(key, shape) for key, shape in self.names.items()
                     if key not in self.given and key not in declared]
        for key, (rows, cols) in unchecked:
            if self.kinds[key] != ir.MATRIX:
                continue
            for var, what in ((rows, "row"), (cols, "column")):
                if self.dims.value(var) == 1:
                    start, end = root.span
                    raise InputShapeError(
                        f"formula[{start}:{end}]", self.text[start:end],
                        f"the formula is consistent only if the matrix {key} has one {what} "
                        f"({key} is {self.dims.show((rows, cols))})",
                        f"check the formula; if {key} really is a vector, give its shape",
                    )
        for key, (rows, cols) in unchecked:
            # A column vector forced to a single entry: the formula only holds for scalars
            # (\frac{\partial x^T a}{\partial x} = a^T makes x and a 1×1). Given or
            # declared shapes may make this intended.
            if self.given or declared:
                break
            if self.kinds[key] == ir.VECTOR and self.dims.value(rows) == 1:
                start, end = root.span
                raise InputShapeError(
                    f"formula[{start}:{end}]", self.text[start:end],
                    f"the formula is consistent only if the vector {key} has one entry "
                    f"({key} is {self.dims.show((rows, cols))})",
                    f"check the formula (a transpose too many or too few?); if {key} is a scalar, "
                    "give its shape",
                )

    def visit(self, node) -> Shape:
        shape = getattr(self, "_" + type(node).__name__)(node)
        if shape is not None:
            self.shapes[node.span] = shape
        return shape

    def _NameRef(self, node):
        if self.kinds[node.key] in (ir.MATRIX, ir.VECTOR):
            return self.name_shape(node.key)
        return None

    def _IdentityRef(self, node):
        if node.size is None:
            return self._fresh_square("size_I")
        var = self.dims.fixed(node.size)
        return (var, var)

    def _ZeroRef(self, node):
        if not self.zeros[node.span]:
            return None
        self._counter += 1
        return (self.dims.fresh(f"rows_0_{self._counter}"), self.dims.fresh(f"cols_0_{self._counter}"))

    def _Number(self, node):
        return None

    def _Postfix(self, node):
        shape = self.visit(node.arg)
        if shape is None:
            return None
        rows, cols = shape
        if node.op in ("T", "pinv"):
            return (cols, rows)
        what = "an inverse" if node.op == "inv" else "a power"
        self.require_square(node, node.arg, shape, what)
        return (rows, cols)

    def require_square(self, node, arg, shape, what: str) -> None:
        shown = self.dims.show(shape)
        if not self.dims.union(shape[0], shape[1]):
            raise self._error(node, f"{what} needs a square matrix, but {self._source(arg)} is {shown}",
                              "check the shapes: only square matrices have inverses, powers, traces and determinants")

    def _one_by_one(self, shape: Shape) -> bool:
        """True when *shape* is already known to be 1×1 (``x^T x``, ``(y^T A y)^+``)."""
        return shape is not None and self.dims.value(shape[0]) == 1 and self.dims.value(shape[1]) == 1

    def _Product(self, node):
        result = None
        left_text = ""
        shapes = [self.visit(factor) for factor in node.factors]
        # A factor known to be 1×1 beside matrices that are not is a scalar factor: the
        # product (x^T x)^+ y x^T scales y x^T by the single entry of (x^T x)^+ (where
        # the matrix product conforms, this is the same value).
        if any(shape is not None and not self._one_by_one(shape) for shape in shapes):
            for factor, shape in zip(node.factors, shapes):
                if self._one_by_one(shape):
                    self.scalar_factors.add(factor.span)
        for factor, shape in zip(node.factors, shapes):
            if shape is None or factor.span in self.scalar_factors:
                continue
            if result is None:
                result, left_text = shape, self._source(factor)
                continue
            left_shape = self.dims.show(result)
            right_shape = self.dims.show(shape)
            if not self.dims.union(result[1], shape[0]):
                raise self._error(
                    node,
                    f"cannot multiply {left_text} ({left_shape}) by {self._source(factor)} "
                    f"({right_shape}): the inner dimensions differ",
                    "check the order of the factors and the given shapes",
                )
            result = (result[0], shape[1])
            left_text = f"{left_text} {self._source(factor)}"
        return result

    def _Kron(self, node):
        result = None
        for factor in node.factors:
            shape = self.visit(factor)
            if result is None:
                result = shape
            else:
                result = (self.dims.product(result[0], shape[0]), self.dims.product(result[1], shape[1]))
        return result

    def _Sum(self, node):
        shapes = [(term, self.visit(term)) for _, term in node.terms]
        matrices = [(term, shape) for term, shape in shapes if shape is not None]
        for term, shape in matrices[1:]:
            first_term, first = matrices[0]
            self.unify(node, first, shape,
                       f"cannot add {self._source(first_term)} ({{0}}) and {self._source(term)} ({{1}})",
                       "terms of a sum must have the same shape")
        return matrices[0][1] if matrices else None

    def _Frac(self, node):
        den = self.visit(node.den)
        if den is not None:
            def check(node=node, den=den):
                if not self._one_by_one(den):
                    start, end = node.den.span
                    raise LatexParseError(
                        self.text, start, self.text[start:end],
                        f"division by a matrix is not supported: {self._source(node.den)} is "
                        f"{self.dims.show(den)} (only a scalar or a 1×1 product such as x^T x can be a denominator)",
                        "multiply by the inverse instead (X^{-1}); for a derivative write "
                        "\\frac{\\partial f}{\\partial X}",
                    )
                self.scalar_factors.add(node.den.span)
            self._deferred.append(check)
        return self.visit(node.num)

    def _Call(self, node):
        for arg in node.args:
            shape = self.visit(arg)
            if shape is not None and node.func in ("trace", "det"):
                self.require_square(node, arg, shape, "a trace" if node.func == "trace" else "a determinant")
            elif shape is not None and node.func == "sqrt":
                self.require_one_by_one(arg, shape, "a square root")
        return None

    def require_one_by_one(self, arg, shape, what: str) -> None:
        """A matrix standing for a scalar (``x^T A x``) must be 1×1."""
        shown = self.dims.show(shape)
        one = self.dims.fixed(1)
        if not (self.dims.union(shape[0], one) and self.dims.union(shape[1], one)):
            raise self._error(arg, f"{what} needs a scalar, but {self._source(arg)} is a {shown} matrix",
                              "take it of a scalar: a norm, a trace or a 1×1 product such as x^T A x")

    def _NormOf(self, node):
        shape = self.visit(node.arg)
        if node.which == "2":
            def check(node=node, shape=shape):
                if self.dims.value(shape[1]) != 1:
                    # Notation the checker cannot read, not a false claim: a parse error.
                    start, end = node.span
                    raise LatexParseError(
                        self.text, start, self.text[start:end],
                        f"the 2-norm of the {self.dims.show(shape)} matrix {self._source(node.arg)} "
                        "is the spectral norm, which is not supported",
                        "use the Frobenius norm \\|X\\|_F, or a column vector",
                    )
            self._deferred.append(check)
        return None

    def _InnerOf(self, node):
        left, right = self.visit(node.left), self.visit(node.right)
        self.unify(node, left, right, "an inner product needs equal shapes, not {0} and {1}",
                   "pair matrices of the same shape")
        return None

    def _DiagOf(self, node):
        for entry in node.entries:
            self.visit(entry)
        if node.size is None:
            return self._fresh_square("size_diag")
        var = self.dims.fixed(node.size)
        return (var, var)

    def _MatrixLiteral(self, node):
        for entry in ir.children(node):
            self.visit(entry)
        return (self.dims.fixed(len(node.rows)), self.dims.fixed(len(node.rows[0])))

    def _LimitOf(self, node):
        self.visit(node.var)
        return self.visit(node.body)

    def _Optimum(self, node):
        var = self.visit(node.var)
        if node.domain is not None:
            self.unify(node.var, var, (self.dims.fixed(node.domain[0]), self.dims.fixed(node.domain[1])),
                       f"{node.var.key} ranges over {{1}} but has shape {{0}}", "make the shapes agree")
        self.visit(node.body)
        return var if node.op == "argmin" else None

    def _GradientOf(self, node):
        loss = self.visit(node.loss)
        if loss is not None:
            self.require_one_by_one(node.loss, loss, "a gradient")
        return self.visit(node.wrt)

    def _Chain(self, node):
        shapes = [(side, self.visit(side)) for side in node.sides]
        matrices = [(side, shape) for side, shape in shapes if shape is not None]
        for side, shape in matrices[1:]:
            first_side, first = matrices[0]
            self.unify(node, first, shape,
                       f"the sides {self._source(first_side)} ({{0}}) and {self._source(side)} ({{1}}) "
                       "cannot have the same shape",
                       "check the formula and the given shapes")
        if matrices and len(matrices) < len(shapes):
            side, shape = matrices[0]

            def check(node=node, side=side, shape=shape):
                one = self.dims.fixed(1)
                if self.dims.find(shape[0]) != self.dims.find(one) or self.dims.find(shape[1]) != self.dims.find(one):
                    raise self._error(
                        node,
                        f"a scalar is equated with {self._source(side)}, a {self.dims.show(shape)} matrix",
                        "equate matrices with matrices; only a 1×1 matrix may equal a scalar",
                    )
            self._deferred.append(check)
        return None

    def ambient(self, subspace) -> int:
        """The dimension variable of the space a column or null space lies in."""
        rows, cols = self.visit(subspace.matrix)
        return rows if subspace.kind == "column" else cols

    def _Define(self, node):
        target, value = self.visit(node.target), self.visit(node.value)
        if target is not None and value is not None:
            self.unify(node, target, value, f"{node.target.key} ({{0}}) is defined as a {{1}} matrix",
                       "check the definition and the given shapes")
        return None

    def _Subspace(self, node):
        self.visit(node.matrix)
        return None

    def _Member(self, node):
        ambient = self.ambient(node.subspace)
        for target in node.targets:
            shape = self.visit(target)
            if not self.dims.union(shape[0], ambient):
                raise self._error(target, f"{self._source(target)} ({self.dims.show(shape)}) cannot lie in "
                                  f"{self._source(node.subspace)}, a subspace of dimension-{self.dims.describe(ambient)} space",
                                  "check the shapes: C(A) lies in the space of A's rows count, N(A) of its columns count")
        return None

    def _Declare(self, node):
        subspaces = [t for t in node.targets if isinstance(t, ir.Subspace)]
        if subspaces:
            if node.scalar or node.cols != 1 or len(subspaces) != len(node.targets):
                raise self._error(node, "a subspace lies in a space of vectors, \\mathbb{R}^n",
                                  "write C(A) \\in \\mathbb{R}^m")
            for subspace in subspaces:
                if not self.dims.union(self.ambient(subspace), self.dims.fixed(node.rows)):
                    raise self._error(subspace, f"{self._source(subspace)} is not a subspace of "
                                      f"\\mathbb{{R}}^{node.rows}", "make the declarations agree")
            return None
        if node.scalar:
            for target in node.targets:
                self.visit(target)
            return None
        declared = (self.dims.fixed(node.rows), self.dims.fixed(node.cols))
        for target in node.targets:
            self.unify(target, self.visit(target), declared,
                       f"{self._source(target)} is declared {{1}} but has shape {{0}}",
                       "make the declarations and the given shapes agree")
        return None

    def _Statements(self, node):
        for part in node.parts:
            self.visit(part)
        return None

    def _Implies(self, node):
        self.visit(node.premise)
        self.visit(node.conclusion)
        return None
