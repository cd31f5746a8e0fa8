"""Which names are matrices and which are scalars (internal).

Conventions (documented in :mod:`derivcheck.latex`):

* uppercase Latin and Greek letters, bold uppercase: matrices; ``I`` is the
  identity; bold lowercase and ``\\vec{x}``: column vectors (one column);
* ``\\epsilon``, ``\\varepsilon``, ``\\lambda``: real positive scalars; numbers,
  ``\\mathcal{L}`` and subscripted ``\\lambda_i``: real scalars;
* other lowercase letters (``x``, ``b``, ``\\alpha``) are decided by context and
  become column vectors when they

  - are transposed or pseudo-inverted (``x^T``),
  - stand to the right of a matrix in a product (``A x``, ``(K+\\lambda I)\\alpha``),
  - are added to, or equated with, a matrix (``A x = b``),
  - are the argument of a norm, trace or inner product, or the variable of an
    ``\\arg\\min`` or a gradient;

  otherwise they are real scalars (``ad - bc``, ``\\sigma_i``);
* a plain ``0`` is a zero matrix where a matrix is expected, else the number 0;
* shapes given by the caller or declared with ``\\in\\mathbb{R}^{m\\times n}``
  make a name a matrix (``\\in\\mathbb{R}``: a scalar).

The rules are applied until nothing changes (a fixpoint); a scalar used as a
matrix (``\\lambda^{\\top}``), a sum of a scalar and a matrix, or a matrix
under an order relation is an :class:`~derivcheck.errors.InputShapeError`.
"""

from __future__ import annotations

from ..errors import InputShapeError, LatexParseError
from . import _ir as ir

S, M, U = "S", "M", "U"  # certainly scalar, certainly matrix, undecided


