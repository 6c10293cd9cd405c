"""The layers, read from the imports themselves (ast), so a change that breaks them fails here.

cli -> app -> domain, app -> store, cli -> render -> domain (docs/architecture.md).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "studyplan"

# what each layer may import of the others (the shared root modules are open to all)
ALLOWED = {
    "domain": set(),
    "store": {"domain"},
    "render": {"domain"},
    "app": {"domain", "store"},
    "cli": {"app", "domain", "store", "render"},
}
MAX_LINES = 400
MAX_ROOT_MODULES = 7


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """Every studyplan module ``name`` imports, at the top or inside a function."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            for alias in node.names:  # `from studyplan.app import catalog` imports the module studyplan.app.catalog
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


SHARED = {"locale"}  # the message catalogs: imported by every layer, importing none


def layer(name: str) -> str | None:
    parts = name.split(".")
    if len(parts) < 2 or parts[1] in SHARED:
        return None
    return parts[1] if len(parts) > 2 or parts[1] in ALLOWED else None


GRAPH = {name: imports_of(name) for name in MODULES}


def test_the_graph_is_read():
    assert "studyplan.app.session" in GRAPH["studyplan.cli.common"]
    assert "studyplan.domain.schedule" in GRAPH["studyplan.app.session"]


@pytest.mark.parametrize("name", sorted(n for n in MODULES if layer(n)))
def test_each_layer_imports_only_what_it_may(name):
    own = layer(name)
    wrong = sorted(m for m in GRAPH[name] if layer(m) not in (None, own) and layer(m) not in ALLOWED[own])
    assert not wrong, f"{name} ({own}) must not import {wrong}"


def test_nothing_outside_the_cli_imports_it():
    # __main__ is the process entry point: the one face that starts the CLI
    outside = {n: sorted(m for m in GRAPH[n] if layer(m) == "cli") for n in MODULES if layer(n) != "cli" and n != "studyplan.__main__"}
    assert not {n: ms for n, ms in outside.items() if ms}


def test_no_import_cycles():
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(GRAPH[n]):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state and (cycle := visit(m)):
                return cycle
        stack.pop()
        state[n] = 2
        return None

    for name in sorted(MODULES):
        if name not in state:
            cycle = visit(name)
            assert cycle is None, " -> ".join(cycle)


def test_the_package_root_holds_only_what_every_layer_shares():
    root = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(root) <= MAX_ROOT_MODULES, root


def test_no_module_is_longer_than_a_newcomer_can_read():
    long = {n: len(p.read_text(encoding="utf-8").splitlines()) for n, p in MODULES.items()}
    assert not {n: lines for n, lines in long.items() if lines > MAX_LINES}
