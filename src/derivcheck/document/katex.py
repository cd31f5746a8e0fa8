r"""Formulas of web pages copied as text after KaTeX rendered them.

Copying a page rendered by KaTeX gives each formula three times, without
delimiters: the MathML text, the LaTeX annotation and the HTML text, e.g.
``σmin\sigma_{\min}σmin`` or ``A−1A^{-1}A−1``. The reader finds such
triples ``R₁ L R₂`` in a line: ``L`` is LaTeX whose plain rendering (commands
to their Unicode symbols, braces, ``^`` and ``_`` dropped, ``-`` to ``−``)
is exactly ``R₁`` with spaces removed, and ``R₂`` has the same characters as
``R₁`` (KaTeX's HTML may order them differently: a fraction's denominator
first, a matrix by columns; ``≠`` may come out as ``=``). ``L`` is the
formula. A line ``KaTeX parse error: …`` holds a formula the page could not
render; it is reported as unsupported.

A file is read this way only when it has no delimited math and at least
:data:`MIN_TRIPLES` triples whose LaTeX contains a command.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

__all__ = ["KatexFormula", "find_katex_formulas", "render_plain", "MIN_TRIPLES", "KATEX_ERROR"]

#: Triples with a LaTeX command needed before a file is read as a KaTeX capture.
MIN_TRIPLES = 3
#: How a capture shows a formula KaTeX could not render.
KATEX_ERROR = "KaTeX parse error:"
_MAX_RENDERED = 240
_MAX_SPACES = 3

_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
    "varSigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "top": "⊤", "intercal": "⊺", "dagger": "†", "times": "×", "cdot": "⋅", "cdots": "⋯",
    "ldots": "…", "dots": "…", "vdots": "⋮", "ddots": "⋱", "in": "∈", "notin": "∉",
    "ne": "≠", "neq": "≠", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ll": "≪", "gg": "≫",
    "to": "→", "rightarrow": "→", "Rightarrow": "⇒", "implies": "⟹", "Leftrightarrow": "⇔",
    "iff": "⟺", "mapsto": "↦", "infty": "∞", "partial": "∂", "nabla": "∇", "|": "∥",
    "Vert": "∥", "lVert": "∥", "rVert": "∥", "vert": "∣", "lvert": "∣", "rvert": "∣",
    "approx": "≈", "sim": "∼", "equiv": "≡", "propto": "∝", "pm": "±", "mp": "∓",
    "sum": "∑", "prod": "∏", "int": "∫", "otimes": "⊗", "oplus": "⊕", "circ": "∘",
    "langle": "⟨", "rangle": "⟩", "{": "{", "}": "}", "lbrace": "{", "rbrace": "}",
    "perp": "⊥", "mid": "∣", "forall": "∀", "exists": "∃", "sqrt": "√", "ast": "∗",
    "star": "⋆", "subset": "⊂", "subseteq": "⊆", "cup": "∪", "cap": "∩", "emptyset": "∅",
    "setminus": "∖", "odot": "⊙", "searrow": "↘", "downarrow": "↓", "uparrow": "↑",
    "colon": ":", "coloneqq": "≔", "triangleq": "≜", "prime": "′", "#": "#", "%": "%",
    "&": "&", "_": "_", "$": "$",
}
_WORDS = {"min", "max", "det", "log", "exp", "lim", "arg", "dim", "ker", "rank", "tr", "sin",
          "cos", "tan", "ln", "sup", "inf", "liminf", "limsup", "deg", "gcd", "Pr", "argmin",
          "argmax"}
_SILENT = {"mathrm", "mathbf", "boldsymbol", "bm", "mathbb", "mathcal", "mathsf", "mathit",
           "mathscr", "mathfrak", "text", "textbf", "textit", "textrm", "operatorname", "pmb",
           "displaystyle", "textstyle", "left", "right", "big", "Big", "bigg", "Bigg", "bigl",
           "bigr", "Bigl", "Bigr", "biggl", "biggr", "frac", "tfrac", "dfrac", "limits",
           "nolimits", "mathop", "quad", "qquad", "label", "tag", "nonumber", "hat", "tilde",
           "bar", "vec", "widehat", "widetilde", "overline", "underbrace", "overbrace", "bf",
           "rm", "it", "middle", "stackrel", "overset", "underset", ",", ";", ":", "!", " ",
           "\\", "phantom", "mathrel", "mathbin", "mathord"}
_BRACKETS = {"bmatrix": ("[", "]"), "pmatrix": ("(", ")"), "vmatrix": ("∣", "∣"),
             "Vmatrix": ("∥", "∥"), "Bmatrix": ("{", "}")}
_ASCII = {"-": "−", "*": "∗", "'": "′", "|": "∣"}
_SAME = {"ϵ": "ε", "ϕ": "φ", "∣": "|", "⟹": "⇒", "⟺": "⇔", "⊺": "⊤", "′": "'", "∗": "*"}
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_ENV = re.compile(r"\\(begin|end)\{([A-Za-z]+\*?)\}")
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass(frozen=True)
class KatexFormula:
    """A formula found in a capture.

    Parameters
    ----------
    text : str
        The LaTeX annotation (or, for an error line, the error's text).
    column : int
        0-based column of *text* in the line.
    rendered_start : int
        0-based column where the formula's first rendering starts (the prose
        before the formula ends there).
    error : bool
        True for a ``KaTeX parse error`` line.
    """

    text: str
    column: int
    rendered_start: int
    error: bool = False


def _token(line: str, position: int) -> tuple[int, str] | None:
    """The token of LaTeX at *position*: ``(end, rendering)``, None where no LaTeX can be."""
    c = line[position]
    if c == "\\":
        env = _ENV.match(line, position)
        if env:
            opening, closing = _BRACKETS.get(env.group(2), ("", ""))
            return env.end(), opening if env.group(1) == "begin" else closing
        command = _COMMAND.match(line, position)
        if command is None:
            return None
        name = command.group(1)
        if name.isalpha() and not (name in _SYMBOLS or name in _WORDS or name in _SILENT):
            # the annotation may run into the HTML text: "V^\\topUV" is \\top then "UV"
            known = [k for k in (*_SYMBOLS, *_WORDS, *_SILENT) if k.isalpha() and name.startswith(k)]
            if not known:
                return None
            name = max(known, key=len)
            command_end = position + 1 + len(name)
        else:
            command_end = command.end()
        if name in _SYMBOLS:
            return command_end, _SYMBOLS[name]
        if name in _WORDS:
            return command_end, name
        if name in _SILENT:
            return command_end, ""
        return None
    if c in "{}^_&" or c.isspace():
        return position + 1, ""
    if _CJK.match(c) or ord(c) > 0x2000 or c in "，。：；、":
        return None  # rendered symbols and prose never occur inside the LaTeX
    return position + 1, _ASCII.get(c, c)


def _key(text: str) -> str:
    out = []
    for c in unicodedata.normalize("NFKC", text):
        if c.isspace():
            continue
        out.append(_SAME.get(c, c))
    return "".join(out)


def render_plain(latex: str) -> str | None:
    """The plain rendering of *latex* used to match a capture (None: not LaTeX).

    Examples
    --------
    >>> render_plain(r"\\sigma_{\\min}")
    'σmin'
    """
    out = []
    position = 0
    while position < len(latex):
        token = _token(latex, position)
        if token is None:
            return None
        position, text = token
        out.append(text)
    return _key("".join(out))


def _multiset(text: str) -> Counter:
    return Counter(_key(text).replace("≠", "="))


class _Line:
    """One line with its LaTeX tokens memoised by position (each is read once)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._tokens: dict[int, tuple[int, str] | None] = {}
        self._first: dict[int, str | None] = {}

    def token(self, position: int) -> tuple[int, str] | None:
        if position not in self._tokens:
            token = _token(self.text, position)
            self._tokens[position] = None if token is None else (token[0], _key(token[1]))
        return self._tokens[position]

    def first(self, position: int) -> str | None:
        """The first character the LaTeX starting at *position* renders to (None: not LaTeX)."""
        chain = []
        while position < len(self.text) and position not in self._first:
            token = self.token(position)
            chain.append(position)
            if token is None or token[1]:
                self._first[position] = None if token is None else token[1][0]
                chain.pop()
                break
            position = token[0]
        value = self._first.get(position) if position < len(self.text) else None
        for p in chain:
            self._first[p] = value
        return value


