r"""Classifying the formulas of a document, in order, with what earlier ones said.

Rules, applied to each formula as it is parsed (:func:`derivcheck.latex.parse_latex`):

unsupported
    The parser cannot read it; the reason is the parser's rule
    (``the command \sum is not supported``). Also a relation other than
    ``=`` alone (``\lambda > 0``): nothing to check.
declaration
    Only ``X \in \mathbb{R}^{m\times n}`` statements (also ``X ∈ ℝ^{m×n}``:
    when the parser refuses the Unicode signs ``∈ ℝ ×`` they are read as
    ``\in \mathbb{R} \times``, as definition signs are read as ``=``). The shapes hold for the
    rest of the document (a later declaration of the same name replaces it).
definition
    ``X := value`` (also ``\coloneqq``, ``\triangleq``, ``\stackrel{def}{=}``,
    ``≔``, ``≜``), ``X = value`` where ``X`` is a single name not met before
    and not used in *value*, or ``X = `` an explicit matrix (a redefinition
    too). Later formulas that use ``X`` are checked with *value* in its place,
    at the shapes the definition gave (one name keeps one shape).
hypothesis
    A relation that brings in a name not met before, on some of its sides
    only, next to names already met (``AGA = A`` once ``A`` is known, but not
    ``(AB)^T = B^T A^T``, where ``B`` stands on both sides), or that follows a word of
    supposition (``let``, ``suppose``, ``assume``, ``if``, ``given``, ``设``,
    ``若``, ``假设``, ``如果``, ``当`` ...). It constrains its unknowns, so it
    is never checked, hence never refuted.
claim
    Any other relation: ``=``, chains, ``\Rightarrow``, several relations.
    A relation that reads as a condition (every side a name or a constant,
    as ``p = 2`` or ``M = I_n``; or a side that is zero, as
    ``A^T(AB - M) = 0``) is checked *tentatively*: it stays a claim when it is
    proved or verified, and is reported as a hypothesis otherwise.

Shapes
    A formula whose shapes conflict with the document's declarations or
    definitions by dimension *names* only (declared sizes ``m`` and ``n``
    that this formula needs equal), but agree on their own (an article that reuses ``B`` for an
    ``r×n`` matrix after declaring it ``r×m``) is read with its own shapes,
    without the document's definitions; its reason says so.
expression
    No relation at all (also a formula that is only ``\eqref{…}``: a reference).

A name is *met* once any earlier formula (of any kind) used it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

import sympy

from ..errors import DerivCheckError, InputShapeError, LatexParseError
from ..latex import parse_latex
from ..latex import ast as nodes
from .model import (CLAIM, DECLARATION, DEFINITION, EXPRESSION, HYPOTHESIS, UNSUPPORTED, CheckTask,
                    Formula)

__all__ = ["DocumentState", "Candidate", "classify", "reason_of", "DEFINITION_SIGNS"]

#: Definition signs, rewritten to ``=`` before parsing when the parser does not read them.
DEFINITION_SIGNS = re.compile(
    r":=|≔|≜|\\coloneqq(?![A-Za-z])|\\triangleq(?![A-Za-z])|\\equiv(?![A-Za-z])"
    r"|\\(?:stackrel|overset)\{[^{}]*(?:def|Delta|triangle)[^{}]*\}\{=\}"
)
_SUPPOSITION = re.compile(
    r"(?:\b(?:let|suppose|supposing|assume|assuming|if|given|whenever|provided)\b"
    r"|设|若|假设|假定|如果|假如|当|倘若)[\s:：,，]*$",
    re.IGNORECASE,
)
_RELATIONS = (nodes.Equation, nodes.Implication)
_REFERENCE = re.compile(r"^\s*(\\(eq)?ref\{[^{}]*\}[\s,~]*)+$")
_DECLARATION_UNICODE = {"∈": r" \in ", "ℝ": r"\mathbb{R}", "×": r" \times "}
_RELATION_TEXT = re.compile(r"=|<|>|\\(le|leq|ge|geq|ne|neq|Rightarrow|implies|in)(?![A-Za-z])|[≤≥≠∈⇒]")


@dataclass(frozen=True)
class Candidate:
    """A formula located in a file, before classification."""

    ordinal: int
    path: str
    line: int
    column: int
    cell: int | None
    text: str
    prose_before: str = ""
    unreadable: str | None = None  # a reason known before parsing (a KaTeX error line)


@dataclass
class _Definition:
    value: Any
    shapes: dict[str, tuple]
    latex: str = ""  # ``name := value`` as LaTeX, to be read together with a later formula
    uses: frozenset = frozenset()  # the names its value mentions


@dataclass
class DocumentState:
    """What the formulas read so far established: names met, shapes, definitions.

    Parameters
    ----------
    shapes : dict
        Declared shapes, ``name -> (rows, cols)``.
    """

    shapes: dict[str, tuple] = field(default_factory=dict)
    known: set[str] = field(default_factory=set)
    definitions: dict[str, _Definition] = field(default_factory=dict)

    def copy(self) -> "DocumentState":
        """An independent copy (for the pins of one formula)."""
        return DocumentState(dict(self.shapes), set(self.known), dict(self.definitions))

    def shapes_for(self, names: set[str]) -> dict[str, tuple]:
        """Declared shapes plus the shapes that the definitions of *names* fix."""
        shapes = dict(self.shapes)
        for name in sorted(names & set(self.definitions)):
            for key, shape in self.definitions[name].shapes.items():
                shapes.setdefault(key, shape)
        return shapes


def reason_of(exc: DerivCheckError) -> str:
    """The rule of an error without the quoted formula: the key of 'unsupported per reason'."""
    return re.sub(r"\s*\(in .*\)$", "", exc.rule.strip(), flags=re.S)


def _names(parsed) -> set[str]:
    return set(parsed.matrices) | set(parsed.scalars)


def _statements(tree) -> list:
    if isinstance(tree, nodes.Conjunction):
        return [s for part in tree.parts for s in _statements(part)]
    return [tree]


def _node_names(node) -> set[str]:
    """Names of the matrices and scalars in a value node or SymPy expression."""
    if isinstance(node, sympy.Basic):
        return {a.name for a in node.atoms(sympy.MatrixSymbol, sympy.Symbol)}
    if is_dataclass(node):
        return set().union(*(_node_names(getattr(node, f.name)) for f in fields(node)))
    if isinstance(node, tuple):
        return set().union(*(_node_names(item) for item in node)) if node else set()
    return set()


def _bound_names(node) -> set[str]:
    """Names bound inside a node: limit variables, the variable of an argmin or a min."""
    if isinstance(node, (nodes.MatrixLimit, nodes.Argmin, nodes.Minimum)):
        inner = node.expr if isinstance(node, nodes.MatrixLimit) else node.objective
        return {node.var.name} | _bound_names(inner)
    if isinstance(node, sympy.Limit):
        return {node.args[1].name} | _bound_names(node.args[0])
    if isinstance(node, sympy.Basic):
        return set().union(*(_bound_names(a) for a in node.args)) if node.args else set()
    if is_dataclass(node):
        return set().union(*(_bound_names(getattr(node, f.name)) for f in fields(node)))
    if isinstance(node, tuple):
        return set().union(*(_bound_names(item) for item in node)) if node else set()
    return set()


def _matrix_inequation(statement) -> bool:
    """``(BA)^+ \\neq A^+B^+``: an inequation between matrices is a claim (``c \\neq 0`` is a condition)."""
    return isinstance(statement, sympy.Unequality) and all(
        getattr(side, "is_Matrix", False) for side in statement.args)


def _one_sided(relations: list, new: set[str]) -> list[str]:
    """The new names that some relation has on some of its sides only: its unknowns."""
    unknowns = set()
    for relation in relations:
        sides = (relation.sides if isinstance(relation, nodes.Equation)
                 else relation.args if isinstance(relation, sympy.Unequality)
                 else (relation.premise, relation.conclusion))
        bound = _bound_names(tuple(sides))
        per_side = [(_node_names(side) - bound) & new for side in sides]
        every = set.intersection(*per_side) if per_side else set()
        unknowns |= set().union(*per_side) - every
    return sorted(unknowns)


def _dimension_name(symbol, taken: dict[str, str]) -> int | str:
    if isinstance(symbol, (int, sympy.Integer)):
        return int(symbol)
    name = str(symbol)
    if name.isalpha():
        return name
    if name not in taken:
        base = re.sub(r"[^A-Za-z]", "", name) or "d"
        candidate, n = base, 0
        while candidate in taken.values():
            n += 1
            candidate = base + "x" * n
        taken[name] = candidate
    return taken[name]


def _alpha_shapes(parsed) -> dict[str, tuple]:
    taken: dict[str, str] = {}
    return {name: tuple(_dimension_name(d, taken) for d in shape) for name, shape in parsed.shapes.items()}


def _parse(text: str, state: DocumentState, extra: dict | None = None):
    """Parse with the document's shapes; a second time when defined names need theirs.

    ``A = \\begin{bmatrix}-1 & 2 & 2\\end{bmatrix}`` gives A the shape of the
    written-out matrix, even where the name alone would read as a square or
    generic matrix.
    """
    try:
        return _parse_with_document_shapes(text, state, extra)
    except InputShapeError:
        lent = _shape_of_written_value(text)
        if not lent:
            raise
        return _parse_with_document_shapes(text, state, {**(extra or {}), **lent})


def _shape_of_written_value(text: str) -> dict[str, tuple]:
    """``{name: shape}`` when *text* is ``name = (or :=) a written-out matrix``, else empty."""
    if "=" not in text:
        return {}
    lhs, rhs = text.split("=", 1)
    try:
        target = parse_latex(lhs.rstrip(":").strip()).tree
        value = parse_latex(rhs).tree
    except DerivCheckError:
        return {}
    if not isinstance(target, (sympy.MatrixSymbol, sympy.Symbol)):
        return {}
    if not (isinstance(value, sympy.MatrixBase) and not value.free_symbols):
        return {}
    return {target.name: tuple(value.shape)}


def _parse_with_document_shapes(text: str, state: DocumentState, extra: dict | None = None):
    base = state.shapes_for(set()) | (extra or {})
    try:
        parsed = parse_latex(text, shapes=base)
    except InputShapeError:
        # a defined name may only fit with its own shape (a row A = [-1 2 2])
        own = {n: d.shapes[n] for n, d in state.definitions.items() if n in d.shapes}
        if not own:
            raise
        parsed = parse_latex(text, shapes=own | base)
    names = _names(parsed)
    # defined names bring their definitions' shapes; a name an earlier definition shaped keeps that shape
    used = {d for d, definition in state.definitions.items() if d in names or names & set(definition.shapes)}
    if used:
        parsed = parse_latex(text, shapes=state.shapes_for(used) | (extra or {}))
    return parsed


def _substitute(value, state: DocumentState, parsed):
    """*value* with the defined matrices of *parsed* replaced by their definitions."""
    replace = {}
    for name, symbol in {**parsed.matrices, **parsed.scalars}.items():
        if name in state.definitions:
            replace[symbol] = state.definitions[name].value
    if not replace or not isinstance(value, sympy.Basic):
        return value
    return value.xreplace(replace)


def _record_definition(state: DocumentState, text: str, target: str, parsed) -> None:
    shapes = _alpha_shapes(parsed)
    pinned = parse_latex(text, shapes=shapes)  # dimension symbols later formulas will share
    tree = pinned.tree
    value = tree.value if isinstance(tree, nodes.Definition) else tree.sides[-1]
    value = _substitute(value, state, pinned)
    merged = {}
    for name in _names(pinned) & set(state.definitions):
        merged.update(state.definitions[name].shapes)
    merged.update(shapes)
    rhs = text.split("=", 1)[1] if isinstance(tree, nodes.Equation) else None
    latex = f"{target} := {rhs}" if rhs is not None else text
    state.definitions[target] = _Definition(value, merged, latex, frozenset(_names(pinned) - {target}))
    if target in state.shapes and target in shapes and state.shapes[target] != shapes[target]:
        del state.shapes[target]  # a redefinition brings its own shape


def _defined_target(tree, parsed, state: DocumentState, signed: bool) -> str | None:
    """The name a formula defines, or None."""
    if isinstance(tree, nodes.Definition):
        target = tree.target
        return getattr(target, "name", None)
    if not isinstance(tree, nodes.Equation) or len(tree.sides) != 2:
        return None
    lhs, rhs = tree.sides
    if not isinstance(lhs, (sympy.MatrixSymbol, sympy.Symbol)):
        return None
    name = lhs.name
    if isinstance(rhs, sympy.Basic) and lhs in rhs.free_symbols:
        return None
    if signed or _explicit_value(tree):
        return name
    if name not in state.known and not _is_atom(rhs):  # "m = n", "l = j": a condition, not a definition
        return name
    return None


def _explicit_value(tree) -> bool:
    """``X = \\begin{pmatrix}...\\end{pmatrix}``: a name given a concrete matrix (it brings its shape)."""
    if not isinstance(tree, nodes.Equation) or len(tree.sides) != 2:
        return False
    lhs, rhs = tree.sides
    return (isinstance(lhs, sympy.MatrixSymbol) and isinstance(rhs, sympy.Basic)
            and getattr(rhs, "is_Matrix", False) and not rhs.atoms(sympy.MatrixSymbol)
            and not rhs.free_symbols)


def _declared(state: DocumentState, statements: list) -> list[str]:
    names = []
    taken: dict[str, str] = {}
    for declaration in statements:
        target = declaration.target
        if not isinstance(target, (sympy.MatrixSymbol, sympy.Symbol)) or declaration.shape == ():
            continue
        state.shapes[target.name] = tuple(_dimension_name(d, taken) for d in declaration.shape)
        state.definitions.pop(target.name, None)
        names.append(target.name)
    return names


def classify(candidate: Candidate, state: DocumentState, pins: Any = None) -> Formula:
    """Classify one formula and update *state* with what it establishes.

    Parameters
    ----------
    candidate : Candidate
        The located formula.
    state : DocumentState
        The document so far; updated in place.
    pins : ClaimEntry, optional
        The claims file's entry for this formula (``assume``, ``shapes``,
        ``definitions``, ``expect``, ``skip``).

    Returns
    -------
    Formula
        With a :class:`CheckTask` when it is a claim.
    """
    base = dict(id=f"f{candidate.ordinal}", path=candidate.path, line=candidate.line,
                column=candidate.column, cell=candidate.cell, text=candidate.text)
    if pins is not None:
        base.update(expected=pins.expect, skip=pins.skip)
    if candidate.unreadable is not None:
        return Formula(**base, kind=UNSUPPORTED, reason=candidate.unreadable)
    text = candidate.text
    if _REFERENCE.match(text):
        return Formula(**base, kind=EXPRESSION, reason="a reference to an equation")
    signed = DEFINITION_SIGNS.search(text) is not None
    outer = state
    if pins is not None and pins.definitions:
        state = state.copy()
        try:
            for name, value in pins.definitions.items():
                definition = f"{name} = {value}"
                _record_definition(state, definition, name, _parse(definition, state))
        except DerivCheckError as exc:
            return Formula(**base, kind=UNSUPPORTED, reason="claims file definitions: " + reason_of(exc))
    extra_shapes = dict(pins.shapes) if pins is not None and pins.shapes else {}
    free = None  # the shape conflict with the document, when the formula is read with its own shapes
    try:
        try:
            parsed = _parse(text, state, extra_shapes)
        except LatexParseError:
            rewritten = _plain_signs(text, signed)
            if rewritten == text:
                raise
            text = rewritten
            parsed = _parse(text, state, extra_shapes)
        except InputShapeError as exc:
            if not exc.name.startswith("formula["):
                raise
            alone = _parse_alone(text, extra_shapes)
            redeclares = alone is not None and all(
                isinstance(st, nodes.Declaration) for st in _statements(alone.tree))
            if alone is None or not (redeclares or _explicit_value(alone.tree)
                                     or _symbolic_sizes(state, alone)):
                raise
            parsed, free = alone, reason_of(exc)  # consistent alone: the document's shapes do not fit
    except LatexParseError as exc:
        return Formula(**base, kind=UNSUPPORTED, reason=reason_of(exc))
    except InputShapeError as exc:
        if not exc.name.startswith("formula[") or "compared" in exc.rule:
            return Formula(**base, kind=UNSUPPORTED, reason=reason_of(exc))
        if not _RELATION_TEXT.search(text):
            return Formula(**base, kind=EXPRESSION, reason="shapes that cannot agree: " + reason_of(exc))
        # shapes that cannot agree: a claim, refuted by the checker with the conflict
        alone = _parse_alone(text, extra_shapes)
        names = _names(alone) if alone is not None else set()
        state.known |= names
        return Formula(**base, kind=CLAIM, task=_task(text, state, names, pins))
    except DerivCheckError as exc:
        return Formula(**base, kind=UNSUPPORTED, reason=reason_of(exc))
    names = _names(parsed)
    statements = _statements(parsed.tree)
    new = sorted(names - state.known)
    known_before = names & state.known
    note = "" if free is None else f" (read with its own shapes: the document's do not fit: {free})"
    try:
        if statements and all(isinstance(s, nodes.Declaration) for s in statements):
            declared = _declared(state, statements)
            return Formula(**base, kind=DECLARATION,
                           reason=(("shapes of " + ", ".join(declared)) if declared else "") + note or None)
        target = _defined_target(parsed.tree, parsed, state, signed)
        if target is not None:
            try:
                if free is not None:
                    state.shapes = {k: v for k, v in state.shapes.items() if k not in names}
                _record_definition(state, text, target, parsed)
            except DerivCheckError as exc:
                return Formula(**base, kind=UNSUPPORTED, reason=reason_of(exc))
            return Formula(**base, kind=DEFINITION, reason=f"defines {target}{note}")
        relations = [s for s in statements if isinstance(s, _RELATIONS) or _matrix_inequation(s)]
        for s in statements:
            if isinstance(s, nodes.Declaration):
                _declared(state, [s])
        if not relations:
            if any(isinstance(s, sympy.core.relational.Relational) for s in statements):
                if _SUPPOSITION.search(candidate.prose_before):
                    return Formula(**base, kind=HYPOTHESIS, reason="follows a word of supposition")
                return Formula(**base, kind=UNSUPPORTED,
                               reason="a relation other than = (an inequality) is not checked")
            return Formula(**base, kind=EXPRESSION, reason=note.strip(" ()") or None)
        if _SUPPOSITION.search(candidate.prose_before):
            return Formula(**base, kind=HYPOTHESIS, reason="follows a word of supposition")
        unknowns = _one_sided(relations, set(new)) if known_before else []
        if unknowns:
            return Formula(**base, kind=HYPOTHESIS, reason="introduces " + ", ".join(unknowns))
        condition = _condition(relations)
        task = _task(text, state, names, pins) if free is None else CheckTask(
            _with_definitions(text, state, names), extra_shapes, {},
            dict(pins.assume or {}) if pins is not None else {})
        return Formula(**base, kind=CLAIM, task=task, tentative=condition,
                       reason=(condition or "") + note or None)
    finally:
        outer.known |= names


def _with_definitions(text: str, state: DocumentState, names: set[str]) -> str:
    """*text* after the definitions it uses (``P := AA^+,\\quad ...``), so that shapes are inferred jointly.

    For a formula whose shapes do not fit the ones its definitions were read with:
    read together, every name gets one shape that fits both.
    """
    order: list[str] = []

    def visit(name: str) -> None:
        definition = state.definitions.get(name)
        if definition is None or name in order or not definition.latex:
            return
        order.append(name)  # guards against a cycle; moved behind its dependencies below
        for used in sorted(definition.uses):
            visit(used)
        order.remove(name)
        order.append(name)

    for name in sorted(names):
        visit(name)
    return ",\\quad ".join([state.definitions[name].latex for name in order] + [text])


def _plain_signs(text: str, signed: bool) -> str:
    """*text* with definition signs as ``=`` and the Unicode of declarations (∈ ℝ ×) as LaTeX."""
    if signed:
        text = DEFINITION_SIGNS.sub("=", text)
    for char, latex in _DECLARATION_UNICODE.items():
        text = text.replace(char, latex)
    return text


def _parse_alone(text: str, shapes: dict):
    """The formula parsed without the document's shapes, or None."""
    try:
        return parse_latex(text, shapes=shapes)
    except DerivCheckError:
        return None


