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


# Each notation family: true formulas get a proof or verification, false ones are
# refuted (or not proved). Verdicts are computed by check_latex; the table states
# what the mathematics requires.
NOTATION_VERDICTS = [
    # fonts
    (r"\mathbf{A}^+ \mathbf{A} \mathbf{A}^+ = \mathbf{A}^+", {"proved", "verified"}),
    (r"\mathbf{A}^+ \mathbf{A} \mathbf{A}^+ = \mathbf{A}", {"refuted"}),
    (r"(\mathbf{AB})^+ = \mathbf{B}^+\mathbf{A}^+", {"conditional", "refuted"}),
    (r"{\bf A}{\bf A}^+{\bf A} = {\bf A}", {"proved", "verified"}),
    # transposes and conjugate transposes (real matrices)
    (r"H^* H H^+ = H^*", {"proved", "verified"}),
    (r"H^{*} = H^{+}", {"refuted"}),
    (r"A^{+*} = A^{*+}", {"proved", "verified"}),
    (r"A^{+*} = A^{+}", {"refuted"}),
    (r"A^{-T} = A^{-1}", {"refuted"}),
    # pseudo-inverses
    (r"\operatorname{pinv}(\operatorname{pinv}(A)) = A", {"proved", "verified"}),
    (r"\mathrm{pinv}(A) = A^T", {"refuted"}),
    # Unicode and products
    (r"A⁺AA⁺ = A⁺", {"proved", "verified"}),
    (r"A⁺AA⁺ = A", {"refuted"}),
    (r"A * A^+ * A = A", {"proved", "verified"}),
    (r"A \cdot A^+ \cdot A = A^+", {"refuted"}),
    # limits: one-sided, arrows, two-sided, brackets
    (r"\lim_{ε→0^+}(A^TA+εI)^{-1}A^T = A^+", {"proved", "verified"}),
    (r"\lim_{ε→0^+}(A^TA+εI)^{-1}A^T = A^T", {"refuted"}),
    (r"\lim_{\delta \downarrow 0} A^T(AA^T+\delta I)^{-1} = A^+", {"proved", "verified"}),
    (r"\lim_{\alpha \to 0^+}[(A^TA + \alpha I)^{-1}A^T y] = A^+ y", {"proved", "verified"}),
    (r"\lim_{\alpha \to 0^+}[(A^TA + \alpha I)^{-1}A^T y] = A^T y", {"refuted"}),
    # gradients
    (r"\nabla_x \|Ax-b\|_2^2 = 2A^T(Ax-b)", {"proved"}),
    (r"\nabla_x \|Ax-b\|_2^2 = A^T(Ax-b)", {"refuted"}),
    (r"\nabla_X \|AX-B\|_F^2 = 2(AX-B)A^T", {"refuted"}),
    (r"\nabla_x x^TAx = (A + A^T)x", {"proved"}),
    (r"\nabla_x x^TAx = 2Ax", {"refuted"}),
    (r"\frac{\partial a^T X b}{\partial X} = ab^T", {"proved"}),
    (r"\frac{\partial a^T X b}{\partial X} = ba^T", {"refuted"}),
    (r"\frac{\partial x^T a}{\partial x} = a^T", {"refuted"}),   # only 1×1 vectors fit
    (r"\frac{\partial \operatorname{tr}(X^T A X)}{\partial X} = AX + A^TX", {"proved"}),
    (r"\frac{\partial \operatorname{tr}(X^T A X)}{\partial X} = 2AX", {"refuted"}),
    (r"(A^{\mathrm H})^+ = (A^+)^{\mathrm H}", {"proved", "verified"}),
    # norms and traces
    (r"\|A\|_F^2 = \operatorname{tr}(A^TA)", {"proved"}),
    (r"\|A\|_F^2 = \operatorname{tr}(AA)", {"refuted"}),
    (r"\|x\| = \sqrt{x^Tx}", {"proved"}),
    # concrete matrices, decided exactly
    (r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \\ 5 & 6 \end{pmatrix}^+ = \frac{1}{12}\begin{pmatrix} -16 & -4 & 8 \\ 13 & 4 & -5 \end{pmatrix}",
     {"proved"}),
    (r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \\ 5 & 6 \end{pmatrix}^+ = \frac{1}{12}\begin{pmatrix} -16 & -4 & 8 \\ 13 & 4 & -4 \end{pmatrix}",
     {"refuted"}),
    (r"\begin{bmatrix} 1 & 2 \\ 2 & 4 \end{bmatrix}^+ = 0.04\begin{bmatrix} 1 & 2 \\ 2 & 4 \end{bmatrix}", {"proved"}),
    (r"\begin{bmatrix} 1 & 2 \\ 2 & 4 \end{bmatrix}^+ = 0.0400001\begin{bmatrix} 1 & 2 \\ 2 & 4 \end{bmatrix}", {"refuted"}),
    (r"\begin{bmatrix}a&b\\c&d\end{bmatrix}^{-1}=\frac{1}{ad-bc}\begin{bmatrix}d&-b\\-c&a\end{bmatrix}", {"proved"}),
    (r"\begin{bmatrix}a&b\\c&d\end{bmatrix}^{-1}=\frac{1}{ad-bc}\begin{bmatrix}d&b\\-c&a\end{bmatrix}", {"refuted"}),
    (r"\begin{vmatrix} a & b \\ c & d \end{vmatrix} = ad + bc", {"refuted"}),
    (r"\begin{pmatrix} 1 & 1 \\ 1 & 1 \end{pmatrix}^{-1} = I", {"refuted"}),
    # scalars
    # a divisor is not assumed nonzero: the claim needs c ≠ 0 (stated, it holds)
    (r"(cA)^+ = (1/c)A^+", {"conditional"}),
    (r"(cA)^+ = (1/c)A^+, \quad c \neq 0", {"proved", "verified"}),
    (r"c \neq 0 \Rightarrow (cA)^+ = c^{-1}A^+", {"proved", "verified"}),
    (r"(cA)^+ = cA^+", {"refuted"}),
    # layout, words, subspaces
    (r"AA^+A = A \text{ and } A^+AA^+ = A", {"refuted"}),
    (r"A^+ &= (A^TA)^{-1}A^T \\ &= A^T \nonumber", {"refuted"}),
    (r"A^+b \in C(A^T)", {"proved", "verified"}),
    (r"A^+b \in N(A)", {"refuted"}),
]


