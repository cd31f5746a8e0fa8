"""Each kind of formula, and what earlier formulas change about later ones."""

from __future__ import annotations

from derivcheck.document.classify import Candidate, DocumentState, classify


def _classify(*texts, prose=()):
    state = DocumentState()
    prose = list(prose) + [""] * (len(texts) - len(prose))
    return [classify(Candidate(i + 1, "d.md", 1, 1, None, t, p), state) for i, (t, p) in
            enumerate(zip(texts, prose))]


def _reads_definition(task, name, value):
    """The claim is checked with *name* standing for *value*: given, or read before the formula."""
    if name in task.definitions:
        return True
    head = task.formula.rsplit(r",\quad", 1)[0]
    return head.startswith(name) and " ".join(value.split()) in " ".join(head.split())


def test_kinds():
    kinds = [f.kind for f in _classify(
        r"A \in \mathbb{R}^{3 \times 2}", r"A A^+ A = A", r"P = A A^+", r"A^T A",
        r"\sum_i a_i = 1", r"Q := A^T A", r"\lambda > 0")]
    assert kinds == ["declaration", "claim", "definition", "expression", "unsupported", "definition",
                     "unsupported"]


def test_unsupported_reason_names_the_notation():
    (f,) = _classify(r"\sum_i a_i = 1")
    assert f.kind == "unsupported" and "\\sum" in f.reason and "(in " not in f.reason


def test_declaration_sets_shapes_for_later_claims():
    formulas = _classify(r"A \in \mathbb{R}^{m \times n}", r"x \in \mathbb{R}^n", r"A A^+ A x = A x")
    assert formulas[2].task.shapes["A"] == ("m", "n") and formulas[2].task.shapes["x"] == ("n", 1)
    # a later declaration of the same name replaces the shape
    formulas = _classify(r"A \in \mathbb{R}^{2 \times 3}", r"A \in \mathbb{R}^{3 \times 3}", r"A^+ A = I")
    assert formulas[2].task.shapes["A"] == (3, 3)


def test_new_name_with_value_is_a_definition_but_a_known_name_is_a_claim():
    formulas = _classify(r"A^T", r"P = A A^+", r"P = A^+ A")
    assert [f.kind for f in formulas] == ["expression", "definition", "claim"]
    assert _reads_definition(formulas[2].task, "P", "A A^+")  # P stands for its definition


def test_hypothesis_needs_an_unknown_on_one_side_only():
    formulas = _classify(r"A^T", r"A G A = A", r"(A B)^T = B^T A^T")
    assert [f.kind for f in formulas] == ["expression", "hypothesis", "claim"]
    assert "G" in formulas[1].reason and formulas[1].task is None


def test_supposition_words_make_hypotheses():
    formulas = _classify(r"A^T", r"A^T A = I", r"A^T A = I", prose=["", "Suppose ", "so "])
    assert [f.kind for f in formulas] == ["expression", "hypothesis", "claim"]


def test_conditions_are_tentative():
    formulas = _classify(r"p", r"p = 2", r"(I - A A^+) A = 0", r"A A^+ A = A")
    assert [bool(f.tentative) for f in formulas] == [False, True, True, False]


def test_unicode_declaration_and_definition_signs():
    formulas = _classify("A ∈ ℝ^{m×n}", r"P \coloneqq A A^+", r"P A = A")
    assert [f.kind for f in formulas] == ["declaration", "definition", "claim"]
    assert formulas[2].task.shapes["A"] == ("m", "n") and _reads_definition(formulas[2].task, "P", "A A^+")


def test_redefinition_by_explicit_matrix():
    formulas = _classify(r"A^T", r"B = A A^T", r"B = \begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}")
    # an explicit matrix gives a (re)definition even of a known name, when the parser reads matrices
    assert formulas[1].kind == "definition"
    assert formulas[2].kind in ("definition", "unsupported")


def test_bound_variables_are_not_unknowns():
    formulas = _classify(r"A^T", r"A^+ = \lim_{\lambda \to 0} (A^T A + \lambda I)^{-1} A^T",
                         r"A^+ = \mathop{\text{argmin}}_B \|A B - I\|_F^2")
    assert [f.kind for f in formulas] == ["expression", "claim", "claim"]


def test_name_equals_name_is_a_condition_not_a_definition():
    formulas = _classify(r"m = n", r"\eqref{eq:one}, \eqref{eq:two}")
    assert formulas[0].kind == "claim" and formulas[0].tentative
    assert formulas[1].kind == "expression" and formulas[1].reason == "a reference to an equation"


def test_an_inequation_between_matrices_is_a_claim_and_between_scalars_is_not():
    formulas = _classify(r"(BA)^\dagger \neq A^\dagger B^\dagger", r"c \neq 0")
    assert [f.kind for f in formulas] == ["claim", "unsupported"]
