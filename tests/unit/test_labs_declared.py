"""A lab is declared once: its bridge module (settings and layout) and its page script, found by name."""

import re
from pathlib import Path

from knobs_lab import lab_settings

SCRIPTS = Path(__file__).resolve().parents[2] / "web" / "src" / "labs"


def kinds():
    """The page scripts that are a kind of lab (they export start(lab)), by name."""
    return {path.stem: path.read_text() for path in SCRIPTS.glob("*.js")
            if re.search(r"^export async function start\(lab\)", path.read_text(), re.M)}


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
