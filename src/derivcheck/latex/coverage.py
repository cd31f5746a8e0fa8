r"""How much of an article collection :func:`parse_latex` reads.

Usage::

    python -m derivcheck.latex.coverage DIR [--examples N]

Every ``*.md`` file of DIR is scanned (HTML entities such as ``&lt;`` decoded,
code fences skipped) for formulas:

* ``\begin{equation}...\end{equation}``, ``align``, ``gather`` (and starred),
* ``$$...$$`` and ``\[...\]`` display formulas, ``$...$`` inline formulas,
* in files with none of the above (web captures), KaTeX residue, where a
  formula's LaTeX source stands between two rendered copies (``A−1A^{-1}A−1``):
  the source is kept when the text before and after it consist of the same
  characters (spacing and punctuation aside).

Each formula is classified (see :func:`classify`) as ``matrix`` (matrix algebra:
it names a matrix, and uses no index-level notation), ``index`` (sums,
products or integrals over indices, entries ``M_{i,j}``, explicit arrays) or
``scalar`` (everything else), and parsed. The report gives the parsed share,
overall and per class, and the failures grouped by reason.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArticleError, DerivCheckError
from .parser import parse_latex

__all__ = [
    "ExtractedFormula",
    "FormulaOutcome",
    "CoverageReport",
    "extract_formulas",
    "classify",
    "measure_coverage",
    "main",
]

_ENVIRONMENT = re.compile(
    r"\\begin\{(equation|align|gather|multline|eqnarray)(\*?)\}(.*?)\\end\{\1\2\}", re.S
)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]", re.S)
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)((?:\\\$|[^$])+?)(?<!\\)\$(?!\$)", re.S)
_CODE_FENCE = re.compile(r"^```.*?^```", re.S | re.M)
_CJK_SPLIT = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014\u201c\u201d]+")
_LATEX_MARK = re.compile(r"[\\^_{}]")


@dataclass(frozen=True)
class ExtractedFormula:
    """One formula found in an article.

    Attributes
    ----------
    source : str
        The file name.
    offset : int
        Character offset in the (HTML-decoded) file text.
    delimiter : str
        ``"environment"``, ``"display"``, ``"inline"`` or ``"katex"``.
    text : str
        The LaTeX, with its environment wrapper if any.
    """

    source: str
    offset: int
    delimiter: str
    text: str


@dataclass(frozen=True)
class FormulaOutcome:
    """A formula with its class and parse result (``reason`` empty when parsed)."""

    formula: ExtractedFormula
    category: str
    reason: str


@dataclass(frozen=True)
class CoverageReport:
    """Coverage numbers for a directory of articles.

    Attributes
    ----------
    outcomes : tuple of FormulaOutcome
        Every formula, in file order.
    """

    outcomes: tuple

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def parsed(self) -> int:
        return sum(1 for o in self.outcomes if not o.reason)

    def count(self, category: str) -> tuple[int, int]:
        """``(parsed, total)`` for one class."""
        chosen = [o for o in self.outcomes if o.category == category]
        return sum(1 for o in chosen if not o.reason), len(chosen)

    def failures(self, category: str | None = None) -> list[tuple[str, int, list]]:
        """Failure reasons, most frequent first: ``(reason, count, outcomes)``."""
        groups: dict[str, list] = defaultdict(list)
        for outcome in self.outcomes:
            if outcome.reason and (category is None or outcome.category == category):
                groups[outcome.reason].append(outcome)
        return sorted(((r, len(g), g) for r, g in groups.items()), key=lambda x: (-x[1], x[0]))


def _blank(text: str, match: re.Match) -> str:
    """Replace a matched region by spaces so later patterns do not see it again."""
    start, end = match.span()
    return text[:start] + " " * (end - start) + text[end:]


_PUNCTUATION = re.compile(r"[\s,.;:]")
_CHUNKS = re.compile(r"[^\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u201c\u201d]+")


def _same_symbols(a: str, b: str) -> bool:
    """Two renderings of one formula: the same characters, spacing and punctuation aside."""
    a, b = _PUNCTUATION.sub("", a), _PUNCTUATION.sub("", b)
    return bool(a) and sorted(a) == sorted(b)


def _katex_sources(line: str) -> list[tuple[int, str]]:
    """LaTeX sources standing between two rendered copies, in one line of a web capture."""
    found = []
    for chunk_match in _CHUNKS.finditer(line):
        chunk = chunk_match.group(0)
        cuts = [0, *(x for m in re.finditer(r"\s+/\s+", chunk) for x in m.span()), len(chunk)]
        for piece_start, piece_end in zip(cuts[::2], cuts[1::2]):  # "X / Y": two formulas
            text = chunk[piece_start:piece_end].rstrip()
            piece_start += len(text) - len(text.lstrip("-* "))
            text = text.lstrip("-* ")  # and Markdown list markers
            n = len(text)
            if n < 3 or n > 600 or "KaTeX parse error" in text:
                continue
            best = None
            for i in range(1, n - 1):
                before = text[:i]
                if _LATEX_MARK.search(before):
                    break
                for j in range(n - 1, i, -1):
                    after = text[j:]
                    if _LATEX_MARK.search(after):
                        break
                    source = text[i:j].rstrip(",.;: ")
                    starts_alike = source[:1] in (before[:1], "\\") or not before[:1].isascii()
                    if (not source or not source.isascii() or source != source.lstrip()
                            or not starts_alike or _looks_like_prose(source)):
                        continue
                    if source[0] in ",.;:" or not _same_symbols(before, after):
                        continue
                    # Prefer identical renderings, then the longest source.
                    score = (before.replace(" ", "") == after.replace(" ", ""), len(source))
                    if best is None or score > best[0]:
                        best = (score, chunk_match.start() + piece_start + i, source)
            if best is not None:
                found.append(best[1:])
    return found


def _looks_like_prose(source: str) -> bool:
    """English words (three lowercase letters outside commands) or Markdown markers."""
    without_commands = re.sub(r"\\[A-Za-z]+\*?(\s*\{[A-Za-z*]*\})?", " ", source)
    return bool(re.search(r"[a-z]{3,}", without_commands)
                or re.search(r"[*#`]", source))


def extract_formulas(text: str, source: str = "<text>") -> list[ExtractedFormula]:
    """Find the formulas of one article.

    Parameters
    ----------
    text : str
        The article (Markdown with LaTeX).
    source : str
        A name for the article (kept in the results).

    Returns
    -------
    list of ExtractedFormula
        In order of position.

    Examples
    --------
    >>> [f.text for f in extract_formulas(r"Let $A^T$ and $$AB = C$$.")]
    ['A^T', 'AB = C']
    """
    text = html.unescape(text)
    found: list[ExtractedFormula] = []
    for fence in list(_CODE_FENCE.finditer(text)):
        text = _blank(text, fence)
    for pattern, delimiter in ((_ENVIRONMENT, "environment"), (_DISPLAY, "display"), (_INLINE, "inline")):
        for match in list(pattern.finditer(text)):
            if delimiter == "environment":
                body = match.group(0)
            else:
                body = next(g for g in match.groups() if g is not None)
            if body.strip():
                found.append(ExtractedFormula(source, match.start(), delimiter, body.strip()))
            text = _blank(text, match)
    if not found:  # a web capture: look for KaTeX residue instead
        position = 0
        for line in text.splitlines(keepends=True):
            for offset, body in _katex_sources(line):
                found.append(ExtractedFormula(source, position + offset, "katex", body))
            position += len(line)
    return sorted(found, key=lambda f: f.offset)


_STRIP_FOR_CLASS = re.compile(
    r"\\(mathbb|mathcal|text|mathrm|operatorname\*?|label|tag|begin|end|mathop\{\\text)\s*\{[^{}]*\}"
    r"|_\{?F\}?|\\[A-Za-z]+"
)
_INDEX_LEVEL = re.compile(
    r"\\(sum|prod|int|begin\{(bmatrix|pmatrix|array|matrix|vmatrix|cases)\})"
    r"|_\{[^{}]*,[^{}]*\}|_\{[a-z]{2}\}|\\delta_"
)
_MATRIX_COMMAND = re.compile(
    r"\\(boldsymbol|mathbf|bm)\s*\{\s*(\\?[A-Z])|\\(var)?(Sigma|Lambda|Gamma|Delta|Theta|Phi|Psi|Omega|Pi|Xi|Upsilon)(?![A-Za-z])"
)


def classify(formula: str) -> str:
    """``"matrix"``, ``"index"`` or ``"scalar"`` (see the module docstring).

    Examples
    --------
    >>> classify(r"\\boldsymbol{A}^{\\top}\\boldsymbol{A}")
    'matrix'
    >>> classify(r"\\sum_{i,j} E_{i,j}^2")
    'index'
    >>> classify(r"\\lambda > 0")
    'scalar'
    """
    if _INDEX_LEVEL.search(formula):
        return "index"
    if _MATRIX_COMMAND.search(formula):
        return "matrix"
    stripped = _STRIP_FOR_CLASS.sub(" ", formula)
    return "matrix" if re.search(r"[A-Z]", stripped) else "scalar"


def _reason(error: DerivCheckError) -> str:
    """A grouping key: the error class and its rule, without formula-specific text."""
    rule = re.sub(r" \(in .*\)$", "", error.rule, flags=re.S)
    rule = re.sub(r"\(([^()]*×[^()]*)\)", "(…)", rule)
    rule = re.sub(r"(cannot multiply|cannot add|the sides|is equated with|the scalar|the 2-norm of the) .*?(:|\(|$)",
                  r"\1 … \2", rule)
    return f"{type(error).__name__}: {rule}"


def measure_coverage(directory) -> CoverageReport:
    """Parse every formula of the ``*.md`` files of *directory*.

    Parameters
    ----------
    directory : str or os.PathLike
        A directory of Markdown articles.

    Returns
    -------
    CoverageReport

    Raises
    ------
    ArticleError
        If the directory is missing, holds no ``*.md`` file, or a file is not UTF-8.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise ArticleError("directory", str(directory), "not a directory", "pass a directory of .md articles")
    files = sorted(folder.glob("*.md"))
    articles = [f for f in files if f.name.lower() != "readme.md"]
    if not articles:
        raise ArticleError("directory", str(directory), "holds no .md article", "pass a directory of .md articles")
    outcomes = []
    for path in articles:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ArticleError(path.name, str(path), f"cannot be read as UTF-8 text ({error})",
                               "check the file") from None
        for formula in extract_formulas(text, path.name):
            try:
                parse_latex(formula.text)
                reason = ""
            except DerivCheckError as error:
                reason = _reason(error)
            outcomes.append(FormulaOutcome(formula, classify(formula.text), reason))
    return CoverageReport(tuple(outcomes))


