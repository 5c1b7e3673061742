"""Lab "line": the loss, the misses and the training animation, checked against numpy."""

import lab_page
import numpy as np

from knobs import data
from knobs_lab import line_lab

page = lab_page.page(line_lab)  # the bridge as its page calls it


def houses():
    sizes, prices = data.house_prices(n=line_lab.HOUSES, seed=line_lab.SEED)
    order = np.argsort(sizes, kind="stable")
    return np.array(sizes)[order], np.array(prices)[order]


def test_loss_and_misses_match_numpy():
    x, y = houses()
    answer = page("evaluate", settings={"weight": 150, "bias": 20_000})
    predictions = 150 * x + 20_000
    assert np.allclose(answer["predictions"], predictions)
    assert np.isclose(answer["loss"], np.mean((predictions - y) ** 2), rtol=1e-12)
    assert np.isclose(answer["typical_error"], np.sqrt(np.mean((predictions - y) ** 2)))
    assert np.isclose(answer["loss_thousands"], np.mean((predictions / 1000 - y / 1000) ** 2), rtol=1e-12)


def test_setup_sends_the_houses_smallest_first():
    answer = page("setup", settings={})
    x, y = houses()
    assert answer["sizes"] == list(x) and answer["prices"] == list(y)
    assert answer["settings"] == {"weight": 100.0, "bias": 0.0}


def test_an_out_of_range_link_is_clamped_with_a_notice():
    answer = page("setup", settings={"weight": 900, "bias": -1e9})
    assert answer["settings"] == {"weight": 400.0, "bias": -200_000.0}
    assert len(answer["notices"]) == 2 and "Weight w: 900" in answer["notices"][0]


def test_training_from_the_readers_knobs_reaches_least_squares():
    x, y = houses()
    best_weight, best_bias = np.polyfit(x, y, 1)
    settings = {"weight": 100.0, "bias": 0.0}
    losses = []
    for _ in range(200):
        answer = page("descend", settings=settings, steps=5)
        settings = {"weight": answer["weight"], "bias": answer["bias"]}
        losses.append(answer["loss"])
        if answer["done"]:
            break
    assert all(later <= earlier + 1e-6 for earlier, later in zip(losses, losses[1:]))
    assert abs(settings["weight"] - best_weight) < 1.0
    assert abs(settings["bias"] - best_bias) < 2_000
    assert answer["done"]


def test_one_descent_step_is_plain_gradient_descent_in_thousands():
    x, y = houses()
    xk, yk = x / 1000, y / 1000
    w, b = 150.0, 20.0
    errors = w * xk + b - yk
    w2, b2 = w - 0.1 * 2 * np.mean(errors * xk), b - 0.1 * 2 * np.mean(errors)
    answer = page("descend", settings={"weight": 150, "bias": 20_000}, steps=1)
    assert np.isclose(answer["weight"], w2) and np.isclose(answer["bias"], b2 * 1000)
