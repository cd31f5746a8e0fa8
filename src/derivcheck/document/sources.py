"""Reading an input file into text segments: Markdown, LaTeX, Jupyter notebooks.

Every problem with a file is one :class:`~derivcheck.errors.ArticleError`
whose name is ``path`` or ``path:line``: a file that cannot be opened, a
binary file (a NUL byte), text that is not UTF-8 (the line of the first bad
byte is named), a file larger than :data:`MAX_DOCUMENT_BYTES`, a notebook
that is not notebook JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArticleError

__all__ = ["Segment", "Source", "read_source", "dialect_of", "MAX_DOCUMENT_BYTES", "DIALECTS"]

#: Largest input accepted, in bytes (a long article is about 50 kB).
MAX_DOCUMENT_BYTES = 2_000_000

#: Dialects by file suffix; anything else is read as Markdown.
DIALECTS = {".tex": "tex", ".ltx": "tex", ".latex": "tex", ".ipynb": "notebook"}


@dataclass(frozen=True)
class Segment:
    """A piece of text in which formulas are located.

    Parameters
    ----------
    text : str
        The text (a whole Markdown or LaTeX file, or one notebook cell).
    dialect : str
        ``"markdown"`` or ``"tex"``: how math is delimited in *text*.
    cell : int or None
        The 0-based index of the notebook cell, ``None`` for a plain file.
    """

    text: str
    dialect: str
    cell: int | None = None


@dataclass(frozen=True)
class Source:
    """An input file read into segments.

    Parameters
    ----------
    path : str
        The path as given on the command line.
    segments : tuple of Segment
        In document order.
    """

    path: str
    segments: tuple[Segment, ...]


def dialect_of(path: str | Path) -> str:
    """Return ``"markdown"``, ``"tex"`` or ``"notebook"`` from the file suffix."""
    return DIALECTS.get(Path(path).suffix.lower(), "markdown")


def _decode(path: str, data: bytes) -> str:
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ArticleError(f"{path}:{line}", "NUL byte", "the file is binary, not text",
                           "pass a Markdown, LaTeX or notebook file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ArticleError(f"{path}:{line}", data[exc.start: exc.start + 4],
                           "the file is not UTF-8 text",
                           "convert it to UTF-8 (e.g. iconv -f GB18030 -t UTF-8)") from None


def _notebook_segments(path: str, text: str) -> tuple[Segment, ...]:
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleError(f"{path}:{exc.lineno}", exc.msg, "a .ipynb file must be notebook JSON",
                           "save the notebook again from Jupyter, or rename a text file") from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise ArticleError(path, type(notebook).__name__, "a notebook has a list of 'cells'",
                           "pass a Jupyter notebook (nbformat 4)")
    segments = []
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        body = cell.get("source", "")
        if isinstance(body, list) and all(isinstance(part, str) for part in body):
            body = "".join(body)
        if not isinstance(body, str):
            raise ArticleError(f"{path}[cell {index}]", type(body).__name__,
                               "a cell's source is a string or a list of strings",
                               "save the notebook again from Jupyter")
        segments.append(Segment(body, "markdown", index))
    return tuple(segments)


def read_source(path: str | Path) -> Source:
    """Read *path* into segments of Markdown or LaTeX text.

    Parameters
    ----------
    path : str or Path
        A Markdown (any suffix but those below), ``.tex`` or ``.ipynb`` file.

    Returns
    -------
    Source
        A plain file is one segment; a notebook gives one per Markdown cell.

    Raises
    ------
    ArticleError
        For a missing, unreadable, binary, non-UTF-8 or too large file, or a
        notebook that is not notebook JSON (one line naming the file).
    """
    name = str(path)
    file = Path(path)
    try:
        if file.is_dir():
            raise ArticleError(name, "directory", "is a directory, not a file",
                               "pass the article files (e.g. articles/*.md)")
        size = file.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise ArticleError(name, f"{size} bytes", f"files above {MAX_DOCUMENT_BYTES} bytes are not read",
                               "split the document into chapters")
        data = file.read_bytes()
    except OSError as exc:
        raise ArticleError(name, exc.strerror or type(exc).__name__, "the file cannot be read",
                           "check the path and its permissions") from None
    if len(data) > MAX_DOCUMENT_BYTES:  # the file grew after stat
        raise ArticleError(name, f"{len(data)} bytes", f"files above {MAX_DOCUMENT_BYTES} bytes are not read",
                           "split the document into chapters")
    text = _decode(name, data)
    dialect = dialect_of(name)
    if dialect == "notebook":
        return Source(name, _notebook_segments(name, text))
    return Source(name, (Segment(text.replace("\r\n", "\n").replace("\r", "\n"), dialect),))