class KindInference:
    """Decide the kind of every name and every plain ``0``.

    Parameters
    ----------
    text : str
        The formula (for messages).
    root : IR node
        The formula's IR.
    declared : set of str
        Keys whose shapes the caller fixed (they are matrices).

    Attributes
    ----------
    kinds : dict
        key -> one of ``ir.MATRIX``, ``ir.VECTOR``, ``ir.SCALAR``, ``ir.POSITIVE``.
    zeros : dict
        span of a ``0`` -> True if it is a zero matrix.
    """

    def __init__(self, text: str, root, declared: set[str]) -> None:
        self.text = text
        self.root = root
        self.kinds: dict[str, str] = {}
        self.zeros: dict[ir.Span, bool] = {}
        self.changed = False
        parts = root.parts if isinstance(root, ir.Statements) else (root,)
        self.standalone = {p.span for p in parts if isinstance(p, ir.Subspace)}
        self._seed(declared)

    # ------------------------------------------------------------- messages
    def _error(self, node, rule: str, fix: str) -> InputShapeError:
        start, end = node.span
        return InputShapeError(f"formula[{start}:{end}]", self.text[start:end], rule, fix)

    def _notation_error(self, node, rule: str, fix: str) -> LatexParseError:
        """Notation the checker does not read (a matrix order, a function of a matrix):
        a parse error, never a shape conflict that would refute the claim."""
        start, end = node.span
        return LatexParseError(self.text, start, self.text[start:end], rule, fix)

    # ----------------------------------------------------------------- seed
    def _seed(self, declared: set[str]) -> None:
        for node in ir.walk(self.root):
            if isinstance(node, ir.NameRef):
                self._merge_default(node, node.default)
            elif isinstance(node, ir.ZeroRef):
                self.zeros[node.span] = node.matrix
        for node in ir.walk(self.root):
            if isinstance(node, ir.Declare):
                for target in node.targets:
                    if not isinstance(target, ir.NameRef):
                        continue  # an expression: promoted or checked in _Declare
                    if node.scalar:
                        self._merge_default(target, ir.SCALAR)
                    else:
                        self._merge_default(target, ir.VECTOR if node.cols == 1 and
                                            self.kinds[target.key] != ir.MATRIX else ir.MATRIX)
        for key in declared:
            if key in self.kinds:
                if self.kinds[key] in (ir.SCALAR, ir.POSITIVE):
                    raise InputShapeError(
                        f"shapes[{key!r}]", key, "a shape was given for a name the formula uses as a scalar",
                        "give shapes only for matrices",
                    )
                if self.kinds[key] == ir.UNKNOWN:
                    self.kinds[key] = ir.MATRIX

    def _merge_default(self, node: ir.NameRef, kind: str) -> None:
        old = self.kinds.get(node.key, ir.UNKNOWN)
        if old == ir.UNKNOWN or old == kind:
            self.kinds[node.key] = kind
            return
        if kind == ir.UNKNOWN:
            return
        matrixish = {ir.MATRIX, ir.VECTOR}
        if old in matrixish and kind in matrixish:
            self.kinds[node.key] = ir.VECTOR if ir.VECTOR in (old, kind) else ir.MATRIX
            return
        if {old, kind} <= {ir.SCALAR, ir.POSITIVE}:
            self.kinds[node.key] = old
            return
        raise self._error(node, f"{node.key} is used both as a scalar and as a matrix",
                          "use different names for the scalar and the matrix")

    # ------------------------------------------------------------- fixpoint
    def run(self) -> "KindInference":
        for _ in range(len(self.kinds) + len(self.zeros) + 2):
            self.changed = False
            self.visit(self.root)
            if not self.changed:
                break
        for key, kind in self.kinds.items():
            if kind == ir.UNKNOWN:
                self.kinds[key] = ir.SCALAR
        return self

    def _name_kind(self, key: str) -> str:
        kind = self.kinds[key]
        if kind in (ir.MATRIX, ir.VECTOR):
            return M
        if kind == ir.UNKNOWN:
            return U
        return S

    def promote(self, node, why: str) -> None:
        """Make *node* matrix-valued; raise if it is certainly a scalar."""
        kind = self.visit(node)
        if kind == M:
            return
        if kind == S:
            if isinstance(node, ir.NameRef):
                raise self._error(node, f"the scalar {node.key} is used as a matrix ({why})",
                                  "use an uppercase or bold name for a matrix")
            raise self._error(node, f"a scalar is used as a matrix ({why})",
                              "check the formula; traces, norms and numbers are scalars")
        # Undecided: decide the parts that make it a matrix.
        if isinstance(node, ir.NameRef):
            self.kinds[node.key] = ir.VECTOR
            self.changed = True
        elif isinstance(node, ir.ZeroRef):
            self.zeros[node.span] = True
            self.changed = True
        elif isinstance(node, ir.Postfix):
            self.promote(node.arg, why)
        elif isinstance(node, ir.Sum):
            for _, term in node.terms:
                self.promote(term, why)
        elif isinstance(node, ir.Product):
            undecided = [f for f in node.factors if self.visit(f) == U]
            self.promote(undecided[-1], why)
        elif isinstance(node, ir.Frac):
            self.promote(node.num, why)
        elif isinstance(node, ir.LimitOf):
            self.promote(node.body, why)

    def visit(self, node) -> str:
        """Return the kind of *node* (S, M or U), applying the promotion rules."""
        method = getattr(self, "_" + type(node).__name__)
        return method(node)

    def _NameRef(self, node):
        return self._name_kind(node.key)

    def _IdentityRef(self, node):
        return M

    def _ZeroRef(self, node):
        return M if self.zeros[node.span] else U

    def _Number(self, node):
        return S

    def _Postfix(self, node):
        if node.op in ("T", "pinv"):
            self.promote(node.arg, "transposed or pseudo-inverted")
            return M
        return self.visit(node.arg)

    def _Product(self, node):
        kinds = [self.visit(f) for f in node.factors]
        seen_matrix = False
        for factor, kind in zip(node.factors, kinds):
            if kind == U and seen_matrix:
                self.promote(factor, "it stands right of a matrix in a product")
            seen_matrix = seen_matrix or kind == M
        kinds = [self.visit(f) for f in node.factors]
        if M in kinds:
            return M
        return U if U in kinds else S

    def _Kron(self, node):
        for factor in node.factors:
            self.promote(factor, "factor of a Kronecker product")
        return M

    def _Sum(self, node):
        kinds = [self.visit(term) for _, term in node.terms]
        if M in kinds:
            for (_, term), kind in zip(node.terms, kinds):
                if kind == S:
                    raise self._error(node, "a scalar is added to a matrix",
                                      "multiply the scalar by an identity matrix, e.g. \\lambda I")
                if kind == U:
                    self.promote(term, "it is added to a matrix")
            return M
        return U if U in kinds else S

    def _Frac(self, node):
        self.visit(node.den)  # a matrix denominator must be 1×1: decided in _shapes
        return self.visit(node.num)

    def _Call(self, node):
        if node.func in ("trace", "det", "rank", "nullity"):
            self.promote(node.args[0], f"argument of {node.func}")
            return S
        for arg in node.args:
            if self.visit(arg) == M and node.func != "sqrt":  # \sqrt{x^T x}: 1×1, see _shapes
                raise self._notation_error(arg, f"{node.func} takes a scalar, not a matrix",
                                           "apply it to a scalar expression")
        return S

    def _NormOf(self, node):
        self.promote(node.arg, "argument of a norm")
        return S

    def _InnerOf(self, node):
        self.promote(node.left, "argument of an inner product")
        self.promote(node.right, "argument of an inner product")
        return S

    def _DiagOf(self, node):
        for entry in ir.children(node):
            if self.visit(entry) == M:
                raise self._error(entry, "the entries of diag(...) must be scalars",
                                  "use block matrices outside the formula")
        return M

    def _MatrixLiteral(self, node):
        for entry in ir.children(node):
            if self.visit(entry) == M:
                start, end = entry.span  # unsupported notation, not an inconsistent formula
                raise LatexParseError(self.text, start, self.text[start:end],
                                      "the entries of a matrix written entry by entry must be scalars "
                                      "(block matrices are not supported)",
                                      "write the entries as numbers or scalars, or check the blocks separately")
        return M

    def _LimitOf(self, node):
        if self.visit(node.var) == M:
            raise self._error(node.var, "the variable of a limit must be a scalar",
                              "write \\lim_{\\epsilon\\to 0}")
        return self.visit(node.body)

    def _Optimum(self, node):
        self.promote(node.var, "variable of an optimisation")
        if self.visit(node.body) == M:
            raise self._error(node.body, "the objective of an optimisation must be a scalar",
                              "minimise a norm such as \\|AB - M\\|_F^2")
        return M if node.op == "argmin" else S

    def _GradientOf(self, node):
        self.promote(node.wrt, "variable of a gradient")
        self.visit(node.loss)  # a matrix loss must be 1×1 (x^T A x): checked with the shapes
        return M

    def _Chain(self, node):
        kinds = [self.visit(side) for side in node.sides]
        for index, op in enumerate(node.ops):
            if op in ("=", "!="):  # Ax \neq Ay: two matrices differ
                continue
            for side, kind in zip(node.sides[index:index + 2], kinds[index:index + 2]):
                if kind == M:
                    raise self._notation_error(side, "matrices cannot be compared with <, >, \\le or \\ge "
                                               "(an order of matrices is not supported)",
                                               "compare scalars, e.g. norms or traces")
        # Within each run of "=", an undecided side equated with a matrix is a matrix.
        start = 0
        for index in range(len(node.sides)):
            if index == len(node.ops) or node.ops[index] != "=":
                run = list(zip(node.sides[start:index + 1], kinds[start:index + 1]))
                if any(kind == M for _, kind in run):
                    for side, kind in run:
                        if kind == U:
                            self.promote(side, "it is equated with a matrix")
                start = index + 1
        return S

    def _Define(self, node):
        target, value = self.visit(node.target), self.visit(node.value)
        if M in (target, value):
            for side, kind in ((node.target, target), (node.value, value)):
                if kind == S:
                    raise self._error(side, "a scalar is defined as a matrix, or a matrix as a scalar",
                                      "define a matrix name by a matrix expression")
                if kind == U:
                    self.promote(side, "it is defined as a matrix")
        return S

    def _Subspace(self, node):
        if node.span in self.standalone:  # a formula that just names a subspace: "C(A^T)"
            self.promote(node.matrix, "its column or null space is taken")
            return S
        start, end = node.span
        raise LatexParseError(self.text, start, self.text[start:end],
                              "a subspace such as C(A) or N(A) can only follow \\in or \\dim, "
                              "be declared in \\mathbb{R}^n or stand alone",
                              "write x \\in C(A), \\dim N(A) = n - r, or a product without brackets (CA)")

    def _Member(self, node):
        self.promote(node.subspace.matrix, "its column or null space is taken")
        for target in node.targets:
            self.promote(target, "it lies in a subspace")
        return S

    def _Declare(self, node):
        for target in node.targets:
            if isinstance(target, ir.Subspace):
                self.promote(target.matrix, "its column or null space is taken")
                continue
            if not node.scalar:
                self.promote(target, "declared a real matrix")
            elif self.visit(target) == M:
                raise self._error(target, "a matrix is declared a real number",
                                  "declare it with \\mathbb{R}^{m\\times n}")
        return S

    def _Statements(self, node):
        for part in node.parts:
            self.visit(part)
        return S

    def _Implies(self, node):
        self.visit(node.premise)
        self.visit(node.conclusion)
        return S
