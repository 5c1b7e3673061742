"""Lab "dynamics": the lesson's three learning rates, mini-batches, and replay from the same seed."""

import lab_page
import numpy as np
import pytest

from knobs import data
from knobs_lab import dynamics_lab

page = lab_page.page(dynamics_lab)  # the bridge as its page calls it


def numpy_gradient_descent(learning_rate, steps):
    x, y = map(np.array, data.house_prices(n=50, seed=0, units="thousands"))
    w = b = 0.0
    losses = []
    for _ in range(steps):
        errors = w * x + b - y
        losses.append(np.mean(errors**2))
        w, b = w - learning_rate * 2 * np.mean(errors * x), b - learning_rate * 2 * np.mean(errors)
    return losses, np.mean((w * x + b - y) ** 2)


def test_a_good_rate_follows_numpy_gradient_descent():
    answer = page("run", settings={"learning_rate": 0.1, "steps": 300})
    losses, final = numpy_gradient_descent(0.1, 300)
    assert np.allclose(answer["loss"], losses, rtol=1e-9)
    assert np.isclose(answer["final_loss"], final)
    assert answer["state"] == "finished" and answer["step"] == list(range(300))
    assert round(answer["final_loss"], 1) == 564.3  # the lesson's number


def test_too_large_a_rate_is_reported_as_diverged_with_the_reason():
    answer = page("run", settings={"learning_rate": 0.3, "steps": 300})
    assert answer["state"] == "diverged"
    assert "learning rate is too large" in answer["reason"]
    assert len(answer["loss"]) < 300 and answer["loss"][-1] > 1000 * answer["loss"][0]


def test_mini_batches_depend_on_the_seed_and_replay_repeats_the_run_exactly():
    settings = {"learning_rate": 0.05, "steps": 120, "batch_size": 5, "seed": 7}
    once = page("run", settings=settings)
    assert once["loss"] != page("run", settings={**settings, "seed": 8})["loss"]
    page("start", lab="replay", settings=settings)
    replayed = []
    while True:
        part = page("advance", lab="replay", steps=7)
        replayed += part["loss"]
        if part["ended"]:
            break
    assert replayed == once["loss"]
    assert part["weight"] == once["weight"]


def test_advance_without_start_names_the_problem():
    with pytest.raises(ValueError, match="lab: no run started for .nobody."):
        page("advance", lab="nobody")


def test_python_says_whether_a_finished_run_diverged_is_still_falling_or_settled():
    diverged = page("run", settings={"learning_rate": 1.0})
    assert diverged["verdict"] == "Diverged" and diverged["summary"] == f"Diverged: {diverged['reason']}."
    slow = page("run", settings={"learning_rate": 0.001, "steps": 100})
    assert slow["loss"][-1] < 0.995 * slow["loss"][-11]  # numbers from the run itself, judged independently here
    assert slow["verdict"] == "Still falling" and "still falling" in slow["summary"]
    done = page("run", settings={"learning_rate": 0.1, "steps": 500})
    assert done["loss"][-1] >= 0.995 * done["loss"][-11]
    assert done["verdict"] == "Settled" and "has settled" in done["summary"]


def test_a_replay_is_judged_on_its_whole_run_once_it_ends():
    settings = {"learning_rate": 0.001, "steps": 40}
    page("start", lab="judged", settings=settings)
    assert page("advance", lab="judged", steps=20)["verdict"] is None
    last = page("advance", lab="judged", steps=20)
    assert last["ended"] and last["verdict"] == page("run", settings=settings)["verdict"] == "Still falling"


def numpy_path(learning_rate, steps):
    """The knobs (w, b) after each step of numpy gradient descent, from (0, 0)."""
    x, y = map(np.array, data.house_prices(n=50, seed=0, units="thousands"))
    path = [(0.0, 0.0)]
    w = b = 0.0
    for _ in range(steps):
        errors = w * x + b - y
        w, b = w - learning_rate * 2 * np.mean(errors * x), b - learning_rate * 2 * np.mean(errors)
        path.append((w, b))
    return np.array(path)


def test_the_path_of_the_knobs_and_the_line_follow_numpy_gradient_descent():
    answer = page("run", settings={"learning_rate": 0.1, "steps": 50})
    expected = numpy_path(0.1, 50)
    assert np.allclose(answer["path_weights"], expected[:, 0], rtol=1e-9)
    assert np.allclose(answer["path_biases"], expected[:, 1], rtol=1e-9)
    w, b = expected[-1]
    assert np.allclose(answer["line_y"], [b, w * 3.2 + b])


def test_the_replay_walks_the_same_path_a_few_steps_at_a_time():
    expected = page("run", settings={"learning_rate": 0.2, "steps": 30})
    page("start", lab="path", settings={"learning_rate": 0.2, "steps": 30})
    weights, biases = [0.0], [0.0]
    for _ in range(7):
        answer = page("advance", lab="path", steps=5)
        weights += answer["path_weights"]
        biases += answer["path_biases"]
    assert weights == expected["path_weights"] and biases == expected["path_biases"]


def test_a_diverging_path_jumps_away_and_is_drawn_without_infinities():
    answer = page("run", settings={"learning_rate": 0.3})
    expected = numpy_path(0.3, len(answer["path_weights"]) - 1)
    assert np.allclose(answer["path_weights"], expected[:, 0], rtol=1e-9)
    assert abs(answer["path_weights"][-1]) > 1000  # each step overshoots further: the jumps of lesson 2
    assert all(value is None or np.isfinite(value) for value in answer["path_weights"] + answer["line_y"])


def test_the_landscape_is_the_loss_of_every_line_in_bands_of_equal_loss():
    land = dynamics_lab.landscape()
    x, y = map(np.array, (land["sizes"], land["prices"]))
    weights, biases = np.meshgrid(land["weights"], land["biases"])  # row 0: the lowest bias
    losses = np.mean((weights[..., None] * x + biases[..., None] - y) ** 2, axis=-1).ravel()
    expected = np.floor(np.log(losses / losses.min()) / np.log(dynamics_lab.BAND)).astype(int)
    assert len(land["bands"]) == land["grid_size"] ** 2
    assert np.array_equal(land["bands"], expected)
    lowest = np.argmin(losses)  # the bottom of the loss is inside the box, near least squares (w ≈ 205, b ≈ 35)
    assert abs(weights.ravel()[lowest] - 205) < 15 and abs(biases.ravel()[lowest] - 35) < 15


def test_the_learning_rate_slider_reaches_the_rates_the_lessons_name():
    setting = next(s for s in dynamics_lab.SETTINGS if s.name == "learning_rate")
    low, high, step, _ = setting.slider(setting.default)
    positions = np.arange(low, high + step / 2, step)
    for rate in (0.01, 0.1, 0.3):  # the page reads the shortest number in a notch (logValue in controls.js)
        assert np.min(np.abs(positions - np.log10(rate))) < step / 2
