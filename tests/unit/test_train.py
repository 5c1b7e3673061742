"""Trainer: history, divergence, early stopping, freezing, mini-batches, learning moons."""

import math

import numpy as np
import pytest

from knobs import data
from knobs.models import Line, LogisticRegression
from knobs.nn import MLP
from knobs.optim import SGD, Adam
from knobs.train import Trainer, fit


@pytest.fixture(scope="module")
def moons_parts():
    points, labels = data.moons(300, noise=0.2, seed=0)
    return data.split(points, labels, seed=0)


def test_history_has_one_entry_per_step():
    x, y = data.house_prices(30, units="thousands")
    trainer = Trainer(Line(), SGD(0.1), (x, y), validation=(x[:10], y[:10]))
    assert trainer.state == "ready"
    trainer.step(5).step(3)
    assert trainer.state == "training"
    assert trainer.history["step"] == list(range(8))
    assert all(len(values) == 8 for values in trainer.history.values())
    assert "train_accuracy" not in trainer.history
    assert trainer.history["train_loss"][0] == pytest.approx(Line().loss(x, y))


def test_classifier_history_records_accuracy(moons_parts):
    train, validation, _ = moons_parts
    trainer = Trainer(MLP(seed=0), Adam(0.05), train, validation=validation).step(4)
    for key in ("train_accuracy", "validation_accuracy"):
        assert len(trainer.history[key]) == 4
        assert all(0 <= value <= 1 for value in trainer.history[key])


def test_huge_learning_rate_diverges_with_a_reason_and_no_exception():
    x, y = data.house_prices(30)  # raw dollars: steps explode
    trainer = Trainer(Line(), SGD(1.0), (x, y))
    trainer.fit(100)
    assert trainer.state == "diverged"
    assert "learning rate is too large" in trainer.reason
    assert "loss grew from" in trainer.reason
    steps = trainer.steps_done
    trainer.step(10).fit(10)  # nothing more happens, nothing raises
    assert trainer.steps_done == steps and trainer.state == "diverged"
    assert all(math.isfinite(v) for v in trainer.model.parameters().values())


def test_overflow_to_infinity_is_reported_as_divergence():
    trainer = Trainer(
        MLP([2, 4, 1], activation="relu", output="linear"), SGD(1e6), ([[1.0, 2.0], [3.0, -1.0]], [1e3, -1e3])
    )
    trainer.fit(50)
    assert trainer.state == "diverged" and trainer.reason


def test_early_stopping_keeps_the_best_validation_step():
    x, y = data.noisy_curve(30, noise=0.3, seed=1)
    validation = data.noisy_curve(30, noise=0.3, seed=2)
    from knobs.models import Polynomial

    model = Polynomial(9)
    trainer = Trainer(model, Adam(0.05), (x, y), validation=validation).fit(3000, patience=50)
    assert trainer.state == "finished"
    assert "stopped improving" in trainer.reason
    assert trainer.steps_done < 3000
    best = min(trainer.history["validation_loss"])
    assert model.loss(*validation) == pytest.approx(best)


def test_stop_ends_the_run():
    x, y = data.house_prices(20, units="thousands")
    trainer = Trainer(Line(), SGD(0.1), (x, y))
    trainer.fit(1000, callback=lambda t: t.steps_done >= 7 and t.stop())
    assert trainer.state == "stopped" and trainer.steps_done == 7
    trainer.step(5)
    assert trainer.steps_done == 7


def test_finish_ends_a_stepped_run_and_says_how_many_steps_but_keeps_a_stop():
    x, y = data.house_prices(20, units="thousands")
    trainer = Trainer(Line(), SGD(0.1), (x, y)).step(5)
    assert trainer.state == "training" and trainer.reason == "" and trainer.why is None
    assert trainer.finish() is trainer
    assert trainer.state == "finished" and trainer.reason == "ran 5 steps" and trainer.why == ("ran", {"steps": 5})
    stopped = Trainer(Line(), SGD(0.1), (x, y)).step(2).stop().finish()
    assert stopped.state == "stopped" and stopped.reason == "stopped by request"


def test_freezing_leaves_frozen_parameters_unchanged(moons_parts):
    train, _, _ = moons_parts
    model = MLP(seed=0)
    before = model.parameters()
    Trainer(model, Adam(0.05), train, frozen=("layer1", "layer3.bias")).fit(20)
    after = model.parameters()
    assert after["layer1.weights"] == before["layer1.weights"]
    assert after["layer1.bias"] == before["layer1.bias"]
    assert after["layer3.bias"] == before["layer3.bias"]
    assert after["layer2.weights"] != before["layer2.weights"]


