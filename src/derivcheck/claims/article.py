"""Articles: the registry that holds the claims of one article.

A derivation script creates one :class:`Article` per article it checks,
registers claims with :meth:`Article.claim` (``art.claim(id, kind, quote=...,
expect=...)``, the kind from :mod:`derivcheck.claims.kinds`) or one of its
shorthands (:meth:`Article.latex`, :meth:`Article.identity`, ...), and ends
with::

    if __name__ == "__main__":
        article.main()

so that ``python derivations/su2024.py`` runs its claims like
``derivcheck verify derivations/su2024.py``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator, Mapping, NoReturn, Sequence

from ..errors import ClaimError, InputError
from .claim import CheckFunction, Claim, validate_slug
from .kinds import Argmin, ClaimKind, Gradient, Identity, LatexFormula, Limit, Procedure
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
    >>> from derivcheck.claims.kinds import NotCheckable
    >>> art = Article("demo", "A demo", "nowhere")
    >>> _ = art.claim("remark", NotCheckable("a remark on style"), quote="Traces help.",
    ...               expect="not-checkable")
    >>> [c.id for c in art]
    ['remark']
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

    # -- registration ------------------------------------------------------------------

    @staticmethod
    def _assumption_text(assume) -> tuple[str, ...]:
        out = []
        for key, words in (assume or {}).items():
            name = getattr(key, "name", key)
            for w in ([words] if isinstance(words, str) else list(words)):
                out.append(f"{name}: {w}")
        return tuple(out)

    def claim(
        self,
        id: str,
        kind: ClaimKind | None = None,
        *,
        quote: str,
        expect: Verdict | str,
        statement: str | None = None,
        assumptions: Sequence[str] | None = None,
        budget: float | None = None,
        justification: str | None = None,
        source_latex: bool = False,
    ) -> Any:
        """Register a claim of the given *kind*; without a kind, a decorator.

        Parameters
        ----------
        id : str
            A slug, unique in the article.
        kind : ClaimKind, optional
            What is claimed (:mod:`derivcheck.claims.kinds`). Without it,
            ``@article.claim(id, quote=..., expect=...)`` decorates a
            hand-written ``check(ctx) -> CheckResult`` (a
            :class:`~derivcheck.claims.kinds.Procedure`).
        quote : str
            The article's words, verbatim.
        expect : Verdict or str
            The verdict the claim expects (:attr:`Claim.expected`).
        statement : str, optional
            Short description; default the kind's own
            (:meth:`~derivcheck.claims.kinds.ClaimKind.describe`), or the
            first docstring line of a decorated function.
        assumptions : sequence of str, optional
            The article's assumptions, for display; default those the kind
            states (``assume=``).
        budget, justification, source_latex
            As for :class:`Claim` (a :class:`~derivcheck.claims.kinds.NotCheckable`
            kind gives its reason as the justification; kinds built from
            LaTeX set *source_latex*).

        Returns
        -------
        Claim or callable
            The registered claim; or, without *kind*, a decorator that
            registers the function and returns it unchanged.

        Raises
        ------
        ClaimError
            When a field is malformed or the id is taken.

        Examples
        --------
        >>> import sympy as sp
        >>> from derivcheck.claims.kinds import Identity
        >>> art = Article("demo", "A demo", "nowhere")
        >>> A = sp.MatrixSymbol("A", 2, 3)
        >>> art.claim("double-transpose", Identity(A.T.T, A), quote="(Aᵀ)ᵀ = A", expect="proved").statement
        'A = A'
        """
        if kind is None:
            def register(check: CheckFunction) -> CheckFunction:
                self._register(id, Procedure(check), quote, expect, statement, assumptions, budget,
                               justification, source_latex)
                return check

            return register
        return self._register(id, kind, quote, expect, statement, assumptions, budget,
                              justification, source_latex)

    def _register(self, id, kind, quote, expect, statement, assumptions, budget, justification,
                  source_latex) -> Claim:
        if not isinstance(kind, ClaimKind):
            raise ClaimError(f"claim {id!r}.kind", kind, "must be a claim kind",
                             "use a kind of derivcheck.claims.kinds, e.g. Identity(lhs, rhs)")
        if statement is None and isinstance(quote, str):
            statement = kind.with_quote(quote).describe()
        if assumptions is None:
            assumptions = self._assumption_text(getattr(kind, "assume", None))
        return self.add(Claim(
            id=id, article=self._id, quote=quote, statement=statement, kind=kind,
            expected=expect, assumptions=tuple(assumptions), budget=budget,
            justification=justification, source_latex=source_latex,
        ))

    # -- shorthands for the kinds transcribed most often ---------------------------------

    def latex(self, id: str, *, quote: str, expect: Verdict | str, formula: str | None = None,
              statement: str | None = None, assume: Mapping[str, Any] | None = None,
              shapes: Mapping[str, tuple] | None = None, definitions: Mapping[str, Any] | None = None,
              budget: float | None = None, **options: Any) -> Claim:
        """Register a :class:`~derivcheck.claims.kinds.LatexFormula` claim.

        The formula checked is *quote* itself unless *formula* is given (a
        verbatim sub-formula of the quote); *options*: ``max_dim``,
        ``max_shapes``, ``per_profile``.
        """
        kind = LatexFormula(formula or "", assume, shapes, definitions, options)
        return self.claim(id, kind, quote=quote, expect=expect, statement=statement, budget=budget)

    def identity(self, id: str, *, quote: str, lhs: Any, rhs: Any, expect: Verdict | str,
                 statement: str | None = None, assume: Mapping[Any, Any] | None = None,
                 budget: float | None = None, **options: Any) -> Claim:
        """Register ``lhs = rhs``, an :class:`~derivcheck.claims.kinds.Identity`."""
        return self.claim(id, Identity(lhs, rhs, assume, options), quote=quote, expect=expect,
                          statement=statement, budget=budget)

    def gradient(self, id: str, *, quote: str, loss: Any, wrt: Any, claimed: Any, expect: Verdict | str,
                 statement: str | None = None, assume: Mapping[Any, Any] | None = None,
                 budget: float | None = None, **options: Any) -> Claim:
        """Register ``∂loss/∂wrt = claimed``, a :class:`~derivcheck.claims.kinds.Gradient`."""
        return self.claim(id, Gradient(loss, wrt, claimed, assume, options), quote=quote,
                          expect=expect, statement=statement, budget=budget)

    def limit(self, id: str, *, quote: str, expr: Any, var: Any, claimed: Any = None,
              expect: Verdict | str, statement: str | None = None, diverges: bool = False,
              assume: Mapping[Any, Any] | None = None, budget: float | None = None,
              **options: Any) -> Claim:
        """Register ``lim_{var→0⁺} expr = claimed``, a :class:`~derivcheck.claims.kinds.Limit`.

        ``diverges=True`` (or the checkers' ``DIVERGES`` marker as *claimed*)
        claims that the limit does not exist.
        """
        if claimed is not None and repr(claimed) == "DIVERGES":
            claimed, diverges = None, True
        return self.claim(id, Limit(expr, var, claimed, diverges, assume, options), quote=quote,
                          expect=expect, statement=statement, budget=budget)

    def argmin(self, id: str, *, quote: str, objective: Any, wrt: Any, claimed: Any,
               expect: Verdict | str, statement: str | None = None,
               assume: Mapping[Any, Any] | None = None, budget: float | None = None,
               **options: Any) -> Claim:
        """Register ``claimed = argmin_wrt objective``, an :class:`~derivcheck.claims.kinds.Argmin`."""
        return self.claim(id, Argmin(objective, wrt, claimed, assume, options), quote=quote,
                          expect=expect, statement=statement, budget=budget)

    def main(self, argv: Sequence[str] | None = None) -> NoReturn:
        """Run the script that defines this article like ``derivcheck verify SCRIPT``, and exit.

        Accepts the options of ``derivcheck verify`` except the paths
        (``--format``, ``--seed``, ``--only``, ...); the exit code is the
        CLI's: 0 when every verdict equals its expectation, 1 otherwise, 2 on
        bad input. The command line runs in a child process (``python -m
        derivcheck verify SCRIPT ...``), so an article, which is data, never
        imports the command line.
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
        if self.script is None:
            raise ClaimError("article.main()", self._id, "cannot tell which script defines the article",
                             "run the script as a file: python derivations/<script>.py")
        args = list(sys.argv[1:] if argv is None else argv)
        sys.exit(subprocess.call([sys.executable, "-m", "derivcheck", "verify", str(self.script), *args]))
