"""The bundled derivations: every claim gets its expected verdict, every quote is verbatim,
and the README's results table is the one a real run writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from derivcheck.claims import check_quotes, load_derivations
from derivcheck.runner import run_claims
from derivcheck.report import render_summary_table

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT.parent / "shared" / "articles"
TABLE = re.compile(r"<!-- results:begin -->\n(.*?)<!-- results:end -->", re.S)


@pytest.fixture(scope="module")
def articles():
    return load_derivations([ROOT / "derivations"])


@pytest.fixture(scope="module")
def report(articles):
    return run_claims(articles, seed=0, jobs=2)


def test_four_articles_are_bundled(articles):
    assert {a.id for a in articles} >= {"su-2024", "blog-2023", "mit1806", "ml-math-3-4"}


def test_every_verdict_equals_its_expectation(report):
    bad = [f"{o.claim.qualified_id}: computed {o.status}, expected {o.claim.expected.value}"
           + (f" ({o.error})" if o.error else "")
           for o in report.outcomes if not o.passed]
    assert not bad, "\n".join(bad)


def test_no_inconsistent_or_undecided_verdicts(report):
    assert not [o.claim.qualified_id for o in report.outcomes if o.status in ("inconsistent", "undecided")]


def test_every_article_has_an_error_found(report):
    for article in report.articles:
        statuses = {o.status for o in report.outcomes_of(article)}
        assert statuses & {"refuted", "conditional"}, article.id


def test_quotes_occur_verbatim_in_the_articles(articles):
    if not ARTICLES.is_dir():
        pytest.skip(f"the article copies are not at {ARTICLES}; quotes cannot be checked here")
    missing = check_quotes(articles, ARTICLES)
    assert not missing, "\n".join(f"{m.article}/{m.claim}: {m.quote[:80]!r}" for m in missing)


def test_readme_table_is_written_by_a_real_run(report):
    match = TABLE.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert match, "README.md lacks the results table markers"
    assert match.group(1) == render_summary_table(report), (
        "the README table is stale: regenerate it with `derivcheck verify --format summary`")


def test_json_report_is_byte_identical_serial_and_parallel(articles, report):
    from derivcheck.report import render_json

    serial = run_claims(articles, seed=0, jobs=1)
    assert render_json(serial) == render_json(report)