def test_unknown_frozen_name_is_rejected():
    with pytest.raises(ValueError, match="frozen"):
        Trainer(MLP(), SGD(0.1), ([[0.0, 0.0]], [1]), frozen=("layer9",))


def test_mlp_learns_moons_to_over_90_percent_test_accuracy(moons_parts):
    train, validation, test = moons_parts
    model = MLP([2, 8, 8, 1], activation="tanh", output="sigmoid", seed=0)
    trainer = Trainer(model, Adam(0.03), train, validation=validation).fit(300)
    assert trainer.state == "finished"
    assert trainer.history["train_loss"][-1] < trainer.history["train_loss"][0] / 3
    assert np.mean(np.array(model.classify(test[0])) == test[1]) > 0.9


def test_mini_batches_are_seeded_and_still_learn(moons_parts):
    train, _, _ = moons_parts

    def run(seed):
        model = MLP(seed=0)
        Trainer(model, SGD(0.3), train, batch_size=16, seed=seed).fit(60)
        return model.parameters()

    assert run(1) == run(1)
    assert run(1) != run(2)
    model = MLP(seed=0)
    trainer = Trainer(model, SGD(0.3), train, batch_size=16, seed=1).fit(150)
    assert trainer.history["train_loss"][-1] < 0.8 * trainer.history["train_loss"][0]


def test_l2_penalty_shrinks_the_weights():
    x, y = data.noisy_curve(20, noise=0.2, seed=0)
    from knobs.models import Polynomial

    plain, penalised = Polynomial(5), Polynomial(5)
    Trainer(plain, SGD(0.3), (x, y)).fit(500)
    Trainer(penalised, SGD(0.3), (x, y), l2=0.1).fit(500)
    assert np.sum(np.square(penalised.parameters()["coefficients"][1:])) < np.sum(
        np.square(plain.parameters()["coefficients"][1:])
    )


def test_fit_function_returns_the_trained_model():
    points, labels = data.blobs(100, seed=0)
    model = fit(LogisticRegression(2), (points, labels), steps=100, learning_rate=0.5)
    assert isinstance(model, LogisticRegression)
    assert len(model.history_["train_loss"]) == 100
    assert model.history_["train_accuracy"][-1] > 0.9


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"train": ([], [])}, "train"),
        ({"train": ([1.0, 2.0], [1.0])}, "train"),
        ({"batch_size": 0}, "batch_size"),
        ({"l2": -1.0}, "l2"),
        ({"optimiser": "sgd"}, "optimiser"),
    ],
)
def test_trainer_rejects_bad_arguments_naming_them(kwargs, name):
    arguments = {"model": Line(), "optimiser": SGD(0.1), "train": ([1.0, 2.0], [2.0, 4.0])}
    arguments.update(kwargs)
    with pytest.raises((ValueError, TypeError), match=name):
        Trainer(**arguments)


def test_early_stopping_needs_validation_data():
    trainer = Trainer(Line(), SGD(0.1), ([1.0], [2.0]))
    with pytest.raises(ValueError, match="patience"):
        trainer.fit(10, patience=3)


def test_a_knob_overflowing_to_infinity_is_reported_as_divergence():
    # loss (1e150)² is still finite, but its gradient 2 × 1e150 × 1e160 overflows
    trainer = Trainer(Line(), SGD(0.1), ([1e160], [1e150])).fit(5)
    assert trainer.state == "diverged"
    assert "infinite" in trainer.reason
    assert trainer.model.parameters() == {"weight": 0.0, "bias": 0.0}  # the bad step was not applied


def test_a_gradient_that_is_not_a_number_ends_the_run_as_diverged_with_the_knobs_unmoved():
    class BrokenGradient(Line):
        def gradients(self, x, y):
            return {"weight": math.nan, "bias": 0.0}

        def evaluate_and_gradients(self, x, y):
            return self.evaluate(x, y), self.gradients(x, y)

    trainer = Trainer(BrokenGradient(weight=1.0, bias=2.0), SGD(0.1), ([1.0, 2.0], [1.0, 2.0])).step(3)
    assert trainer.state == "diverged" and "gradient" in trainer.reason
    assert trainer.model.parameters() == {"weight": 1.0, "bias": 2.0}
