r"""Locating the formulas of a Markdown or LaTeX text.

Delimiters
----------
``$…$`` (inline), ``$$…$$``, ``\(…\)``, ``\[…\]``, and the environments of
:data:`MATH_ENVIRONMENTS` (starred too) anywhere in the text; in Markdown also
fenced code blocks whose info string is ``math``. Neither ``$…$`` nor
``$$…$$`` crosses a blank line. An inline ``$`` opens math only when the next
character is not a space and closes it only when the previous character is
not a space and the next one not a digit (the Pandoc rule), so ``costs $5 and
$10`` holds no formula; an opening ``$`` or ``$$`` with no closing one before
the paragraph ends is an error (except ``$`` before a digit: a price).
``\$`` is a dollar sign.

Skipped
-------
Markdown: front matter, fenced code blocks (other than ``math``), indented
code blocks, code spans, HTML comments. LaTeX: comments, the preamble before
``\begin{document}``, ``verbatim``/``lstlisting``/``minted`` environments.

Positions
---------
Offsets are 0-based into the segment's text; lines and columns are 1-based,
columns counted in characters, and point at the opening delimiter.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..errors import ArticleError

__all__ = ["MathSpan", "locate_math", "visible_text", "MATH_ENVIRONMENTS", "LineIndex"]

#: Environments that hold display math (each also starred).
MATH_ENVIRONMENTS = ("equation", "align", "gather", "multline", "eqnarray", "flalign", "alignat",
                     "displaymath", "math")

_ENV_BEGIN = re.compile(r"\\begin\{(" + "|".join(MATH_ENVIRONMENTS) + r")(\*?)\}")
_VERBATIM = re.compile(r"\\begin\{(verbatim|lstlisting|minted|comment)\*?\}")
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*$")
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
_LIST_ITEM = re.compile(r"^[ \t]*([-*+]|\d{1,9}[.)])([ \t]|$)")


@dataclass(frozen=True)
class MathSpan:
    """One formula as it stands in the text.

    Parameters
    ----------
    text : str
        The LaTeX between the delimiters (environments kept: ``\\begin{align}…``).
    start : int
        Offset of the opening delimiter.
    content_start : int
        Offset of the first character of *text*.
    display : bool
        True for display math (``$$``, ``\\[``, environments, fences).
    """

    text: str
    start: int
    content_start: int
    display: bool


class LineIndex:
    """Offsets to 1-based ``(line, column)`` of one text."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        """Return ``(line, column)`` of *offset*, both 1-based."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def _blank(text: str, start: int, end: int) -> str:
    """*text* with ``[start, end)`` replaced by spaces, newlines kept."""
    return _blank_many(text, [(start, end)])


def _blank_many(text: str, spans: list[tuple[int, int]]) -> str:
    """*text* with every ``[start, end)`` of *spans* replaced by spaces, newlines kept (one copy)."""
    if not spans:
        return text
    out, position = [], 0
    for start, end in sorted(spans):
        start = max(start, position)
        if end <= start:
            continue
        out.append(text[position:start])
        out.append(re.sub(r"[^\n]", " ", text[start:end]))
        position = end
    out.append(text[position:])
    return "".join(out)


def _mask_markdown(text: str) -> tuple[str, list[MathSpan]]:
    """Blank out what holds no math; return the text and the fenced math blocks."""
    fenced: list[MathSpan] = []
    lines = text.split("\n")
    offsets = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    mask: list[tuple[int, int]] = []
    index = 0
    if lines and lines[0].strip() == "---":  # YAML front matter
        for close in range(1, len(lines)):
            if lines[close].strip() in ("---", "..."):
                mask.append((0, offsets[close] + len(lines[close])))
                index = close + 1
                break
    previous_blank, in_list = True, False
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        if fence:
            marker, info = fence.group(2), fence.group(3).lower()
            close = index + 1
            while close < len(lines):
                stripped = lines[close].strip()
                if stripped.startswith(marker[0] * len(marker)) and not stripped.strip(marker[0]):
                    break
                close += 1
            body_start = offsets[index + 1] if index + 1 < len(lines) else len(text)
            body_end = offsets[close] - 1 if close < len(lines) else len(text)
            if info in ("math", "{math}"):
                fenced.append(MathSpan(text[body_start:max(body_start, body_end)], offsets[index],
                                       body_start, True))
            end = offsets[close] + len(lines[close]) if close < len(lines) else len(text)
            mask.append((offsets[index], end))
            index = close + 1
            previous_blank = True
            continue
        if not line.strip():
            previous_blank = True
            index += 1
            continue
        indented = line.startswith("    ") or line.startswith("\t")
        if indented and previous_blank and not in_list:
            close = index
            while close + 1 < len(lines) and (not lines[close + 1].strip() or lines[close + 1].startswith(("    ", "\t"))):
                close += 1
            mask.append((offsets[index], offsets[close] + len(lines[close])))
            index = close + 1
            previous_blank = True
            continue
        if not indented:
            in_list = bool(_LIST_ITEM.match(line)) or (in_list and not previous_blank)
        previous_blank = False
        index += 1
    text = _blank_many(text, mask)
    text = _blank_many(text, [m.span() for m in re.finditer(r"<!--.*?-->", text, re.S)])
    text = _mask_code_spans(text)
    return text, fenced


def _mask_code_spans(text: str) -> str:
    spans = []
    position = 0
    opening = re.compile(r"(?<!\\)`+")
    while True:
        match = opening.search(text, position)
        if match is None:
            return _blank_many(text, spans)
        run = match.group(0)
        limit = _paragraph_limit(text, match.end())
        close = re.compile(r"(?<!`)" + run + r"(?!`)").search(text, match.end(), limit)
        if close is None:
            position = match.end()
            continue
        spans.append((match.start(), close.end()))
        position = close.end()


def _mask_tex(text: str) -> str:
    begin = text.find("\\begin{document}")
    if begin >= 0:
        text = _blank(text, 0, begin + len("\\begin{document}"))
    spans = []
    for match in _VERBATIM.finditer(text):
        end = text.find(f"\\end{{{match.group(1)}", match.end())
        end = len(text) if end < 0 else text.find("}", end) + 1
        spans.append((match.start(), end))
    text = _blank_many(text, spans)
    return re.sub(r"(?<!\\)%[^\n]*", lambda m: " " * len(m.group(0)), text)


def _paragraph_limit(text: str, position: int) -> int:
    paragraph = _PARAGRAPH_END.search(text, position)
    return paragraph.start() if paragraph else len(text)


def _unbalanced(path: str, lines: LineIndex, offset: int, delimiter: str) -> ArticleError:
    line, column = lines.position(offset)
    return ArticleError(f"{path}:{line}:{column}", delimiter,
                        f"this {delimiter} opens math that is not closed before the paragraph ends",
                        f"close it with {delimiter}, or write \\$ for a dollar sign")


def _find_inline_close(text: str, start: int, limit: int) -> int:
    position = start
    while True:
        close = text.find("$", position, limit)
        if close < 0:
            return -1
        escaped = text[close - 1] == "\\"
        spaced = text[close - 1].isspace()
        digit = close + 1 < len(text) and text[close + 1].isdigit()
        if not (escaped or spaced or digit) and text[close + 1: close + 2] != "$":
            return close
        position = close + 1


def _scan(original: str, visible: str, path: str, lines: LineIndex) -> list[MathSpan]:
    spans: list[MathSpan] = []
    n = len(visible)
    i = 0
    while i < n:
        c = visible[i]
        if c == "\\":
            if visible.startswith("\\(", i) or visible.startswith("\\[", i):
                closer = "\\)" if visible[i + 1] == "(" else "\\]"
                close = visible.find(closer, i + 2)
                if close >= 0:
                    spans.append(MathSpan(original[i + 2: close], i, i + 2, closer == "\\]"))
                    i = close + 2
                    continue
                i += 2
                continue
            env = _ENV_BEGIN.match(visible, i)
            if env:
                end_tag = f"\\end{{{env.group(1)}{env.group(2)}}}"
                close = visible.find(end_tag, env.end())
                if close < 0:
                    line, column = lines.position(i)
                    raise ArticleError(f"{path}:{line}:{column}", env.group(0),
                                       "this environment is not closed",
                                       f"close it with {end_tag}")
                end = close + len(end_tag)
                spans.append(MathSpan(original[i:end], i, i, True))
                i = end
                continue
            i += 2
            continue
        if c != "$":
            i += 1
            continue
        limit = _paragraph_limit(visible, i)
        if visible.startswith("$$", i):
            close = visible.find("$$", i + 2, limit)
            while close >= 0 and visible[close - 1] == "\\":
                close = visible.find("$$", close + 1, limit)
            if close < 0:
                raise _unbalanced(path, lines, i, "$$")
            spans.append(MathSpan(original[i + 2: close], i, i + 2, True))
            i = close + 2
            continue
        following = visible[i + 1: i + 2]
        if not following or following.isspace():
            i += 1
            continue
        close = _find_inline_close(visible, i + 1, limit)
        if close < 0:
            if following.isdigit():
                i += 1
                continue
            raise _unbalanced(path, lines, i, "$")
        spans.append(MathSpan(original[i + 1: close], i, i + 1, False))
        i = close + 1
    return spans


def visible_text(text: str, dialect: str) -> str:
    """*text* with what holds no math (code, comments, front matter) blanked, offsets kept."""
    return _mask_tex(text) if dialect == "tex" else _mask_markdown(text)[0]


def locate_math(text: str, dialect: str, path: str = "<text>") -> list[MathSpan]:
    """Find every formula of *text*, in order.

    Parameters
    ----------
    text : str
        A Markdown or LaTeX text.
    dialect : str
        ``"markdown"`` or ``"tex"``.
    path : str
        The file name, for error messages.

    Returns
    -------
    list of MathSpan
        Sorted by position.

    Raises
    ------
    ArticleError
        For an unbalanced ``$``/``$$`` or an environment that is never closed,
        naming ``path:line:column``.
    """
    lines = LineIndex(text)
    escaped = text.replace("\\\\", "  ")  # "\\$" is a line break before a dollar, "\$" a dollar
    escaped = re.sub(r"\\\$", "  ", escaped)
    if dialect == "tex":
        visible, fenced = _mask_tex(escaped), []
    else:
        visible, fenced = _mask_markdown(escaped)
    spans = _scan(text, visible, path, lines) + fenced
    return sorted(spans, key=lambda s: s.start)
