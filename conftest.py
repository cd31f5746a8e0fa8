"""The library's examples are tests: every module of src/derivcheck is collected for doctests.

Only the library is collected this way (``--doctest-modules`` would also import
every test module and every derivation script a second time). The README
command ``python -m pytest -q`` runs them with the tests.
"""

from __future__ import annotations

from pathlib import Path

LIBRARY = Path(__file__).resolve().parent / "src" / "derivcheck"


def pytest_collect_file(file_path: Path, parent):
    doctest = parent.config.pluginmanager.get_plugin("doctest")
    if (
        doctest is None
        or parent.config.option.doctestmodules  # collected by pytest itself already
        or file_path.suffix != ".py"
        or LIBRARY not in file_path.resolve().parents
    ):
        return None
    return doctest.DoctestModule.from_parent(parent, path=file_path)
