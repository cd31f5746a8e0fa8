"""Formula extraction and the coverage report (synthetic articles, plus the real ones if present)."""

from __future__ import annotations

from pathlib import Path

import pytest

from derivcheck.errors import ArticleError
from derivcheck.latex.coverage import classify, extract_formulas, format_report, main, measure_coverage

ARTICLE = r"""# Title

Let $A\in\mathbb{R}^{n\times r}$ and $\$5$ be given; then

$$
A^{\top}A + \epsilon I_r
$$

\begin{equation}\boldsymbol{A}^{\dagger} = (\boldsymbol{A}^{\top} \boldsymbol{A})^{-1}\boldsymbol{A}^{\top}\label{eq:x}\end{equation}

\begin{align}
P = Q \\
Q = P
\end{align}

Entities are decoded: $s &lt; r$, and $\sum_{i} x_i$ is index notation.

```python
price = "$3 and $4"
```
"""


def test_extracts_every_delimiter_once():
    formulas = extract_formulas(ARTICLE, "a.md")
    texts = [f.text for f in formulas]
    assert texts == [
        r"A\in\mathbb{R}^{n\times r}",
        r"\$5",
        r"A^{\top}A + \epsilon I_r",
        r"\begin{equation}\boldsymbol{A}^{\dagger} = (\boldsymbol{A}^{\top} \boldsymbol{A})^{-1}\boldsymbol{A}^{\top}\label{eq:x}\end{equation}",
        "\\begin{align}\nP = Q \\\\\nQ = P\n\\end{align}",
        "s < r",
        r"\sum_{i} x_i",
    ]
    assert [f.delimiter for f in formulas] == [
        "inline", "inline", "display", "environment", "environment", "inline", "inline"]
    assert all(f.source == "a.md" for f in formulas)
    assert formulas == sorted(formulas, key=lambda f: f.offset)


def test_katex_residue_is_used_only_without_delimiters():
    capture = "逆矩阵 A−1A^{-1}A−1 就是; 若 A+=(A⊤A)−1A⊤A^+=(A^\\top A)^{-1}A^\\topA+=(A⊤A)−1A⊤。 文字 normal text"
    texts = [f.text for f in extract_formulas(capture)]
    assert texts == ["A^{-1}", r"A^+=(A^\top A)^{-1}A^\top"]
    assert all(f.delimiter == "katex" for f in extract_formulas(capture))
    assert [f.text for f in extract_formulas("$B$ " + capture)] == ["B"]


@pytest.mark.parametrize("formula, category", [
    (r"\boldsymbol{A}^{\top}\boldsymbol{A}", "matrix"),
    (r"A^+ = V\Sigma^+U^T", "matrix"),
    (r"\Lambda", "matrix"),
    (r"\sum_{i,j} E_{i,j}^2", "index"),
    (r"A = \begin{pmatrix} 1 & 2 \end{pmatrix}", "index"),
    (r"\lambda > 0", "scalar"),
    (r"\|\cdot\|_F", "scalar"),
    (r"x\in\mathbb{R}^n", "scalar"),
])
def test_classify(formula, category):
    assert classify(formula) == category


def test_measure_coverage_on_a_directory(tmp_path):
    (tmp_path / "one.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "README.md").write_text("$\\sum$ is ignored here", encoding="utf-8")
    report = measure_coverage(tmp_path)
    assert report.total == 7
    failed = {o.formula.text: o.reason for o in report.outcomes if o.reason}
    assert set(failed) == {r"\$5", r"\sum_{i} x_i"}
    assert "\\sum is not supported" in failed[r"\sum_{i} x_i"]
    assert report.count("matrix") == (4, 4)
    text = format_report(report)
    assert "formulas parsed: 5/7" in text and "matrix  4/4" in text


def test_measure_coverage_refuses_bad_directories(tmp_path):
    with pytest.raises(ArticleError, match="not a directory"):
        measure_coverage(tmp_path / "missing")
    with pytest.raises(ArticleError, match="no .md article"):
        measure_coverage(tmp_path)
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe$A$")
    with pytest.raises(ArticleError, match="UTF-8"):
        measure_coverage(tmp_path)


def test_command_line(tmp_path, capsys):
    (tmp_path / "one.md").write_text(ARTICLE, encoding="utf-8")
    assert main([str(tmp_path)]) == 0
    assert "formulas parsed" in capsys.readouterr().out
    assert main([str(tmp_path / "missing")]) == 2


ARTICLES = Path("/work/shared/articles")


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="the article collection is not available")
def test_most_matrix_formulas_of_the_articles_parse():
    report = measure_coverage(ARTICLES)
    parsed, total = report.count("matrix")
    assert total > 100
    assert parsed / total >= 0.95
