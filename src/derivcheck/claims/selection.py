"""Select claims by id, as ``derivcheck verify --only`` does."""

from __future__ import annotations

import difflib
from typing import Iterable

from ..errors import InputError, InputTypeError
from .article import Article
from .claim import Claim

__all__ = ["select_claims"]


def select_claims(
    articles: Iterable[Article], only: Iterable[str] | None = None
) -> tuple[Claim, ...]:
    """Return the claims of *articles*, or only those named in *only*.

    Parameters
    ----------
    articles : iterable of Article
        The loaded articles.
    only : iterable of str, optional
        Claim ids (``"grad-B"``, selecting that id in every article) or
        qualified ids (``"su-2024/grad-B"``). Case is ignored when the name
        matches no id exactly (``"su-2024/grad-b"`` selects ``grad-B``).

    Returns
    -------
    tuple of Claim
        In article and registration order, each once.

    Raises
    ------
    InputError
        When a name in *only* matches no claim (the message lists close
        matches), or matches several ids that differ only in case.

    Examples
    --------
    >>> from derivcheck.claims.kinds import NotCheckable
    >>> art = Article("demo", "Demo", "nowhere")
    >>> _ = art.claim("Remark", NotCheckable("style advice"), quote="q", expect="not-checkable")
    >>> [c.qualified_id for c in select_claims([art], ["demo/remark"])]
    ['demo/Remark']
    """
    if isinstance(articles, (str, bytes)) or not hasattr(articles, "__iter__"):
        raise InputTypeError("articles", articles, "must be an iterable of Article objects",
                             "load them with derivcheck.claims.load_derivations(paths)")
    articles = list(articles)
    for item in articles:
        if not isinstance(item, Article):
            raise InputTypeError("articles", item, "must be Article objects",
                                 "load them with derivcheck.claims.load_derivations(paths)")
    claims = [claim for article in articles for claim in article.claims]
    if only is None:
        return tuple(claims)
    if isinstance(only, (str, bytes)):
        raise InputTypeError("only", only, "must be a list of ids, not one string",
                             "wrap it: only=[" + repr(only) + "]")
    known = {c.id for c in claims} | {c.qualified_id for c in claims}
    folded: dict[str, set[str]] = {}
    for name in known:
        folded.setdefault(name.casefold(), set()).add(name)
    wanted = set()
    for name in only:
        if name in known:
            wanted.add(name)
            continue
        matches = folded.get(str(name).casefold(), set())
        if len(matches) == 1:
            wanted |= matches
            continue
        if len(matches) > 1:
            raise InputError("only", name, "matches several ids that differ only in case: "
                             + ", ".join(sorted(matches)), "write the id with its exact case")
        close = difflib.get_close_matches(str(name), sorted(known), n=5, cutoff=0.6)
        hint = ("did you mean " + ", ".join(close)) if close else (
            "known ids: " + ", ".join(sorted(c.id for c in claims)[:10])
            + (", ..." if len(claims) > 10 else ""))
        raise InputError("only", name, "no loaded claim has this id", hint)
    return tuple(c for c in claims if c.id in wanted or c.qualified_id in wanted)
