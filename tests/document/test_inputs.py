"""Reading inputs and locating formulas: Markdown, LaTeX, notebooks, web captures; bad input."""

from __future__ import annotations

import json

import pytest

from derivcheck.cli import main
from derivcheck.document.katex import find_katex_formulas, render_plain
from derivcheck.document.locate import locate_math
from derivcheck.document.reader import candidates_of
from derivcheck.document.rows import split_rows
from derivcheck.document.sources import MAX_DOCUMENT_BYTES, read_source
from derivcheck.errors import ArticleError


def _where(text: str, dialect: str = "markdown"):
    from derivcheck.document.locate import LineIndex

    lines = LineIndex(text)
    return [(s.text, *lines.position(s.start)) for s in locate_math(text, dialect)]


# --- Markdown ---------------------------------------------------------------------------

def test_markdown_delimiters_and_positions():
    text = ("Intro $a = b$ and \\(c\\).\n"
            "$$\nx = y\n$$\n"
            "\\[ u = v \\]\n"
            "Inline \\begin{equation*}p = q\\end{equation*} end.\n"
            "```math\nm = n\n```\n")
    found = _where(text)
    assert [(t.strip(), line, col) for t, line, col in found] == [
        ("a = b", 1, 7), ("c", 1, 19), ("x = y", 2, 1), ("u = v", 5, 1),
        ("\\begin{equation*}p = q\\end{equation*}", 6, 8), ("m = n", 7, 1),
    ]


def test_markdown_code_is_skipped():
    text = ("```python\nx = $a$\n```\n\n"
            "    indented $b$ code\n\n"
            "Text with `code $c$ span` and $d$.\n"
            "<!-- $e$ -->\n")
    assert [t for t, _, _ in _where(text)] == ["d"]


def test_list_continuation_is_not_code():
    text = "- item\n\n    continued $x = y$ here\n"
    assert [t for t, _, _ in _where(text)] == ["x = y"]


def test_dollar_rules():
    assert _where("costs $5 and $10 today") == []
    assert _where("a \\$ sign and $x$") == [("x", 1, 15)]
    with pytest.raises(ArticleError, match=r"doc.md:2:3.*\$\$"):
        locate_math("ok\nx $$ a = b\n\nnext", "markdown", "doc.md")
    with pytest.raises(ArticleError, match=r"doc.md:1:5"):
        locate_math("the $x = y never closes\n\nnew paragraph", "markdown", "doc.md")


def test_tex_comments_preamble_and_verbatim():
    text = ("\\documentclass{article}\n$preamble$\n\\begin{document}\n"
            "Let $x = 1$ % $comment$\n"
            "\\begin{verbatim}$v$\\end{verbatim}\n"
            "\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}\n\\end{document}\n")
    found = _where(text, "tex")
    assert [t for t, _, _ in found] == ["x = 1", "\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}"]
    assert found[0][1:] == (4, 5)


# --- rows ---------------------------------------------------------------------------------

def test_rows_split_and_continuations():
    rows = split_rows("\\begin{align} a &= b \\\\ c &= d \\\\ &= e \\label{x} \\end{align}")
    assert [r.text for r in rows] == ["a &= b", "c &= d &= e"]
    block = "\\begin{align} a &= b \\\\ c &= d \\end{align}"
    assert block[rows[1].offset:].startswith("c &= d")


def test_rows_keep_matrices_whole():
    text = "A = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}"
    assert [r.text for r in split_rows(text)] == [text]


# --- notebooks and files ------------------------------------------------------------------

def test_notebook_markdown_cells(tmp_path):
    notebook = {"cells": [
        {"cell_type": "code", "source": ["x = '$a = b$'\n"]},
        {"cell_type": "markdown", "source": ["# Title\n", "We have $A A^+ A = A$.\n"]},
    ], "nbformat": 4, "nbformat_minor": 5, "metadata": {}}
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    found = candidates_of(str(path))
    assert [(c.text, c.cell, c.line, c.column) for c in found] == [("A A^+ A = A", 1, 2, 9)]


def test_markdown_file_locations(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# T\n\nWe know $x = y$.\n\n$$\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}$$\n",
                    encoding="utf-8")
    found = candidates_of(str(path))
    assert [(c.text, c.line, c.column) for c in found] == [
        ("x = y", 3, 9), ("a &= b", 5, 19), ("c &= d", 5, 29)]


# --- KaTeX captures -----------------------------------------------------------------------

def test_katex_triples_give_the_annotation_once():
    line = "若 A+A^+A+ 满足 σmin(A)>0\\sigma_{\\min}(A)>0σmin(A)>0，且 A−1A^{-1}A−1 存在"
    assert [f.text for f in find_katex_formulas(line)] == ["A^+", "\\sigma_{\\min}(A)>0", "A^{-1}"]
    assert render_plain("\\sigma_{\\min}") == "σmin"


def test_katex_html_order_may_differ():
    # the HTML copy of a fraction shows the denominator first
    line = "式 x=1ax=\\frac{1}{a}x=a1 成立"
    assert [f.text for f in find_katex_formulas(line)] == ["x=\\frac{1}{a}"]


def test_katex_prose_and_errors():
    assert find_katex_formulas("plain words and numbers 1 2 3") == []
    found = find_katex_formulas("- 解：KaTeX parse error: Undefined control sequence")
    assert len(found) == 1 and found[0].error


def test_capture_file_is_read_by_triples(tmp_path):
    path = tmp_path / "capture.md"
    path.write_text("对 A∈Rn×nA\\in\\mathbb{R}^{n\\times n}A∈Rn×n，有\n"
                    "若 A+A^+A+ 且 AA+A=AAA^+A=AAA+A=A\n"
                    "则 σmin\\sigma_{\\min}σmin 与 κ\\kappaκ\n", encoding="utf-8")
    texts = [c.text for c in candidates_of(str(path))]
    assert texts == ["A\\in\\mathbb{R}^{n\\times n}", "A^+", "AA^+A=A", "\\sigma_{\\min}", "\\kappa"]


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("content, message", [
    (b"\x00\x01binary", "binary"),
    ("中文".encode("gb18030") + b"\n", "not UTF-8"),
    (b"text $$ a = b\n\nmore", "not closed"),
])
def test_bad_files_exit_2_with_one_line(tmp_path, capsys, content, message):
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and message in err


def test_missing_enormous_and_bad_notebook(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope.md")]) == 2
    assert "nope.md" in capsys.readouterr().err
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * (MAX_DOCUMENT_BYTES + 1))
    with pytest.raises(ArticleError, match="big.md"):
        read_source(big)
    notebook = tmp_path / "n.ipynb"
    notebook.write_text("{not json", encoding="utf-8")
    assert main(["check", str(notebook)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "n.ipynb:1" in err
