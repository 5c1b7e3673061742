"""The build hook that turns ```lab blocks into the labs' HTML, and fails the build on a wrong block."""

import importlib.util
import json
import sys
from html import unescape
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

HOOK = Path(__file__).resolve().parents[2] / "overrides" / "hooks" / "labs.py"
sys.path.insert(0, str(HOOK.parent))  # as MkDocs loads a hook: its siblings (fences.py) importable
spec = importlib.util.spec_from_file_location("labs_hook", HOOK)
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)


def render(markdown):
    return hook.replace_lab_blocks(markdown, "docs/page.md")


def test_a_lab_block_becomes_labelled_controls_that_wait_for_python():
    html = render("Text\n\n```lab\nlab: line\nsettings:\n  weight: 150\n```\n\nMore")
    assert html.startswith("Text\n") and html.endswith("\nMore")
    assert 'data-lab="line"' in html and 'data-lab-id="line"' in html
    assert '<label for="knobs-lab-line-weight">Weight w</label>' in html
    assert 'type="range" id="knobs-lab-line-weight" name="weight" disabled title="Waiting for Python to start"' in html
    assert 'value="150"' in html and "$150 per sq ft</output>" in html
    assert "Starting Python…" in html
    assert json.loads(unescape(html.split("data-settings='")[1].split("'")[0])) == {"weight": 150}


def test_two_labs_of_one_kind_get_their_own_ids():
    html = render("```lab\nlab: network\n```\n\n```lab\nlab: network\n```")
    assert 'data-lab-id="network"' in html and 'data-lab-id="network-2"' in html
    assert 'id="knobs-lab-network-2-activation"' in html


def test_log_sliders_move_over_powers_of_ten():
    html = render("```lab\nlab: dynamics\nsettings: {learning_rate: 0.01}\n```")
    assert 'min="-3" max="0" step="0.05" value="-2"' in html


@pytest.mark.parametrize(
    "block, message",
    [
        ("lab: nope", "docs/page.md:3: unknown lab 'nope'"),
        ("lab: line\nsettings:\n  slope: 3", "docs/page.md:3: lab 'line': settings: unknown ['slope']"),
        ("lab: line\nsettings:\n  weight: 5000", "docs/page.md:3: lab 'line': Weight w: 5000 is outside"),
        ("settings: {}", "docs/page.md:3: lab block needs `lab: NAME`"),
        ("lab: [line", "docs/page.md:3: lab block is not valid YAML"),
        ("lab: line\ncolour: red", "unknown keys ['colour']"),
    ],
)
def test_a_wrong_block_fails_the_build_with_file_and_line(block, message):
    with pytest.raises(PluginError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")):
        render(f"# Title\n\n```lab\n{block}\n```\n")


def test_lab_blocks_shown_inside_longer_fences_stay_text():
    markdown = "````markdown\n```lab\nlab: nope\n```\n````\n"
    assert render(markdown) == markdown


def test_the_build_writes_every_control_including_a_template_for_added_layers():
    html = render("```lab\nlab: network\nsettings: {layers: [3, 5]}\n```")
    layers = html.split('data-setting="layers"')[1].split('data-setting="activation"')[0]
    assert layers.count('class="knobs-lab__layer"') == 3  # two rows for the two layers, one in the <template>
    assert 'aria-label="Fewer neurons in layer 2"' in layers and ">5</output>" in layers
    template = layers.split("<template>")[1].split("</template>")[0]
    assert 'aria-label="More neurons in layer {n}"' in template and "<output" in template
    assert ">+ layer</button>" in layers and 'disabled title="Waiting for Python to start"' in template


def test_units_follow_values_with_a_space_except_degrees_and_percent_and_dollars_go_first():
    html = render(
        "```lab\nlab: finetune\n```\n\n```lab\nlab: generalisation\n```\n\n"
        "```lab\nlab: line\nsettings:\n  bias: -2000\n```"
    )
    assert ">35°</output>" in html and ">12 training points</output>" in html
    assert ">$100 per sq ft</output>" in html and ">-$2000</output>" in html


@pytest.mark.parametrize(("lang", "shown"), [("es", "$100 por pie cuadrado"), ("pt", "$100 por pé quadrado")])
def test_a_units_words_are_said_in_the_pages_language_on_the_control_and_to_the_script(monkeypatch, lang, shown):
    monkeypatch.setattr(hook, "_language", lang)
    html = render("```lab\nlab: line\n```")
    assert f">{shown}</output>" in html and "per sq ft" not in html
    spec = json.loads(unescape(html.split("data-spec='")[1].split("'")[0]))
    weight = next(setting for setting in spec if setting["name"] == "weight")
    assert weight["prefix"] == "$" and weight["suffix"] == " " + shown.split(" ", 1)[1]