def _symbolic_sizes(state: DocumentState, parsed) -> bool:
    """Whether the formula's declared names all have sizes named by letters (which may coincide)."""
    declared = [state.shapes[name] for name in _names(parsed) if name in state.shapes]
    return bool(declared) and all(isinstance(size, str) for shape in declared for size in shape)


def _is_atom(node) -> bool:
    if isinstance(node, (sympy.MatrixSymbol, sympy.Symbol, sympy.Number, sympy.Identity, sympy.ZeroMatrix)):
        return True
    return isinstance(node, sympy.MatrixBase) and all(entry.is_zero for entry in node)


def _is_zero(node) -> bool:
    return (isinstance(node, sympy.Basic) and (node == 0 or isinstance(node, sympy.ZeroMatrix)
            or (isinstance(node, sympy.MatrixBase) and all(entry.is_zero for entry in node))))


def _condition(relations: list) -> str | None:
    """Why every relation reads as a condition (a name equated with a name or a constant, ``… = 0``)."""
    reasons = []
    for relation in relations:
        if not isinstance(relation, nodes.Equation):
            return None
        if all(_is_atom(side) for side in relation.sides):
            reasons.append("a name equated with a name or a constant")
        elif any(_is_zero(side) for side in relation.sides):
            reasons.append("an expression set to zero")
        else:
            return None
    return "a condition: " + reasons[0] if reasons else None


def _task(text: str, state: DocumentState, names: set[str], pins: Any) -> CheckTask:
    used = names & set(state.definitions)
    assume: dict = {}
    extra = dict(pins.shapes or {}) if pins is not None else {}
    if pins is not None:
        assume = dict(pins.assume or {})
    if used and all(state.definitions[name].latex for name in used):
        # read with its definitions, so that every name gets one shape that fits them all
        written = {n: d.shapes[n] for n, d in state.definitions.items()
                   if n in d.shapes and all(isinstance(x, int) for x in d.shapes[n])}
        return CheckTask(_with_definitions(text, state, used), {**written, **state.shapes, **extra}, {}, assume)
    shapes = state.shapes_for(used)
    shapes.update(extra)
    definitions = {name: state.definitions[name].value for name in sorted(used)}
    return CheckTask(text, shapes, definitions, assume)
