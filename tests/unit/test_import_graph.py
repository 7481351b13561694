"""No module of rcdesk/ imports one that imports it back, directly or round a loop, and no
area is found by a string.

Every import statement counts, those inside functions too: a lazy import still ties two
modules together."""

from __future__ import annotations

import ast
from collections import deque
from pathlib import Path

import rcdesk

ROOT = Path(rcdesk.__file__).resolve().parent.parent


def _modules() -> dict[str, tuple[Path, bool]]:
    modules = {}
    for path in (ROOT / "rcdesk").rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        modules[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return modules


def import_graph() -> dict[str, set[str]]:
    """module -> the rcdesk modules it imports (`from pkg import sub` counts as pkg.sub)."""
    modules = _modules()

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph = {}
    for name, (path, is_package) in modules.items():
        here = name if is_package else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {known(a.name) for a in node.names if a.name.startswith("rcdesk")}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join(parts + ([node.module] if node.module else []))
                if base.startswith("rcdesk"):
                    targets |= {f"{base}.{a.name}" if f"{base}.{a.name}" in modules
                                else known(base) for a in node.names}
        graph[name] = targets - {None, name}
    return graph


def loop_from(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """The shortest chain of imports that leads from start back to start, or None."""
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        module = queue.popleft()
        for target in sorted(graph.get(module, ())):
            if target == start:
                chain = [module]
                while chain[-1] != start:
                    chain.append(previous[chain[-1]])
                return [*reversed(chain), start]
            if target not in previous:
                previous[target] = module
                queue.append(target)
    return None


def loops_through(graph: dict[str, set[str]], prefix: str) -> list[list[str]]:
    """The loop of each module named prefix… that has one."""
    loops = (loop_from(graph, module) for module in sorted(graph) if module.startswith(prefix))
    return [loop for loop in loops if loop]


def test_rcdesk_has_no_import_loop():
    graph = import_graph()
    assert "rcdesk.ui.main_window" in graph["rcdesk.ui.app"]  # the graph sees lazy imports
    assert loops_through(graph, "rcdesk") == []


def test_no_area_is_found_by_a_string():
    """Areas meet through services/areas.py and plain imports: no find_spec, import_module
    or `except ImportError` wiring left in rcdesk/."""
    found = []
    for path in sorted((ROOT / "rcdesk").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for needle in ("find_spec", "import_module", "except ImportError", "__import__("):
            if needle in text:
                found.append(f"{path.relative_to(ROOT)}: {needle}")
    assert found == []


def test_a_loop_is_found():
    graph = {"rcdesk.ui.a": {"rcdesk.ui.b"}, "rcdesk.ui.b": {"rcdesk.c"},
             "rcdesk.c": {"rcdesk.ui.a"}, "rcdesk.d": {"rcdesk.c"}}
    assert loops_through(graph, "rcdesk.ui.a") == [
        ["rcdesk.ui.a", "rcdesk.ui.b", "rcdesk.c", "rcdesk.ui.a"]]
    assert loops_through(graph, "rcdesk.d") == []
