"""The import rules of the package, read from the source with ``ast``.

- no circle among the subpackages and top-level modules;
- the bottom layer (errors, validation, text, results) imports nothing else of derivcheck;
- claims (data) imports neither the checkers, the runner, the reports nor the CLI;
- the reports import neither the runner nor the CLI;
- the three arithmetic tiers (exact, highprec, f64) do not import each other.

Every import counts, including those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "derivcheck"
BOTTOM = {"errors", "validation", "text", "results"}


def _unit(module: str) -> str:
    """The layer unit of a dotted module name below derivcheck: its subpackage or top module."""
    return module.split(".")[0]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Dotted names (below derivcheck) of every derivcheck module *path* imports."""
    here = _module_name(path).split(".") if _module_name(path) else []
    package = here if path.name == "__init__.py" else here[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "derivcheck" or alias.name.startswith("derivcheck."):
                    found.add(alias.name.partition(".")[2])
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and (node.module == "derivcheck" or node.module.startswith("derivcheck.")):
                target = node.module.partition(".")[2]
            else:
                continue
            if target:
                found.add(target)
            else:  # "from . import x" at the package root
                found.update(alias.name for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    """Unit -> the other units it imports (``__init__`` of the root excluded: it re-exports all)."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = _module_name(path)
        if not name:
            continue
        unit = _unit(name)
        targets = {_unit(t) for t in _imports(path) if t} - {unit}
        graph.setdefault(unit, set()).update(targets)
    return graph


GRAPH = _graph()


def _reaches(start: str, goal: str) -> list[str] | None:
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for nxt in GRAPH.get(node, ()):
            if nxt == goal:
                return path + [nxt]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def test_the_import_reader_sees_relative_and_nested_imports():
    assert "results" in _imports(PACKAGE / "claims" / "claim.py")
    assert "checks.registry" in _imports(PACKAGE / "runner.py")
    assert {"claims", "checks", "runner"} <= GRAPH["cli"]


@pytest.mark.parametrize("unit", sorted(GRAPH))
def test_no_import_circle(unit):
    for other in GRAPH[unit]:
        back = _reaches(other, unit)
        assert back is None, f"import circle: {unit} -> " + " -> ".join(back)


@pytest.mark.parametrize("unit", sorted(BOTTOM))
def test_the_bottom_layer_imports_only_itself(unit):
    assert GRAPH.get(unit, set()) <= BOTTOM, f"{unit} imports {sorted(GRAPH[unit] - BOTTOM)}"


def test_claims_are_data():
    assert not GRAPH["claims"] & {"checks", "cli", "runner", "report", "pytest_plugin"}, GRAPH["claims"]


def test_reports_do_not_import_the_runner_or_the_cli():
    assert not GRAPH["report"] & {"runner", "cli", "checks"}, GRAPH["report"]


@pytest.mark.parametrize("tier", ["exact", "highprec", "f64"])
def test_the_arithmetic_tiers_do_not_import_each_other(tier):
    others = {"exact", "highprec", "f64"} - {tier}
    assert not GRAPH.get(tier, set()) & others, f"{tier} imports {sorted(GRAPH[tier] & others)}"


def test_compare_does_not_import_claims():
    assert "claims" not in GRAPH["compare"], GRAPH["compare"]
