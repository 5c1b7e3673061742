"""The labs' settings: one typed list per lab, clamped with a notice when a shared link goes out of range."""

import pytest

from knobs_lab import lab_settings, network_lab
from knobs_lab.lab_settings import Setting, check_strict, clamp

SPEC = (
    Setting("rate", "Learning rate", "log", 0.1, minimum=0.001, maximum=1.0),
    Setting("steps", "Steps", "integer", 100, minimum=10, maximum=500),
    Setting("kind", "Kind", "choice", "a", choices=(("a", "A"), ("b", "B"))),
    Setting("layers", "Layers", "layers", [8, 8], minimum=1, maximum=8, max_layers=4),
    Setting("prompt", "Prompt", "text", "hi", maximum=5),
)


def test_missing_settings_take_their_defaults():
    values, notices = clamp(SPEC, {})
    assert values == {"rate": 0.1, "steps": 100, "kind": "a", "layers": [8, 8], "prompt": "hi"}
    assert notices == []


def test_out_of_range_values_are_clamped_and_the_notice_names_the_setting():
    values, notices = clamp(
        SPEC, {"rate": 50, "steps": 3.4, "kind": "z", "layers": [20, 0, 3, 3, 3], "prompt": "abcdefg"}
    )
    assert values == {"rate": 1.0, "steps": 10, "kind": "a", "layers": [8, 1, 3, 3], "prompt": "abcde"}
    assert len(notices) == 5
    assert notices[0].startswith("Learning rate: 50 is outside 0.001–1")


def test_unknown_names_and_wrong_types_are_errors_not_guesses():
    with pytest.raises(ValueError, match="unknown"):
        clamp(SPEC, {"speed": 3})
    with pytest.raises(ValueError, match="rate: expected a number"):
        clamp(SPEC, {"rate": "fast"})
    with pytest.raises(ValueError, match="layers"):
        clamp(SPEC, {"layers": "8,8"})


def test_strict_check_for_authors_rejects_what_would_be_clamped():
    assert check_strict(SPEC, {"steps": 200})["steps"] == 200
    with pytest.raises(ValueError, match="Steps: 1000 is outside"):
        check_strict(SPEC, {"steps": 1000})


def test_every_lab_module_exists_and_its_defaults_pass_its_own_checks():
    for name, module in lab_settings.bridges().items():
        values = check_strict(module.SETTINGS, {s.name: s.default for s in module.SETTINGS})
        assert set(values) == {s.name for s in module.SETTINGS}, name
        assert module.PAGE_CALLS, name


def test_settings_are_plain_data_for_the_page():
    plain = [setting.as_plain() for setting in network_lab.SETTINGS]
    layers = next(p for p in plain if p["name"] == "layers")
    assert layers == {
        "name": "layers",
        "label": "Hidden layers (neurons each)",
        "kind": "layers",
        "default": [8, 8],
        "minimum": 1,
        "maximum": 8,
        "max_layers": 4,
    }
    assert next(p for p in plain if p["name"] == "dataset")["choices"][0] == ["moons", "Moons"]