def _share(parsed: int, total: int) -> str:
    return f"{parsed}/{total} = {100 * parsed / total:.1f}%" if total else "0/0"


def format_report(report: CoverageReport, examples: int = 1) -> str:
    """The report as text (used by :func:`main`)."""
    lines = [f"formulas parsed: {_share(report.parsed, report.total)}"]
    for category in ("matrix", "index", "scalar"):
        lines.append(f"  {category:<7} {_share(*report.count(category))}")
    distinct = {o.formula.text: o for o in report.outcomes}.values()
    distinct_matrix = [o for o in distinct if o.category == "matrix"]
    lines.append(f"distinct formulas parsed: {_share(sum(not o.reason for o in distinct), len(distinct))}; "
                 f"matrix: {_share(sum(not o.reason for o in distinct_matrix), len(distinct_matrix))}")
    by_file = Counter(o.formula.source for o in report.outcomes)
    parsed_by_file = Counter(o.formula.source for o in report.outcomes if not o.reason)
    lines.append("per file:")
    for name in sorted(by_file):
        lines.append(f"  {name}: {_share(parsed_by_file[name], by_file[name])}")
    for category in ("matrix", None):
        title = "failures of matrix formulas" if category else "all failures"
        lines.append(f"{title}, by reason:")
        for reason, count, group in report.failures(category):
            lines.append(f"  {count:3d}  {reason}")
            for outcome in group[:examples]:
                lines.append(f"         e.g. {outcome.formula.text[:100]!r}")
    return "\n".join(lines)


def main(argv=None) -> int:
    """Command-line entry point: print the coverage report of a directory."""
    parser = argparse.ArgumentParser(prog="python -m derivcheck.latex.coverage",
                                     description="Share of article formulas that derivcheck parses.")
    parser.add_argument("directory", help="directory of Markdown articles")
    parser.add_argument("--examples", type=int, default=1, help="examples shown per failure reason")
    args = parser.parse_args(argv)
    try:
        report = measure_coverage(args.directory)
    except ArticleError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_report(report, args.examples))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
