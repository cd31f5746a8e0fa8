"""Articles: the registry that holds the claims of one article.

A derivation script creates one :class:`Article` per article it checks,
registers claims with :meth:`Article.claim` (a decorator) or
:meth:`Article.add`, and ends with::

    if __name__ == "__main__":
        article.main()

so that ``python derivations/su_2024.py`` runs its claims like
``derivcheck verify derivations/su_2024.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, NoReturn, Sequence

from ..errors import ClaimError, InputError
from .claim import CheckFunction, Claim, validate_slug
from ..results import Verdict

__all__ = ["Article"]


class Article:
    """The claims of one article, in registration order.

    Parameters
    ----------
    id : str
        A slug naming the article (``"su-2024"``); unique in a run.
    title : str
        The article's title, as printed in reports.
    source : str
        Where the article comes from (URL, or author, venue and date).
    filename : str, optional
        The article's file name in a directory of article copies, used to
        verify quotes (:func:`derivcheck.claims.quotes.check_quotes`).

    Attributes
    ----------
    script : pathlib.Path or None
        The derivation script that defines the article; set by
        :func:`derivcheck.claims.loader.load_derivations` (and by
        :meth:`main`). Worker processes re-import it to find the claims.

    Raises
    ------
    ClaimError
        When a field is malformed.

    Examples
    --------
    >>> from derivcheck.results import CheckResult, Verdict
    >>> art = Article("demo", "A demo", "nowhere")
    >>> @art.claim("one-plus-one", quote="1+1=2", expect="proved", statement="1+1=2")
    ... def one_plus_one(ctx):
    ...     return CheckResult(Verdict("proved"), "Eq(2, 2)")
    >>> [c.id for c in art]
    ['one-plus-one']
    """

    __slots__ = ("_id", "_title", "_source", "_filename", "_claims", "script")

    def __init__(self, id: str, title: str, source: str, filename: str | None = None) -> None:
        self._id = validate_slug("article id", id)
        for name, value in (("title", title), ("source", source)):
            if not isinstance(value, str) or not value.strip():
                raise ClaimError(f"article {id!r}.{name}", value, "must be a non-empty string",
                                 f"give the article's {name}")
        if filename is not None and (
            not isinstance(filename, str) or not filename.strip() or Path(filename).name != filename
        ):
            raise ClaimError(f"article {id!r}.filename", filename,
                             "must be a bare file name (no directory part)",
                             "pass the name of the article's copy, e.g. 'su-2024.md'")
        self._title = title
        self._source = source
        self._filename = filename
        self._claims: dict[str, Claim] = {}
        self.script: Path | None = None

    id = property(lambda self: self._id, doc="The article's id.")
    title = property(lambda self: self._title, doc="The article's title.")
    source = property(lambda self: self._source, doc="Where the article comes from.")
    filename = property(lambda self: self._filename, doc="File name of the article's copy.")

    @property
    def claims(self) -> tuple[Claim, ...]:
        """The claims, in registration order."""
        return tuple(self._claims.values())

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.claims)

    def __len__(self) -> int:
        return len(self._claims)

    def __contains__(self, claim_id: object) -> bool:
        return claim_id in self._claims

    def __getitem__(self, claim_id: str) -> Claim:
        try:
            return self._claims[claim_id]
        except KeyError:
            raise InputError(f"article {self._id!r} claim", claim_id, "no claim has this id",
                             "use one of " + ", ".join(self._claims) if self._claims
                             else "register claims first") from None

    def __repr__(self) -> str:
        return f"Article({self._id!r}, {len(self._claims)} claims)"

    def add(self, claim: Claim) -> Claim:
        """Register *claim* and return it.

        Raises
        ------
        ClaimError
            When *claim* is not a :class:`Claim`, belongs to another article,
            or its id is already registered.
        """
        if not isinstance(claim, Claim):
            raise ClaimError(f"article {self._id!r} claim", claim, "must be a Claim",
                             "build it with Claim(...) or the @article.claim decorator")
        if claim.article != self._id:
            raise ClaimError(f"claim {claim.id!r}.article", claim.article,
                             f"does not match the article {self._id!r} it is added to",
                             f"set article={self._id!r}")
        if claim.id in self._claims:
            raise ClaimError(f"article {self._id!r} claim id", claim.id, "is already registered",
                             "give every claim of an article its own id")
        self._claims[claim.id] = claim
        return claim

    # -- registration helpers for the common kinds of claim --------------------------

    def _register(self, id, quote, expect, statement, assumptions, budget, justification,
                  source_latex, check) -> Claim:
        return self.add(Claim(
            id=id, article=self._id, quote=quote, statement=statement, check=check,
            expected=expect, assumptions=tuple(assumptions), budget=budget,
            justification=justification, source_latex=source_latex,
        ))

    @staticmethod
    def _assumption_text(assume) -> tuple[str, ...]:
        out = []
        for key, words in (assume or {}).items():
            name = getattr(key, "name", key)
            for w in ([words] if isinstance(words, str) else list(words)):
                out.append(f"{name}: {w}")
        return tuple(out)

    def latex(self, id: str, *, quote: str, expect: Verdict | str, formula: str | None = None,
              statement: str | None = None, assume: Mapping[str, Any] | None = None,
              shapes: Mapping[str, tuple] | None = None, definitions: Mapping[str, Any] | None = None,
              budget: float | None = None, **options: Any) -> Claim:
        """Register a claim checked straight from its LaTeX (:func:`derivcheck.check_latex`).

        Parameters
        ----------
        id, quote, expect, statement, budget
            As for :meth:`claim`. The formula checked is *quote* itself unless
            *formula* is given (a verbatim sub-formula of the quote).
        assume, shapes, definitions, **options
            Passed to :func:`~derivcheck.checks.latex.check_latex` (options:
            ``max_dim``, ``max_shapes``, ``per_profile``).
        """
        text = quote if formula is None else formula

        def check(ctx):
            from ..checks.latex import check_latex

            return check_latex(text, assume=assume, shapes=shapes, definitions=definitions,
                               seed=ctx.seed, dps=ctx.dps, **options)

        return self._register(id, quote, expect, statement or text, self._assumption_text(assume),
                              budget, None, True, check)

    def identity(self, id: str, *, quote: str, lhs: Any, rhs: Any, expect: Verdict | str,
                 statement: str | None = None, assume: Mapping[Any, Any] | None = None,
                 budget: float | None = None, **options: Any) -> Claim:
        """Register ``lhs = rhs`` (transcribed by hand) for :func:`derivcheck.check_identity`."""
        def check(ctx):
            from ..checks.identity import check_identity

            return check_identity(lhs, rhs, assume=assume, seed=ctx.seed, dps=ctx.dps, **options)

        import sympy

        text = statement or f"{sympy.sstr(lhs)} = {sympy.sstr(rhs)}"
        return self._register(id, quote, expect, text, self._assumption_text(assume), budget, None,
                              False, check)

    def gradient(self, id: str, *, quote: str, loss: Any, wrt: Any, claimed: Any, expect: Verdict | str,
                 statement: str | None = None, assume: Mapping[Any, Any] | None = None,
                 budget: float | None = None, **options: Any) -> Claim:
        """Register ``∂loss/∂wrt = claimed`` for :func:`derivcheck.check_gradient`."""
        def check(ctx):
            from ..checks.gradient import check_gradient

            return check_gradient(loss, wrt, claimed, assume=assume, seed=ctx.seed, dps=ctx.dps, **options)

        text = statement or f"d/d{wrt.name} ({loss}) = {claimed}"
        return self._register(id, quote, expect, text, self._assumption_text(assume), budget, None,
                              False, check)

    def limit(self, id: str, *, quote: str, expr: Any, var: Any, claimed: Any, expect: Verdict | str,
              statement: str | None = None, assume: Mapping[Any, Any] | None = None,
              budget: float | None = None, **options: Any) -> Claim:
        """Register ``lim_{var→0⁺} expr = claimed`` for :func:`derivcheck.check_limit`."""
        def check(ctx):
            from ..checks.limit import check_limit

            return check_limit(expr, var, claimed, assume=assume, seed=ctx.seed, dps=ctx.dps, **options)

        text = statement or f"lim {var}→0+ of {expr} = {claimed}"
        return self._register(id, quote, expect, text, self._assumption_text(assume), budget, None,
                              False, check)

    def claim(
        self,
        id: str,
        *,
        quote: str,
        expect: Verdict | str,
        statement: str | None = None,
        assumptions: Sequence[str] = (),
        budget: float | None = None,
        justification: str | None = None,
        source_latex: bool = False,
    ) -> Callable[[CheckFunction], CheckFunction]:
        """Decorator: register a function ``check(ctx) -> CheckResult`` as a claim.

        Parameters
        ----------
        id, quote, assumptions, budget, justification, source_latex
            As for :class:`Claim`.
        expect : Verdict or str
            The expected verdict (:attr:`Claim.expected`).
        statement : str, optional
            Short description; defaults to the first line of the function's
            docstring.

        Returns
        -------
        callable
            A decorator that registers the function and returns it unchanged.

        Raises
        ------
        ClaimError
            When a field is malformed or the id is taken.
        """

        def register(check: CheckFunction) -> CheckFunction:
            text = statement
            if text is None:
                doc = (getattr(check, "__doc__", None) or "").strip()
                text = doc.splitlines()[0].strip() if doc else ""
            self.add(Claim(
                id=id, article=self._id, quote=quote, statement=text, check=check,
                expected=expect,
                assumptions=assumptions,
                budget=budget, justification=justification, source_latex=source_latex,
            ))
            return check

        return register

    def main(self, argv: Sequence[str] | None = None) -> NoReturn:
        """Run this article's claims, print the report, and exit.

        Accepts the options of ``derivcheck verify`` except the paths
        (``--format``, ``--seed``, ``--only``, ...); the exit code is the
        CLI's: 0 when every verdict equals its expectation, 1 otherwise, 2 on
        bad input.
        """
        caller = sys._getframe(1).f_globals
        if caller.get("__name__") != "__main__":
            raise ClaimError(
                "article.main()", self._id, "was called while the script is being imported",
                "guard it: if __name__ == '__main__': art.main()",
            )
        if self.script is None:
            caller_file = caller.get("__file__")
            if caller_file:
                self.script = Path(caller_file).resolve()
        from ..cli import main_for_articles  # the CLI sits above this layer

        sys.exit(main_for_articles([self], argv))
