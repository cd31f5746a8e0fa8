"""The bad-input catalogue: every kind of bad input derivcheck must refuse clearly.

Two tables, used by ``test_bad_input_api.py`` and ``test_bad_input_cli.py``
and listed in ``README.md`` (a test keeps the three in step):

:data:`API_CASES`
    Python calls. Each must raise its :class:`ApiCase.error` (a
    :class:`~derivcheck.errors.DerivCheckError` subclass) whose message holds
    ``name=value``, the rule (:attr:`ApiCase.rule`, a regular expression) and
    ``Fix:``.
:data:`CLI_CASES`
    Command lines. Each must exit with status 2 and print exactly one line on
    stderr, ``derivcheck: error: ...``, matching :attr:`CliCase.match`; never
    a traceback, never a report on stdout.

A case whose bug lies in a file this suite may not change carries ``xfail``:
the reason names the file, the symptom and the fix; its test is marked
``xfail(strict=True)`` so that it turns into a failure the day the bug is
fixed (then drop the mark).

Every case is a zero-argument callable (API) or an argument vector with
files to create (CLI), so that building the catalogue runs nothing.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Callable, Mapping

import mpmath
import numpy as np
import sympy

import derivcheck as dc
from derivcheck.runner import run_claims
from derivcheck.claims.loader import load_derivations
from derivcheck.errors import (
    AssumptionError,
    ClaimError,
    DerivationLoadError,
    DerivCheckError,
    DimensionError,
    InexactInputError,
    InputError,
    InputShapeError,
    InputTypeError,
    LatexParseError,
    NonFiniteError,
    PrecisionError,
    UnsupportedError,
)
from derivcheck.exact import penrose_certificate
from derivcheck.exact.convert import as_exact_matrix
from derivcheck.highprec import pinv_mp_details

__all__ = ["ApiCase", "CliCase", "API_CASES", "CLI_CASES", "KINDS"]


@dataclass(frozen=True)
class ApiCase:
    """One bad call of the Python API.

    Attributes
    ----------
    id : str
        Test id.
    kind : str
        The kind of bad input (one of :data:`KINDS`).
    call : callable
        Makes the bad call.
    error : type
        The DerivCheckError subclass it must raise.
    name : str
        The ``name`` of ``name=value`` in the message.
    rule : str
        Regular expression the rule part of the message must match.
    xfail : str, optional
        Why the case fails today (a bug in a file this suite may not edit).
    """

    id: str
    kind: str
    call: Callable[[], object]
    error: type[DerivCheckError]
    name: str
    rule: str
    xfail: str | None = None


@dataclass(frozen=True)
class CliCase:
    """One bad command line.

    Attributes
    ----------
    id, kind : str
        Test id and kind of bad input.
    argv : tuple of str
        Arguments after ``derivcheck``; ``{tmp}`` stands for a fresh
        directory holding :attr:`files`.
    match : str
        Regular expression the stderr line must match.
    files : mapping of str to str or bytes
        Files to create under ``{tmp}`` (text is written as UTF-8).
    usage : bool
        True for an argparse usage error (``argument --x: ...``), which
        ends with a pointer to ``--help`` instead of ``Fix:``.
    xfail : str, optional
        As for :class:`ApiCase`.
    subprocess : bool
        Run ``python -m derivcheck`` in a fresh process rather than
        ``derivcheck.cli.main`` in this one (needed where the process's own
        ``sys.argv`` matters; used for a few cases to cover the real process).
    """

    id: str
    kind: str
    argv: tuple[str, ...]
    match: str
    files: Mapping[str, str | bytes] = field(default_factory=dict)
    usage: bool = False
    xfail: str | None = None
    subprocess: bool = False


# ----------------------------------------------------------------------------- symbols

A32 = sympy.MatrixSymbol("A", 3, 2)
S22 = sympy.MatrixSymbol("S", 2, 2)
_n = sympy.Symbol("n", integer=True, positive=True)
W = sympy.MatrixSymbol("W", _n, _n + 1)  # never square: no instance is invertible
EPS = sympy.Symbol("epsilon", positive=True)
E_PLAIN = sympy.Symbol("e")  # no sign assumption
LOSS_FORMULA = r"\frac{\partial \mathcal{L}}{\partial B} = 2A^{\top}(AB - M)"

# A quoted claim with a non-ASCII quote, and its article copy in UTF-8.
QUOTE = "la dérivée 导数 vaut 2Aᵀ(AB − M)"
GOOD_SCRIPT = f'''
from derivcheck import Article, CheckResult, Verdict
art = Article("enc", "Encodings", "catalogue", filename="article.md")

@art.claim("one", quote={QUOTE!r}, expect="proved", statement="two is positive")
def one(ctx):
    return CheckResult(Verdict.PROVED if 2 > 0 else Verdict.REFUTED, "2 > 0")
'''
ARTICLE_TEXT = f"# Article\n\nDans le texte, {QUOTE}.\n"

RAISING_SCRIPT = '''
from derivcheck import Article
art = Article("raises", "Raises", "catalogue")
raise RuntimeError("broken derivation script")
'''

DUPLICATE_CLAIM_SCRIPT = '''
from derivcheck import Article, CheckResult, Verdict
art = Article("dup", "Duplicates", "catalogue")

def check(ctx):
    return CheckResult(Verdict.PROVED if 1 < 2 else Verdict.REFUTED, "1 < 2")

art.claim("same-id", quote="q", expect="proved", statement="first")(check)
art.claim("same-id", quote="q", expect="proved", statement="second")(check)
'''


def _article_script(article_id: str) -> str:
    return f'''
from derivcheck import Article, CheckResult, Verdict
art = Article({article_id!r}, "Twice", "catalogue")

@art.claim("c", quote="q", expect="proved", statement="s")
def c(ctx):
    return CheckResult(Verdict.PROVED if 1 < 2 else Verdict.REFUTED, "1 < 2")
'''


EXITING_SCRIPT = '''
import sys
from derivcheck import Article
art = Article("exits", "Exits", "catalogue")
sys.exit(0)
'''

UNGUARDED_MAIN_SCRIPT = '''
from derivcheck import Article, CheckResult, Verdict
art = Article("unguarded", "Unguarded main", "catalogue")

@art.claim("c", quote="q", expect="proved", statement="s")
def c(ctx):
    return CheckResult(Verdict.PROVED if 1 < 2 else Verdict.REFUTED, "1 < 2")

art.main()   # not under if __name__ == "__main__"
'''


def _raises_on_use(name: str):
    def call():
        raise AssertionError(f"{name} must not be reached")
    return call


# ----------------------------------------------------------------------------- API table



def _matrix_of_tuples() -> sympy.ImmutableMatrix:
    with warnings.catch_warnings():  # SymPy deprecates non-Expr entries, but still builds them
        warnings.simplefilter("ignore")
        return sympy.ImmutableMatrix([[sympy.Tuple(1, 2)]])


def _register_twice(claim_id: str) -> None:
    article = dc.Article("dup", "Duplicates", "catalogue")
    for _ in range(2):
        article.add(dc.Claim(id=claim_id, article="dup", quote="q", statement="s",
                             expected="proved", check=_raises_on_use(claim_id)))


def _verify_articles_not_loaded():
    return run_claims("derivations/su_2024.py")


API_CASES: tuple[ApiCase, ...] = (
    # --- wrong types ------------------------------------------------------------
    ApiCase("exact-text-matrix", "wrong type: text for a matrix",
            lambda: dc.pinv_exact("[[1, 2], [3, 4]]"), InputTypeError, "A", "text is never parsed"),
    ApiCase("exact-none", "wrong type: None for a matrix",
            lambda: dc.pinv_exact(None), InputTypeError, "A", "not a matrix"),
    ApiCase("exact-dict", "wrong type: dict for a matrix",
            lambda: dc.pinv_exact({0: [1, 2]}), InputTypeError, "A", "not a matrix"),
    ApiCase("exact-bool-entry", "wrong type: boolean entry",
            lambda: dc.pinv_exact([[True, 0]]), InputTypeError, "A[0,0]", "boolean"),
    ApiCase("exact-float-entry", "float in the exact tier",
            lambda: dc.pinv_exact([[0.1, 1]]), InexactInputError, "A[0,0]", "does not accept floats"),
    ApiCase("exact-pi-entry", "transcendental entry in the exact tier",
            lambda: dc.pinv_exact(sympy.Matrix([[sympy.pi]])), UnsupportedError, "A",
            "not an algebraic number"),
    ApiCase("exact-free-symbol", "symbolic entry where numbers are needed",
            lambda: dc.pinv_exact(sympy.Matrix([[sympy.Symbol("x"), 1]])), InputTypeError, "A",
            "free symbols"),
    ApiCase("exact-matrix-expression", "matrix expression without entries",
            lambda: dc.pinv_exact(A32), InputTypeError, "A", "no explicit entries"),
    ApiCase("exact-bad-float-policy", "unknown option value (floats=)",
            lambda: dc.pinv_exact([[1, 2]], floats="maybe"), InputError, "floats",
            "float policy must be"),
    ApiCase("exact-bad-backend", "unknown option value (backend=)",
            lambda: dc.pinv_exact([[1]], backend="fortran"), InputError, "backend", "must be one of"),
    ApiCase("limit-bad-side", "unknown option value (side=)",
            lambda: dc.regularized_limit([[1]], side="up"), InputError, "side", "must be one of"),
    ApiCase("f64-symmetric-not-bool", "wrong type: text for a flag",
            lambda: dc.pinv_svd64([[1.0]], symmetric="yes"), InputTypeError, "symmetric",
            "True or False"),
    ApiCase("f64-object-entry", "wrong type: non-number entry",
            lambda: dc.pinv_svd64([[1.0, None]]), InputTypeError, "A[0,1]", "not a real number"),
    ApiCase("exact-sympy-tuple-entry", "wrong type: SymPy non-expression entry",
            lambda: dc.pinv_exact(_matrix_of_tuples()), InputTypeError,
            "A[0,0]", "not a scalar expression"),
    # --- strings where expressions are expected ---------------------------------
    ApiCase("identity-text-side", "text where an expression is expected",
            lambda: dc.check_identity("A*A.T", A32 * A32.T), InputTypeError, "lhs",
            "text is never parsed"),
    ApiCase("gradient-text-claimed", "text where an expression is expected",
            lambda: dc.check_gradient(sympy.Trace(A32.T * A32), A32, "2*A"), InputTypeError,
            "claimed", "text is never parsed"),
    ApiCase("limit-text-claimed", "text where an expression is expected",
            lambda: dc.check_limit(EPS * A32, EPS, "ZeroMatrix(3, 2)"), InputTypeError, "claimed",
            "text is never parsed"),
    ApiCase("pinv-of-text", "text where an expression is expected",
            lambda: dc.Pinv("A"), InputTypeError, "arg", "matrix expression"),
    ApiCase("latex-definition-text", "text where an expression is expected",
            lambda: dc.check_latex(LOSS_FORMULA, definitions={r"\mathcal{L}": "trace(A)"}),
            InputTypeError, "loss", "text is never parsed"),
    ApiCase("latex-not-text", "wrong type: formula that is not a string",
            lambda: dc.parse_latex(42), InputTypeError, "formula", "string of LaTeX"),
    # --- ragged lists and wrong numbers of dimensions -----------------------------
    ApiCase("exact-ragged", "ragged list",
            lambda: dc.pinv_exact([[1, 2], [3]]), InputShapeError, "A", "same length"),
    ApiCase("mp-ragged", "ragged list",
            lambda: dc.pinv_mp([[1, 2], [3]]), InputShapeError, "A", "same length"),
    ApiCase("f64-ragged", "ragged list",
            lambda: dc.pinv_svd64([[1.0, 2.0], [3.0]]), InputShapeError, "A", "same length"),
    ApiCase("exact-empty-list", "empty list (no definite shape)",
            lambda: dc.pinv_exact([]), InputShapeError, "A", "no definite shape"),
    ApiCase("exact-0d", "0-d array",
            lambda: dc.pinv_exact(np.array(3)), InputShapeError, "A", "ndim=0"),
    ApiCase("mp-1d", "1-d array",
            lambda: dc.pinv_mp(np.arange(3.0)), InputShapeError, "A", "ndim=1"),
    ApiCase("f64-1d-list", "1-d list",
            lambda: dc.pinv_svd64([1.0, 2.0]), InputShapeError, "A", "ndim=1"),
    ApiCase("f64-3d", "3-d array",
            lambda: dc.pinv_svd64(np.zeros((2, 2, 2))), InputShapeError, "A", "ndim=3"),
    ApiCase("exact-3d-list", "3-d nested list",
            lambda: dc.pinv_exact([[[1, 2]], [[3, 4]]]), InputShapeError, "A", "3-d input"),
    ApiCase("f64-scalar", "0-d scalar for a matrix",
            lambda: dc.pinv_svd64(3.0), InputTypeError, "A", "not a matrix"),
    # --- shape mismatches -------------------------------------------------------
    ApiCase("penrose-wrong-candidate-shape", "shape mismatch",
            lambda: penrose_certificate([[1, 2, 3]], [[1, 2, 3]]), InputShapeError, "X",
            "must be 3x1"),
    ApiCase("crosscheck-wrong-leg-shape", "shape mismatch",
            lambda: dc.cross_check_pinv([[1, 2]], exact_pinv=sympy.Matrix([[1, 2]])),
            InputShapeError, "mpmath", "exact result's shape"),
    ApiCase("latex-inner-dimensions", "shape mismatch",
            lambda: dc.parse_latex("AB", shapes={"A": (4, 3), "B": (2, 2)}), InputShapeError,
            "formula[0:2]", "inner dimensions differ"),
    ApiCase("identity-matrix-vs-scalar", "shape mismatch (matrix = scalar)",
            lambda: dc.check_identity(A32, sympy.Symbol("x")), InputTypeError, "rhs",
            "one side is a matrix"),
    # --- NaN, inf, complex ------------------------------------------------------
    ApiCase("exact-nan", "NaN",
            lambda: dc.pinv_exact([[math.nan]], floats="exact"), NonFiniteError, "A[0,0]", "finite"),
    ApiCase("exact-sympy-zoo", "infinity (SymPy zoo)",
            lambda: dc.pinv_exact(sympy.Matrix([[sympy.zoo]])), NonFiniteError, "A[0,0]", "finite"),
    ApiCase("mp-inf", "infinity",
            lambda: dc.pinv_mp([[math.inf, 1.0]]), NonFiniteError, "A[0,0]", "finite"),
    ApiCase("f64-nan", "NaN",
            lambda: dc.pinv_svd64(np.array([[1.0, math.nan]])), NonFiniteError, "A[0,1]", "finite"),
    ApiCase("f64-overflowing-int", "entry that overflows float64",
            lambda: dc.pinv_svd64([[10**400]]), NonFiniteError, "A[0,0]", "overflows float64"),
    ApiCase("exact-complex", "complex entry",
            lambda: dc.pinv_exact([[1 + 2j]]), InputTypeError, "A[0,0]", "real numbers"),
    ApiCase("exact-sympy-I", "complex entry (SymPy I)",
            lambda: dc.pinv_exact(sympy.Matrix([[1, sympy.I]])), InputTypeError, "A[0,1]",
            "real numbers"),
    ApiCase("mp-complex", "complex entry",
            lambda: dc.pinv_mp([[mpmath.mpc(1, 1)]]), InputTypeError, "A[0,0]", "real numbers"),
    ApiCase("f64-complex-array", "complex array",
            lambda: dc.pinv_svd64(np.eye(2, dtype=complex)), InputTypeError, "A", "real only"),
    ApiCase("symbolic-nonreal-symbol", "complex symbol",
            lambda: dc.pinv_symbolic(sympy.Matrix([[sympy.Symbol("z", real=False)]])),
            AssumptionError, "z", "real numbers"),
    ApiCase("f64-masked-entry", "masked array entry",
            lambda: dc.pinv_svd64(np.ma.array([[1.0, 2.0]], mask=[[0, 1]])), InputError, "A",
            "masked entry"),
    # --- huge dimensions --------------------------------------------------------
    ApiCase("exact-huge", "huge dimensions",
            lambda: dc.pinv_exact(np.broadcast_to(np.int8(1), (5_000, 5_000))), DimensionError, "A",
            "at most"),
    ApiCase("mp-huge", "huge dimensions",
            lambda: dc.pinv_mp(mpmath.matrix(100_000, 100_000)), DimensionError, "A", "at most"),
    ApiCase("f64-huge", "huge dimensions",
            lambda: dc.pinv_svd64(np.broadcast_to(0.0, (100_000, 100_000))), DimensionError, "A",
            "at most"),
    ApiCase("latex-huge-shape", "huge dimensions",
            lambda: dc.parse_latex("A", shapes={"A": (10**6, 2)}), InputShapeError, "shapes['A']",
            "between 1 and"),
    # --- precision and tolerances -----------------------------------------------
    ApiCase("mp-dps-zero", "non-positive dps",
            lambda: dc.pinv_mp([[1]], dps=0), PrecisionError, "dps", "between 1 and"),
    ApiCase("mp-dps-float", "non-integer dps",
            lambda: dc.pinv_mp([[1]], dps=30.5), PrecisionError, "dps", "positive integer"),
    ApiCase("mp-dps-bool", "non-integer dps (bool)",
            lambda: pinv_mp_details([[1]], dps=True), PrecisionError, "dps", "positive integer"),
    ApiCase("identity-dps-negative", "non-positive dps",
            lambda: dc.check_identity(A32, A32, dps=-5), PrecisionError, "dps", "between 1 and"),
    ApiCase("f64-negative-rtol", "negative tolerance",
            lambda: dc.pinv_svd64([[1.0]], rtol=-1e-3), PrecisionError, "rtol", "finite number >= 0"),
    ApiCase("f64-nan-atol", "NaN tolerance",
            lambda: dc.pinv_svd64([[1.0]], atol=math.nan), PrecisionError, "atol", "finite number >= 0"),
    ApiCase("mp-negative-cutoff", "negative tolerance",
            lambda: dc.pinv_mp([[1]], cutoff=-1), PrecisionError, "cutoff", "finite number >= 0"),
    ApiCase("crosscheck-kappa-below-one", "condition number below 1",
            lambda: dc.cross_check_pinv([[1, 0]], kappa=0.5), InputError, "kappa", "condition number is >= 1"),
    # --- the limit variable -----------------------------------------------------
    ApiCase("limit-eps-not-positive", "ε that is not a positive symbol",
            lambda: dc.check_limit(E_PLAIN * A32, E_PLAIN, sympy.ZeroMatrix(3, 2)), InputTypeError,
            "var", "declared positive"),
    ApiCase("limit-eps-text", "ε given as text",
            lambda: dc.check_limit(EPS * A32, "epsilon", sympy.ZeroMatrix(3, 2)), InputTypeError,
            "var", "scalar sympy.Symbol"),
    ApiCase("limit-eps-expression", "ε that is an expression, not a symbol",
            lambda: dc.check_limit(EPS * A32, 2 * EPS, sympy.ZeroMatrix(3, 2)), InputTypeError,
            "var", "scalar sympy.Symbol"),
    # --- assumptions, ranks, dimensions ------------------------------------------
    ApiCase("assume-unknown-word", "unknown assumption",
            lambda: dc.check_identity(A32, A32, assume={A32: "nice"}), AssumptionError, "assume[A]",
            "unknown assumption"),
    ApiCase("assume-contradictory", "contradictory assumptions",
            lambda: dc.check_identity(S22, S22, assume={S22: ["invertible", "rank-deficient"]}),
            AssumptionError, "assume[S]", "exclude each other"),
    ApiCase("assume-two-ranks", "contradictory assumptions (two ranks)",
            lambda: dc.check_identity(S22, S22, assume={S22: ["rank 1", "rank 2"]}), AssumptionError,
            "assume[S]", "two different ranks"),
    ApiCase("assume-impossible-rank", "impossible rank",
            lambda: dc.check_identity(A32, A32, assume={A32: "rank 5"}), AssumptionError,
            "assume[A]", "no 3x2 matrix satisfies"),
    ApiCase("assume-negative-rank", "impossible rank (negative)",
            lambda: dc.check_identity(A32, A32, assume={A32: "rank -1"}), AssumptionError,
            "assume[A]", "non-negative integer"),
    ApiCase("assume-square-word-on-rectangle", "impossible assumption for the shape",
            lambda: dc.check_identity(A32, A32, assume={A32: "invertible"}), AssumptionError,
            "assume[A]", "square required"),
    ApiCase("assume-key-is-text", "assumption keyed by text",
            lambda: dc.check_identity(A32, A32, assume={"A": "symmetric"}), InputTypeError,
            "assume key", "keyed by sympy.MatrixSymbol"),
    ApiCase("assume-value-not-text", "assumption that is not text",
            lambda: dc.check_identity(A32, A32, assume={A32: 5}), InputTypeError, "assume[A]",
            "string"),
    ApiCase("latex-assume-unknown-name", "assumption about a matrix the formula lacks",
            lambda: dc.check_latex("A = A", assume={"Z": "symmetric"}), InputTypeError,
            "assume['Z']", "no matrix named"),
    ApiCase("latex-assume-not-mapping", "assumptions that are not a mapping",
            lambda: dc.check_latex("A = A", assume="A: symmetric"), InputTypeError, "assume",
            "map"),
    ApiCase("dims-no-instantiation", "symbolic dimensions with no valid instantiation",
            lambda: dc.check_identity(W, W, assume={W: "invertible"}), DimensionError, "shapes",
            "no assignment of the dimensions"),
    ApiCase("generator-impossible-rank", "impossible rank",
            lambda: dc.random_rational_matrix(2, 3, rank=3), InputShapeError, "rank",
            "must satisfy 0 <= rank"),
    ApiCase("identity-negative-seed", "negative seed",
            lambda: dc.check_identity(A32, A32, seed=-1), InputError, "seed", ">= 0"),
    ApiCase("identity-zero-draws", "sampling parameter out of range",
            lambda: dc.check_identity(A32, A32, per_profile=0), InputError, "per_profile", ">= 1"),
    ApiCase("identity-inverse-of-zero", "inverse of the zero matrix",
            lambda: dc.check_identity(
                sympy.MatMul(S22, sympy.Inverse(sympy.ZeroMatrix(2, 2)), evaluate=False), S22),
            InputError, "lhs", "zero matrix"),
    # --- LaTeX ------------------------------------------------------------------
    ApiCase("latex-empty", "empty formula",
            lambda: dc.parse_latex("   "), LatexParseError, "formula[0]", "empty"),
    ApiCase("latex-unclosed", "unclosed bracket",
            lambda: dc.parse_latex(r"A = \frac{B}{"), LatexParseError, "formula[13]", "ends too early"),
    ApiCase("latex-too-long", "formula too long",
            lambda: dc.parse_latex("A+" * 3000 + "A"), LatexParseError, "formula[5000]", "longer than"),
    ApiCase("latex-too-deep", "formula nested too deeply",
            lambda: dc.parse_latex("(" * 100 + "A" + ")" * 100), LatexParseError, "formula[60]",
            "nested deeper"),
    ApiCase("latex-inverse-of-zero", "inverse of zero",
            lambda: dc.parse_latex("A = I(0)^{-1}"), LatexParseError, "formula[5]",
            "inverse of zero"),
    ApiCase("latex-division-by-zero", "division by zero",
            lambda: dc.parse_latex(r"x = \frac{1}{0}"), LatexParseError, "formula[13]",
            "division by zero"),
    ApiCase("latex-shape-not-tuple", "shape given as text",
            lambda: dc.parse_latex("AB", shapes={"A": "4x3"}), InputShapeError, "shapes['A']",
            "tuple"),
    ApiCase("check-latex-bad-shapes-argument", "invalid shapes argument (zero size)",
            lambda: dc.check_latex("A = A", shapes={"A": (0, 3)}), InputShapeError, "shapes['A']",
            "between 1 and"),
    ApiCase("shape-option-zero", "zero dimension in --shape",
            lambda: dc.parse_shape_option("A=0x3"), InputShapeError, "shape", "positive integer sizes"),
    ApiCase("shape-option-twice", "name given twice in --shape",
            lambda: dc.parse_shape_option("A=2x3,A=3x2"), InputShapeError, "shape", "given twice"),
    ApiCase("latex-nothing-to-check", "formula without an equation",
            lambda: dc.check_latex("A^{\\top} A"), UnsupportedError, "formula", "no equation"),
    # --- claims, articles, files ------------------------------------------------
    ApiCase("claim-duplicate-id", "duplicate claim ids",
            lambda: _register_twice("x"), ClaimError, "article 'dup' claim id",
            "already registered"),
    ApiCase("claim-bad-id", "claim id that is not a slug",
            lambda: dc.Article("art", "t", "s").claim("two words", quote="q", expect="proved",
                                                       statement="s")(_raises_on_use("c")),
            ClaimError, "id", "must be a slug"),
    ApiCase("claim-expects-inconsistent", "impossible expected verdict",
            lambda: dc.Article("art", "t", "s").claim("c", quote="q", expect="inconsistent",
                                                       statement="s")(_raises_on_use("c")),
            ClaimError, "claim 'c'.expected", "cannot be expected"),
    ApiCase("claim-unknown-verdict", "unknown expected verdict",
            lambda: dc.Article("art", "t", "s").identity("c", quote="q", lhs=A32, rhs=A32,
                                                          expect="probably"),
            ClaimError, "claim 'c'.expected", "not a verdict"),
    ApiCase("claim-negative-budget", "negative budget",
            lambda: dc.Article("art", "t", "s").identity("c", quote="q", lhs=A32, rhs=A32,
                                                          expect="proved", budget=-1),
            ClaimError, "claim 'c'.budget", "seconds > 0"),
    ApiCase("run-negative-seed", "negative seed",
            lambda: run_claims([], seed=-2), InputError, "seed", ">= 0"),
    ApiCase("run-zero-budget", "non-positive budget",
            lambda: run_claims([], budget=0), InputError, "budget", "seconds > 0"),
    ApiCase("run-text-for-articles", "wrong type: path text for articles",
            _verify_articles_not_loaded, InputTypeError, "articles", "Article"),
    ApiCase("load-missing-script", "missing file",
            lambda: load_derivations(["/nonexistent/derivation.py"]), DerivationLoadError, "PATH",
            "no such file"),
    ApiCase("load-non-path", "wrong type: number for a path",
            lambda: load_derivations([5]), DerivationLoadError, "PATH", "path"),
    ApiCase("as-exact-text-entry", "text entry",
            lambda: as_exact_matrix([["1/3", 1]]), InputTypeError, "A[0,0]", "text is never parsed"),
)


# ----------------------------------------------------------------------------- CLI table


CLI_CASES: tuple[CliCase, ...] = (
    CliCase("no-command", "missing subcommand", (), r"required: COMMAND", usage=True),
    CliCase("unknown-command", "unknown subcommand", ("bogus",), r"invalid choice: 'bogus'",
            usage=True),
    CliCase("verify-missing-script", "missing file", ("verify", "{tmp}/missing.py"),
            r"PATH='.*missing\.py': no such file or directory"),
    CliCase("verify-not-python", "wrong file type", ("verify", "{tmp}/notes.txt"),
            r"is not a Python file", files={"notes.txt": "x = 1\n"}),
    CliCase("verify-empty-directory", "directory without scripts", ("verify", "{tmp}/empty"),
            r"holds no derivation script", files={"empty/readme.md": "nothing\n"}),
    CliCase("verify-script-raises", "a derivation script that raises", ("verify", "{tmp}/raises.py"),
            r"failed to load at line 4: RuntimeError: broken derivation script",
            files={"raises.py": RAISING_SCRIPT}, subprocess=True),
    CliCase("verify-script-syntax-error", "a derivation script that does not parse",
            ("verify", "{tmp}/syntax.py"), r"failed to load at line 1: SyntaxError",
            files={"syntax.py": "def broken(:\n"}),
    CliCase("verify-script-not-utf8", "a derivation script in another encoding",
            ("verify", "{tmp}/gbk.py"), r"failed to load",
            files={"gbk.py": ("# 导数\n" + GOOD_SCRIPT).encode("gb18030")}),
    CliCase("verify-no-article", "a script without an Article", ("verify", "{tmp}/plain.py"),
            r"defines no Article", files={"plain.py": "x = 1\n"}),
    CliCase("verify-duplicate-claim-ids", "duplicate claim ids", ("verify", "{tmp}/dup.py"),
            r"claim id='same-id': is already registered", files={"dup.py": DUPLICATE_CLAIM_SCRIPT}),
    CliCase("verify-duplicate-article-ids", "duplicate article ids",
            ("verify", "{tmp}/one.py", "{tmp}/two.py"), r"article id='twice': is defined twice",
            files={"one.py": _article_script("twice"), "two.py": _article_script("twice")}),
    CliCase("verify-article-gb18030", "article in GB18030",
            ("verify", "{tmp}/good.py", "--article", "{tmp}/article.md"),
            r"article='.*article\.md': is not UTF-8 text \(byte 0x[0-9a-f]{2} at offset \d+",
            files={"good.py": GOOD_SCRIPT, "article.md": ARTICLE_TEXT.encode("gb18030")},
            subprocess=True),
    CliCase("verify-article-utf16", "article in UTF-16",
            ("verify", "{tmp}/good.py", "--article", "{tmp}/article.md"),
            r"is not UTF-8 text \(byte 0xff at offset 0",
            files={"good.py": GOOD_SCRIPT, "article.md": ARTICLE_TEXT.encode("utf-16")}),
    CliCase("verify-article-missing", "missing file",
            ("verify", "{tmp}/good.py", "--article", "{tmp}/nowhere.md"),
            r"article='.*nowhere\.md': no such file or directory", files={"good.py": GOOD_SCRIPT}),
    CliCase("verify-article-unreadable", "unreadable file (a directory where the copy should be)",
            ("verify", "{tmp}/good.py", "--article", "{tmp}/copies"), r"cannot be read",
            files={"good.py": GOOD_SCRIPT, "copies/article.md/keep": ""}),
    CliCase("verify-unknown-only", "unknown claim id", ("verify", "{tmp}/good.py", "--only", "nope"),
            r"only='nope': no loaded claim has this id", files={"good.py": GOOD_SCRIPT}),
    CliCase("verify-output-dir-missing", "output into a missing directory",
            ("verify", "{tmp}/good.py", "--output", "{tmp}/no/such/dir/report.txt"),
            r"--output=.*its directory does not exist", files={"good.py": GOOD_SCRIPT}),
    CliCase("verify-negative-seed", "negative seed", ("verify", "{tmp}/good.py", "--seed", "-1"),
            r"argument --seed: seed=-1: must be an integer >= 0", files={"good.py": GOOD_SCRIPT},
            usage=True),
    CliCase("verify-seed-fix", "negative seed (message with name=value and Fix)",
            ("verify", "{tmp}/good.py", "--seed", "-1"), r"seed=-1: must be an integer >= 0\. Fix:",
            files={"good.py": GOOD_SCRIPT}),
    CliCase("verify-dps-zero", "non-positive dps", ("verify", "{tmp}/good.py", "--dps", "0"),
            r"argument --dps: dps=0: must be a positive integer between 1", files={"good.py": GOOD_SCRIPT},
            usage=True),
    CliCase("verify-dps-not-integer", "non-integer dps", ("verify", "{tmp}/good.py", "--dps", "2.5"),
            r"argument --dps: not a number: '2\.5'", files={"good.py": GOOD_SCRIPT}, usage=True),
    CliCase("verify-budget-nan", "non-finite budget", ("verify", "{tmp}/good.py", "--budget", "nan"),
            r"argument --budget: budget=nan: must be a finite number", files={"good.py": GOOD_SCRIPT},
            usage=True),
    CliCase("verify-jobs-zero", "zero processes", ("verify", "{tmp}/good.py", "--jobs", "0"),
            r"argument --jobs: jobs=0: must be an integer >= 1", files={"good.py": GOOD_SCRIPT},
            usage=True),
    CliCase("verify-bad-format", "unknown report format",
            ("verify", "{tmp}/good.py", "--format", "xml"), r"invalid choice: 'xml'",
            files={"good.py": GOOD_SCRIPT}, usage=True),
    CliCase("verify-script-exits", "a derivation script that calls sys.exit",
            ("verify", "{tmp}/exits.py"), r"exit", files={"exits.py": EXITING_SCRIPT}),
    CliCase("verify-unguarded-main", "a derivation script that runs main() on import",
            ("verify", "{tmp}/unguarded.py"), r"__main__",
            files={"unguarded.py": UNGUARDED_MAIN_SCRIPT}, subprocess=True),
    CliCase("latex-missing-formula", "missing argument", ("check-latex",),
            r"required: FORMULA", usage=True),
    CliCase("latex-parse-error", "LaTeX outside the supported subset",
            ("check-latex", r"A = \frac{B}{"), r"formula\[\d+\]=.*ends too early", subprocess=True),
    CliCase("latex-assume-malformed", "assumption without NAME:",
            ("check-latex", "A = A", "--assume", "A"), r"--assume='A': an assumption is written"),
    CliCase("latex-assume-unknown", "unknown assumption",
            ("check-latex", "A = A", "--assume", "A: lovely"), r"assume\[A\]='lovely': unknown assumption"),
    CliCase("latex-assume-contradictory", "contradictory assumptions",
            ("check-latex", "A = A", "--assume", "A: invertible", "--assume", "A: rank-deficient"),
            r"exclude each other"),
    CliCase("latex-assume-impossible", "impossible rank for the shape",
            ("check-latex", "A = A", "--assume", "A: rank 4", "--shape", "A=3x2"),
            r"no 3x2 matrix satisfies"),
    CliCase("latex-shape-malformed", "malformed --shape", ("check-latex", "A = A", "--shape", "A=3*2"),
            r"shape='A=3\*2': an item must read NAME=ROWSxCOLS"),
    CliCase("latex-shape-huge", "huge dimensions", ("check-latex", "A = A", "--shape", "A=100000x3"),
            r"sizes above 10000 are not supported"),
    CliCase("latex-dps-negative", "non-positive dps", ("check-latex", "A = A", "--dps", "-3"),
            r"argument --dps: dps=-3: must be a positive integer between 1", usage=True),
)

#: The kinds of bad input the catalogue covers (each with at least one case).
KINDS: tuple[str, ...] = tuple(sorted({c.kind for c in API_CASES} | {c.kind for c in CLI_CASES}))


def markdown_tables() -> str:
    """The two tables of README.md (``python tests/robustness/catalogue.py`` prints them)."""
    import re
    import shlex

    def quoted(arg: str) -> str:
        return arg if re.fullmatch(r"[\w{}./=,+-]+", arg) else shlex.quote(arg)

    def status(case) -> str:
        if case.xfail:
            return f"xfail: `{case.xfail.split(' ')[0]}`"
        return "passes (usage error)" if getattr(case, "usage", False) else "passes"

    lines = ["### Python API", "", "| id | kind of bad input | expected error (`name=`) | status |",
             "|---|---|---|---|"]
    lines += [f"| `{c.id}` | {c.kind} | `{c.error.__name__}` (`{c.name}=`) | {status(c)} |"
              for c in API_CASES]
    lines += ["", "### Command line", "", "| id | kind of bad input | command | status |",
              "|---|---|---|---|"]
    for c in CLI_CASES:
        command = " ".join(["derivcheck", *map(quoted, c.argv)]).replace("|", "\\|")
        lines.append(f"| `{c.id}` | {c.kind} | `{command}` | {status(c)} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown_tables(), end="")