@pytest.mark.parametrize("formula, verdicts", NOTATION_VERDICTS)
def test_notation_families_get_the_right_verdict(formula, verdicts):
    assert check_latex(formula).verdict.value in verdicts


def test_the_verdict_table_tests_refutation():
    false = [f for f, v in NOTATION_VERDICTS if v == {"refuted"}]
    assert len(false) >= 15  # the table tests refutation, not only acceptance


def test_one_sided_limit_variable_needs_no_declaration():
    # Any letter works: the front end declares the limit variable positive itself.
    res = check_latex(r"\lim_{t \to 0^+} (A^TA + tI)^{-1}A^T = A^+")
    assert res.verdict in (Verdict.PROVED, Verdict.VERIFIED)


def test_two_sided_limit_states_the_convention():
    res = check_latex(r"\lim_{\epsilon \to 0}(A^TA+\epsilon I)^{-1}A^T = A^+")
    assert res.verdict in (Verdict.PROVED, Verdict.VERIFIED)
    notes = [e.summary for e in res.evidence if e.leg == "convention"]
    assert len(notes) == 1 and "two-sided" in notes[0] and "rational" in notes[0]
    one_sided = check_latex(r"\lim_{\epsilon \to 0^+}(A^TA+\epsilon I)^{-1}A^T = A^+")
    assert not [e for e in one_sided.evidence if e.leg == "convention"]


def test_conjugate_transpose_convention_is_in_the_evidence():
    res = check_latex(r"(A^H)^+ = (A^+)^H")
    assert res.verdict in (Verdict.PROVED, Verdict.VERIFIED)
    assert any("conjugate transpose" in e.summary for e in res.evidence if e.leg == "convention")


def test_rank_conditions_are_refused_with_a_fix():
    with pytest.raises(UnsupportedError, match="assume"):
        check_latex(r"\mathrm{rank}(A) = n")


