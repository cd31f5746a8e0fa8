"""The renderers: text, Markdown, JSON and the README summary table."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
import sympy

from derivcheck.claims.article import Article
from derivcheck.claims.loader import load_script
from derivcheck.claims.quotes import MissingQuote
from derivcheck.runner import run_claims
from derivcheck.results import CheckResult, Evidence, Verdict
from derivcheck.report.json_report import SCHEMA_VERSION, render_json
from derivcheck.report.markdown import render_markdown, render_summary_table
from derivcheck.report.text import render_text

DATA = Path(__file__).parent / "data"

THIRD = sympy.Rational(1, 3)
COUNTER_A = sympy.Matrix([[1, THIRD], [0, -2]])


def _build_article() -> Article:
    art = Article("demo", "Demo | article", "https://example.org/demo", filename="demo.md")

    @art.claim("holds", quote="$A^+ A A^+ = A^+$", expect="proved", statement="a Penrose axiom",
               source_latex=True)
    def holds(ctx):
        return CheckResult(Verdict.PROVED, "Eq(A+*A*A+, A+)", r"A^{+} A A^{+} = A^{+}",
                           (Evidence("symbolic", "simplifies to 0",
                                     (("terms", 0), ("residual", float("nan")))),))

    @art.claim("wrong", quote="``code`` and $(AB)^+ = B^+ A^+$", expect="verified",
               statement="reverse order law", source_latex=True)
    def wrong(ctx):
        return CheckResult(Verdict.REFUTED, "Eq(Pinv(A*B), Pinv(B)*Pinv(A))",
                           r"\left(A B\right)^{+} = B^{+} A^{+}",
                           (Evidence("exact", "differs at a rank-1 instance"),),
                           counterexample={"A": COUNTER_A, "B": sympy.eye(2)})

    @art.claim("cond", quote="cond quote", expect="conditional", statement="needs full rank")
    def cond(ctx):
        return CheckResult(Verdict.CONDITIONAL, "S", conditions=("A has full column rank",))

    @art.claim("boom", quote="boom quote", expect="proved", statement="raises")
    def boom(ctx):
        raise ArithmeticError("no luck")

    return art


@pytest.fixture(scope="module")
def report():
    return run_claims([_build_article()], seed=5, dps=40)


# --- text ----------------------------------------------------------------------------------


def test_text_has_one_line_per_claim_with_computed_and_expected_verdicts(report):
    lines = render_text(report).splitlines()
    rows = {line.split()[1]: line for line in lines if line.startswith("  ")}
    assert set(rows) == {"holds", "wrong", "cond", "boom"}
    assert rows["holds"].split()[0] == "ok" and rows["holds"].endswith("a Penrose axiom")
    assert rows["wrong"].split()[0] == "FAIL"
    assert "refuted (expected verified)" in rows["wrong"] and rows["wrong"].endswith("reverse order law")
    assert rows["boom"].split()[0] == "ERROR"
    assert "error (expected proved)" in rows["boom"] and "ArithmeticError: no luck" in rows["boom"]
    # details only with verbose: no evidence, no counterexample
    text = "\n".join(lines)
    assert "[symbolic]" not in text and "counterexample A" not in text and "holds only if" not in text
    assert lines[-2] == "(run with -v for the evidence and counterexample of each claim)"
    assert lines[-1] == "FAILED: 2 of 4 claims failed: wrong, boom"


def test_verbose_text_puts_the_details_under_each_claim(report):
    lines = render_text(report, verbose=True).splitlines()
    at = {line.split()[1]: i for i, line in enumerate(lines) if line.startswith("  ") and
          not line.startswith("   ")}
    holds, wrong, cond = at["holds"], at["wrong"], at["cond"]
    assert lines[holds + 1].strip() == "[symbolic] simplifies to 0"
    assert lines[wrong + 1].strip() == "counterexample A = [[1, 1/3], [0, -2]], B = [[1, 0], [0, 1]]"
    assert lines[wrong + 2].strip() == "[exact] differs at a rank-1 instance"
    assert lines[cond + 1].strip() == "holds only if A has full column rank"
    assert "error: ArithmeticError: no luck" in lines[at["boom"] + 1]
    assert lines[-1] == "FAILED: 2 of 4 claims failed: wrong, boom"


@pytest.mark.parametrize("width", [20, 41, 60, 200])
def test_claim_lines_fit_the_width(report, width):
    plain = render_text(report).splitlines()
    fitted = render_text(report, width=width, verbose=True).splitlines()
    claim_rows = [line for line in fitted if line.startswith("  ") and not line.startswith("   ")]
    assert len(claim_rows) == 4
    for line in fitted:
        if line.startswith("  "):  # claim lines are cut, detail lines wrapped
            assert len(line) <= width, line
    for line in claim_rows:
        full = next(p for p in plain if p.split()[:2] == line.split()[:2])
        assert line == full or (line.endswith("…") and full.startswith(line[:-1]))
    # the wrapped details lose nothing
    details = " ".join(line.strip() for line in fitted if line.startswith("   "))
    assert "counterexample A = [[1, 1/3], [0, -2]]" in details or width < 41


def test_wide_characters_count_twice():
    from derivcheck.report.text import _fit

    assert _fit("数学" * 10, 9) == "数学数学…"  # 8 columns and the ellipsis
    assert _fit("abc", 3) == "abc" and _fit("abcd", 3) == "ab…"


def test_text_reports_missing_quotes_and_ok(report):
    good = run_claims([_build_article()], only=["holds", "cond"])
    assert render_text(good).splitlines()[-1].startswith("OK")
    missing = replace(good, missing_quotes=(MissingQuote("demo", "cond", "cond\nquote", "demo.md"),))
    text = render_text(missing)
    assert "demo/cond (demo.md): cond quote" in text
    assert text.splitlines()[-1] == "FAILED: 1 quote not found"


# --- markdown --------------------------------------------------------------------------------


def test_markdown_shows_quote_statement_evidence_and_counterexample(report):
    md = render_markdown(report)
    assert "## Demo \\| article" in md
    assert "### `wrong`: refuted (expected verified) — FAILED" in md
    # the quote holds a run of two backquotes, so its fence needs three or more
    assert "```text\n``code`` and $(AB)^+ = B^+ A^+$\n```" in md
    assert "```math\n\\left(A B\\right)^{+} = B^{+} A^{+}\n```" in md
    assert "- *exact*: differs at a rank-1 instance" in md
    assert sympy.latex(COUNTER_A) in md and r"\frac{1}{3}" in md
    assert "- holds only if: A has full column rank" in md
    assert "Error: `ArithmeticError: no luck" in md


def test_markdown_fences_are_balanced(report):
    fences = re.findall(r"^(`{3,})(\w*)$", render_markdown(report), flags=re.M)
    openers = [f for f in fences if f[1]]
    closers = [f for f in fences if not f[1]]
    assert len(openers) == len(closers) > 0


def test_summary_table_counts_per_article():
    toy = load_script(DATA / "toy_algebra.py")
    report = run_claims([*toy, _build_article()])
    table = render_summary_table(report).splitlines()

    def cells(row):  # split on the pipes that are not escaped
        return [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]

    header = cells(table[0])
    rows = {cells(r)[0]: cells(r) for r in table[2:]}
    demo = dict(zip(header, rows["Demo \\| article (`demo`)"]))
    assert demo["Claims"] == "4" and demo["proved"] == "1" and demo["refuted"] == "1"
    assert demo["conditional"] == "1" and demo["error"] == "1"
    assert demo["From quoted LaTeX"] == "2"
    assert demo["Errors found"] == "`wrong`, `cond`"
    toy_row = dict(zip(header, rows["Toy algebra (`toy-algebra`)"]))
    assert toy_row["Errors found"] == "`matrices-commute`, `inverse-of-product`"
    total = dict(zip(header, rows["**Total**"]))
    assert total["Claims"] == str(len(report.outcomes)) == "9"


# --- json ------------------------------------------------------------------------------------


def test_json_follows_the_documented_schema(report):
    doc = json.loads(render_json(report))
    assert doc["version"] == SCHEMA_VERSION and (doc["seed"], doc["dps"]) == (5, 40)
    assert doc["ok"] is False and doc["quotes_checked"] is False
    assert doc["summary"]["refuted"] == 1 and doc["summary"]["error"] == 1
    assert sum(doc["summary"].values()) == 4
    (article,) = doc["articles"]
    assert (article["id"], article["source"], article["filename"]) == (
        "demo", "https://example.org/demo", "demo.md")
    claims = {c["id"]: c for c in article["claims"]}
    assert list(claims) == ["holds", "wrong", "cond", "boom"]
    wrong = claims["wrong"]
    assert (wrong["verdict"], wrong["expected"], wrong["passed"]) == ("refuted", "verified", False)
    assert wrong["counterexample"] == {"A": [["1", "1/3"], ["0", "-2"]],
                                       "B": [["1", "0"], ["0", "1"]]}
    assert wrong["quote"] == "``code`` and $(AB)^+ = B^+ A^+$"
    assert wrong["evidence"] == [{"leg": "exact", "summary": "differs at a rank-1 instance",
                                  "details": {}}]
    assert claims["holds"]["evidence"][0]["details"] == {"terms": 0, "residual": "nan"}
    assert claims["cond"]["conditions"] == ["A has full column rank"]
    boom = claims["boom"]
    assert boom["verdict"] == "error" and boom["error"].startswith("ArithmeticError: no luck")
    assert boom["checked"] is None and boom["counterexample"] is None
    assert all(c["quote_found"] is None for c in claims.values())


def test_json_has_no_timings_or_absolute_paths(report):
    text = render_json(report)
    assert "seconds" not in text and str(Path.cwd()) not in text and "/tmp/" not in text


def test_json_is_byte_identical_for_equal_runs():
    toy = load_script(DATA / "toy_algebra.py")
    first = render_json(run_claims(toy, seed=9))
    again = render_json(run_claims(load_script(DATA / "toy_algebra.py"), seed=9))
    other = render_json(run_claims(toy, seed=10))
    assert first == again
    assert first != other  # the seed matters: the random counterexample changes
    assert first.endswith("}\n")


def test_json_marks_quotes_found_and_missing(report):
    checked = replace(report, missing_quotes=(MissingQuote("demo", "cond", "cond quote", "d.md"),))
    doc = json.loads(render_json(checked))
    found = {c["id"]: c["quote_found"] for c in doc["articles"][0]["claims"]}
    assert found == {"holds": True, "wrong": True, "cond": False, "boom": True}
    assert doc["quotes_checked"] is True


def test_measured_evidence_is_left_out_of_json():
    from derivcheck.results import MEASURED_SUMMARY, Evidence

    ev = Evidence("experiment", "solve 0.81 ms", (("n", 300), ("seconds", 0.00081)), measured=True)
    assert ev.as_dict() == {"leg": "experiment", "summary": MEASURED_SUMMARY, "details": {}}
    plain = Evidence("exact", "s", (("x", 0.5),))
    assert plain.as_dict()["details"] == {"x": 0.5}
