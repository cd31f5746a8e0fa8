"""From a file to its classified formulas, in document order."""

from __future__ import annotations

import html
import re

from .classify import Candidate, DocumentState, classify
from .claims_file import ClaimsFile
from .katex import MIN_TRIPLES, find_katex_formulas
from .locate import LineIndex, locate_math, visible_text
from .model import UNSUPPORTED, Formula
from .rows import split_rows
from .sources import Segment, read_source

__all__ = ["read_formulas", "candidates_of"]

_CAPTURE_PROBE_LINES = 100  # lines that may show a capture's triples before the file is taken as plain text
_RENDERED_MATH = re.compile(r"[\u0370-\u03ff\u2016\u2032\u2190-\u22ff\u27e8-\u27e9]")
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


def _is_capture(lines: list[str]) -> bool:
    """Whether KaTeX triples with a command occur MIN_TRIPLES times in the first lines that could hold them.

    Only lines with a backslash and a rendered math symbol are tried, at most
    ``_CAPTURE_PROBE_LINES`` of them, so a long file of plain prose costs little.
    """
    count = tried = 0
    for line in lines:
        if "\\" not in line or not _RENDERED_MATH.search(line):
            continue
        tried += 1
        if tried > _CAPTURE_PROBE_LINES:
            return False
        count += sum(1 for f in find_katex_formulas(line) if "\\" in f.text and not f.error)
        if count >= MIN_TRIPLES:
            return True
    return False


def _captured(segment: Segment) -> list[tuple[int, int, str, str, bool]]:
    """Formulas of a KaTeX capture: ``(line, column, text, prose_before, error)``."""
    lines = visible_text(segment.text, segment.dialect).split("\n")
    if not _is_capture(lines):
        return []
    found = []
    for number, line in enumerate(lines, start=1):
        previous = 0
        for formula in find_katex_formulas(line):
            found.append((number, formula.column + 1, formula.text, line[previous:formula.rendered_start],
                          formula.error))
            previous = formula.column + len(formula.text)
    return found


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
        try:
            formulas.append(classify(candidate, state, pins))
        except Exception as exc:  # noqa: BLE001 - one formula the reader trips on is unsupported, not the end
            formulas.append(Formula(f"f{candidate.ordinal}", path, candidate.line, candidate.column, candidate.cell,
                                    candidate.text, UNSUPPORTED,
                                    reason=f"the reader failed on this formula ({type(exc).__name__})",
                                    expected=None if pins is None else pins.expect,
                                    skip=None if pins is None else pins.skip))
    return formulas
