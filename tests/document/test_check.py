"""Whole documents through check_documents and the command line."""

from __future__ import annotations

import json

import pytest

from derivcheck.cli import main
from derivcheck.document import load_claims

DOC = r"""# Notes

Let $A \in \mathbb{R}^{3 \times 2}$.

The identity $A A^+ A = A$ holds, but $(A^T A)^{-1} A^T = A^T$ is wrong.
"""


def test_definitions_are_substituted(checked):
    _, by_text = checked("$A^T$ then $P = A A^+$ gives $P^2 = P$.\n")
    assert by_text["P = A A^+"].formula.kind == "definition"
    assert by_text["P^2 = P"].verdict in ("proved", "verified")
    _, by_text = checked("$A^T$ then $P = 2 A A^+$ gives $P^2 = P$.\n")
    assert by_text["P^2 = P"].verdict == "refuted"


def test_definition_by_explicit_matrix_is_checked_exactly(checked):
    _, by_text = checked("$A^T$; $B = A A^T$; so $B^T = B$ and $B = A^T A$.\n")
    assert by_text["B^T = B"].verdict in ("proved", "verified")
    assert by_text["B = A^T A"].verdict == "refuted"


def test_hypothesis_is_never_refuted(checked):
    report, by_text = checked("Take $A^T$. If $A G = I$ then $G = A^+$ need not hold.\n")
    hypothesis = by_text["A G = I"]
    assert hypothesis.formula.kind == "hypothesis" and hypothesis.verdict is None and hypothesis.passed
    # the same relation without an unknown is a claim, and refuted
    _, by_text = checked("Take $A^T$ and $G^T$. Then $A G = I$.\n")
    assert by_text["A G = I"].verdict == "refuted"


def test_declared_shapes_decide(checked):
    _, by_text = checked("$A \\in \\mathbb{R}^{2 \\times 2}$ and $A^+ = A^{-1}$.\n")
    free = checked("$A^+ = A^{-1}$.\n")[1]["A^+ = A^{-1}"]
    assert by_text["A^+ = A^{-1}"].result.counterexample is not None or by_text["A^+ = A^{-1}"].verdict != "proved"
    shapes = {name for name in by_text["A^+ = A^{-1}"].formula.task.shapes}
    assert shapes == {"A"} and not free.formula.task.shapes


def test_tentative_condition_becomes_hypothesis_or_stays_claim(checked):
    _, by_text = checked("Take $p$, $A$, $B$. When $p = 2$, $(A B)^T - B^T A^T = 0$.\n")
    assert by_text["p = 2"].formula.kind == "hypothesis"
    assert by_text["(A B)^T - B^T A^T = 0"].formula.kind == "claim"
    assert by_text["(A B)^T - B^T A^T = 0"].verdict in ("proved", "verified")


