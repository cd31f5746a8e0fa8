"""Verify that every claim quotes its article verbatim.

A claim's :attr:`~derivcheck.claims.claim.Claim.quote` must occur in a copy
of the article, character for character, up to two normalisations applied
to *both* the quote and the article text:

1. the HTML entities that web captures leave in formulas are decoded:
   ``&lt;`` → ``<``, ``&gt;`` → ``>``, ``&amp;`` → ``&``, ``&quot;`` → ``"``,
   ``&#39;``/``&apos;`` → ``'``, ``&nbsp;`` → a no-break space; each in one
   pass, so ``&amp;lt;`` becomes ``&lt;`` (no other entity is touched, and
   nothing else is rewritten);
2. every run of whitespace (Unicode-aware: spaces, tabs, line breaks,
   no-break spaces) becomes one space, and the quote is stripped.

So a quote may be copied from the rendered page (``s < r``) or from the
source (``s &lt; r``), and may be re-wrapped freely; but whitespace is never
*removed*, so ``AB`` does not match ``A B``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from ..errors import ArticleError
from ..results import MissingQuote
from .article import Article
from .claim import Claim

__all__ = ["MissingQuote", "check_quotes", "normalize_text", "read_article"]

_ENTITIES = {
    "&lt;": "<",
    "&gt;": ">",
    "&amp;": "&",
    "&quot;": '"',
    "&#39;": "'",
    "&apos;": "'",
    "&nbsp;": "\u00a0",
}
_ENTITY = re.compile("|".join(re.escape(e) for e in _ENTITIES))
_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Decode the few HTML entities above and collapse whitespace runs.

    Parameters
    ----------
    text : str
        A quote or a whole article.

    Returns
    -------
    str
        The normalised text, stripped.

    Examples
    --------
    >>> normalize_text("  s &lt; r,\\n  and\\tt ")
    's < r, and t'
    """
    decoded = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], text)
    return _SPACE.sub(" ", decoded).strip()


def read_article(path: str | Path) -> str:
    """Read an article copy as UTF-8 text.

    Parameters
    ----------
    path : str or Path
        The article file.

    Returns
    -------
    str
        Its text (a leading byte-order mark is dropped).

    Raises
    ------
    ArticleError
        When the file is missing or unreadable, or is not valid UTF-8 (the
        message gives the byte offset of the first bad byte).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError("article", str(path), f"cannot be read ({exc.strerror or exc})",
                           "pass the path of a readable article copy") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            "article", str(path),
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start} is invalid)",
            "re-encode the file as UTF-8, e.g. iconv -f GB18030 -t UTF-8 old > new",
        ) from None


def _article_files(articles: tuple[Article, ...], article_path: Path) -> dict[str, Path]:
    if not article_path.is_dir():
        if not article_path.is_file():
            raise ArticleError("article", str(article_path), "no such file or directory",
                               "pass an article copy or a directory of them")
        return {a.id: article_path for a in articles}
    files = {}
    for article in articles:
        if article.filename is None:
            raise ArticleError(
                f"article {article.id!r}.filename", None,
                f"is needed to find the article's copy in the directory {article_path}",
                "set Article(..., filename='name.md') or pass the article file itself",
            )
        files[article.id] = article_path / article.filename
    return files


def check_quotes(
    articles: Iterable[Article],
    article_path: str | Path,
    *,
    claims: Iterable[Claim] | None = None,
) -> tuple[MissingQuote, ...]:
    """Return the claims whose quote does not occur in their article's copy.

    Parameters
    ----------
    articles : iterable of Article
        The articles whose claims are checked.
    article_path : str or Path
        Either one article file, searched for the quotes of all *articles*
        (typically one), or a directory holding the copies, where each
        article's copy is ``article_path / article.filename``.
    claims : iterable of Claim, optional
        Only these claims (e.g. the ones a run selected); default: all.

    Returns
    -------
    tuple of MissingQuote
        In article and registration order; empty when every quote is found.

    Raises
    ------
    ArticleError
        When a copy is missing, unreadable or not UTF-8, or an article has no
        :attr:`~derivcheck.claims.article.Article.filename` while
        *article_path* is a directory.

    Notes
    -----
    Matching is exact after :func:`normalize_text` on both sides.
    """
    articles = tuple(articles)
    wanted = None if claims is None else {c.qualified_id for c in claims}
    files = _article_files(articles, Path(article_path))
    texts: dict[Path, str] = {}
    missing = []
    for article in articles:
        path = files[article.id]
        if path not in texts:
            texts[path] = normalize_text(read_article(path))
        for claim in article.claims:
            if wanted is not None and claim.qualified_id not in wanted:
                continue
            if normalize_text(claim.quote) not in texts[path]:
                missing.append(MissingQuote(article.id, claim.id, claim.quote, path.name))
    return tuple(missing)
