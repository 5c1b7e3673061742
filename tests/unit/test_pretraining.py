"""The numpy mirror used for pretraining equals the pure-Python transformer, and the
shipped weights are what tools/pretrain_transformer.py makes from its fixed seeds."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from knobs import prompting, tasks
from knobs.transformer import Transformer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import pretrain_transformer as pretraining  # noqa: E402

LOG = json.loads(pretraining.LOG.read_text(encoding="utf-8"))


def small_model(seed=2):
    model = Transformer(
        ["\n"] + [f"w{i}" for i in range(11)], context=7, width=12, heads=3, layers=2, hidden=10, seed=seed
    )
    rng = np.random.default_rng(seed)
    return model.set_parameters(
        {
            name: (np.array(value) + rng.normal(0, 0.2, np.shape(value))).tolist()
            for name, value in model.parameters().items()
        }
    )


def test_numpy_mirror_gives_the_same_logits_and_gradients_as_the_pure_python_model():
    model = small_model()
    mirror = pretraining.NumpyTransformer(model)
    ids = np.array([[0, 3, 4, 5, 1, 2, 11], [0, 2, 2, 7, 7, 1, 10]])
    targets = np.array([[3, 4, 5, 1, 2, 11, 0], [2, 2, 7, 7, 1, 10, 3]])
    logits, _ = mirror.forward(ids)
    for row, expected in zip(ids, logits):
        np.testing.assert_allclose(model.logits(row.tolist()), expected, rtol=1e-10, atol=1e-12)
    loss, gradients = mirror.loss_and_gradients(ids, targets)
    expected_loss, expected = model.loss_and_gradients(ids.tolist(), targets.tolist())
    assert loss == pytest.approx(expected_loss, rel=1e-12)
    assert set(gradients) == set(expected)
    for name in expected:
        np.testing.assert_allclose(gradients[name], expected[name], rtol=1e-8, atol=1e-12, err_msg=name)


def test_training_from_the_seed_repeats_the_logged_losses():
    settings = {**LOG["training"], "steps": len(LOG["first_losses"])}
    _, losses, digest = pretraining.pretrain(settings, LOG["model"])
    assert digest == LOG["corpus_sha256"]  # the corpus is the one the weights were trained on
    np.testing.assert_allclose(losses, LOG["first_losses"], rtol=1e-4)


def test_shipped_weights_are_the_logged_run_and_small():
    model = prompting.pretrained()
    assert model.structure() == Transformer(tasks.vocabulary(), **LOG["model"]).structure()
    assert model.count_parameters() == LOG["parameters"]
    size = (ROOT / "pycode" / "knobs" / prompting.WEIGHTS).stat().st_size
    assert size == LOG["weights_bytes"] and size < 300_000


def test_the_figures_the_lessons_quote_are_what_the_shipped_model_gives():
    model = prompting.pretrained()
    quoted = pretraining.scores(model, training_words=False)
    assert quoted == {name: LOG["scores"][name] for name in quoted}


def test_the_prompt_decides_whether_the_model_uses_what_it_knows():
    """Claim (a): the same held-out question, asked bare, with an instruction, a format or examples."""
    scores = LOG["scores"]["strategies_held_out"]
    assert scores["bare"] <= 0.6  # "dog =" alone: Spanish, Portuguese or the kind?
    for strategy in ("instruction", "format", "3-shot", "5-shot"):
        assert scores[strategy] >= scores["bare"] + 0.3, strategy
    assert scores["1-shot"] <= scores["3-shot"]  # one example can leave the language open (gato, gato)


def test_a_fact_is_answered_only_when_retrieval_puts_it_in_the_context():
    """Claim (b): who lives where is drawn anew in every training document, so only the context can tell."""
    retrieval = LOG["scores"]["retrieval"]
    assert retrieval["none"] <= 2 / len(tasks.CITIES)  # about chance: one city in 16
    assert retrieval["top1"] >= 0.9
