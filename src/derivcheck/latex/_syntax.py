"""From lark's parse tree to the intermediate representation (internal).

This is where the notation is interpreted: which letters are names, what a
sub- or superscript means in its context (``A_s`` a name, ``I_n`` a size,
``\\|X\\|_F`` a norm, ``A^{-1}`` an inverse, ``A^{\\dagger}`` a pseudo-inverse),
and where every construct outside the supported subset is rejected with a
:class:`~derivcheck.errors.LatexParseError` at its position.
"""

from __future__ import annotations

import re
import dataclasses
from fractions import Fraction

import sympy
from lark import Token, Tree

from ..errors import LatexParseError
from . import _ir as ir

_SIGN = {"+": 1, "-": -1, "−": -1}
_RELATIONS = {
    "=": "=", "<": "<", ">": ">",
    r"\le": "<=", r"\leq": "<=", r"\leqslant": "<=",
    r"\ge": ">=", r"\geq": ">=", r"\geqslant": ">=",
    r"\ne": "!=", r"\neq": "!=",
    "≠": "!=", "≤": "<=", "≥": ">=", "⩽": "<=", "⩾": ">=",
}
# Unicode Greek letters, by the name of their LaTeX command.
_UNICODE_GREEK = dict(zip(
    "αβγδεϵζηθϑικλμνξπρϱσςτυφϕχψωΓΔΘΛΞΠΣΥΦΨΩ",
    ["alpha", "beta", "gamma", "delta", "epsilon", "epsilon", "zeta", "eta", "theta", "theta",
     "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "rho", "sigma", "sigma", "tau",
     "upsilon", "phi", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi",
     "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"],
))
# Unicode super- and subscript characters, as the tokens they stand for.
_UNICODE_SCRIPT = {
    "⁺": ("PLUS", "+"), "⁻": ("MINUS", "-"), "ᵀ": ("LETTER", "T"), "ᴴ": ("LETTER", "H"),
    **{c: ("NUMBER", str(i)) for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")},
    **{c: ("NUMBER", str(i)) for i, c in enumerate("₀₁₂₃₄₅₆₇₈₉")},
}
_ACCENTS = {
    r"\hat": "hat", r"\widehat": "hat", r"\bar": "bar", r"\overline": "bar",
    r"\tilde": "tilde", r"\widetilde": "tilde", r"\vec": "vec",
}
_POSITIVE_SCALARS = {"epsilon", "lambda"}

CONJUGATE_TRANSPOSE = ("real matrices: the conjugate transpose X^* (X^H) is the transpose X^T, "
                       "and X^{+*} = X^{*+} is (X^+)^T")
# The marks a superscript may combine: transpose, conjugate transpose, inverse, pseudo-inverse.
_SUPERSCRIPT_MARKS = {
    ("LETTER", "T"): "T", ("TOP", None): "T", ("LETTER", "H"): "H", ("HERMITIAN", None): "H", ("STAR", None): "*",
    ("PLUS", "+"): "+", ("DAGGER", None): "+", ("MINUS", "-"): "-",
}
# A superscript's marks -> the postfix operations, innermost first.
_SUPERSCRIPT_OPS = {
    ("T",): ("T",), ("H",): ("T",), ("*",): ("T",), ("+",): ("pinv",),
    ("-", "T"): ("T", "inv"), ("-", "H"): ("T", "inv"), ("-", "*"): ("T", "inv"),
    ("+", "*"): ("pinv", "T"), ("*", "+"): ("T", "pinv"), ("+", "T"): ("pinv", "T"),
    ("T", "+"): ("T", "pinv"), ("+", "H"): ("pinv", "T"), ("H", "+"): ("T", "pinv"),
}


def _is_plain_lowercase(key: str) -> bool:
    return len(key) == 1 and key.islower()


def _greek_name(command: str) -> str:
    """``\\varSigma`` -> ``Sigma``, ``\\varepsilon`` -> ``epsilon``, ``λ`` -> ``lambda``."""
    if command in _UNICODE_GREEK:
        return _UNICODE_GREEK[command]
    name = command.lstrip("\\")
    if name.startswith("var") and len(name) > 3:
        name = name[3:]
    return name


def _brace_content(token: str) -> str:
    """The text between the outermost braces of ``\\boldsymbol{X}``-like tokens
    (or after the command: ``\\boldsymbol\\beta``, ``\\mathbf x``)."""
    if "{" not in token:
        command = token.index("\\", 1) if token.count("\\") > 1 else len(token.split()[0])
        return token[command:].strip()
    return token[token.index("{") + 1 : token.rindex("}")].strip()


def _default_kind(base: str) -> str:
    if base in _POSITIVE_SCALARS:
        return ir.POSITIVE
    if base[:1].isupper():
        return ir.MATRIX
    return ir.UNKNOWN


class SyntaxBuilder:
    """Turn one lark tree into IR nodes; raise LatexParseError on bad notation.

    Parameters
    ----------
    text : str
        The formula (for positions and messages).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.conventions: set[str] = set()
        self.variables: list[str] = []  # the variables of the derivatives being built

    # ------------------------------------------------------------------ utils
    def error(self, where, rule: str, fix: str) -> LatexParseError:
        """A LatexParseError at a token, a tree or a span."""
        if isinstance(where, Token):
            return LatexParseError(self.text, where.start_pos, str(where), rule, fix)
        start, end = self.span(where) if isinstance(where, Tree) else where
        return LatexParseError(self.text, start, self.text[start:end], rule, fix)

    @staticmethod
    def span(node) -> ir.Span:
        if isinstance(node, Token):
            return (node.start_pos, node.end_pos)
        meta = node.meta
        return (meta.start_pos, meta.end_pos)

    # ------------------------------------------------------------ statements
    def build(self, tree: Tree):
        lines = [self.line(child) for child in tree.children if isinstance(child, Tree)]
        if len(lines) == 1:
            return self._adjoints(lines[0])
        return self._adjoints(ir.Statements(tuple(self._flat(lines)), self.span(tree)))

    def _adjoints(self, root):
        """``x^* x``, ``x x^*``: where x^* multiplies x itself, x^* is the conjugate transpose.

        A lowercase ``x^*`` alone names an optimum; but the product of an optimum with
        the variable it optimises is never written, while ``x^* x`` is the squared norm:
        in a formula with such a product every x^* is the (conjugate) transpose of x.
        """
        adjoint = set()
        for node in ir.walk(root):
            if isinstance(node, ir.Product):
                keys = [f.key if isinstance(f, ir.NameRef) else None for f in node.factors]
                for left, right in zip(keys, keys[1:]):
                    for starred, plain in ((left, right), (right, left)):
                        if starred and plain and starred == plain + "^*" and _is_plain_lowercase(plain):
                            adjoint.add(starred)
        if not adjoint:
            return root
        self.conventions.add(CONJUGATE_TRANSPOSE)

        def rewrite(node):
            if isinstance(node, ir.NameRef):
                if node.key in adjoint:
                    inner = ir.NameRef(node.key[:-2], node.default, (node.span[0], node.span[1] - 1))
                    return ir.Postfix("T", inner, None, node.span)
                return node
            if isinstance(node, tuple):
                return tuple(rewrite(item) for item in node)
            if dataclasses.is_dataclass(node):
                changes = {f.name: rewrite(getattr(node, f.name)) for f in dataclasses.fields(node)
                           if f.name != "span"}
                return dataclasses.replace(node, **changes)
            return node

        return rewrite(root)

    @staticmethod
    def _flat(parts):
        for part in parts:
            if isinstance(part, ir.Statements):
                yield from part.parts
            else:
                yield part

    def line(self, tree: Tree):
        if tree.data == "line_where":
            return self.line_where(tree)
        groups = [self.statements(child) for child in tree.children if isinstance(child, Tree)]
        result = groups[-1]
        for premise in reversed(groups[:-1]):
            start = premise.span[0]
            result = ir.Implies(premise, result, (start, result.span[1]))
        return result

    def line_where(self, tree: Tree):
        """``S \\text{ where } A = U\\Sigma V^T,\\ x \\in \\mathbb{R}^n``: the clause defines
        names (``name = value`` or ``:=``) or declares shapes; it comes first, then S."""
        *main, _where, clause_tree = tree.children
        main_tree = Tree("line", [c for c in main if not (isinstance(c, Token) and c.type == "WHERE")],
                         tree.meta)
        statement = self.line(main_tree)
        clause = self.statements(clause_tree)
        parts = clause.parts if isinstance(clause, ir.Statements) else (clause,)
        definitions = []
        for part in parts:
            if isinstance(part, (ir.Define, ir.Declare)):
                definitions.append(part)
            elif (isinstance(part, ir.Chain) and part.ops == ("=",) and isinstance(part.sides[0], ir.NameRef)):
                definitions.append(ir.Define(part.sides[0], part.sides[1], part.span))
            else:
                raise self.error(part.span, "a where-clause may only define names (A = U\\Sigma V^T) "
                                 "or declare shapes (x \\in \\mathbb{R}^n)",
                                 "state conditions as assumptions (assume=, the claims file) instead")
        rest = statement.parts if isinstance(statement, ir.Statements) else (statement,)
        return ir.Statements((*definitions, *rest), self.span(tree))

    def statements(self, tree: Tree):
        parts = []
        for child in tree.children:
            if not isinstance(child, Tree):
                continue
            if child.data == "membership":
                chain_tree, _in, space = child.children
                subspace = self._term(space)
                if not isinstance(subspace, ir.Subspace):
                    raise self.error(space, "\\in is only supported with \\mathbb{R}^{m\\times n}, "
                                     "a column space C(A) or a null space N(A)",
                                     "write x \\in C(A), x \\in N(A^T) or x \\in \\mathbb{R}^n")
                targets = [self.chain(chain_tree)]
                if isinstance(targets[0], ir.Chain):
                    raise self.error(chain_tree, "a relation cannot lie in a subspace",
                                     "write x \\in C(A) with x a vector or a vector expression")
                # Expressions just before share the subspace: "x, y \in C(A)".
                while parts and not isinstance(parts[-1], (ir.Chain, ir.Declare, ir.Member, ir.Subspace)):
                    targets.insert(0, parts.pop())
                parts.append(ir.Member(tuple(targets), subspace, (targets[0].span[0], self.span(child)[1])))
                continue
            if child.data == "definition":
                target_tree, _sign, value_tree = child.children
                target = self.expr(target_tree)
                if not isinstance(target, ir.NameRef):
                    raise self.error(target_tree, "only a name can be defined with :=",
                                     "write P := A A^+ with a new name on the left")
                parts.append(ir.Define(target, self.expr(value_tree), self.span(child)))
                continue
            if child.data == "declaration":
                declaration = self.declaration(child)
                # Bare names just before a declaration share it: "P, Q \in R^{n x m}".
                targets = list(declaration.targets)
                while parts and isinstance(parts[-1], ir.NameRef) and isinstance(targets[0], ir.NameRef):
                    targets.insert(0, parts.pop())
                parts.append(
                    ir.Declare(tuple(targets), declaration.rows, declaration.cols,
                               declaration.scalar, (targets[0].span[0], declaration.span[1]))
                )
            else:
                parts.append(self.chain(child.children[0]))
        if len(parts) == 1:
            return parts[0]
        return ir.Statements(tuple(parts), self.span(tree))

    def declaration(self, tree: Tree) -> ir.Declare:
        chain_tree, _in, space = tree.children
        target = self.chain(chain_tree)
        if isinstance(target, ir.Chain):
            raise self.error(
                chain_tree, "a relation cannot be declared to lie in a set",
                "write X \\in \\mathbb{R}^{m\\times n} with X a matrix or a matrix expression",
            )
        rows, cols, scalar = self.space(space)
        return ir.Declare((target,), rows, cols, scalar, self.span(tree))

    def space(self, tree: Tree):
        reals, *postfixes = tree.children
        if not postfixes:
            return None, None, True
        script = postfixes[0].children[0]
        if len(postfixes) > 1 or script.data != "sup":
            raise self.error(tree, "a set of real matrices is written \\mathbb{R}^{m\\times n}",
                             "write \\mathbb{R}^{m\\times n}, \\mathbb{R}^n or \\mathbb{R}")
        items = self.script_tokens(script)
        sizes = [t for t in items if not (isinstance(t, Token) and t.type == "TIMES")]
        times = [t for t in items if isinstance(t, Token) and t.type == "TIMES"]
        valid = (
            all(isinstance(t, Token) and t.type in ("LETTER", "NUMBER") for t in sizes)
            and ((len(sizes) == 1 and not times) or (len(sizes) == 2 and len(times) == 1
                                                      and items[1].type == "TIMES"))
        )
        if not valid:
            raise self.error(script, "the dimensions of a real space must be letters or integers",
                             "write \\mathbb{R}^{m\\times n} or \\mathbb{R}^{3\\times 2}")
        dims = [self.dimension(t) for t in sizes]
        if len(dims) == 1:
            return dims[0], 1, False
        return dims[0], dims[1], False

    def dimension(self, token: Token):
        if token.type == "NUMBER":
            if "." in token or int(token) < 1:
                raise self.error(token, "a dimension must be a positive integer", "write e.g. 3")
            return int(token)
        return str(token)

    def chain(self, tree):
        sides = []
        ops = []
        for child in tree.children:
            if isinstance(child, Token) and child.type == "REL":
                ops.append(_RELATIONS[str(child)])
            else:
                sides.append(self.expr(child))
        if len(sides) == 1:
            return sides[0]
        return ir.Chain(tuple(sides), tuple(ops), self.span(tree))

    # ----------------------------------------------------------- expressions
    def expr(self, tree: Tree):
        method = getattr(self, "_" + tree.data, None)
        if method is None:  # pragma: no cover - the grammar has no other rules
            raise self.error(tree, f"unexpected construct {tree.data}", "report this formula")
        return method(tree)

    def _sum(self, tree: Tree):
        first = tree.children[0]
        sign_tree = first.children[0] if len(first.children) == 2 else None
        sign = _SIGN[str(sign_tree.children[0])] if sign_tree is not None else 1
        term = self._term(first.children[-1])
        if sign == 1:
            return term
        return ir.Sum(((-1, term),), self.span(tree))

    def _sum_more(self, tree: Tree):
        # Left-recursive in the grammar; walked iteratively (long sums, no deep recursion).
        tail = []
        node = tree
        while node.data == "sum_more":
            left, addop, right = node.children
            tail.append((_SIGN[str(addop.children[0])], right))
            node = left
        head = self._sum(node)
        terms = list(head.terms) if isinstance(head, ir.Sum) else [(1, head)]
        terms.extend((sign, self._term(right)) for sign, right in reversed(tail))
        return ir.Sum(tuple(terms), self.span(tree))

    def _term(self, tree: Tree):
        """A product, or a Kronecker product of products."""
        if tree.data == "kron":
            factors = tuple(self._product(c) for c in tree.children if isinstance(c, Tree))
            return ir.Kron(factors, self.span(tree))
        return self._product(tree)

    def _product(self, tree: Tree):
        factors = []
        node = tree
        divide_next = False
        while True:
            children = [c for c in node.children if not (isinstance(c, Tree) and c.data == "mulop")]
            slash = [c for c in children if isinstance(c, Token) and c.type == "SLASH"]
            children = [c for c in children if not isinstance(c, Token)]
            head = children[0]
            if head.data in _PREFIX_OPERATORS:
                if divide_next:
                    raise self.error(head, "cannot divide by a limit, optimum or derivative",
                                     "write the quotient with \\frac{...}{...}")
                factors.append(self.prefix(head))
                break
            factor = self.factor(head)
            if factors and len(children) >= 1:
                subspace = self.subspace_or_refuse(factors[-1], head, factor)
                if subspace is not None:
                    factors[-1] = subspace
                    if len(children) == 1:
                        break
                    node = children[1]
                    continue
            if divide_next:
                # a / b c means (a / b) c: the slash takes one factor.
                factor = ir.Frac(ir.Number(sympy.Integer(1), factor.span), factor, factor.span)
            factors.append(factor)
            divide_next = bool(slash)
            if len(children) == 1:
                break
            node = children[1]
        if len(factors) == 1:
            return factors[0]
        return ir.Product(tuple(factors), self.span(tree))

    def subspace_or_refuse(self, previous, tree: Tree, factor):
        """A name touching a bracketed single name reads as a function, not a product.

        ``C(A)``, ``R(A^T)``, ``\\mathcal{R}(A)`` are column spaces and ``N(A)``,
        ``\\mathcal{N}(A^T)`` null spaces (a :class:`ir.Subspace`, valid after
        ``\\in`` and ``\\dim`` and as a declared set); others (``\\sigma_{\\min}(A)``,
        ``f(x)``) are refused.
        """
        atom = tree.children[0]
        if not isinstance(previous, ir.NameRef) or atom.data != "group" or len(tree.children) > 1:
            return None
        start = self.span(tree)[0]
        gap = self.text[previous.span[1]:start].replace("\\left", "").strip()
        if gap or self.text[start] != "(":
            return None
        inner = factor.arg if isinstance(factor, ir.Postfix) and factor.op == "T" else factor
        kind = _SUBSPACES.get(previous.key)
        if kind is not None and isinstance(inner, ir.NameRef):
            return ir.Subspace(kind, factor, (previous.span[0], self.span(tree)[1]))
        if (isinstance(inner, ir.NameRef) and inner is factor and inner.key in self.variables
                and previous.key not in self.variables):
            # \\frac{\\partial F(X)}{\\partial X}, \\nabla_x f(x): the function F of the variable,
            # a scalar named F (its definition is passed to the checker).
            self.conventions.add(f"{previous.key}({inner.key}) is read as the function {previous.key} "
                                 f"of the variable {inner.key}: a scalar named {previous.key}")
            return ir.NameRef(previous.key, ir.SCALAR, (previous.span[0], self.span(tree)[1]))
        if isinstance(inner, ir.NameRef):
            raise self.error(
                (previous.span[0], self.span(tree)[1]),
                "a name followed by a bracketed name reads as a function (a subspace, "
                "a singular value), which is not supported",
                "write a product without brackets (CA), or state the property in prose",
            )

    # --------------------------------------------------------- prefix operators
    def prefix(self, tree: Tree):
        kind = tree.data
        span = self.span(tree)
        if kind == "limit":
            _lim, sub, body = tree.children
            var, point, side = self.limit_script(sub)
            return ir.LimitOf(var, point, self.expr(body), span, side)
        if kind in ("argmin", "minimum"):
            _op, sub, body = tree.children
            var, domain = self.optimum_variable(self.script_tokens(sub), sub)
            return ir.Optimum("argmin" if kind == "argmin" else "min", var, self.expr(body), span, domain)
        if kind in ("argmin_under", "minimum_under"):  # \underset{x}{\arg\min} f
            *items, _op, body = tree.children[1:]
            flat = [t for item in items for t in item.children]
            var, domain = self.optimum_variable(flat, tree)
            return ir.Optimum("argmin" if kind == "argmin_under" else "min", var, self.expr(body), span, domain)
        if kind == "nabla":
            _nabla, sub, body = tree.children
            wrt, domain = self.optimum_variable(self.script_tokens(sub), sub, what="a gradient", example="\\nabla_x")
            if domain is not None:
                raise self.error(sub, "the variable of a gradient is one name", "write \\nabla_x f")
            return ir.GradientOf(self.with_variable(wrt, body), wrt, span)
        if kind == "dimension":
            _dim, body = tree.children
            subspace = self._product(body)
            if not isinstance(subspace, ir.Subspace):
                raise self.error(body, "\\dim is only supported for a column space C(A) or a null space N(A)",
                                 "write \\dim C(A) or \\dim N(A), or the rank \\operatorname{rank}(A)")
            func = "rank" if subspace.kind == "column" else "nullity"
            return ir.Call(func, (subspace.matrix,), span)
        if kind == "nabla_bare":
            raise self.error(tree.children[0], "a gradient \\nabla needs its variable as a subscript",
                             "write \\nabla_x f or \\nabla_{X} f")
        # derivative: \frac{\partial}{\partial X} body
        _frac, _p1, _p2, wrt, body = tree.children
        variable = self.wrt(wrt)
        return ir.GradientOf(self.with_variable(variable, body), variable, span)

    def limit_script(self, sub: Tree):
        """``{\\epsilon \\to 0}`` -> (the variable, the point, ``"+"`` or ``"+-"``).

        ``\\to 0^+``, ``\\to 0^{+}``, ``\\to 0⁺``, ``\\searrow 0``, ``\\downarrow 0``
        and ``↘``, ``↓`` are limits from above (``"+"``); a plain ``\\to 0``,
        ``\\rightarrow``, ``→`` is two-sided (``"+-"``). Either way the variable
        is a positive real scalar: the limit is checked from above, and the
        result states when the written limit was two-sided.
        """
        items = self.script_tokens(sub)
        fix = "write \\lim_{\\epsilon\\to 0} with a single variable and a number"
        if len(items) < 3 or not all(isinstance(t, Token) for t in items[:3]):
            raise self.error(sub, "a limit needs a subscript {variable \\to point}", fix)
        var, arrow, point = items[:3]
        if var.type not in ("GREEK", "LETTER") or arrow.type != "TO" or point.type != "NUMBER":
            raise self.error(sub, "a limit needs a subscript {variable \\to number}", fix)
        arrow_text = str(arrow).lstrip("\\")
        if arrow_text in ("nearrow", "uparrow", "↗", "↑"):
            raise self.error(arrow, "limits from below are not supported",
                             "write the limit from above, \\epsilon \\to 0^+, or substitute -\\epsilon")
        side = "+" if arrow_text in ("searrow", "downarrow", "↘", "↓") else "+-"
        rest = items[3:]
        if rest:
            direction = rest[0]
            texts = [str(t) for t in self.script_tokens(direction)] if (
                isinstance(direction, Token) and direction.type == "UNISUP"
                or isinstance(direction, Tree) and direction.data == "sup") else None
            if isinstance(direction, Token) and direction.type == "PLUS":
                texts = ["+"]  # a \to 0+: the plain-text spelling of 0^+
            if len(rest) != 1 or texts != ["+"]:
                raise self.error(sub, "only limits from above (\\to 0 or \\to 0^+) are supported", fix)
            side = "+"
        name = _greek_name(str(var)) if var.type == "GREEK" else str(var)
        ref = ir.NameRef(name, ir.POSITIVE, self.span(var))
        return ref, self.number_value(point), side

    def optimum_variable(self, items: list, where, what: str = "an optimisation",
                         example: str = "\\arg\\min_B") -> tuple:
        """The variable of ``\\arg\\min_{x}`` / ``\\min_{x \\in \\mathbb{R}^n}``, and its domain's shape.

        Returns ``(name, domain)``, *domain* ``None`` or the ``(rows, cols)`` of the
        real space the variable ranges over (the whole space: an unconstrained problem).
        """
        fix = f"write {example} with a single name, or {example.split('_')[0]}_{{x \\in \\mathbb{{R}}^n}}"
        if not items or not isinstance(items[0], Token) or items[0].type not in ("LETTER", "GREEK", "BOLD"):
            raise self.error(where, f"the variable of {what} must be one name", fix)
        base = self.base_name(items[0])
        rest = items[1:]
        if rest and isinstance(rest[0], Tree) and rest[0].data == "sub":
            base = self.subscripted(base, rest[0])
            rest = rest[1:]
        if not rest:
            return base, None
        if (isinstance(rest[0], Token) and rest[0].type == "IN" and len(rest) in (2, 3)
                and isinstance(rest[1], Token) and rest[1].type == "REALS"
                and (len(rest) == 2 or isinstance(rest[2], Tree) and rest[2].data == "sup")):
            if len(rest) == 2:
                raise self.error(where, f"the variable of {what} must be a vector or a matrix",
                                 "write x \\in \\mathbb{R}^n or X \\in \\mathbb{R}^{m\\times n}")
            rows, cols, _scalar = self.space(Tree("space", [rest[1], Tree("postfix", [rest[2]])], rest[2].meta))
            return base, (rows, cols)
        raise self.error(where, f"the variable of {what} must be one name", fix)

    def wrt(self, factor: Tree) -> ir.NameRef:
        node = self.factor(factor)
        if not isinstance(node, ir.NameRef):
            raise self.error(factor, "a derivative must be taken with respect to a named matrix",
                             "write \\frac{\\partial f}{\\partial B} with B a matrix name")
        return node

    # ----------------------------------------------------------------- scripts
    def script_tokens(self, script) -> list:
        """The items of a sub- or superscript: tokens, or nested sup/sub trees.

        A run of Unicode script characters (``⁻¹``, ``ᵀ``, ``₁₂``) is read as
        the tokens it stands for (``-``, ``1``; ``T``; ``12``).
        """
        if isinstance(script, Token):
            return _unicode_script_tokens(script)
        items = []
        for child in script.children:
            if isinstance(child, Tree) and child.data in ("script_single", "script_item"):
                items.extend(child.children)
            else:
                items.append(child)
        return items

    def script_is_braced(self, script) -> bool:
        if isinstance(script, Token):
            return True  # a run of Unicode script characters is one script
        return not (len(script.children) == 1 and isinstance(script.children[0], Tree)
                    and script.children[0].data == "script_single")

    # ----------------------------------------------------------------- factors
    def factor(self, tree: Tree):
        atom, *postfixes = tree.children
        scripts = [p.children[0] for p in postfixes]
        subs = [s for s in scripts if _script_kind(s) == "sub"]
        sups = [s for s in scripts if _script_kind(s) == "sup"]
        if len(subs) > 1 or len(sups) > 1:
            raise self.error(tree, "a double subscript or superscript is ambiguous",
                             "add braces: (A^{T})^{-1}, or A_{s}^{T}")
        sub = subs[0] if subs else None
        if sub is not None and sups and self.one_sided_inverse(atom, sub, sups[0]):
            base = self.base_name(atom.children[0])
            side = "".join(str(t) for t in self.script_tokens(sub))
            return ir.NameRef(f"{base.key}^{{-1}}_{{{side}}}", base.default, self.span(tree))
        node = self.atom(atom, sub)
        if sups:
            node = self.superscript(node, sups[0], self.span(tree))
        return node

    def one_sided_inverse(self, atom: Tree, sub: Tree, sup: Tree) -> bool:
        """``A^{-1}_{left}`` / ``A_{right}^{-1}``: the *name* of a one-sided inverse."""
        if atom.data != "name" or atom.children[0].type not in ("LETTER", "BOLD", "GREEK"):
            return False
        side = [str(t) for t in self.script_tokens(sub)]
        power = [str(t) for t in self.script_tokens(sup)]
        return "".join(side) in ("left", "right") and power == ["-", "1"]

    def atom(self, tree: Tree, sub):
        kind = tree.data
        if kind == "name":
            base = self.base_name(tree.children[0])
            if isinstance(base, ir.IdentityRef):
                return self.identity(base, sub)
            if isinstance(base, ir.ZeroRef):
                if sub is not None:
                    raise self.error(sub, "a zero matrix takes no subscript",
                                     "write 0; its shape follows from the context")
                return base
            return self.subscripted(base, sub) if sub is not None else base
        if kind == "font_group" and sub is not None:
            # \mathrm{A}_s, \mathbf{I}_n: a font around one name keeps its subscript.
            inner = self._atom_font_group(tree)
            if isinstance(inner, ir.IdentityRef) and inner.size is None:
                return self.identity(inner, sub)
            if isinstance(inner, ir.NameRef):
                return self.subscripted(inner, sub)
        if kind == "accent":
            node = self.accent(tree)
            return self.subscripted(node, sub) if sub is not None else node
        if kind == "identity_bb":
            return self.identity(ir.IdentityRef(None, self.span(tree)), sub)
        if kind == "norm":
            return self.norm(tree, sub)
        if kind == "inner" and sub is not None:
            items = self.script_tokens(sub)
            if [str(t) for t in items] != ["F"]:
                raise self.error(sub, "only the Frobenius inner product <X, Y>_F is supported",
                                 "write \\langle X, Y \\rangle_F")
            node = self._atom_inner(tree)
            return ir.InnerOf(node.left, node.right, (node.span[0], self.span(sub)[1]))
        if sub is not None:
            raise self.error(sub, "a subscript is only allowed on a name, an identity or a norm",
                             "indexed entries are not supported; name the matrix instead")
        return getattr(self, "_atom_" + kind)(tree)

    def base_name(self, token: Token):
        """The IR leaf for a LETTER, GREEK, BOLD or MATHCAL token (no scripts)."""
        span = self.span(token)
        text = str(token)
        if token.type == "LETTER":
            if text == "I":
                return ir.IdentityRef(None, span)
            return ir.NameRef(text, _default_kind(text), span)
        if token.type == "GREEK":
            name = _greek_name(text)
            return ir.NameRef(name, _default_kind(name), span)
        if token.type == "MATHCAL":
            letter = _brace_content(text)
            return ir.NameRef("\\mathcal{%s}" % letter, ir.SCALAR, span)
        if token.type == "BOLD":
            inner = _brace_content(text)
            if inner == "0":
                return ir.ZeroRef(True, span)
            if inner == "I":
                return ir.IdentityRef(None, span)
            if inner.isdigit():
                raise self.error(token, "a bold number other than 0 has no matrix meaning",
                                 "write \\boldsymbol{0} for a zero matrix")
            name = _greek_name(inner) if inner.startswith("\\") else inner
            kind = ir.MATRIX if name[:1].isupper() else ir.VECTOR
            return ir.NameRef(name, kind, span)
        raise self.error(token, f"{text} cannot stand here", "use a matrix or scalar name")

    def script_label(self, items) -> str:
        """A subscript as a label: ``{\\mathcal{R}(A^\\top)}`` -> ``R(A^T)``."""
        text = []
        for item in items:
            if isinstance(item, Tree):
                inner = self.script_label(self.script_tokens(item) if item.data != "script_group"
                                          else item.children)
                text.append({"script_group": f"({inner})", "sup": f"^{inner}", "sub": f"_{inner}"}.get(item.data, inner))
            elif item.type in ("GREEK", "MINOP"):
                text.append(_greek_name(str(item)))
            elif item.type in ("MATHCAL", "BOLD"):
                text.append(_brace_content(str(item)))
            elif item.type == "TOP":
                text.append("T")
            elif item.type == "DAGGER":
                text.append("+")
            else:
                text.append(str(item))
        return "".join(text)

    def subscripted(self, base: ir.NameRef, sub: Tree) -> ir.NameRef:
        items = self.script_tokens(sub)
        if any(isinstance(item, Tree) and item.data == "script_group" for item in items):
            # A label such as P_{\mathcal{R}(A)}: the projector onto R(A) is one name.
            return ir.NameRef(f"{base.key}_{{{self.script_label(items)}}}", base.default,
                              (base.span[0], self.span(sub)[1]))
        pieces = []
        for item in items:
            if isinstance(item, Token) and item.type in ("LETTER", "NUMBER"):
                pieces.append(str(item))
            elif isinstance(item, Token) and item.type in ("GREEK", "MINOP"):
                pieces.append(_greek_name(str(item)))
            elif isinstance(item, Token) and item.type == "COMMA":
                raise self.error(item, "indexed entries such as M_{i,j} are not supported",
                                 "write the claim in matrix form")
            else:
                raise self.error(sub, "this subscript is not part of a name",
                                 "use letters and digits only, as in A_s or A_{left}")
        if not pieces or (not self.script_is_braced(sub) and items[0].type == "NUMBER" and len(pieces[0]) > 1):
            raise self.error(sub, "an unbraced subscript takes a single character",
                             "add braces: A_{12}")
        key = f"{base.key}_{''.join(pieces)}"
        return ir.NameRef(key, base.default if base.default != ir.POSITIVE else ir.SCALAR,
                          (base.span[0], self.span(sub)[1]))

    def identity(self, base: ir.IdentityRef, sub):
        if sub is None:
            return base
        items = self.script_tokens(sub)
        sizes = [t for t in items if not (isinstance(t, Token) and t.type == "TIMES")]
        shapes_ok = all(isinstance(t, Token) and t.type in ("LETTER", "NUMBER") for t in sizes)
        texts = [str(t) for t in sizes]
        square = len(sizes) == 1 or (len(sizes) == 2 and len(items) == 3 and texts[0] == texts[1])
        if not (shapes_ok and square) or (not self.script_is_braced(sub) and len(texts[0]) > 1):  # I_12
            raise self.error(sub, "the size of an identity is one letter or integer (I_n, I_{r\\times r})",
                             "write I_n, I_{3} or I_{r\\times r}")
        return ir.IdentityRef(self.dimension(sizes[0]), (base.span[0], self.span(sub)[1]))

    def accent(self, tree: Tree) -> ir.NameRef:
        accent_token, target = tree.children
        accent = _ACCENTS[str(accent_token)]
        if isinstance(target, Token):
            base = self.base_name(target)
        else:
            inner = self.factor(target)
            base = inner
        if not isinstance(base, ir.NameRef):
            raise self.error(tree, "an accent must sit on a name", "write \\hat{x}")
        span = self.span(tree)
        if accent == "vec":
            return ir.NameRef(base.key, ir.VECTOR, span)
        stem, _, suffix = base.key.partition("_")
        key = stem + accent + ("_" + suffix if suffix else "")
        return ir.NameRef(key, base.default, span)

    def norm(self, tree: Tree, sub) -> ir.NormOf:
        _open, inner, _close = tree.children
        which = "2"
        if sub is not None:
            items = self.script_tokens(sub)
            text = "".join(str(t) for t in items) if all(isinstance(t, Token) for t in items) else ""
            if text not in ("F", "2"):
                raise self.error(sub, "only the Frobenius norm _F and the vector 2-norm _2 are supported",
                                 "write \\|X\\|_F, or \\|x\\|_2 for a vector")
            which = text
        return ir.NormOf(self.expr(inner), which, (self.span(tree)[0], self.span(sub or tree)[1]))

    def lowercase_t_transposes(self, node, span: ir.Span) -> bool:
        """``A^t``, ``(AB)^t``, ``x^tAx``: a transpose; ``e^t``, ``c^t``: a power, refused."""
        if isinstance(node, (ir.Postfix, ir.Product, ir.Sum)):
            return True
        if not isinstance(node, ir.NameRef):
            return False
        if node.default in (ir.MATRIX, ir.VECTOR):
            return True
        after = self.text[span[1]:].lstrip()
        return after[:1].isupper() or after.startswith("\\mathbf") or after.startswith("\\boldsymbol")

    def superscript(self, node, sup, span: ir.Span):
        items = self.script_tokens(sup)
        texts = [str(t) if isinstance(t, Token) else None for t in items]
        types = [t.type if isinstance(t, Token) else None for t in items]
        marks = [_SUPERSCRIPT_MARKS.get((ty, tx if ty in ("LETTER", "PLUS", "MINUS") else None))
                 for ty, tx in zip(types, texts)]
        if types == ["LETTER"] and texts == ["t"] and self.lowercase_t_transposes(node, span):
            # A^t, x^tAx: older texts write the transpose with a lowercase t.
            self.conventions.add("^t is read as the transpose ^T")
            marks = ["T"]
        if types == ["OPTIMUM"] and isinstance(node, ir.NameRef):  # x^\star, W^\star: names
            return ir.NameRef(node.key + "^*", node.default, span)
        if "*" in marks and isinstance(node, ir.NameRef) and _is_plain_lowercase(node.key):
            if marks == ["*"]:  # x^*: the optimum x, a name (only matrices are conjugated)
                return ir.NameRef(node.key + "^*", node.default, span)
        if marks and None not in marks and len(marks) <= 2:
            if "*" in marks or "H" in marks:
                self.conventions.add(CONJUGATE_TRANSPOSE)
            ops = _SUPERSCRIPT_OPS.get(tuple(marks))
            if ops is not None:
                # Inner nodes get a span one character shorter: spans key the shapes.
                for depth, op in enumerate(ops):
                    inner_span = span if depth == len(ops) - 1 else (span[0], span[1] - len(ops) + 1 + depth)
                    node = ir.Postfix(op, node, None, inner_span)
                return node
        exponent = None
        if types == ["NUMBER"]:
            exponent = self.integer(items[0], braced=self.script_is_braced(sup))
        elif types == ["MINUS", "NUMBER"]:
            exponent = -self.integer(items[1], braced=True)
        if exponent is None:
            raise self.error(
                sup, "unsupported superscript",
                "use ^{\\top}, ^T, ^{-1}, ^{\\dagger}, ^+ or an integer power",
            )
        if exponent == -1:
            return ir.Postfix("inv", node, None, span)
        return ir.Postfix("pow", node, exponent, span)

    def integer(self, token: Token, braced: bool) -> int:
        text = str(token)
        if "." in text:
            raise self.error(token, "a power must be an integer", "write an integer exponent")
        if not braced and len(text) > 1:
            raise self.error(token, "an unbraced superscript takes a single digit",
                             "add braces: X^{12}")
        return int(text)

    def number_value(self, token: Token) -> sympy.Expr:
        fraction = Fraction(str(token))  # digits and one optional dot only (see NUMBER)
        return sympy.Rational(fraction.numerator, fraction.denominator)

    # ------------------------------------------------------------------ atoms
    def _atom_number(self, tree: Tree):
        token = tree.children[0]
        value = self.number_value(token)
        if value == 0:
            return ir.ZeroRef(False, self.span(tree))
        return ir.Number(value, self.span(tree))

    def _atom_infinity(self, tree: Tree):
        return ir.Number(sympy.oo, self.span(tree))

    def _atom_group(self, tree: Tree):
        return self.expr(next(c for c in tree.children if isinstance(c, Tree)))

    def _atom_inner(self, tree: Tree):
        _open, left, _comma, right, _close = tree.children
        return ir.InnerOf(self.expr(left), self.expr(right), self.span(tree))

    def _atom_frac(self, tree: Tree):
        _frac, num, den = tree.children
        num_node, den_node = self.expr(num), self.expr(den)
        if _starts_with_d(num_node) and _starts_with_d(den_node):
            raise self.error(tree, "ordinary derivatives d/dx are not supported",
                             "use \\frac{\\partial f}{\\partial X} with a matrix X")
        return ir.Frac(num_node, den_node, self.span(tree))

    def _atom_gradient(self, tree: Tree):
        _frac, _p1, loss, _p2, wrt = tree.children
        variable = self.wrt(wrt)
        return ir.GradientOf(self.with_variable(variable, loss), variable, self.span(tree))

    def with_variable(self, variable: ir.NameRef, body: Tree):
        """Build *body* where *variable* is a derivative's variable (F(X) is then a function of it)."""
        self.variables.append(variable.key)
        try:
            return self.expr(body)
        finally:
            self.variables.pop()

    def _atom_sqrt(self, tree: Tree):
        return ir.Call("sqrt", (self.expr(tree.children[1]),), self.span(tree))

    def _atom_matrix_literal(self, tree: Tree):
        begin, rows_tree, _end = tree.children
        rows = []
        for row in rows_tree.children:
            if isinstance(row, Tree):
                rows.append(tuple(self.expr(c) for c in row.children if isinstance(c, Tree)))
        for number, row in enumerate(rows[1:], start=2):
            if len(row) != len(rows[0]):
                raise self.error(tree, f"row {number} of the matrix has {len(row)} entries, row 1 has {len(rows[0])}",
                                 "give every row the same number of entries")
        literal = ir.MatrixLiteral(tuple(rows), self.span(tree))
        if "vmatrix" in str(begin):  # |a b; c d|: a determinant
            return ir.Call("det", (literal,), self.span(tree))
        return literal

    def _atom_subspace_call(self, tree: Tree):
        """``\\operatorname{range}(A)``, ``\\ker A``, ``\\operatorname{null}(A^T)``: a subspace."""
        word = re.search(r"(nullspace|null|Null|ker|Ker|range|Range|ran|Ran|colsp|col|Col|im|Im)",
                         str(tree.children[0])).group(1)
        kind = "null" if word.lower() in ("null", "ker", "nullspace") else "column"
        return ir.Subspace(kind, self.atom(tree.children[1], None), self.span(tree))

    def _atom_pinv_call(self, tree: Tree):
        return ir.Postfix("pinv", self.expr(tree.children[1]), None, self.span(tree))

    def _atom_rank(self, tree: Tree):
        return ir.Call("rank", (self.expr(tree.children[1]),), self.span(tree))

    def _atom_font_group(self, tree: Tree):
        return self.expr(tree.children[1])

    def _atom_trace(self, tree: Tree):
        return ir.Call("trace", (self.expr(tree.children[1]),), self.span(tree))

    def _atom_det(self, tree: Tree):
        argument = tree.children[1]
        return ir.Call("det", (self.atom(argument, None),), self.span(tree))

    def _atom_minmax(self, tree: Tree):
        func = str(tree.children[0]).lstrip("\\")
        args = tuple(self.expr(c) for c in tree.children[1:] if isinstance(c, Tree))
        return ir.Call(func, args, self.span(tree))

    def _atom_diag(self, tree: Tree):
        entries = []
        for child in tree.children[1:]:
            if not isinstance(child, Tree):
                continue
            inner = child.children[0]
            if isinstance(inner, Token) and inner.type == "DOTS":
                entries.append(inner)
            else:
                entries.append(self.expr(inner))
        span = self.span(tree)
        dots = [i for i, e in enumerate(entries) if isinstance(e, Token)]
        fix = "write diag(x_1, x_2, \\cdots, x_n), diag(f(x_i)) or list every entry"
        if not dots:
            single = len(entries) == 1 and family_index(entries[0])
            if single and single in _RUNNING_INDICES:
                return ir.DiagOf(tuple(entries), True, single, None, span)
            return ir.DiagOf(tuple(entries), False, None, len(entries), span)
        if len(dots) > 1 or dots[0] != len(entries) - 2 or dots[0] == 0:
            raise self.error(entries[dots[-1]], "dots in diag(...) must stand between the first entries and the last", fix)
        written = entries[: dots[0]] + entries[-1:]
        last_index = family_index(written[-1])
        if last_index is None or not (last_index.isdigit() or (last_index.isalpha() and len(last_index) == 1)):
            raise self.error(span, "the last entry of diag(..., x_n) needs one index, a letter or an integer", fix)
        for position, entry in enumerate(written[:-1], start=1):
            if family_index(entry) != str(position):
                raise self.error(entry.span, f"entry {position} of diag(...) should carry the index {position}", fix)
        size = int(last_index) if last_index.isdigit() else last_index
        return ir.DiagOf(tuple(written), True, last_index, size, span)


_RUNNING_INDICES = {"i", "j", "k", "l"}
# The grammar's prefix operators (rule names of prefix_op).
_PREFIX_OPERATORS = {"limit", "argmin", "minimum", "argmin_under", "minimum_under", "derivative",
                     "nabla", "nabla_bare", "dimension"}
# Names that, applied to a matrix, are its column space or its null space.
_SUBSPACES = {"C": "column", "R": "column", "\\mathcal{C}": "column", "\\mathcal{R}": "column",
              "N": "null", "\\mathcal{N}": "null"}


def _script_kind(script) -> str:
    """``"sub"`` or ``"sup"`` for a script tree or a run of Unicode script characters."""
    if isinstance(script, Token):
        return "sub" if script.type == "UNISUB" else "sup"
    return script.data


def _unicode_script_tokens(token: Token) -> list:
    """``⁻¹`` -> [MINUS '-', NUMBER '1'] (consecutive digits form one number)."""
    items: list = []
    for offset, char in enumerate(str(token)):
        kind, text = _UNICODE_SCRIPT[char]
        if kind == "NUMBER" and items and items[-1].type == "NUMBER":
            previous = items.pop()
            text = str(previous) + text
            offset = previous.start_pos - token.start_pos
        start = token.start_pos + offset
        items.append(Token(kind, text, start_pos=start, end_pos=start + len(text)))
    return items


def family_index(node):
    """The one subscript shared by the subscripted scalar names in *node*, else None.

    ``(\\lambda_r + \\epsilon)^{-1}`` -> ``"r"``; ``\\lambda_1 \\sigma_2`` -> None.
    """
    subs = {n.key.rpartition("_")[2] for n in ir.walk(node)
            if isinstance(n, ir.NameRef) and "_" in n.key and not n.key.startswith("\\")}
    return subs.pop() if len(subs) == 1 else None


def _starts_with_d(node) -> bool:
    if isinstance(node, ir.NameRef):
        return node.key == "d"
    if isinstance(node, ir.Product):
        return _starts_with_d(node.factors[0])
    return False
