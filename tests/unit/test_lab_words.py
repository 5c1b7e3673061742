"""A lab's verdicts and notices in the page's language: the page hands its catalogue with every lab call (as with a
cell), and Python answers in it; without one, in English. The decisions (verdict codes, tasks met) do not change."""

from pathlib import Path

import pytest
import yaml

from knobs_lab import words
from knobs_lab.calls import call

CATALOGUES = Path(__file__).resolve().parents[2] / "i18n"


@pytest.fixture(autouse=True)
def english_afterwards():
    """A call with a catalogue leaves Python speaking that language: later tests call labs directly, in English."""
    yield
    words.use({})


def catalogue(lang):
    return yaml.safe_load((CATALOGUES / f"{lang}.yml").read_text(encoding="utf-8"))


def test_a_diverging_run_is_judged_in_portuguese_and_still_meets_its_task():
    answer = call("dynamics_lab.run", {"settings": {"learning_rate": 1.0}}, catalogue("pt"))
    assert answer["verdict"] == "Diverged" and answer["verdict_said"] == "Divergiu"
    assert answer["summary"] == f"Divergiu: {answer['reason']}."
    assert "diverge" in answer["tasks"]


def test_a_clamped_setting_is_named_in_spanish():
    answer = call("dynamics_lab.run", {"settings": {"learning_rate": 5, "steps": 10}}, catalogue("es"))
    assert answer["settings"]["learning_rate"] == 1.0
    assert answer["notices"] == ["Tasa de aprendizaje: 5 está fuera de 0.001–1; se usa 1"]


def test_a_call_without_a_catalogue_speaks_english_again():
    call("generalisation_lab.configure", {"lab": "words", "settings": {}}, catalogue("pt"))
    answer = call("generalisation_lab.configure", {"lab": "words", "settings": {}})
    assert answer["verdict_said"] == answer["verdict"] == "Untrained"
    assert answer["summary"].startswith("Untrained: every coefficient is 0")
    notices = call("dynamics_lab.run", {"settings": {"learning_rate": 5, "steps": 10}})["notices"]
    assert notices == ["Learning rate: 5 is outside 0.001–1; using 1"]


def test_why_a_run_ended_is_said_in_the_pages_language():
    diverged = call("dynamics_lab.run", {"settings": {"learning_rate": 1.0}}, catalogue("pt"))
    assert diverged["reason"].endswith(": a taxa de aprendizado é grande demais"), diverged["reason"]
    finished = call("dynamics_lab.run", {"settings": {"learning_rate": 0.01, "steps": 10}}, catalogue("es"))
    assert finished["state"] == "finished" and finished["reason"] == "se dieron 10 pasos"
    assert finished["summary"].startswith("Terminado: se dieron 10 pasos;"), finished["summary"]
    english = call("dynamics_lab.run", {"settings": {"learning_rate": 0.01, "steps": 10}})
    assert english["reason"] == "ran 10 steps"


def test_every_reason_a_trainer_gives_is_a_catalogue_key_with_its_placeholders():
    from knobs.train import REASONS

    for lang in ("es", "pt"):
        table = catalogue(lang)
        assert set(REASONS.values()) <= set(table), lang
