"""check_latex and check_argmin: claims from quoted LaTeX get computed verdicts."""

import json
import os

import pytest
import sympy as sp

from derivcheck import Article, check_argmin, check_latex
from derivcheck.runner import run_claims
from derivcheck.results import Verdict
from derivcheck.cli import main
from derivcheck.errors import InputTypeError, LatexParseError, UnsupportedError
from derivcheck.exact import frobenius_norm_squared

n, r, m = sp.symbols("n r m", integer=True, positive=True)


def test_gradient_from_latex_proved_and_wrong_one_refuted():
    ok = check_latex(r"\frac{\partial}{\partial B} \| AB - M \|_F^2 = 2A^T (AB - M)")
    assert ok.verdict is Verdict.PROVED
    bad = check_latex(r"\frac{\partial}{\partial B} \| AB - M \|_F^2 = 2A^T (AB + M)")
    assert bad.verdict is Verdict.REFUTED and bad.counterexample


def test_named_loss_needs_definition():
    formula = r"\frac{\partial \mathcal{L}}{\partial B} = 2A^{\top}(AB-M)"
    with pytest.raises(UnsupportedError, match="definitions"):
        check_latex(formula)


def test_left_inverse_formula_conditional_and_chain_steps():
    res = check_latex(r"A^+ = (A^T A)^{-1} A^T")
    assert res.verdict is Verdict.CONDITIONAL and res.conditions == ("A: full column rank",)
    chain = check_latex(r"\text{Tr}(X^T X) = \text{Tr}(X X^T) = \text{Tr}(X^T)")
    assert chain.verdict is Verdict.REFUTED


def test_limit_of_argmin_is_the_pseudo_inverse():
    res = check_latex(r"A^{\dagger} = \lim_{\epsilon\to 0}\,\mathop{\text{argmin}}_B \Vert AB - I_n\Vert_F^2 "
                      r"+ \epsilon\Vert B\Vert_F^2")
    assert res.verdict is Verdict.VERIFIED


def test_argmin_unique_only_with_full_column_rank():
    A, B, M = sp.MatrixSymbol("A", n, r), sp.MatrixSymbol("B", r, m), sp.MatrixSymbol("M", n, m)
    loss = frobenius_norm_squared(A * B - M)
    closed = sp.MatMul(sp.Inverse(A.T * A), A.T, M)
    assert check_argmin(loss, B, closed).verdict is Verdict.CONDITIONAL
    assert check_argmin(loss, B, closed, assume={A: "full column rank"}).verdict is Verdict.VERIFIED
    wrong = check_argmin(loss, B, A.T * M)
    assert wrong.verdict is Verdict.REFUTED


def test_assume_must_name_a_matrix_of_the_formula():
    with pytest.raises(InputTypeError, match="no matrix named"):
        check_latex(r"A^+ = A^T", assume={"Q": "orthogonal"})


def test_injection_payload_is_a_parse_error_and_runs_nothing(monkeypatch):
    ran = []
    monkeypatch.setattr(os, "system", lambda *a: ran.append(a))
    with pytest.raises(LatexParseError):
        check_latex(r"A = \text{__import__('os').system('touch /tmp/x')}")
    assert ran == []


def test_article_latex_claim_runs_through_the_runner():
    art = Article("demo-latex", "Demo", "nowhere")
    art.latex("pinv-formula", quote=r"A^+ = (A^T A)^{-1} A^T", expect="conditional")
    report = run_claims([art], seed=0)
    (outcome,) = report.outcomes
    assert outcome.status == "conditional" and outcome.passed and outcome.claim.source_latex


def test_cli_check_latex_exit_codes(capsys):
    assert main(["check-latex", "A^+ = (A^T A)^{-1} A^T", "--assume", "A: full column rank"]) == 0
    capsys.readouterr()
    assert main(["check-latex", "A^+ = A^T", "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["verdict"] == "refuted" and doc["counterexample"]
    assert main(["check-latex", r"A^+ = \foo{A}"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "formula[" in err
    assert main(["check-latex", "A^+ = A^T", "--assume", "A full rank"]) == 2


def test_shape_inconsistent_formula_is_refuted_not_an_error():
    res = check_latex(r"p=A\hat x=A(A^TA)^{-1}A^T")
    assert res.verdict is Verdict.REFUTED and "one row" in res.evidence[0].summary


def test_declarations_alone_are_checked_for_consistency():
    assert check_latex(r"x\in\mathbb{R}^n,\ Ax\in\mathbb{R}^m").verdict is Verdict.PROVED


def test_matrix_definitions_substitute_an_svd():
    from derivcheck.checks.latex import symbols_of

    s = symbols_of(r"A^+=V\varSigma^+U^T")
    U, Sigma, V = s["U"], s["Sigma"], s["V"]
    res = check_latex(r"A^+=V\varSigma^+U^T", definitions={"A": U * Sigma * V.T},
                      assume={"U": "orthogonal", "V": "orthogonal", "Sigma": "diagonal"})
    assert res.verdict is Verdict.VERIFIED
    free = check_latex(r"A^+=V\varSigma^+U^T")
    assert free.verdict is Verdict.REFUTED