def test_concrete_counterexample_shows_both_sides():
    res = check_latex(r"\begin{pmatrix} 2 & 0 \\ 0 & 0 \end{pmatrix}^+ = \begin{pmatrix} 2 & 0 \\ 0 & 0 \end{pmatrix}")
    assert res.verdict is Verdict.REFUTED
    assert res.counterexample["lhs"] == sp.Matrix([[sp.Rational(1, 2), 0], [0, 0]])


def test_definitions_are_used_by_the_statements_after_them():
    res = check_latex(r"P \coloneqq AA^+,\ P^2 = P")
    assert res.verdict in (Verdict.PROVED, Verdict.VERIFIED)
    assert any("definition" in e.summary for e in res.evidence if e.leg == "convention")
    assert check_latex(r"P \triangleq AA^+,\quad P = I").verdict in (Verdict.CONDITIONAL, Verdict.REFUTED)
    with pytest.raises(UnsupportedError, match="only defines P"):
        check_latex(r"P := AA^+")


def test_a_written_out_matrix_defines_its_name_for_later_statements():
    good = r"A=\begin{bmatrix}a&b\\c&d\end{bmatrix},\quad A^{-1}=\frac{1}{ad-bc}\begin{bmatrix}d&-b\\-c&a\end{bmatrix}"
    assert check_latex(good).verdict is Verdict.PROVED
    assert check_latex(good.replace("ad-bc", "ad+bc")).verdict is Verdict.REFUTED
    alone = check_latex(r"A = \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}")
    assert alone.verdict is Verdict.REFUTED  # nothing uses it: a claim about a free A


def test_where_clause_definitions_are_substituted():
    assert check_latex(r"P^2 = P \text{ where } P = AA^+").verdict in (Verdict.PROVED, Verdict.VERIFIED)
    assert check_latex(r"P = I \text{ where } P = AA^+").verdict in (Verdict.CONDITIONAL, Verdict.REFUTED)


def test_unsupported_matrix_notation_is_an_error_not_a_refutation():
    with pytest.raises(LatexParseError, match="block matrices"):
        check_latex(r"\begin{bmatrix}A & U\\ V & -C^{-1}\end{bmatrix} = B")
    with pytest.raises(LatexParseError, match="subspace"):
        check_latex(r"C(A) + B = B")


def test_a_scalar_divisor_is_a_condition_unless_stated():
    # The front end used to assume 'c is nonzero: the formula divides by it' and verify
    # the claim; it is true only for c ≠ 0, which the formula does not state.
    unstated = check_latex(r"(c\mathbf{A})^+ = (1/c)\mathbf{A}^+")
    assert unstated.verdict is Verdict.CONDITIONAL and unstated.conditions == ("c ≠ 0",)
    assert check_latex(r"(\alpha A)^+ = \alpha^{-1} A^+").conditions == ("alpha ≠ 0",)
    stated = check_latex(r"(c\mathbf{A})^+ = (1/c)\mathbf{A}^+, \quad c \neq 0")
    assert stated.verdict in (Verdict.PROVED, Verdict.VERIFIED)
    assert any("c ≠ 0 is stated" in e.summary for e in stated.evidence)


def test_an_inequation_between_matrices():
    # Universal: one instance where the sides agree (zero matrices) refutes it.
    assert check_latex(r"(BA)^\dagger\neq A^\dagger B^\dagger").verdict is Verdict.REFUTED
    # Written-out (defined) matrices are compared exactly.
    A, B = sp.Matrix([[1, 0], [0, 0]]), sp.Matrix([[0, 0], [1, 2]])
    differ = check_latex(r"(BA)^\dagger\neq A^\dagger B^\dagger", definitions={"A": A, "B": B})
    assert differ.verdict is Verdict.PROVED
    same = check_latex(r"(BA)^\dagger\neq A^\dagger B^\dagger", definitions={"A": A, "B": A})
    assert same.verdict is Verdict.REFUTED


def test_kronecker_products_are_evaluated():
    assert check_latex(r"(A \otimes B)^+ = A^+ \otimes B^+").verdict in (Verdict.PROVED, Verdict.VERIFIED)
    assert check_latex(r"(A \otimes B)^+ = A^+ \otimes B^T").verdict is Verdict.REFUTED


