"""Load derivation scripts by file path and collect their articles.

A derivation script is a Python file that defines one or more
:class:`~derivcheck.claims.article.Article` objects at module level. Loading
imports it under a private module name derived from its resolved path (so
two scripts with the same file name in different directories never clash,
and a script is never mistaken for a package module) and collects every
module-level ``Article``, in definition order.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import sys
import traceback
from pathlib import Path
from types import ModuleType
from typing import Iterable

from ..errors import DerivCheckError, DerivationLoadError, short_repr
from .article import Article

__all__ = [
    "load_derivations",
    "load_script",
    "default_derivations_dir",
    "script_paths",
    "display_path",
]

_FIX_PATH = "pass the path of a derivation script or of a directory of them"


def default_derivations_dir() -> Path:
    """Return the repository's ``derivations/`` directory.

    Returns
    -------
    pathlib.Path
        ``<repo>/derivations`` when the package runs from a source checkout
        (editable install), else ``./derivations`` if the current directory
        has one.

    Raises
    ------
    DerivationLoadError
        When neither exists.
    """
    package_dir = Path(__file__).resolve().parents[1]  # .../src/derivcheck
    candidates = [package_dir.parents[1] / "derivations", Path.cwd() / "derivations"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise DerivationLoadError(
        "PATH", None,
        "no derivations/ directory found next to the package or in the current directory",
        "pass the derivation scripts or their directory: derivcheck verify PATH ...",
    )


def script_paths(paths: Iterable[str | Path]) -> tuple[Path, ...]:
    """Expand *paths* into the derivation scripts they name.

    Parameters
    ----------
    paths : iterable of str or Path
        Files (``*.py``) or directories; a directory stands for every
        ``*.py`` file directly in it whose name does not start with ``_``,
        in sorted order.

    Returns
    -------
    tuple of pathlib.Path
        Resolved paths, each once, in the order given.

    Raises
    ------
    DerivationLoadError
        For a missing path, a file that is not ``.py``, or a directory with
        no derivation script.
    """
    found: dict[Path, None] = {}
    for raw in paths:
        if not isinstance(raw, (str, os.PathLike)):
            raise DerivationLoadError("PATH", raw, "is not a path",
                                      "pass file or directory paths as str or pathlib.Path")
        path = Path(raw)
        if path.is_dir():
            scripts = sorted(p for p in path.glob("*.py") if not p.name.startswith("_"))
            if not scripts:
                raise DerivationLoadError("PATH", str(raw),
                                          "the directory holds no derivation script (*.py)",
                                          _FIX_PATH)
            for script in scripts:
                found.setdefault(script.resolve(), None)
        elif path.is_file():
            if path.suffix != ".py":
                raise DerivationLoadError("PATH", str(raw), "is not a Python file (*.py)",
                                          _FIX_PATH)
            found.setdefault(path.resolve(), None)
        else:
            raise DerivationLoadError("PATH", str(raw), "no such file or directory", _FIX_PATH)
    return tuple(found)


def display_path(path: str | Path) -> str:
    """Return *path* relative to the current directory when it lies inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _module_name(path: Path) -> str:
    stem = re.sub(r"\W", "_", path.stem)
    digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:12]
    return f"_derivcheck_script_{stem}_{digest}"


def _where(exc: BaseException, path: Path) -> str:
    if isinstance(exc, SyntaxError) and exc.lineno is not None:
        return f"line {exc.lineno}"
    lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__)
             if Path(f.filename).resolve() == path]
    return f"line {lines[-1]}" if lines else "import"


def _import_script(path: Path) -> ModuleType:
    name = _module_name(path)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise DerivationLoadError("derivation script", display_path(path),
                                  "cannot be imported as a Python file",
                                  _FIX_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look modules up here
    try:
        spec.loader.exec_module(module)
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - any failure is reported the same way
        del sys.modules[name]
        message = " ".join(str(exc).split()) or "(no message)"
        if isinstance(exc, SyntaxError):
            message = exc.msg
        elif isinstance(exc, SystemExit):
            message = f"the script called sys.exit({exc.code!r}) while being imported"
        elif isinstance(exc, DerivCheckError):
            message = f"{exc.name}={short_repr(exc.value)}: {exc.rule}"
        raise DerivationLoadError(
            "derivation script", display_path(path),
            f"failed to load at {_where(exc, path)}: {type(exc).__name__}: {message}",
            exc.fix if isinstance(exc, DerivCheckError)
            else "fix the script; run it with python to see the full traceback",
        ) from exc
    return module


def load_script(path: str | Path) -> tuple[Article, ...]:
    """Import one derivation script and return its articles.

    Parameters
    ----------
    path : str or Path
        A ``*.py`` file.

    Returns
    -------
    tuple of Article
        Every module-level ``Article`` of the script, in definition order,
        each with :attr:`Article.script` set to the resolved path (an
        ``Article`` imported from another loaded script is not collected).

    Raises
    ------
    DerivationLoadError
        When the file is missing, fails to import (syntax error, exception),
        or defines no ``Article``.
    """
    (resolved,) = script_paths([path])
    module = _import_script(resolved)
    articles: list[Article] = []
    for value in vars(module).values():
        if (
            isinstance(value, Article)
            and value.script in (None, resolved)  # not imported from another script
            and all(value is not a for a in articles)
        ):
            articles.append(value)
    if not articles:
        raise DerivationLoadError("derivation script", display_path(resolved),
                                  "defines no Article at module level",
                                  "create one: article = Article(id, title, source)")
    for article in articles:
        if article.script is None:
            article.script = resolved
    return tuple(articles)


def load_derivations(paths: Iterable[str | Path] | None = None) -> tuple[Article, ...]:
    """Load derivation scripts and return all their articles.

    Parameters
    ----------
    paths : iterable of str or Path, optional
        Scripts or directories (see :func:`script_paths`); default: the
        repository's ``derivations/`` directory (:func:`default_derivations_dir`).

    Returns
    -------
    tuple of Article
        In the order of the scripts, then of definition.

    Raises
    ------
    DerivationLoadError
        For a missing path, a script that fails to import or defines no
        ``Article``, and two articles with the same id.

    Examples
    --------
    >>> articles = load_derivations(["derivations/su2024.py"])  # doctest: +SKIP
    """
    if paths is None:
        paths = [default_derivations_dir()]
    paths = list(paths)
    if not paths:
        raise DerivationLoadError("PATH", paths, "no derivation script given", _FIX_PATH)
    seen: dict[str, Article] = {}
    for script in script_paths(paths):
        for article in load_script(script):
            if article.id in seen:
                raise DerivationLoadError(
                    "article id", article.id,
                    f"is defined twice: in {display_path(seen[article.id].script or '?')}"
                    f" and in {display_path(script)}",
                    "give every article its own id",
                )
            seen[article.id] = article
    return tuple(seen.values())
