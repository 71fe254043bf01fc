"""The layout holds: each room of `articles` imports only from the rooms below it, `analyst`
imports nothing of `articles`, `newsletter` only its models, and no module imports itself back."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("analyst", "articles", "newsletter")
# Lowest first: a room may import from the rooms before it in this list.
ROOMS = ["text", "models", "search", "site", "publishing", "admin", "importer", "demo"]


def modules():
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
                found[name.removesuffix(".__init__")] = path
    return found


MODULES = modules()


def imported(module, path):
    """The project modules that `module` imports, deferred imports included."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            names.update([base, *(f"{base}.{alias.name}" for alias in node.names)])
    # A module importing its own package is no circle: Python has loaded the package already.
    return {
        target
        for name in names
        if (target := resolve(name)) and target != module and not module.startswith(target + ".")
    }


def resolve(name):
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


GRAPH = {module: imported(module, path) for module, path in MODULES.items()}


def room(module):
    parts = module.split(".")
    return parts[1] if parts[0] == "articles" and len(parts) > 2 and parts[1] in ROOMS else None


def test_every_room_has_a_docstring_saying_what_lives_there():
    for name in ROOMS:
        tree = ast.parse((ROOT / "articles" / name / "__init__.py").read_text())
        assert ast.get_docstring(tree), f"articles/{name}/__init__.py says what lives there"


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if room(m)))
def test_a_room_imports_only_from_the_rooms_below_it(module):
    mine = ROOMS.index(room(module))
    upward = [
        target for target in GRAPH[module] if room(target) and ROOMS.index(room(target)) > mine
    ]
    assert not upward, f"{module} imports from a room above it: {upward}"


def test_analyst_imports_nothing_of_articles_or_newsletter():
    found = [
        (module, target)
        for module, targets in GRAPH.items()
        if module.startswith("analyst")
        for target in targets
        if target.startswith(("articles", "newsletter"))
    ]
    assert not found


def test_newsletter_uses_articles_through_its_models_only():
    found = [
        (module, target)
        for module, targets in GRAPH.items()
        if module.startswith("newsletter")
        for target in targets
        if target.startswith("articles") and not target.startswith("articles.models")
    ]
    assert not found


def test_no_module_imports_itself_back_deferred_or_not():
    def circle_from(module, path):
        for target in GRAPH[module]:
            if target in path:
                return [*path[path.index(target) :], target]
            if found := circle_from(target, [*path, target]):
                return found
        return None

    circles = [circle for module in GRAPH if (circle := circle_from(module, [module]))]
    assert not circles, circles[0]