def test_a_premise_naming_a_matrix_defines_it():
    result = check_latex(r"P = A (A^* A)^{-1} A^* \Rightarrow P^2 = P")
    assert result.verdict is Verdict.CONDITIONAL and result.conditions == ("A: full column rank",)
    assert check_latex(r"P = A (A^* A)^{-1} A^* \Rightarrow P^2 = 2P").verdict is Verdict.REFUTED


def test_definitions_lend_shapes_and_a_leading_name_names_the_value():
    row = sp.Matrix([[-1, 2, 2]])
    assert check_latex(r"A^+ = \frac{1}{9}\begin{bmatrix}-1 \\ 2 \\ 2\end{bmatrix}",
                       definitions={"A": row}).verdict is Verdict.PROVED
    assert check_latex(r"A^+ = \frac{1}{9}\begin{bmatrix}-1 \\ 2 \\ 3\end{bmatrix}",
                       definitions={"A": row}).verdict is Verdict.REFUTED
    A, B = sp.Matrix([[1, 0], [1, 0]]), sp.Matrix([[1, 1], [0, 1]])
    named = check_latex(r"X=B^+(ABB^+)^+=\frac12\pmatrix{1&1\\ 0&0}", definitions={"A": A, "B": B})
    assert named.verdict is Verdict.PROVED
    wrong = check_latex(r"X=B^+(ABB^+)^+=\frac13\pmatrix{1&1\\ 0&0}", definitions={"A": A, "B": B})
    assert wrong.verdict is Verdict.REFUTED


def test_a_chain_of_derivatives_is_compared_with_its_value():
    assert check_latex(r"\dfrac{d(b^Tx)}{d x} = \dfrac{d (x^Tb)}{d x} = b").verdict is Verdict.PROVED
    assert check_latex(r"\dfrac{d(b^Tx)}{d x} = \dfrac{d (x^Tb)}{d x} = 2b").verdict is Verdict.REFUTED


def test_ordinary_and_delta_derivatives_are_checked_as_gradients():
    assert check_latex(r"\frac{\delta}{\delta X} {\rm Tr}(XA) = A^T").verdict is Verdict.PROVED
    assert check_latex(r"\frac{\delta}{\delta X} {\rm Tr}(XA) = A").verdict is Verdict.REFUTED
    assert check_latex(r"\frac{d}{dX} \mbox{Trace} (X^TX) = 2X").verdict is Verdict.PROVED


def test_a_limit_of_an_expression_free_of_the_variable_is_the_expression():
    result = check_latex(r"\operatorname{Limit}_{a \rightarrow 0+}(\alpha I + A^TA)^{-1}A^T = A^+")
    assert result.verdict is Verdict.REFUTED
    assert any("does not depend on a" in e.summary for e in result.evidence)
    assert check_latex(r"\lim_{a \to 0} (A^TA)^{+}A^T = A^+").verdict in (Verdict.PROVED, Verdict.VERIFIED)


@pytest.mark.parametrize("param", [False, True])
def test_minimizers_polynomial_route_equals_the_expression_route(monkeypatch, param):
    from derivcheck.checks import argmin

    sympy = sp
    A, B, M = sympy.MatrixSymbol("A", 3, 2), sympy.MatrixSymbol("B", 2, 2), sympy.MatrixSymbol("M", 3, 2)
    eps = sympy.Symbol("epsilon", positive=True)
    E = A * B - M
    objective = sympy.Trace(E.T * E) + (eps * sympy.Trace(B.T * B) if param else 0)
    values = {A: sympy.Matrix([[1, 2], [2, 4], [0, 0]]), M: sympy.Matrix([[1, 0], [sympy.Rational(1, 2), 3], [2, 1]])}
    kwargs = {"param": eps} if param else {}
    fast = argmin.minimizers_at(objective, B, values, {}, **kwargs)
    monkeypatch.setattr(argmin, "_expanded_polynomial", lambda *args: None)
    slow = argmin.minimizers_at(objective, B, values, {}, **kwargs)
    for a, b in ((fast.point, slow.point), (fast.hessian, slow.hessian),
                 (fast.gradient_at_zero, slow.gradient_at_zero)):
        assert a == b and str(a) == str(b)
    assert fast.family_dimension == slow.family_dimension
