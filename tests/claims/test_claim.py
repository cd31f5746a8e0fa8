"""Claims, check contexts, seeds, articles and quote verification."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from derivcheck.claims.article import Article
from derivcheck.claims.claim import MAX_DPS, CheckContext, Claim, derive_seed
from derivcheck.claims.quotes import check_quotes, normalize_text, read_article
from derivcheck.results import CheckResult, Verdict
from derivcheck.errors import ArticleError, ClaimError, InputError, PrecisionError

DATA = Path(__file__).parent / "data"


def _proved(ctx):
    return CheckResult(Verdict.PROVED, "Eq(1, 1)")


def _claim(**overrides):
    fields = dict(id="c-1", article="art", quote="a quote", statement="a statement",
                  check=_proved, expected="proved")
    fields.update(overrides)
    return Claim(**fields)


# --- Claim -------------------------------------------------------------------------


def test_claim_normalises_fields():
    claim = _claim(assumptions=["A is square"], budget=2)
    assert claim.expected is Verdict.PROVED
    assert claim.assumptions == ("A is square",)
    assert claim.budget == 2.0
    assert claim.qualified_id == "art/c-1"


@pytest.mark.parametrize("bad_id", ["", "has space", "-leading", "trailing-", "a--b", "é", 3])
def test_claim_rejects_ids_that_are_not_slugs(bad_id):
    with pytest.raises(ClaimError, match="must be a slug"):
        _claim(id=bad_id)


def test_claim_rejects_unknown_expected_verdict():
    with pytest.raises(ClaimError, match=r"expected='provd': is not a verdict.*proved"):
        _claim(expected="provd")


def test_claim_cannot_expect_inconsistent():
    with pytest.raises(ClaimError, match="cannot be expected"):
        _claim(expected=Verdict.INCONSISTENT)


def test_not_checkable_requires_a_justification():
    with pytest.raises(ClaimError, match="justification=None: is required"):
        _claim(expected="not-checkable")
    claim = _claim(expected="not-checkable", justification="prose")
    assert claim.expected is Verdict.NOT_CHECKABLE


@pytest.mark.parametrize("budget", [0, -1, float("inf"), float("nan"), True, "5"])
def test_claim_rejects_bad_budgets(budget):
    with pytest.raises(ClaimError, match="budget"):
        _claim(budget=budget)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("quote", "   ", "quote=' ': must be a non-empty string"),
    ("statement", None, "statement=None: must be a non-empty string"),
    ("check", "not callable", "check='not callable': must be callable"),
    ("assumptions", "A is square", "must be a tuple of strings"),
    ("assumptions", ("ok", ""), "every entry must be a non-empty string"),
    ("source_latex", 1, "must be True or False"),
    ("justification", "", "must be a non-empty string"),
])
def test_claim_rejects_malformed_fields(field, value, message):
    with pytest.raises(ClaimError, match=message):
        _claim(**{field: value})


def test_claim_is_immutable():
    claim = _claim()
    with pytest.raises(AttributeError):
        claim.expected = Verdict.REFUTED  # type: ignore[misc]


# --- seeds and contexts ---------------------------------------------------------------


def test_derive_seed_follows_its_documented_formula():
    digest = hashlib.sha256("7\x1fart\x1fc-1".encode()).digest()
    assert derive_seed(7, "art", "c-1") == int.from_bytes(digest[:8], "big") >> 1


def test_derive_seed_separates_runs_articles_and_claims():
    seeds = {derive_seed(s, a, c) for s in (0, 1) for a in ("x", "y") for c in ("p", "q")}
    assert len(seeds) == 8
    assert all(0 <= s < 2**63 for s in seeds)


def test_derive_seed_does_not_confuse_field_boundaries():
    assert derive_seed(0, "ab", "c") != derive_seed(0, "a", "bc")


def test_claim_context_uses_claim_budget_over_run_default():
    assert _claim(budget=3).context(0, 50, 60.0).budget == 3.0
    ctx = _claim().context(5, 40, 60.0)
    assert (ctx.seed, ctx.dps, ctx.budget) == (derive_seed(5, "art", "c-1"), 40, 60.0)


def test_context_rng_is_reproducible_and_seed_dependent():
    draws = [CheckContext(seed=s, dps=10, budget=1.0).rng().random() for s in (1, 1, 2)]
    assert draws[0] == draws[1] != draws[2]


@pytest.mark.parametrize(("field", "value", "error"), [
    ("seed", -1, InputError), ("seed", 1.5, InputError), ("seed", True, InputError),
    ("dps", 0, PrecisionError), ("dps", MAX_DPS + 1, PrecisionError), ("dps", 20.0, PrecisionError),
    ("budget", 0, InputError), ("budget", float("nan"), InputError),
])
def test_context_validates(field, value, error):
    fields = dict(seed=0, dps=30, budget=1.0)
    fields[field] = value
    with pytest.raises(error, match=f"{field}="):
        CheckContext(**fields)


# --- Article -----------------------------------------------------------------------------


def test_article_keeps_registration_order_and_returns_the_function():
    art = Article("art", "An article", "somewhere")
    names = ["zeta", "alpha", "mid"]
    for name in names:
        def check(ctx):
            """First docstring line.

            More text.
            """
            return CheckResult(Verdict.PROVED, "x")
        assert art.claim(name, quote="q", expect="proved")(check) is check
    assert [c.id for c in art] == names
    assert len(art) == 3 and "alpha" in art
    assert art["mid"].statement == "First docstring line."


def test_article_rejects_duplicate_ids():
    art = Article("art", "An article", "somewhere")
    art.add(_claim())
    with pytest.raises(ClaimError, match="id='c-1': is already registered"):
        art.add(_claim(quote="another quote"))
    with pytest.raises(ClaimError, match="already registered"):
        art.claim("c-1", quote="q", expect="proved", statement="s")(_proved)
    assert len(art) == 1


def test_article_rejects_claims_of_other_articles_and_non_claims():
    art = Article("other", "An article", "somewhere")
    with pytest.raises(ClaimError, match="does not match the article 'other'"):
        art.add(_claim())
    with pytest.raises(ClaimError, match="must be a Claim"):
        art.add("c-1")  # type: ignore[arg-type]


def test_decorator_without_statement_or_docstring_is_refused():
    art = Article("art", "An article", "somewhere")
    with pytest.raises(ClaimError, match="statement=''"):
        art.claim("c", quote="q", expect="proved")(lambda ctx: None)


def test_article_lookup_of_unknown_claim_names_known_ones():
    art = Article("art", "An article", "somewhere")
    art.add(_claim())
    with pytest.raises(InputError, match="no claim has this id. Fix: use one of c-1"):
        art["c-2"]


@pytest.mark.parametrize(("args", "message"), [
    (("bad id", "t", "s"), "must be a slug"),
    (("art", "", "s"), "title='': must be a non-empty string"),
    (("art", "t", "s", "dir/file.md"), "must be a bare file name"),
])
def test_article_validates_its_fields(args, message):
    with pytest.raises(ClaimError, match=message):
        Article(*args)


def test_article_fields_are_read_only():
    art = Article("art", "An article", "somewhere")
    with pytest.raises(AttributeError):
        art.id = "x"  # type: ignore[misc]


# --- quotes ------------------------------------------------------------------------------


def _quoting_article(*quotes: str) -> Article:
    art = Article("art", "An article", "somewhere", filename="article.md")
    for index, quote in enumerate(quotes):
        art.add(_claim(id=f"q{index}", quote=quote))
    return art


def test_normalize_text_decodes_entities_once_and_collapses_whitespace():
    assert normalize_text(" s &lt; r\n\t&amp;lt;  x\u00a0y ") == "s < r &lt; x y"


def test_quotes_found_despite_whitespace_and_entities(tmp_path):
    path = tmp_path / "article.md"
    path.write_text("We have $s &lt; r$ and\n   $A^+ =\n(A^T A)^{-1} A^T$ here.", encoding="utf-8")
    art = _quoting_article("$s < r$", "$A^+ = (A^T A)^{-1}   A^T$", "$s &lt; r$")
    assert check_quotes([art], path) == ()


def test_missing_quote_is_reported(tmp_path):
    path = tmp_path / "article.md"
    path.write_text("We have $A^+ = (A^T A)^{-1} A^T$ here.", encoding="utf-8")
    art = _quoting_article("$A^+ = (A^T A)^{-1} A^T$", "$A^+ = A^T (A A^T)^{-1}$", "$A^+=(A^T A)^{-1}A^T$")
    missing = check_quotes([art], path)
    # the second quote is absent; the third removes whitespace, which is not allowed
    assert [(m.claim, m.file) for m in missing] == [("q1", "article.md"), ("q2", "article.md")]
    assert missing[0].quote == "$A^+ = A^T (A A^T)^{-1}$"


def test_quote_check_can_be_restricted_to_selected_claims(tmp_path):
    path = tmp_path / "article.md"
    path.write_text("present", encoding="utf-8")
    art = _quoting_article("present", "absent")
    assert len(check_quotes([art], path)) == 1
    assert check_quotes([art], path, claims=[art["q0"]]) == ()


def test_quote_check_against_a_directory_uses_the_article_filename():
    art = _quoting_article("placeholder")
    toy = Article("toy", "Toy", "here", filename="toy-article.md")
    toy.add(Claim(id="t", article="toy", quote="Two  matrices\ncommute: $AB = BA$.",
                  statement="s", check=_proved, expected="refuted"))
    with pytest.raises(ArticleError, match="article.md"):  # art's copy is not in DATA
        check_quotes([art], DATA)
    assert check_quotes([toy], DATA) == ()


def test_quote_check_needs_filenames_for_a_directory(tmp_path):
    art = Article("art", "An article", "somewhere")
    with pytest.raises(ArticleError, match=r"filename=None: is needed"):
        check_quotes([art], tmp_path)


def test_non_utf8_article_is_refused_with_the_offset(tmp_path):
    path = tmp_path / "latin1.md"
    data = "pseudo-inverse, café".encode("latin-1")
    path.write_bytes(data)
    offset = data.index("é".encode("latin-1"))
    with pytest.raises(ArticleError, match=rf"is not UTF-8 text \(byte 0xe9 at offset {offset} "):
        read_article(path)
    with pytest.raises(ArticleError, match="re-encode the file as UTF-8"):
        check_quotes([_quoting_article("x")], path)


def test_missing_article_file_is_refused(tmp_path):
    with pytest.raises(ArticleError, match="no such file or directory"):
        check_quotes([_quoting_article("x")], tmp_path / "nope.md")


def test_utf8_bom_is_ignored(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeff伪逆".encode("utf-8"))
    assert read_article(path) == "伪逆"
