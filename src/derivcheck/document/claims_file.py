r"""The claims file: what the prose says about formulas, pinned in TOML.

Format
------
One ``[[formula]]`` table per pinned formula::

    [[formula]]
    id = "f12"                 # the formula's id in the report, or:
    text = 'A A^+ A = A'       # its exact text (spaces aside)
    file = "article.md"        # optional: only in this file (its name)
    expect = "verified"        # the verdict it must get (or "unsupported")
    assume = { A = "full column rank" }       # words per name (or a list of words)
    shapes = { A = "3x2", x = [2, 1] }        # "RxC", [rows, cols], or ["m", "n"]
    definitions = { P = 'A A^+' }             # LaTeX, as if "P = A A^+" came before
    skip = "a statement about the figure"     # do not check it, with the reason

An entry matches a formula by ``id`` or by ``text``; when both are given
both must match. ``--write-claims`` writes a skeleton of every formula with
its computed verdict as ``expect``.

The file is read with :mod:`tomllib` (``tomli`` on Python 3.10); its
contents are data only: LaTeX is parsed by the grammar, never evaluated.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..errors import ClaimError
from ..results import Verdict
from .model import UNSUPPORTED, DocumentReport, Formula

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10
    import tomli as tomllib

__all__ = ["ClaimEntry", "ClaimsFile", "load_claims", "render_claims_skeleton", "EXPECTABLE"]

#: Values ``expect`` may take.
EXPECTABLE = tuple(v.value for v in Verdict if v is not Verdict.INCONSISTENT) + (UNSUPPORTED,)
_KEYS = {"id", "text", "file", "expect", "assume", "shapes", "definitions", "skip"}
_SHAPE = re.compile(r"^\s*(\d+)\s*[x×]\s*(\d+)\s*$")


def _normal(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class ClaimEntry:
    """One ``[[formula]]`` entry (see the module docstring)."""

    id: str | None = None
    text: str | None = None
    file: str | None = None
    expect: str | None = None
    assume: Mapping[str, Any] = field(default_factory=dict)
    shapes: Mapping[str, tuple] = field(default_factory=dict)
    definitions: Mapping[str, str] = field(default_factory=dict)
    skip: str | None = None

    def matches(self, formula_id: str, path: str, text: str) -> bool:
        """Whether this entry pins the formula *formula_id* with *text* in *path*."""
        if self.file is not None and Path(path).name != self.file and path != self.file:
            return False
        if self.id is not None and self.id != formula_id:
            return False
        if self.text is not None and _normal(self.text) != _normal(text):
            return False
        return True


@dataclass(frozen=True)
class ClaimsFile:
    """The entries of a claims file, in file order."""

    path: str
    entries: tuple[ClaimEntry, ...] = ()

    def find(self, formula_id: str, path: str, text: str) -> ClaimEntry | None:
        """The first entry that matches, or None."""
        for entry in self.entries:
            if entry.matches(formula_id, path, text):
                return entry
        return None

    def unmatched(self, formulas: Iterable[Formula]) -> tuple[str, ...]:
        """Entries that pin no formula of *formulas* (a stale id or text), described in one line each."""
        formulas = list(formulas)
        out = []
        for index, entry in enumerate(self.entries):
            if not any(entry.matches(f.id, f.path, f.text) for f in formulas):
                named = " ".join(f"{k}={v!r}" for k, v in (("id", entry.id), ("text", entry.text),
                                                            ("file", entry.file)) if v is not None)
                out.append(f"{self.path}: formula[{index}] ({named}) matches no formula")
        return tuple(out)


def _shape(where: str, name: str, value: Any) -> tuple:
    if isinstance(value, str):
        match = _SHAPE.match(value)
        if match:
            return int(match.group(1)), int(match.group(2))
    elif isinstance(value, list) and len(value) == 2 and all(
            (isinstance(v, int) and not isinstance(v, bool) and v > 0) or (isinstance(v, str) and v.isalpha())
            for v in value):
        return tuple(value)
    raise ClaimError(f"{where}.shapes.{name}", value, "a shape is 'RxC' or [rows, cols]",
                     'write e.g. A = "3x2" or A = ["m", "n"]')


def _table(where: str, key: str, value: Any) -> dict:
    if not isinstance(value, dict):
        raise ClaimError(f"{where}.{key}", value, f"{key} is a table of names",
                         f'write e.g. {key} = {{ A = "..." }}')
    return value


def _entry(where: str, raw: Any) -> ClaimEntry:
    if not isinstance(raw, dict):
        raise ClaimError(where, raw, "each [[formula]] is a table", "write [[formula]] then key = value lines")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise ClaimError(f"{where}.{unknown[0]}", raw[unknown[0]], "is not a key of a formula entry",
                         "use " + ", ".join(sorted(_KEYS)))
    if "id" not in raw and "text" not in raw:
        raise ClaimError(where, raw, "an entry names its formula by id or text",
                         'add id = "f3" or text = \'...\'')
    for key in ("id", "text", "file", "expect", "skip"):
        if key in raw and not isinstance(raw[key], str):
            raise ClaimError(f"{where}.{key}", raw[key], f"{key} is a string", f'write {key} = "..."')
    expect = raw.get("expect")
    if expect is not None and expect not in EXPECTABLE:
        raise ClaimError(f"{where}.expect", expect, "is not a verdict",
                         "use one of " + ", ".join(EXPECTABLE))
    assume = {}
    for name, words in _table(where, "assume", raw.get("assume", {})).items():
        if isinstance(words, str):
            words = [words]
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ClaimError(f"{where}.assume.{name}", words, "assumptions are words or a list of words",
                             'write e.g. A = "full column rank"')
        assume[name] = words
    shapes = {name: _shape(where, name, value)
              for name, value in _table(where, "shapes", raw.get("shapes", {})).items()}
    definitions = _table(where, "definitions", raw.get("definitions", {}))
    for name, value in definitions.items():
        if not isinstance(value, str):
            raise ClaimError(f"{where}.definitions.{name}", value, "a definition is LaTeX text",
                             "write e.g. P = 'A A^+'")
    return ClaimEntry(raw.get("id"), raw.get("text"), raw.get("file"), expect, assume, shapes,
                      dict(definitions), raw.get("skip"))


def load_claims(path: str | Path) -> ClaimsFile:
    """Read a claims file.

    Raises
    ------
    ClaimError
        For a missing or unreadable file, invalid TOML (with its line) or an
        invalid entry (naming ``formula[i].key``).
    """
    name = str(path)
    try:
        data = Path(path).read_bytes().decode("utf-8")
    except OSError as exc:
        raise ClaimError(name, exc.strerror or type(exc).__name__, "the claims file cannot be read",
                         "check the path given to --claims") from None
    except UnicodeDecodeError:
        raise ClaimError(name, "bytes", "the claims file is not UTF-8", "save it as UTF-8") from None
    try:
        document = tomllib.loads(data)
    except tomllib.TOMLDecodeError as exc:
        raise ClaimError(name, str(exc), "the claims file is not valid TOML",
                         "fix the line named, e.g. quote LaTeX with '...'") from None
    unknown = sorted(set(document) - {"formula"})
    if unknown:
        raise ClaimError(f"{name}: {unknown[0]}", document[unknown[0]], "is not a table of a claims file",
                         "put each entry under [[formula]]")
    raw = document.get("formula", [])
    if not isinstance(raw, list):
        raise ClaimError(f"{name}: formula", raw, "formula entries are [[formula]] tables",
                         "write [[formula]], not [formula]")
    return ClaimsFile(name, tuple(_entry(f"{name}: formula[{i}]", item) for i, item in enumerate(raw)))


def _toml_string(text: str) -> str:
    if "'" not in text and "\n" not in text and not any(ord(c) < 32 for c in text):
        return f"'{text}'"
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif ord(c) < 32 or ord(c) == 127:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def render_claims_skeleton(report: DocumentReport) -> str:
    """A claims file pinning every formula at its computed verdict.

    Claims get ``expect`` = the computed verdict; unsupported formulas get
    ``expect = "unsupported"``; other kinds are listed as comments-free
    entries without ``expect`` so that they can be pinned by hand.
    """
    lines = ["# derivcheck claims file: one [[formula]] per formula, expect = the verdict computed",
             "# when this file was written. Edit assume / shapes / definitions / skip as the prose says.",
             ""]
    for outcome in report.outcomes:
        f: Formula = outcome.formula
        lines.append("[[formula]]")
        lines.append(f"id = {_toml_string(f.id)}")
        lines.append(f"file = {_toml_string(Path(f.path).name)}")
        lines.append(f"text = {_toml_string(' '.join(f.text.split()))}")
        lines.append(f"# {f.kind} at {f.location}" + (f": {f.reason}" if f.reason else ""))
        if f.skip is not None:
            lines.append(f"skip = {_toml_string(f.skip)}")
        elif f.kind == UNSUPPORTED:
            lines.append('expect = "unsupported"')
        elif outcome.verdict is not None and outcome.verdict in EXPECTABLE:
            lines.append(f"expect = {_toml_string(outcome.verdict)}")
        lines.append("")
    return "\n".join(lines)


