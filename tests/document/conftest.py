"""Helpers: write a tiny document, check it, and index the outcomes by formula text."""

from __future__ import annotations

import pytest

from derivcheck.document import check_documents


@pytest.fixture
def checked(tmp_path):
    def run(text: str, name: str = "doc.md", **options):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        report = check_documents([str(path)], **options)
        return report, {o.formula.text: o for o in report.outcomes}

    return run
