"""A lab is declared once: its bridge module (settings and layout) and its page script, found by name."""

import re
import sys
import types
from pathlib import Path

import pytest

from knobs_lab import lab_settings
from knobs_lab.calls import call

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "web" / "src" / "labs"


def kinds():
    """The page scripts that are a kind of lab (they export start(lab)), by name."""
    return {
        path.stem: path.read_text()
        for path in SCRIPTS.glob("*.js")
        if re.search(r"^export async function start\(lab\)", path.read_text(), re.M)
    }


def named(pattern, script):
    return set(re.findall(pattern, script))


def test_every_bridge_has_its_script_and_every_script_its_bridge():
    bridges = lab_settings.bridges()
    assert len(bridges) >= 6 and set(bridges) == set(kinds())


def test_bridge_and_script_name_the_same_readouts_charts_and_buttons():
    scripts = kinds()
    for name, bridge in lab_settings.bridges().items():
        script, layout = scripts[name], bridge.LAYOUT
        assert named(r'lab\.out\("(\w+)"', script) == set(layout.readouts), name
        assert named(r'lab\.chart\("(\w+)"\)', script) == set(layout.charts), name
        assert named(r'lab\.button\("(\w+)"\)', script) == set(layout.buttons), name


def test_every_python_call_of_a_script_is_a_page_call_of_its_bridge():
    scripts = kinds()
    for name, bridge in lab_settings.bridges().items():
        calls = named(r'lab\.(?:call|request)\("(\w+)"', scripts[name])
        assert calls and calls <= set(bridge.PAGE_CALLS), name


def test_the_readme_example_of_a_new_kind_of_lab_is_complete_and_agrees_with_itself(monkeypatch):
    section = (ROOT / "README.md").read_text().split("### Writing a new kind of lab")[1]
    module, script = types.ModuleType("knobs_lab.price_lab"), section.split("```js\n")[1].split("```")[0]
    exec(compile(section.split("```python\n")[1].split("```")[0], "README.md", "exec"), vars(module))
    monkeypatch.setitem(sys.modules, module.__name__, module)  # as if it were pycode/knobs_lab/price_lab.py
    answer = call("price_lab.predict", {"settings": {"weight": 300}})
    assert answer["price"] == 300 * 1500 and answer["settings"] == {"weight": 300.0} and answer["notices"] == []
    bridge = vars(module)
    assert named(r'lab\.out\("(\w+)"', script) == set(bridge["LAYOUT"].readouts)
    assert named(r'lab\.button\("(\w+)"\)', script) == set(bridge["LAYOUT"].buttons)
    assert named(r'lab\.(?:call|request)\("(\w+)"', script) == set(bridge["PAGE_CALLS"])
    assert re.search(r"^export async function start\(lab\)", script, re.M)


def test_a_bridge_that_forgets_its_layout_is_named_in_the_error(monkeypatch):
    monkeypatch.delattr(lab_settings.bridges()["line"], "LAYOUT")  # the module as loaded now (tests may reload it)
    with pytest.raises(ValueError, match=r"knobs_lab\.line_lab: .* missing \['LAYOUT'\]"):
        lab_settings.bridges()