def test_false_claim_exits_1_with_a_refuted_line(tmp_path, capsys):
    path = tmp_path / "doc.md"
    path.write_text(DOC, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    refuted = [line for line in out.splitlines() if "refuted" in line and "FAIL" in line]
    assert len(refuted) == 1 and "(A^T A)^{-1} A^T = A^T" in refuted[0] and refuted[0].strip().startswith("5:")


def test_expect_in_claims_file_passes_and_a_wrong_expect_fails(tmp_path, capsys):
    path = tmp_path / "doc.md"
    path.write_text(DOC, encoding="utf-8")
    claims = tmp_path / "claims.toml"
    claims.write_text("[[formula]]\ntext = '(A^T A)^{-1} A^T = A^T'\nexpect = \"refuted\"\n", encoding="utf-8")
    assert main(["check", str(path), "--claims", str(claims)]) == 0
    claims.write_text("[[formula]]\nid = 'f2'\nexpect = \"refuted\"\n", encoding="utf-8")
    assert main(["check", str(path), "--claims", str(claims)]) == 1  # f2 is the true identity
    capsys.readouterr()


def test_claims_file_assume_shapes_skip(checked, tmp_path):
    claims = tmp_path / "c.toml"
    claims.write_text("[[formula]]\ntext = 'A^+ = (A^T A)^{-1} A^T'\nassume = { A = 'full column rank' }\n"
                      "[[formula]]\ntext = 'A^+ = A^T'\nskip = 'a typo in the source'\n"
                      "[[formula]]\ntext = 'A A^+ = I'\nshapes = { A = '2x3' }\n", encoding="utf-8")
    text = "$A^+ = (A^T A)^{-1} A^T$, $A^+ = A^T$, $A A^+ = I$.\n"
    _, plain = checked(text)
    assert plain["A^+ = (A^T A)^{-1} A^T"].verdict == "conditional"
    report, pinned = checked(text, claims=load_claims(claims))
    assert pinned["A^+ = (A^T A)^{-1} A^T"].verdict in ("proved", "verified")
    assert pinned["A^+ = A^T"].verdict is None and pinned["A^+ = A^T"].passed
    assert pinned["A A^+ = I"].formula.task.shapes["A"] == (2, 3)
    assert report.summary()["skipped"] == 1


def test_write_claims_round_trip(tmp_path, capsys):
    path = tmp_path / "doc.md"
    path.write_text(DOC + "\nAnd $\\sum_i a_i = 1$.\n", encoding="utf-8")
    skeleton = tmp_path / "claims.toml"
    assert main(["check", str(path), "--write-claims", str(skeleton)]) == 1
    first = capsys.readouterr().out
    claims = load_claims(skeleton)
    assert len(claims.entries) == 4 and "refuted" in first
    assert [e.expect for e in claims.entries] == [None, "verified", "refuted", "unsupported"]
    assert main(["check", str(path), "--claims", str(skeleton), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [f["verdict"] for f in report["formulas"]] == [None, "verified", "refuted", None]
    assert all(f["expected"] == e.expect for f, e in zip(report["formulas"], claims.entries))


def test_bad_claims_file_exits_2(tmp_path, capsys):
    path = tmp_path / "doc.md"
    path.write_text("$a = a$\n", encoding="utf-8")
    claims = tmp_path / "c.toml"
    for content in ("[[formula]]\nid = 'f1'\nexpect = 'true'\n", "[[formula]\n", "[[formula]]\nwhat = 1\n"):
        claims.write_text(content, encoding="utf-8")
        assert main(["check", str(path), "--claims", str(claims)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "c.toml" in err


def test_json_schema(tmp_path, capsys):
    path = tmp_path / "doc.md"
    path.write_text(DOC, encoding="utf-8")
    main(["check", str(path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert {"schema", "version", "seed", "budget", "ok", "files", "conventions", "summary",
            "formulas"} <= set(report)
    assert {"formulas", "kinds", "claims", "decided", "verdicts", "unsupported",
            "share_decided"} <= set(report["summary"])
    entry = report["formulas"][2]
    assert {"formula", "line", "column", "kind", "verdict", "id", "file", "evidence", "conditions",
            "counterexample", "passed"} <= set(entry)
    assert entry["kind"] == "claim" and entry["verdict"] == "refuted" and entry["counterexample"]
    assert any("transpose" in c for c in report["conventions"])


def test_markdown_report(tmp_path, capsys):
    path = tmp_path / "doc.md"
    path.write_text(DOC, encoding="utf-8")
    main(["check", str(path), "--format", "markdown"])
    out = capsys.readouterr().out
    assert "| id | location | kind | verdict | formula |" in out and "refuted ✗" in out


def test_verbose_text_shows_counterexample(tmp_path, capsys):
    path = tmp_path / "doc.md"
    path.write_text(DOC, encoding="utf-8")
    main(["check", str(path), "-v"])
    assert "counterexample:" in capsys.readouterr().out


def test_budget_gives_undecided_with_where(checked):
    _, by_text = checked("$(A^T A + \\epsilon I)^{-1} A^T = A^+$ and $B = B$.\n", budget=0.001)
    outcome = by_text["(A^T A + \\epsilon I)^{-1} A^T = A^+"]
    assert outcome.verdict == "undecided" and "budget" in outcome.result.where


@pytest.mark.slow
def test_jobs_2_output_equals_serial(tmp_path, capsys):
    path = tmp_path / "doc.md"
    path.write_text(DOC + "\n$P = A A^+$ and $P^2 = P$, $(A B)^T = B^T A^T$, $A^+ A A^+ = A^+$.\n",
                    encoding="utf-8")
    main(["check", str(path), "--format", "json"])
    serial = capsys.readouterr().out
    main(["check", str(path), "--format", "json", "--jobs", "2"])
    assert capsys.readouterr().out == serial


def test_stale_pin_fails_the_run(tmp_path, capsys):
    path = tmp_path / "doc.md"
    path.write_text("$A A^+ A = A$\n", encoding="utf-8")
    claims = tmp_path / "c.toml"
    claims.write_text("[[formula]]\ntext = 'A = A A^+ A'\nexpect = 'verified'\n", encoding="utf-8")
    assert main(["check", str(path), "--claims", str(claims)]) == 1
    assert "matches no formula" in capsys.readouterr().out


def test_tex_and_notebook_through_the_command(tmp_path, capsys):
    tex = tmp_path / "notes.tex"
    tex.write_text("\\documentclass{article}\n\\begin{document}\n% $A^+ = A$ is a comment\n"
                   "We have \\(A^+ = A^T\\) and\n\\begin{equation}\nA A^+ A = A\n\\end{equation}\n"
                   "\\end{document}\n", encoding="utf-8")
    assert main(["check", str(tex)]) == 1
    out = capsys.readouterr().out
    assert any(line.strip().startswith("4:9") and "refuted" in line for line in out.splitlines())
    assert any(line.strip().startswith("5:1") and "verified" in line for line in out.splitlines())
    notebook = tmp_path / "nb.ipynb"
    notebook.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "source": "Text\n\n$$(A B)^T = B^T A^T$$\n"}], "metadata": {},
        "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    assert main(["check", str(notebook)]) == 0
    out = capsys.readouterr().out
    assert "[0]3:1" in out and "proved" in out


def test_claims_file_definitions(checked, tmp_path):
    claims = tmp_path / "c.toml"
    claims.write_text("[[formula]]\ntext = 'P^2 = P'\ndefinitions = { P = 'A A^+' }\n", encoding="utf-8")
    text = "Take $A$ and $P$: $P^2 = P$.\n"
    assert checked(text)[1]["P^2 = P"].verdict == "refuted"
    assert checked(text, claims=load_claims(claims))[1]["P^2 = P"].verdict in ("proved", "verified")


def test_definitions_sharing_a_name_share_its_shape(checked, tmp_path):
    # P = AA^+ and Q = A^+A speak of one A: PA = AQ = A holds (and PA = AQ = 2A does not)
    _, by_text = checked("Let $P = AA^+$ and $Q = A^+A$. Then $PA = AQ = A$, not $PA = 2A$.\n")
    assert by_text["PA = AQ = A"].verdict in ("proved", "verified")
    assert by_text["PA = 2A"].verdict == "refuted"
    claims = tmp_path / "c.toml"
    claims.write_text("[[formula]]\ntext = 'PA = AQ = A'\ndefinitions = { P = 'A A^+', Q = 'A^+ A' }\n",
                      encoding="utf-8")
    pinned = checked("Then $PA = AQ = A$.\n", claims=load_claims(claims))[1]
    assert pinned["PA = AQ = A"].verdict in ("proved", "verified")


def test_a_row_written_out_gives_its_name_its_shape(checked):
    _, by_text = checked(r"Let $A = \begin{bmatrix}-1 & 2 & 2\end{bmatrix}$. Then "
                         r"$A^+ = \frac{1}{9}\begin{bmatrix}-1 \\ 2 \\ 2\end{bmatrix}$, "
                         r"not $A^+ = \begin{bmatrix}-1 \\ 2 \\ 2\end{bmatrix}$." + "\n")
    assert by_text[r"A^+ = \frac{1}{9}\begin{bmatrix}-1 \\ 2 \\ 2\end{bmatrix}"].verdict == "proved"
    assert by_text[r"A^+ = \begin{bmatrix}-1 \\ 2 \\ 2\end{bmatrix}"].verdict == "refuted"
