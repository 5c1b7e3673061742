"""A lab's verdicts and notices in the page's language: the worker hands Python the page's catalogue once
(`words.use`, as web/src/worker.js does when it starts), and every later answer, of a lab or a cell, is in it; with
none, English. The decisions (verdict codes, tasks met) do not change."""

from pathlib import Path

import pytest
import yaml

from knobs_lab import runner, words
from knobs_lab.calls import call

CATALOGUES = Path(__file__).resolve().parents[2] / "i18n"


@pytest.fixture(autouse=True)
def english_afterwards():
    """A catalogue handed over stays: later tests call labs in English."""
    yield
    words.use({})


def catalogue(lang):
    if lang == "en":
        return {}  # English is the key: an English page hands an empty table
    return yaml.safe_load((CATALOGUES / f"{lang}.yml").read_text(encoding="utf-8"))


def in_language(lang, name, args):
    """What the page in `lang` gets from `name`: its catalogue handed over once, then the call (without it)."""
    words.use(catalogue(lang))
    return call(name, args)


def test_a_diverging_run_is_judged_in_portuguese_and_still_meets_its_task():
    answer = in_language("pt", "dynamics_lab.run", {"settings": {"learning_rate": 1.0}})
    assert answer["verdict"] == "Diverged" and answer["verdict_said"] == "Divergiu"
    assert answer["summary"] == f"Divergiu: {answer['reason']}."
    assert "diverge" in answer["tasks"]


def test_a_clamped_setting_is_named_in_spanish():
    answer = in_language("es", "dynamics_lab.run", {"settings": {"learning_rate": 5, "steps": 10}})
    assert answer["settings"]["learning_rate"] == 1.0
    assert answer["notices"] == ["Tasa de aprendizaje: 5 está fuera de 0.001–1; se usa 1"]


def test_the_catalogue_handed_once_serves_every_later_call_until_another_is_handed():
    in_language("pt", "generalisation_lab.configure", {"lab": "words", "settings": {}})
    answer = call("generalisation_lab.configure", {"lab": "words", "settings": {}})  # nothing handed this time
    assert answer["verdict_said"] == "Sem treinamento" and answer["verdict"] == "Untrained"
    assert "Divergiu" in call("dynamics_lab.run", {"settings": {"learning_rate": 1.0}})["summary"]
    assert "PageLimit: input() não consegue ler" in runner.run_cell("input()", scope="words")["error"]
    words.use({})  # English: the empty table
    answer = call("generalisation_lab.configure", {"lab": "words", "settings": {}})
    assert answer["verdict_said"] == answer["verdict"] == "Untrained"
    assert answer["summary"].startswith("Untrained: every coefficient is 0")
    notices = call("dynamics_lab.run", {"settings": {"learning_rate": 5, "steps": 10}})["notices"]
    assert notices == ["Learning rate: 5 is outside 0.001–1; using 1"]


def test_why_a_run_ended_is_said_in_the_pages_language():
    diverged = in_language("pt", "dynamics_lab.run", {"settings": {"learning_rate": 1.0}})
    assert diverged["reason"].endswith(": a taxa de aprendizado é grande demais"), diverged["reason"]
    finished = in_language("es", "dynamics_lab.run", {"settings": {"learning_rate": 0.01, "steps": 10}})
    assert finished["state"] == "finished" and finished["reason"] == "se dieron 10 pasos"
    assert finished["summary"].startswith("Terminado: se dieron 10 pasos;"), finished["summary"]
    english = in_language("en", "dynamics_lab.run", {"settings": {"learning_rate": 0.01, "steps": 10}})
    assert english["reason"] == "ran 10 steps"


def test_every_reason_a_trainer_gives_is_a_catalogue_key_with_its_placeholders():
    from knobs.train import REASONS

    for lang in ("es", "pt"):
        table = catalogue(lang)
        assert set(REASONS.values()) <= set(table), lang
