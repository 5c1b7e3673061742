"""The modules of `knobs_lab` import one another in one direction only: no import circle, not even one hidden in a
function (an import inside `check()` once closed the circle exercise → exercises → exercise).

Each module's imports are read with `ast`, wherever they stand in the module; a name built at run time
(`importlib.import_module`, as `calls` and `lab_settings.bridges` do to reach the page's modules) is not an import
here.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "pycode" / "knobs_lab"
MODULES = sorted(path.stem for path in PACKAGE.glob("*.py"))


def imported_modules(source):
    """The modules of knobs_lab that `source` (a module of knobs_lab) imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name.split(".") for alias in node.names]
            found.update(parts[1] for parts in names if parts[0] == "knobs_lab" and len(parts) > 1)
        elif isinstance(node, ast.ImportFrom):
            parts = (node.module or "").split(".") if node.module else []
            if node.level == 0 and parts[:1] != ["knobs_lab"]:
                continue
            inside = parts[1:] if node.level == 0 else parts  # `from . import words` is relative to knobs_lab
            if inside:
                found.add(inside[0])  # from knobs_lab.checking import Miss
            else:
                found.update(alias.name for alias in node.names)  # from knobs_lab import runner
    return found & set(MODULES)


def import_graph():
    """Each module of knobs_lab → the modules of knobs_lab it imports."""
    return {name: imported_modules((PACKAGE / f"{name}.py").read_text(encoding="utf-8")) for name in MODULES}


def circle(graph):
    """One import circle of `graph` as [a, b, …, a], or None when its imports only point one way."""
    done, path = set(), []

    def visit(module):
        if module in path:
            return path[path.index(module) :] + [module]
        if module in done:
            return None
        path.append(module)
        for imported in sorted(graph.get(module, ())):
            found = visit(imported)
            if found:
                return found
        path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        found = visit(module)
        if found:
            return found
    return None


def test_the_modules_of_knobs_lab_import_one_another_without_a_circle():
    found = circle(import_graph())
    assert found is None, "import circle: " + " → ".join(found)


def test_the_exercise_runner_imports_the_checkers_and_the_checkers_only_the_shared_checking_module():
    graph = import_graph()
    assert {"exercises", "autograd_exercises", "checking"} <= graph["exercise"]
    assert graph["exercises"] & {"exercise", "autograd_exercises"} == set()
    assert graph["autograd_exercises"] & {"exercise", "exercises"} == set()
    assert "checking" in graph["exercises"] and "checking" in graph["autograd_exercises"]
    assert graph["checking"] <= {"words"}


def test_an_import_inside_a_function_and_a_relative_import_are_read_and_a_circle_is_named():
    source = "from . import words\n\ndef check(name):\n    from knobs_lab.exercises import CHECKERS\n"
    assert imported_modules(source) == {"words", "exercises"}
    assert imported_modules("import knobs_lab.runner\nfrom knobs import cost\nimport math\n") == {"runner"}
    assert circle({"exercise": {"exercises"}, "exercises": {"checking", "exercise"}, "checking": set()}) == [
        "exercise",
        "exercises",
        "exercise",
    ]
    assert circle({"exercise": {"exercises", "checking"}, "exercises": {"checking"}, "checking": set()}) is None
