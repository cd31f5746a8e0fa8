"""From a file to its classified formulas, in document order."""

from __future__ import annotations

import html
import re

from .classify import Candidate, DocumentState, classify
from .claims_file import ClaimsFile
from .katex import MIN_TRIPLES, find_katex_formulas
from .locate import LineIndex, locate_math
from .model import Formula
from .rows import split_rows
from .sources import Segment, read_source

__all__ = ["read_formulas", "candidates_of"]

_ENTITY = re.compile(r"&(lt|gt|amp|quot|apos|nbsp|#\d{1,6}|#x[0-9a-fA-F]{1,6});")


def _unescape(text: str) -> str:
    """HTML entities that Markdown exports leave in formulas (``&lt;``), decoded."""
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def _delimited(segment: Segment, path: str) -> list[tuple[int, int, str, str]]:
    """``(line, column, text, prose_before)`` of each row of each delimited formula."""
    text = segment.text
    lines = LineIndex(text)
    found = []
    previous_end = 0
    for span in locate_math(text, segment.dialect, path):
        line_start = text.rfind("\n", 0, span.start) + 1
        prose = text[max(line_start, previous_end): span.start]
        previous_end = span.content_start + len(span.text)
        rows = split_rows(span.text)
        for row in rows:
            offset = span.start if len(rows) == 1 else span.content_start + row.offset
            line, column = lines.position(offset)
            body = row.text.strip()
            if segment.dialect == "markdown":
                body = _unescape(body)
            if body:
                found.append((line, column, body, prose))
                prose = ""
    return found


def _captured(segment: Segment) -> list[tuple[int, int, str, str, bool]]:
    """Formulas of a KaTeX capture: ``(line, column, text, prose_before, error)``."""
    found = []
    for number, line in enumerate(segment.text.split("\n"), start=1):
        previous = 0
        for formula in find_katex_formulas(line):
            found.append((number, formula.column + 1, formula.text, line[previous:formula.rendered_start],
                          formula.error))
            previous = formula.column + len(formula.text)
    commands = sum(1 for f in found if "\\" in f[2] and not f[4])
    return found if commands >= MIN_TRIPLES else []


def candidates_of(path: str) -> list[Candidate]:
    """Every formula of *path*, located, before classification.

    Raises
    ------
    ArticleError
        For a file that cannot be read or an unbalanced delimiter.
    """
    source = read_source(path)
    candidates: list[Candidate] = []
    for segment in source.segments:
        rows = _delimited(segment, path)
        if rows:
            for line, column, text, prose in rows:
                candidates.append(Candidate(len(candidates) + 1, path, line, column, segment.cell, text, prose))
            continue
        if segment.dialect != "markdown":
            continue
        for line, column, text, prose, error in _captured(segment):
            candidates.append(Candidate(
                len(candidates) + 1, path, line, column, segment.cell, text, prose,
                unreadable="the web capture kept a KaTeX parse error instead of the formula" if error else None))
    return candidates


def read_formulas(path: str, claims: ClaimsFile | None = None) -> list[Formula]:
    """Locate and classify every formula of *path* (see :mod:`.classify`).

    Parameters
    ----------
    path : str
        A Markdown, LaTeX or notebook file.
    claims : ClaimsFile, optional
        Pins applied to the formulas they match.

    Returns
    -------
    list of Formula
        In document order, ids ``f1``, ``f2``, ...
    """
    state = DocumentState()
    formulas = []
    for candidate in candidates_of(path):
        pins = None if claims is None else claims.find(f"f{candidate.ordinal}", path, candidate.text)
        formulas.append(classify(candidate, state, pins))
    return formulas
