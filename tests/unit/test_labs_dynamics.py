"""Lab "dynamics": the lesson's three learning rates, mini-batches, and replay from the same seed."""

import numpy as np
import pytest

from knobs import data
from knobs_lab import dynamics_lab


def numpy_gradient_descent(learning_rate, steps):
    x, y = map(np.array, data.house_prices(n=50, seed=0, units="thousands"))
    w = b = 0.0
    losses = []
    for _ in range(steps):
        errors = w * x + b - y
        losses.append(np.mean(errors ** 2))
        w, b = w - learning_rate * 2 * np.mean(errors * x), b - learning_rate * 2 * np.mean(errors)
    return losses, np.mean((w * x + b - y) ** 2)


def test_a_good_rate_follows_numpy_gradient_descent():
    answer = dynamics_lab.run({"learning_rate": 0.1, "steps": 300})
    losses, final = numpy_gradient_descent(0.1, 300)
    assert np.allclose(answer["loss"], losses, rtol=1e-9)
    assert np.isclose(answer["final_loss"], final)
    assert answer["state"] == "finished" and answer["step"] == list(range(300))
    assert round(answer["final_loss"], 1) == 564.3  # the lesson's number


def test_too_large_a_rate_is_reported_as_diverged_with_the_reason():
    answer = dynamics_lab.run({"learning_rate": 0.3, "steps": 300})
    assert answer["state"] == "diverged"
    assert "learning rate is too large" in answer["reason"]
    assert len(answer["loss"]) < 300 and answer["loss"][-1] > 1000 * answer["loss"][0]


def test_mini_batches_depend_on_the_seed_and_replay_repeats_the_run_exactly():
    settings = {"learning_rate": 0.05, "steps": 120, "batch_size": 5, "seed": 7}
    once = dynamics_lab.run(settings)
    assert once["loss"] != dynamics_lab.run({**settings, "seed": 8})["loss"]
    dynamics_lab.start("replay", settings)
    replayed = []
    while True:
        part = dynamics_lab.advance("replay", steps=7)
        replayed += part["loss"]
        if part["ended"]:
            break
    assert replayed == once["loss"]
    assert part["weight"] == once["weight"]


def test_advance_without_start_names_the_problem():
    with pytest.raises(ValueError, match="lab: no replay"):
        dynamics_lab.advance("nobody")


def test_python_says_whether_a_finished_run_diverged_is_still_falling_or_settled():
    diverged = dynamics_lab.run({"learning_rate": 1.0})
    assert diverged["verdict"] == "Diverged" and diverged["summary"] == f"Diverged: {diverged['reason']}."
    slow = dynamics_lab.run({"learning_rate": 0.001, "steps": 100})
    assert slow["loss"][-1] < 0.995 * slow["loss"][-11]  # numbers from the run itself, judged independently here
    assert slow["verdict"] == "Still falling" and "still falling" in slow["summary"]
    done = dynamics_lab.run({"learning_rate": 0.1, "steps": 500})
    assert done["loss"][-1] >= 0.995 * done["loss"][-11]
    assert done["verdict"] == "Settled" and "has settled" in done["summary"]


def test_a_replay_is_judged_on_its_whole_run_once_it_ends():
    settings = {"learning_rate": 0.001, "steps": 40}
    dynamics_lab.start("judged", settings)
    assert dynamics_lab.advance("judged", steps=20)["verdict"] is None
    last = dynamics_lab.advance("judged", steps=20)
    assert last["ended"] and last["verdict"] == dynamics_lab.run(settings)["verdict"] == "Still falling"
