"""No module imports from a layer above its own: data flows one way (see DESIGN.md).

Every module under ``planharvest/`` is parsed with ``ast`` (nothing is imported, so a cycle
cannot hide a violation) and mapped to its layer; every import in it counts, at the top,
inside a function, or under ``if TYPE_CHECKING:``. A module no layer claims fails too: a new
module must be placed in :data:`LAYERS` before it can import anything.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

#: Top to bottom; a module may import from its own layer and the layers below it. A layer
#: holds the top-level modules or packages of ``planharvest`` named here (``cli`` holds every
#: ``planharvest/cli*``, the terminal progress display with it).
LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("cli", frozenset({"cli*"})),
    ("pipeline", frozenset({"pipeline", "api"})),
    ("batch", frozenset({"batch"})),
    ("job", frozenset({"job"})),
    ("review", frozenset({"review"})),
    ("export", frozenset({"export"})),
    ("normalise", frozenset({"normalise"})),
    ("extract", frozenset({"extract"})),
    ("base", frozenset({"settings", "model", "schema", "errors", "files", "limits", "lexicon",
                        "unionfind", "optionfiles", "terminal"})),
)
#: The entry points above every layer: ``planharvest/__init__.py`` and ``__main__.py``.
ENTRY_POINTS = frozenset({"planharvest", "planharvest.__main__"})

#: (importer, imported) pairs allowed to cross a layer upwards: none. A pair listed here that
#: no longer occurs fails the test, so the set can only shrink.
KNOWN_VIOLATIONS: frozenset[tuple[str, str]] = frozenset()


def module_names(package: Path) -> dict[str, Path]:
    """Dotted name -> file of every module of the package at ``package``."""
    names = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def layer_of(module: str) -> str | None:
    """The layer of a dotted module name of the package; None for one no layer claims."""
    if module in ENTRY_POINTS:
        return "entry"
    top = module.split(".")[1]
    for layer, members in LAYERS:
        if any(top == member or (member.endswith("*") and top.startswith(member[:-1]))
               for member in members):
            return layer
    return None


def _rank(layer: str) -> int:
    """Higher is further up; the entry points are above every layer."""
    order = ["entry", *(name for name, _ in LAYERS)]
    return len(order) - order.index(layer)


def _imported(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool,
              modules: set[str]) -> list[str]:
    """The package's modules an import statement names (a ``from`` import of a module's
    attribute names that module; of a submodule, the submodule)."""
    if isinstance(node, ast.Import):
        targets = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            anchor = importer.split(".")
            anchor = anchor if is_package else anchor[:-1]
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join([*anchor, base] if base else anchor)
        targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                   for alias in node.names]
    found = []
    for target in targets:
        # ``import planharvest.extract.pdf`` names the module itself; a name below a module
        # (``planharvest.model.Action``) names the module that defines it.
        while target and target not in modules:
            target = target.rpartition(".")[0]
        if target:
            found.append(target)
    return found


def violations(package: Path) -> tuple[set[tuple[str, str]], set[str]]:
    """(importer, imported) pairs where the imported module's layer is above the importer's,
    and the modules no layer claims."""
    files = module_names(package)
    modules = set(files)
    upward, unplaced = set(), set()
    for importer, path in files.items():
        layer = layer_of(importer)
        if layer is None:
            unplaced.add(importer)
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for imported in _imported(node, importer, path.name == "__init__.py", modules):
                if imported == package.name:
                    continue  # the package itself: a docstring and __version__, no layer
                target_layer = layer_of(imported)
                if target_layer is not None and _rank(target_layer) > _rank(layer):
                    upward.add((importer, imported))
    return upward, unplaced


def test_every_module_has_a_layer() -> None:
    _, unplaced = violations(ROOT / "planharvest")
    assert not unplaced, f"modules no layer claims (place them in LAYERS): {sorted(unplaced)}"


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    upward, _ = violations(ROOT / "planharvest")
    new = sorted(upward - KNOWN_VIOLATIONS)
    assert not new, "imports from a layer above the importer's:\n" + "\n".join(
        f"  {importer} ({layer_of(importer)}) imports {imported} ({layer_of(imported)})"
        for importer, imported in new)


def test_known_violations_still_occur() -> None:
    """A pair removed from the code is removed from KNOWN_VIOLATIONS, so the list only
    shrinks and an old pair cannot come back unnoticed."""
    upward, _ = violations(ROOT / "planharvest")
    assert sorted(KNOWN_VIOLATIONS - upward) == []


# -- the checker itself, on a synthetic package ------------------------------------------------


def _package(root: Path, files: dict[str, str]) -> Path:
    package = root / "planharvest"
    for name, text in {"__init__.py": "", **files}.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_the_checker_finds_upward_imports_wherever_they_are(tmp_path: Path) -> None:
    package = _package(tmp_path, {
        "model.py": "",
        "cli.py": "from planharvest.pipeline import convert\n",
        "pipeline.py": "import planharvest.extract.pdf\nconvert = None\n",
        "batch.py": "",
        "extract/__init__.py": "",
        "extract/pdf.py": (
            "from typing import TYPE_CHECKING\n"
            "from planharvest.model import Action\n"
            "from . import grid\n"
            "if TYPE_CHECKING:\n"
            "    from planharvest.normalise.text import clean_text\n"
            "def read():\n"
            "    from planharvest import batch\n"
        ),
        "extract/grid.py": "from ..export import writers\n",
        "normalise/__init__.py": "",
        "normalise/text.py": "from planharvest import __version__\n",
        "export/__init__.py": "",
        "export/writers.py": "",
    })
    upward, unplaced = violations(package)
    assert unplaced == set()
    assert upward == {
        ("planharvest.extract.pdf", "planharvest.normalise.text"),  # under TYPE_CHECKING
        ("planharvest.extract.pdf", "planharvest.batch"),  # inside a function
        ("planharvest.extract.grid", "planharvest.export.writers"),  # relative
    }


def test_the_checker_names_a_module_no_layer_claims(tmp_path: Path) -> None:
    package = _package(tmp_path, {"stray.py": "", "cli_progress.py": "", "__main__.py":
                                  "from planharvest.cli_progress import bar\n"})
    assert violations(package) == (set(), {"planharvest.stray"})
