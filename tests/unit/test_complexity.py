"""No function under ``planharvest/`` above cyclomatic complexity 20 (radon's rank D and
worse), unless :data:`EXCEPTIONS` says why it must stay one function.

A function past 20 paths is one a newcomer breaks: cut it into named steps that say what each
does. ``radon cc -s -n D --show-closures planharvest`` shows the same list with its figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from radon.visitors import ComplexityVisitor, Function

from tests.conftest import ROOT

#: The most paths a function may have.
LIMIT = 20

#: ``"path/from/the/root.py::function"`` (``Class.method`` for a method, ``outer.inner`` for a
#: nested function) -> why it stays.
#: Empty: every function is within the limit.
EXCEPTIONS: dict[str, str] = {}


def _functions(blocks: list, prefix: str = "") -> Iterator[tuple[str, int]]:
    """(qualified name, complexity) of every function, method and nested function or class
    in radon's blocks; radon counts a nested function apart from the one that holds it."""
    for block in blocks:
        name = prefix + block.name
        if isinstance(block, Function):
            yield name, block.complexity
            yield from _functions(block.closures, f"{name}.")
        else:
            yield from _functions([*block.methods, *block.inner_classes], f"{name}.")


def complex_functions(package: Path, limit: int = LIMIT) -> dict[str, int]:
    """``"path::name"`` -> complexity of every function past ``limit`` in the package."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package.parent).as_posix()
        visitor = ComplexityVisitor.from_code(path.read_text(encoding="utf-8"))
        for name, complexity in _functions([*visitor.functions, *visitor.classes]):
            if complexity > limit:
                found[f"{relative}::{name}"] = complexity
    return found


def test_no_function_is_more_complex_than_the_limit_without_a_reason() -> None:
    over = complex_functions(ROOT / "planharvest")
    unexplained = {name: complexity for name, complexity in over.items()
                   if name not in EXCEPTIONS}
    assert not unexplained, (
        f"functions above cyclomatic complexity {LIMIT} (cut them into named steps, or say "
        "in EXCEPTIONS why one must stay whole):\n"
        + "\n".join(f"  {name}: {complexity}" for name, complexity in sorted(unexplained.items())))


def test_every_exception_is_still_needed_and_says_why() -> None:
    over = complex_functions(ROOT / "planharvest")
    assert sorted(set(EXCEPTIONS) - set(over)) == [], "no longer above the limit: drop them"
    assert all(reason.strip() for reason in EXCEPTIONS.values())


def test_the_count_covers_methods_and_nested_functions(tmp_path: Path) -> None:
    package = tmp_path / "planharvest"
    package.mkdir()
    branches = "".join(f"        if x == {n}:\n            return {n}\n" for n in range(21))
    (package / "m.py").write_text(
        "class Reader:\n    def read(self, x):\n" + branches + "        return -1\n"
        "def outer(x):\n    def inner(x):\n" + branches
        + "        return -1\n    return inner(x)\n"
        "def simple(x):\n    return x\n", encoding="utf-8")
    assert complex_functions(package) == {"planharvest/m.py::Reader.read": 22,
                                          "planharvest/m.py::outer.inner": 22}
