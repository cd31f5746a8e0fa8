"""The corpus through ``derivcheck check FILE --format json``, as a reader would bring it.

Each corpus formula becomes a one-formula Markdown page; what its source
states in prose (``assume``, ``definitions``) goes into one claims file. The
command's JSON report must classify each formula as a claim and decide it
right: no wrong verdict ever, and at least :data:`DOCUMENT_TARGET_SHARE`
decided right (the target for articles the project has not seen).
"""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from test_corpus import FORMULAS, KNOWN_WRONG_VERDICTS, REFUSAL_PHRASES

#: The share of the corpus the document path must decide right.
DOCUMENT_TARGET_SHARE = 0.90

RIGHT = {"true": {"proved", "verified"}, "conditional": {"conditional"}, "false": {"refuted"}}
WRONG = {"true": {"refuted"}, "conditional": {"proved", "verified"}, "false": {"proved", "verified"}}


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _latex_matrix(rows: list) -> str:
    """A ``bmatrix`` of exact entries (integers or "p/q")."""
    def entry(value) -> str:
        q = Fraction(value)
        body = str(abs(q.numerator)) if q.denominator == 1 else f"\\frac{{{abs(q.numerator)}}}{{{q.denominator}}}"
        return ("-" if q < 0 else "") + body
    return "\\begin{bmatrix}" + " \\\\ ".join(" & ".join(entry(v) for v in row) for row in rows) + "\\end{bmatrix}"


def _inline_table(mapping: dict) -> str:
    return "{ " + ", ".join(f"{_toml_string(k)} = {_toml_string(v)}" for k, v in mapping.items()) + " }"


def claims_entry(entry: dict) -> str:
    """The claims-file entry that pins what the source states about *entry*."""
    lines = ["[[formula]]", f'file = "{entry["id"]}.md"', 'id = "f1"']
    if entry.get("assume"):
        lines.append("assume = " + _inline_table(entry["assume"]))
    if entry.get("definitions"):
        definitions = {name: _latex_matrix(v) if isinstance(v, list) else v
                       for name, v in entry["definitions"].items()}
        lines.append("definitions = " + _inline_table(definitions))
    return "\n".join(lines)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus_pages")
    for entry in FORMULAS:
        (folder / f"{entry['id']}.md").write_text(f"$$\n{entry['latex']}\n$$\n", encoding="utf-8")
    claims = folder / "corpus.claims.toml"
    claims.write_text("\n\n".join(claims_entry(e) for e in FORMULAS if e.get("assume") or e.get("definitions"))
                      + "\n", encoding="utf-8")
    pages = [str(folder / f"{entry['id']}.md") for entry in FORMULAS]
    run = subprocess.run([sys.executable, "-m", "derivcheck", "check", *pages, "--claims", str(claims),
                          "--format", "json", "--jobs", "2"], capture_output=True, text=True, encoding="utf-8",
                         timeout=1200)
    assert run.returncode in (0, 1), run.stderr
    data = json.loads(run.stdout)
    by_file = {Path(f["file"]).stem: f for f in data["formulas"]}
    return by_file


def _refused(formula: dict) -> bool:
    text = " ".join(e["summary"] for e in formula.get("evidence") or [])
    return any(phrase in text for phrase in REFUSAL_PHRASES)


def test_claims_entries_are_read_back_exactly(tmp_path):
    from derivcheck.document.claims_file import load_claims
    entry = {"id": "x", "assume": {"A": "full column rank"},
             "definitions": {"A": [[-1, "1/2"]], "P": "A A^+"}}
    path = tmp_path / "x.claims.toml"
    path.write_text(claims_entry(entry) + "\n", encoding="utf-8")
    (pinned,) = load_claims(path).entries
    assert pinned.file == "x.md" and pinned.id == "f1"
    assert pinned.definitions["A"] == "\\begin{bmatrix}-1 & \\frac{1}{2}\\end{bmatrix}"
    assert pinned.definitions["P"] == "A A^+"


def test_document_path_gives_no_wrong_verdict(report):
    wrong = []
    for entry in FORMULAS:
        formula = report[entry["id"]]
        if formula["verdict"] in WRONG[entry["expect"]] and entry["id"] not in KNOWN_WRONG_VERDICTS:
            wrong.append(f"{entry['id']}: expected {entry['expect']}, got {formula['verdict']} "
                         f"for {entry['latex']!r}")
    assert not wrong, "\n".join(wrong)


def test_document_path_share_decided_right(report):
    right, missed = 0, []
    for entry in FORMULAS:
        formula = report[entry["id"]]
        if formula["kind"] == "claim" and formula["verdict"] in RIGHT[entry["expect"]] and not _refused(formula):
            right += 1
        else:
            missed.append(f"{entry['id']} ({formula['kind']}, {formula['verdict']}, {formula['reason']})")
    share = right / len(FORMULAS)
    assert share >= DOCUMENT_TARGET_SHARE, (
        f"{right}/{len(FORMULAS)} = {share:.1%} decided right through derivcheck check "
        f"(target {DOCUMENT_TARGET_SHARE:.0%}); missed: {'; '.join(missed[:15])}")