def _match_at(line: _Line, start: int) -> tuple[int, int, int] | None:
    """A triple starting at *start*: ``(latex_start, latex_end, end)`` or None."""
    text = line.text
    rendered = ""
    spaces = 0
    for split in range(start + 1, min(len(text), start + _MAX_RENDERED) + 1):
        char = text[split - 1]
        if _CJK.match(char):
            return None
        if char.isspace():
            spaces += 1
            if spaces > _MAX_SPACES:
                return None
        rendered += _key(char)
        if not rendered or split >= len(text) or line.first(split) != rendered[0]:
            continue
        # render the LaTeX that starts at `split` until it is as long as `rendered`
        position, acc, ends = split, "", []
        while position < len(text) and len(acc) <= len(rendered):
            token = line.token(position)
            if token is None:
                break
            position, piece = token
            acc += piece
            if not rendered.startswith(acc):
                break
            if acc == rendered:
                ends.append(position)
        for latex_end in reversed(ends):
            if not text[split:latex_end].strip():
                continue
            want = _multiset(rendered)
            size = sum(want.values())
            tail, taken, end = Counter(), 0, latex_end
            while end < len(text) and taken < size:
                piece = _key(text[end]).replace("≠", "=")
                tail.update(piece)
                taken += len(piece)
                end += 1
            if tail == want:
                return split, latex_end, end
    return None


def _is_start(line: str, position: int) -> bool:
    if line[position].isspace() or _CJK.match(line[position]):
        return False
    if position == 0:
        return True
    before = line[position - 1]
    return before.isspace() or bool(_CJK.match(before)) or before in "(（[:：,，;；-*>"


def find_katex_formulas(line: str) -> list[KatexFormula]:
    """Every KaTeX triple of one line (see the module docstring), left to right.

    Parameters
    ----------
    line : str
        One line of a capture.

    Returns
    -------
    list of KatexFormula
        The LaTeX of each triple and its 0-based column; a ``KaTeX parse
        error`` gives one entry with ``error=True`` holding the rest of the line.
    """
    found: list[KatexFormula] = []
    error = line.find(KATEX_ERROR)
    scan_to = len(line) if error < 0 else error
    position = 0
    memo = _Line(line[:scan_to])
    while position < scan_to:
        if _is_start(line, position):
            match = _match_at(memo, position)
            if match is not None:
                latex_start, latex_end, end = match
                latex = line[latex_start:latex_end]
                lead = len(latex) - len(latex.lstrip())
                found.append(KatexFormula(latex.strip(), latex_start + lead, position))
                position = end
                continue
        position += 1
    if error >= 0:
        found.append(KatexFormula(line[error + len(KATEX_ERROR):].strip(), error, error, error=True))
    return found
