"""Token filter between lark's lexer and parser (lark's ``postlex`` hook).

It does the few things an LALR grammar cannot express cleanly:

* pairs the norm bars ``\\|`` / ``\\Vert`` into ``NORM_OPEN`` and ``NORM_CLOSE``
  (a bar closes the innermost norm opened at the same bracket depth, otherwise it
  opens one);
* drops an alignment line break ``\\\\`` when the next line continues the
  previous one (it starts with a relation, ``+``, ``-`` or ``\\Rightarrow``), and
  line breaks, commas and full stops at the very end (sentence punctuation);
* turns unsupported commands, ``\\text{...}`` words, environments, function
  application of calligraphic letters and words written as runs of three or more
  adjacent lowercase letters (``rank``, ``eval``) into
  :class:`~derivcheck.errors.LatexParseError` at their exact position, so that
  nothing unknown is ever read as a product of single-letter symbols.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lark import Token

from ..errors import LatexParseError

__all__ = ["TokenFilter"]

_OPENERS = {"LPAR", "LSQB", "LBRACE", "LANGLE", "LCURLY"}
_CLOSERS = {"RPAR", "RSQB", "RBRACE", "RANGLE", "RCURLY"}
_CONTINUES_LINE = {"REL", "PLUS", "MINUS", "IMPLIES"}
_HELD_BACK = {"LINEBREAK", "COMMA", "PERIOD"}
MAX_NESTING = 60  # deeper formulas are refused rather than risking deep recursion

# Fixes for the unsupported commands met most often in articles.
_COMMAND_FIXES = {
    r"\sum": "write the sum in matrix form (traces, products) or check it numerically",
    r"\prod": "write the product in matrix form",
    r"\int": "integrals are outside the matrix-algebra subset",
    r"\eqref": "write out the referenced formula instead of citing it",
    r"\ref": "write out the referenced formula instead of citing it",
    r"\ddots": "write every entry of the matrix, or name the matrix",
    r"\vdots": "write every entry of the matrix, or name the matrix",
    r"\forall": "state the quantifier in prose, outside the formula",
    r"\ll": "state orderings between dimensions in prose",
    r"\vert": "absolute values are not supported; use norms \\| \\|_F",
}


# Tokens a quantifier clause may contain: names, commas, sets of real matrices, \\neq 0.
_QUANTIFIED = {"LETTER", "GREEK", "BOLD", "COMMA", "IN", "REALS", "CIRCUMFLEX", "UNDERSCORE",
               "LBRACE", "RBRACE", "NUMBER", "TIMES", "REL", "PERIOD", "UNKNOWN_TEXT"}
_RELATION_TEXT = {"\\ne": "!=", "\\neq": "!=", "≠": "!="}
# First words of a condition written in words.
_CONDITION_WORDS = {"where", "if", "iff", "when", "whenever", "with", "provided", "given", "assuming",
                    "since", "unless", "s.t.", "such", "so", "because", "as", "for", "is", "are", "has",
                    "have", "being", "whose"}


_SUBSPACE_LETTERS = {"R", "N", "C"}  # \\mathcal{R}(A): a range (column space) or a null space


def _brace_letter(token: str) -> str:
    return token[token.index("{") + 1: token.rindex("}")].strip()


def _braced_text(token: str) -> str:
    """The words of ``\\text{ for all }``."""
    return token[token.index("{") + 1: token.rindex("}")]


_NOTED_RELATIONS = {"=", "<", ">", "≤", "≥", "\\le", "\\leq", "\\ge", "\\geq", "\\ne", "\\neq"}
_NOTED_ARROWS = {"rightarrow", "Rightarrow", "to", "longrightarrow", "Longrightarrow", "implies", "mapsto"}


def _token_at(kind: str, value: str, like: Token, start: int, length: int | None = None) -> Token:
    """A token of *kind* at *start* (positions in the formula), on the line of *like*."""
    length = len(value) if length is None else length
    column = (like.column or 1) + (start - like.start_pos)
    return Token(kind, value, start_pos=start, line=like.line, column=column, end_line=like.line,
                 end_column=column + length, end_pos=start + length)


def _rule_for_command(command: str) -> tuple[str, str]:
    fix = _COMMAND_FIXES.get(
        command, "rewrite the formula with the notation listed in derivcheck.latex"
    )
    return f"the command {command} is not supported", fix


class TokenFilter:
    """lark post-lexer: see the module docstring.

    Parameters
    ----------
    text : str
        The whole formula (for error messages).
    """

    always_accept = ("NORM", "UNKNOWN_TEXT", "UNKNOWN_ENV", "UNKNOWN_COMMAND", "LINEBREAK", "PERIOD",
                     "ALIGN_MARK", "ANNOTATED_RELATION", "PRIME", "DIFFERENTIAL", "UPRIGHT_LETTER")

    def __init__(self, text: str) -> None:
        self.text = text
        self.conventions: list[str] = []

    def reset(self, text: str) -> None:
        """Prepare for a new formula (the filter is shared, under the parser's lock)."""
        self.text = text
        self.conventions = []

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        """Filter lark's token *stream* (called by lark)."""
        tokens = self._matrix_separators(self._checked(self._prose(self._rewritten(self._notes(stream)))))
        tokens = self._paired_norms(tokens)
        yield from self._joined_lines(tokens)

    def _error(self, token: Token, rule: str, fix: str) -> LatexParseError:
        return LatexParseError(self.text, token.start_pos, str(token), rule, fix)

    # ------------------------------------------------------------ rewriting
    def _rewritten(self, stream: Iterator[Token]) -> Iterator[Token]:
        """Rewrite the TeX shorthands the grammar reads in their long form.

        * ``\\mathrm x`` (one letter, no braces) is the name x;
        * ``\\frac 15``, ``\\frac14``, ``\\frac a b``: TeX takes one token per
          argument when there are no braces: ``\\frac{1}{5}``;
        * plain TeX ``\\pmatrix{1 & 2 \\\\ 3 & 4}``: its closing brace ends the matrix;
        * ``\\frac{d}{dX} f``, ``\\frac{d f}{d x}``, ``\\frac{\\mathrm{d} f}{\\mathrm{d} x}``,
          ``\\frac{\\delta}{\\delta X} f``: an ordinary derivative is read as the
          partial derivative ``\\partial`` (the gradient, laid out like X);
        * ``(\\nabla)_A``, ``(\\bigtriangledown)_A``: the bracket around the nabla is dropped;
        * a trace without brackets, ``\\mathrm{tr}\\, AX^\\top``, takes the product
          after it, up to the next sum, relation, comma or closing bracket.
        """
        tokens: list[Token] = []
        lexing_error = None
        try:
            for token in stream:
                tokens.append(self._upright(token))
        except Exception as exc:  # noqa: BLE001 - re-raised after the tokens before it are checked
            lexing_error = exc
        tokens = self._plain_reals(tokens)
        tokens = self._frac_arguments(tokens)
        tokens = self._plain_matrices(tokens)
        tokens = self._ordinary_derivatives(tokens)
        tokens = self._bracketed_nabla(tokens)
        tokens = self._bare_traces(tokens)
        for token in tokens:
            if token.type == "DIFFERENTIAL":
                raise self._error(token, "a differential d is only read in a derivative \\frac{d f}{d X}",
                                  "write the derivative as \\frac{d f}{d X} or \\frac{\\partial f}{\\partial X}")
            yield token
        if lexing_error is not None:
            raise lexing_error

    @staticmethod
    def _plain_reals(tokens: list[Token]) -> list[Token]:
        """``A ∈ R^{m×n}``: a plain R raised to a size after ∈ is the real space ℝ."""
        for i in range(1, len(tokens) - 1):
            if (tokens[i].type == "LETTER" and str(tokens[i]) == "R" and tokens[i - 1].type == "IN"
                    and tokens[i + 1].type == "CIRCUMFLEX"):
                tokens[i] = Token.new_borrow_pos("REALS", str(tokens[i]), tokens[i])
        return tokens

    @staticmethod
    def _upright(token: Token) -> Token:
        if token.type != "UPRIGHT_LETTER":
            return token
        letter = str(token)[-1]
        return _token_at("LETTER", letter, token, token.end_pos - 1)

    def _frac_arguments(self, tokens: list[Token]) -> list[Token]:
        out: list[Token] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            out.append(token)
            i += 1
            if token.type != "FRAC":
                continue
            for _argument in range(2):
                if i >= len(tokens):
                    break
                nxt = tokens[i]
                if nxt.type == "LBRACE":
                    depth = 0
                    while i < len(tokens):
                        depth += {"LBRACE": 1, "RBRACE": -1}.get(tokens[i].type, 0)
                        out.append(tokens[i])
                        i += 1
                        if depth == 0:
                            break
                    continue
                if nxt.type not in ("NUMBER", "LETTER", "GREEK", "BOLD"):
                    break  # \frac followed by something else: the parser reports it
                single = nxt
                if nxt.type == "NUMBER" and len(str(nxt)) > 1:
                    digits = str(nxt)
                    if not digits[1].isdigit():
                        break
                    single = _token_at("NUMBER", digits[0], nxt, nxt.start_pos)
                    tokens[i] = _token_at("NUMBER", digits[1:], nxt, nxt.start_pos + 1)
                else:
                    i += 1
                out.extend([_token_at("LBRACE", "{", single, single.start_pos, 0), single,
                            _token_at("RBRACE", "}", single, single.end_pos, 0)])
        return out

    @staticmethod
    def _plain_matrices(tokens: list[Token]) -> list[Token]:
        out: list[Token] = []
        closing: list[int] = []  # brace depths at which a plain TeX matrix closes
        depth = 0
        for token in tokens:
            if token.type == "MATRIX_BEGIN" and not str(token).startswith("\\begin"):
                depth += 1
                closing.append(depth)
            elif token.type == "LBRACE":
                depth += 1
            elif token.type == "RBRACE":
                if closing and closing[-1] == depth:
                    closing.pop()
                    token = Token.new_borrow_pos("MATRIX_END", str(token), token)
                depth -= 1
            out.append(token)
        return out

    @staticmethod
    def _is_differential(token: Token) -> bool:
        return token.type == "DIFFERENTIAL" or (token.type == "LETTER" and str(token) == "d") or (
            token.type == "GREEK" and str(token) in ("\\delta", "δ"))

    def _ordinary_derivatives(self, tokens: list[Token]) -> list[Token]:
        names = ("LETTER", "GREEK", "BOLD", "MATHCAL")
        for i, token in enumerate(tokens):
            if token.type != "FRAC" or i + 1 >= len(tokens) or tokens[i + 1].type != "LBRACE":
                continue
            num = i + 2
            depth, j = 1, i + 2
            while j < len(tokens) and depth:
                depth += {"LBRACE": 1, "RBRACE": -1}.get(tokens[j].type, 0)
                j += 1
            # tokens[j - 1] closes the numerator; the denominator opens at j.
            den = j + 1
            if not (num < len(tokens) and den + 1 < len(tokens) and tokens[j].type == "LBRACE"):
                continue
            top, bottom, variable = tokens[num], tokens[den], tokens[den + 1]
            if not (self._is_differential(top) and self._is_differential(bottom) and variable.type in names):
                continue
            if str(top) != str(bottom) and {top.type, bottom.type} != {"DIFFERENTIAL", "LETTER"}:
                continue  # \frac{d x}{\delta y}: not one derivative notation
            tokens[num] = Token.new_borrow_pos("PARTIAL", str(top), top)
            tokens[den] = Token.new_borrow_pos("PARTIAL", str(bottom), bottom)
            convention = (f"the ordinary derivative {top}/{bottom}{variable} is read as the partial "
                          f"derivative ∂/∂{variable}: the gradient, laid out like {variable}")
            if convention not in self.conventions:
                self.conventions.append(convention)
        return tokens

    @staticmethod
    def _bracketed_nabla(tokens: list[Token]) -> list[Token]:
        out: list[Token] = []
        i = 0
        while i < len(tokens):
            if (i + 2 < len(tokens) and tokens[i].type == "LPAR" and tokens[i + 1].type == "NABLA"
                    and tokens[i + 2].type == "RPAR"):
                out.append(tokens[i + 1])
                i += 3
                continue
            out.append(tokens[i])
            i += 1
        return out

    @staticmethod
    def _bare_traces(tokens: list[Token]) -> list[Token]:
        stops = {"PLUS", "MINUS", "REL", "COMMA", "LINEBREAK", "IMPLIES", "DEFINE", "IN", "PERIOD",
                 "ALIGN_MARK", "KRON", "ANNOTATED_RELATION", "TRACE"}
        out: list[Token] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            out.append(token)
            i += 1
            if token.type != "TRACE" or i >= len(tokens) or tokens[i].type in ("LPAR", "LSQB"):
                continue
            depth, body = 0, []
            while i < len(tokens):
                kind = tokens[i].type
                if depth == 0 and (kind in stops or kind in _CLOSERS or kind == "MATRIX_END"):
                    break
                depth += 1 if kind in _OPENERS else -1 if kind in _CLOSERS else 0
                body.append(tokens[i])
                i += 1
            if not body:
                continue
            out.append(_token_at("LPAR", "(", body[0], body[0].start_pos, 0))
            out.extend(body)
            out.append(_token_at("RPAR", ")", body[-1], body[-1].end_pos, 0))
        return out

    def _notes(self, stream: Iterator[Token]) -> Iterator[Token]:
        """Drop the notes written over relations and under braces.

        ``\\stackrel{(a)}{=}`` is ``=`` (any relation likewise); an arrow with a
        note (``\\stackrel{...}{\\rightarrow}``) is ``\\Rightarrow``, a step of a
        derivation; ``\\underbrace{X}_{note}`` and ``\\overbrace{X}^{note}`` are X.
        """
        tokens = iter(stream)
        pending: list[Token] = []

        def following():
            return pending.pop() if pending else next(tokens, None)

        brace_depths: list[int] = []  # depth at which each open \underbrace group closes
        depth = 0
        while True:
            token = following()
            if token is None:
                return
            kind = token.type
            if kind == "ANNOTATED_RELATION":
                yield self._noted_relation(token)
                continue
            if kind == "LBRACE":
                depth += 1
            elif kind == "RBRACE":
                depth -= 1
                if brace_depths and brace_depths[-1] == depth:
                    brace_depths.pop()
                    yield token
                    note = following()
                    if note is not None and note.type in ("UNDERSCORE", "CIRCUMFLEX"):
                        self._skip_script(following)
                    elif note is not None:
                        pending.append(note)
                    continue
            elif kind == "BRACE_NOTE":
                brace_depths.append(depth)
            yield token

    @staticmethod
    def _skip_script(following) -> None:
        """Skip one script argument: a token, or a braced group."""
        first = following()
        if first is None or first.type != "LBRACE":
            return
        depth = 1
        while depth:
            token = following()
            if token is None:
                return
            depth += {"LBRACE": 1, "RBRACE": -1}.get(token.type, 0)

    def _noted_relation(self, token: Token) -> Token:
        text = str(token)
        relation = text[text.rindex("{") + 1: text.rindex("}")].strip()
        if relation in _NOTED_RELATIONS:
            return Token.new_borrow_pos("REL", relation, token)
        if relation.lstrip("\\") in _NOTED_ARROWS:
            return Token.new_borrow_pos("IMPLIES", "\\Rightarrow", token)
        raise self._error(token, f"the annotated symbol {relation} is not a relation",
                          "write the relation (=, \\le, \\Rightarrow) without the note")

    def _prose(self, stream: Iterator[Token]) -> Iterator[Token]:
        """Read the words a formula may contain in ``\\text{...}``, and ``\\forall``.

        * ``\\text{and}`` separates two statements, like a comma;
        * ``\\text{for all} x``, ``\\text{for any}``, ``\\forall x \\neq 0``: a
          quantifier over names that are free anyway; the clause, up to the end
          of its line, is dropped and the convention is reported (equations are
          checked at generic values, where ``x \\neq 0`` holds);
        * ``\\text{where}`` (also ``with``, ``for``, ``here``) alone: the
          statements after it define the names of the statements before it
          (``S \\text{ where } A = U\\Sigma V^T``), see ``_syntax``;
        * other words that start a condition (``\\text{if}``, ``\\text{where A is
          orthogonal}``): refused with a fix, since dropping a condition could
          refute a true claim.
        """
        quantifier: Token | None = None
        where_seen = False
        for token in stream:
            kind = token.type
            if quantifier is not None:
                if kind == "LINEBREAK":
                    quantifier = None
                    yield token
                elif kind not in _QUANTIFIED or (kind == "REL" and _RELATION_TEXT.get(str(token)) != "!="):
                    raise self._error(
                        token, f"the quantifier {str(quantifier)[:30]} may only name variables "
                        "(x, y \\in \\mathbb{R}^n, x \\neq 0)",
                        "state other conditions in prose, or with assume= / the claims file",
                    )
                continue
            words = None
            if kind == "UNKNOWN_TEXT":
                words = re.sub(r"[\s~]+", " ", _braced_text(str(token))).strip().lower()
            elif kind == "UNKNOWN_COMMAND" and str(token) == "\\forall":
                words = "for all"
            if words is None:
                yield token
                continue
            first = words.split(" ", 1)[0] if words else ""
            if words in ("and", ","):
                yield Token.new_borrow_pos("COMMA", ",", token)
            elif words.startswith(("for all", "for any", "for every", "for each")) or words == "for":
                quantifier = token
                self.conventions.append(
                    f"the quantifier {words!r} and its clause are not checked separately: "
                    "the formula is checked for generic values of its names")
            elif words in ("where", "with", "for", "here") and not where_seen:
                where_seen = True  # S \text{where} A = U\Sigma V^T: definitions of S's names
                yield Token.new_borrow_pos("WHERE", str(token), token)
            elif first in _CONDITION_WORDS:
                raise self._error(
                    token, f"the condition {str(token)[:40]} cannot be read from the formula",
                    "state it as an assumption (assume={'A': 'full column rank'}) or in the claims file, "
                    "and quote the formula without it",
                )
            else:
                yield token

    def _checked(self, stream: Iterator[Token]) -> Iterator[Token]:
        """Reject unknown commands, words and calligraphic function calls."""
        script_depths: list[int] = []  # brace depths opened right after _ or ^
        depth = 0
        nesting = 0  # all brackets, for the depth limit
        previous: Token | None = None
        word: list[Token] = []
        for token in stream:
            kind = token.type
            if kind == "UNKNOWN_COMMAND":
                rule, fix = _rule_for_command(str(token))
                raise self._error(token, rule, fix)
            if kind == "PRIME":
                raise self._error(token, "a prime X' is ambiguous (a transpose, or another matrix named X')",
                                  "write X^T for the transpose, or a subscript (X_2) for another matrix")
            if kind == "UNKNOWN_TEXT":
                spelled = re.sub(r"\s+", " ", str(token))[:40]
                raise self._error(
                    token,
                    f"the text command {spelled} is not a supported operator",
                    "use \\text{Tr}, \\text{diag}, \\det or \\arg\\min, or put words in prose",
                )
            if kind == "UNKNOWN_ENV":
                if "cases" in str(token):
                    raise self._error(token, "piecewise definitions (cases) are not supported",
                                      "check each case as a formula of its own")
                raise self._error(
                    token,
                    f"the environment {str(token)[:40]} is not supported",
                    "use equation, align, gather or aligned, and pmatrix, bmatrix, matrix or array for matrices",
                )
            if (kind == "LPAR" and previous is not None and previous.type == "MATHCAL"
                    and _brace_letter(str(previous)) not in _SUBSPACE_LETTERS):
                raise self._error(
                    previous,
                    f"function application {previous}(...) is not supported",
                    "write the expression in matrix notation",
                )
            after_script = previous is not None and previous.type in ("UNDERSCORE", "CIRCUMFLEX")
            if kind in _OPENERS or kind == "NORM":
                nesting += 1 if kind != "NORM" else 0
                if nesting > MAX_NESTING:
                    raise self._error(token, f"brackets nested deeper than {MAX_NESTING} levels",
                                      "simplify the formula")
            elif kind in _CLOSERS:
                nesting -= 1
            if kind == "LBRACE":
                depth += 1
                if after_script:
                    script_depths.append(depth)
            elif kind == "RBRACE":
                if script_depths and script_depths[-1] == depth:
                    script_depths.pop()
                depth -= 1
            if (
                kind == "LETTER"
                and str(token).islower()
                and not script_depths
                and not after_script
            ):
                if word and word[-1].end_pos == token.start_pos:
                    word.append(token)
                else:
                    word = [token]
                if len(word) == 3:
                    start = word[0].start_pos
                    spelled = re.match(r"[a-z]+", self.text[start:]).group(0)
                    raise LatexParseError(
                        self.text,
                        start,
                        spelled,
                        f"the word {spelled!r} would be read as a product of one-letter symbols",
                        "write named functions as commands (\\text{Tr}, \\det) and put words in prose",
                    )
            else:
                word = []
            previous = token
            yield token

    def _matrix_separators(self, stream: Iterator[Token]) -> Iterator[Token]:
        """``&`` and ``\\\\`` separate entries and rows inside a matrix environment;
        elsewhere ``&`` is an alignment mark (dropped)."""
        depth = 0
        for token in stream:
            kind = token.type
            if kind == "MATRIX_BEGIN":
                depth += 1
            elif kind == "MATRIX_END":
                depth -= 1
            elif kind == "ALIGN_MARK":
                if not depth:
                    continue
                token = Token.new_borrow_pos("MATRIX_CELL", str(token), token)
            elif kind == "LINEBREAK" and depth:
                token = Token.new_borrow_pos("MATRIX_ROW", str(token), token)
            yield token

    def _paired_norms(self, stream: Iterator[Token]) -> Iterator[Token]:
        """Rename NORM tokens to NORM_OPEN / NORM_CLOSE by bracket depth."""
        depth = 0
        open_at: list[int] = []  # bracket depths of the norms currently open
        for token in stream:
            kind = token.type
            if kind in _OPENERS:
                depth += 1
            elif kind in _CLOSERS:
                depth -= 1
            elif kind == "NORM":
                if open_at and open_at[-1] == depth:
                    open_at.pop()
                    token = Token.new_borrow_pos("NORM_CLOSE", str(token), token)
                else:
                    open_at.append(depth)
                    token = Token.new_borrow_pos("NORM_OPEN", str(token), token)
            yield token

    def _joined_lines(self, stream: Iterator[Token]) -> Iterator[Token]:
        """Drop continuation line breaks; drop separators and full stops at the end."""
        pending: list[Token] = []
        emitted_any = False
        for token in stream:
            if token.type in _HELD_BACK:
                pending.append(token)
                continue
            for held in pending:
                if held.type == "PERIOD":
                    raise self._error(
                        held, "a full stop inside a formula is not supported",
                        "end the formula before the full stop",
                    )
                if held.type == "LINEBREAK" and (
                    not emitted_any or token.type in _CONTINUES_LINE
                    or any(h.type in ("LINEBREAK", "COMMA") for h in pending if h is not held and h.start_pos < held.start_pos)
                ):
                    continue  # a continued line, a leading or a repeated separator
                yield held
                emitted_any = True
            pending = []
            emitted_any = True
            yield token
        # Whatever is still pending ends the formula: sentence punctuation.
