"""The bundled articles are read end to end: every formula located and classified, none lost."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from derivcheck.document import read_formulas

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = Path(os.environ.get("DERIVCHECK_ARTICLES", ROOT.parent / "shared" / "articles"))
NAMES = ("su-2024-low-rank-1-pseudo-inverse.md", "blog-2023-pseudo-inverse.md",
         "mit1806-pseudo-inverse-notes.md", "ml-math-3-4-inverse-and-pseudo-inverse.md")


@pytest.fixture(scope="module")
def formulas():
    if not ARTICLES.is_dir():
        pytest.skip(f"the article copies are not at {ARTICLES}")
    return {name: read_formulas(str(ARTICLES / name)) for name in NAMES}


def test_every_article_has_formulas_of_several_kinds(formulas):
    for name, found in formulas.items():
        kinds = Counter(f.kind for f in found)
        assert len(found) >= 50, name
        assert kinds["claim"] >= 5 and kinds["expression"] >= 10, (name, kinds)
        assert [f.id for f in found] == [f"f{i}" for i in range(1, len(found) + 1)]


def test_capture_formulas_are_read_once_from_the_annotation(formulas):
    capture = formulas["ml-math-3-4-inverse-and-pseudo-inverse.md"]
    texts = [f.text for f in capture]
    assert "A^+=(A^\\top A)^{-1}A^\\top" in texts
    # the rendered copies (Unicode minus, ⊤) never reach the parser
    assert not any("−" in t or "⊤" in t for t in texts)
    assert sum(1 for f in capture if f.reason and "KaTeX" in f.reason) == 2


def test_html_entities_are_decoded(formulas):
    texts = [f.text for f in formulas["su-2024-low-rank-1-pseudo-inverse.md"]]
    assert not any("&lt;" in t or "&gt;" in t for t in texts)
    assert any("\\epsilon > 0" in t for t in texts)
