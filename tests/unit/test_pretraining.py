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
    """Claim (a): the same held-out questions (20 words × 3 tasks), asked bare, with an
    instruction, a format or examples, get measurably different accuracy."""
    scores = LOG["scores"]["strategies_held_out"]
    assert len(set(scores.values())) >= 5  # a bar chart of them shows the steps
    assert scores["bare"] <= 0.5  # "dog =" alone: Spanish, Portuguese or the kind?
    for strategy in ("instruction", "format", "1-shot", "3-shot", "5-shot"):
        assert scores[strategy] >= scores["bare"] + 0.3, strategy
    assert scores["instruction"] <= scores["format"] - 0.1  # worksheets were sometimes left unanswered
    assert scores["1-shot"] < scores["3-shot"] <= scores["5-shot"]  # one example can fit two tasks (cat = gato)
    assert min(scores["format"], scores["3-shot"]) >= 0.9


def test_after_an_instruction_the_base_model_sometimes_continues_the_worksheet():
    """Why the instruction scores below the format: the model read unanswered worksheets ("cat = ?")."""
    model = prompting.pretrained()
    asked = [(word, task) for task in prompting.TASKS for word in tasks.HELD_OUT_WORDS]
    instruction = [model.answer(prompting.prompt("instruction", word, task=task)) for word, task in asked]
    field = [model.answer(prompting.prompt("format", word, task=task)) for word, task in asked]
    assert instruction.count("?") >= 3 and "?" not in field


def test_one_example_can_leave_the_language_open():
    """Why 1-shot scores below 3-shot: after "cat = gato", Spanish and Portuguese both fit."""
    model = prompting.pretrained()
    wrong = [
        (word, task)
        for task in ("spanish", "portuguese")
        for word in tasks.HELD_OUT_WORDS
        if model.answer(prompting.prompt("1-shot", word, task=task)) != tasks.translation(word, task)
    ]
    assert wrong
    for word, task in wrong:
        example = prompting.prompt("1-shot", word, task=task).split(" ; ")[0].split()[0]
        assert tasks.translation(example, "spanish") == tasks.translation(example, "portuguese"), (word, task)


def test_a_fact_is_answered_only_when_retrieval_puts_it_in_the_context():
    """Claim (b): who lives where is drawn anew in every training document, so only the context can tell."""
    retrieval = LOG["scores"]["retrieval"]
    assert retrieval["none"] <= 2 / len(tasks.CITIES)  # about chance: one city in 16
    assert retrieval["top1"] >= 0.9
