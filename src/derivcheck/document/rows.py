r"""Splitting a display block into the formulas it states, one per row.

A block ``\begin{align} a &= b \\ c &= d \end{align}`` states two formulas.
The wrappers that cover the whole block (``equation``, ``align``, ``gather``,
``aligned``, ``split``, ... starred or not) are peeled off, then the body is
cut at the line breaks ``\\`` that are not inside braces or another
environment (a matrix, ``cases``). A row that starts with a relation or an
operator (``&= …``, ``\Rightarrow …``, ``+ …``) continues the row before it
(an aligned chain), so ``a &= b \\ &= c`` is one formula ``a = b = c``.
Alignment marks ``&`` are left to the parser, which ignores them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Row", "split_rows"]

_WRAPPERS = ("equation", "align", "gather", "multline", "eqnarray", "flalign", "alignat",
             "displaymath", "math", "aligned", "split", "gathered", "alignedat")
_WRAP = re.compile(r"\s*\\begin\{(" + "|".join(_WRAPPERS) + r")(\*?)\}(\{\d+\})?")
_CONTINUES = re.compile(
    r"(=|<|>|\+|-|\\(Rightarrow|implies|Leftrightarrow|iff|le|leq|ge|geq|ne|neq|approx|equiv"
    r"|to|rightarrow|Longrightarrow|cdot|times)(?![A-Za-z]))"
)
_LABEL = re.compile(r"\\(label|tag\*?)\{[^{}]*\}|\\(nonumber|notag)(?![A-Za-z])")


@dataclass(frozen=True)
class Row:
    """One formula of a block: its text and its offset in the block's text."""

    text: str
    offset: int


def _peel(text: str, offset: int) -> tuple[str, int]:
    """Remove wrappers that span all of *text*; return the body and its offset."""
    while True:
        match = _WRAP.match(text)
        if not match:
            return text, offset
        end_tag = f"\\end{{{match.group(1)}{match.group(2)}}}"
        stripped = text.rstrip()
        if not stripped.endswith(end_tag):
            return text, offset
        body = text[match.end(): len(stripped) - len(end_tag)]
        offset += match.end()
        text = body


def _breaks(text: str) -> list[tuple[int, int]]:
    """Spans ``[start, end)`` of the top-level ``\\\\`` of *text* (with an optional ``[2pt]``)."""
    spans = []
    depth = 0
    i = 0
    while i < len(text):
        if text.startswith("\\begin{", i) or text.startswith("\\end{", i):
            depth += 1 if text.startswith("\\begin{", i) else -1
            close = text.find("}", i)
            i = len(text) if close < 0 else close + 1
        elif text.startswith("\\\\", i):
            end = i + 2
            option = re.match(r"\s*\[[^\]]*\]", text[end:])
            if option and depth == 0:
                end += option.end()
            if depth == 0:
                spans.append((i, end))
            i = end
        elif text[i] == "\\":
            i += 2
        elif text[i] == "{":
            depth += 1
            i += 1
        elif text[i] == "}":
            depth -= 1
            i += 1
        else:
            i += 1
    return spans


def split_rows(text: str) -> list[Row]:
    """Cut a formula into its rows (see the module docstring).

    Parameters
    ----------
    text : str
        The formula as located (with its environment, if any).

    Returns
    -------
    list of Row
        At least one row unless *text* is blank; offsets into *text*.
    """
    body, offset = _peel(text, 0)
    if not _breaks(body):
        return [Row(text, 0)] if text.strip() else []
    pieces: list[tuple[str, int]] = []
    start = 0
    for begin, end in _breaks(body):
        pieces.append((body[start:begin], start))
        start = end
    pieces.append((body[start:], start))
    rows: list[Row] = []
    for piece, at in pieces:
        content = _LABEL.sub(lambda m: " " * len(m.group(0)), piece)
        if not content.strip():
            continue
        lead = len(content) - len(content.lstrip(" \t\n&"))
        if rows and _CONTINUES.match(content[lead:]):
            previous = rows[-1]
            rows[-1] = Row(previous.text + " " + content.strip(), previous.offset)
            continue
        rows.append(Row(content.strip(), offset + at + lead))
    return rows
