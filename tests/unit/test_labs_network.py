"""Lab "network": the boundary grid against a numpy forward pass, parameter counts, and training moons."""

import lab_page
import numpy as np

from knobs_lab import network_lab as lab

page = lab_page.page(lab)  # the bridge as its page calls it


def numpy_probabilities(parameters, layer_count, points, activation=np.tanh):
    a = np.array(points)
    for k in range(1, layer_count + 1):
        z = a @ np.array(parameters[f"layer{k}.weights"]).T + np.array(parameters[f"layer{k}.bias"])
        a = activation(z) if k < layer_count else 1 / (1 + np.exp(-z))
    return a[:, 0]


def test_grid_is_the_networks_probability_over_the_box():
    answer = page("configure", lab="grid-test", settings={"layers": [3, 2]})
    run = lab_page.run_of(lab, "grid-test")
    x0, x1, y0, y1 = answer["box"]
    size = answer["grid_size"]
    xs, ys = np.linspace(x0, x1, size), np.linspace(y0, y1, size)
    points = [[x, y] for y in ys for x in xs]  # row 0 is the bottom
    expected = numpy_probabilities(run.model.parameters(), 3, points)
    assert len(answer["grid"]) == size * size
    assert np.abs(np.array(answer["grid"]) - np.round(expected * 255)).max() <= 1


def test_parameter_count_and_split_follow_the_settings():
    answer = page("configure", lab="count", settings={"layers": [8, 8], "train_share": 0.7})
    assert answer["parameters"] == (2 * 8 + 8) + (8 * 8 + 8) + (8 + 1)
    assert len(answer["train_points"]) == 140 and len(answer["test_points"]) == 60
    assert answer["layer_sizes"] == [2, 8, 8, 1]
    assert page("configure", lab="none", settings={"layers": []})["parameters"] == 3  # logistic regression


def test_moons_train_above_ninety_percent_on_the_test_set():
    page("configure", lab="moons", settings={"dataset": "moons"})
    answer = page("advance", lab="moons", steps=150, grid=False)
    assert answer["epoch"] == 150 and "grid" not in answer
    assert answer["test_accuracy"] > 0.9
    assert answer["test_loss"] < 0.3


def test_scores_shown_are_the_models_own():
    page("configure", lab="scores", settings={"dataset": "xor", "activation": "relu"})
    answer = page("advance", lab="scores", steps=5)
    run = lab_page.run_of(lab, "scores")
    assert answer["test_loss"] == run.model.loss(*run.test)
    x, y = run.train
    p = numpy_probabilities(run.model.parameters(), 3, x, activation=lambda z: np.maximum(z, 0))
    assert np.isclose(answer["train_loss"], -np.mean(np.where(np.array(y) == 1, np.log(p), np.log(1 - p))))


def test_a_huge_learning_rate_with_sgd_diverges_or_stays_bad():
    page(
        "configure",
        lab="wild",
        settings={"learning_rate": 3.0, "optimiser": "sgd", "activation": "linear", "layers": [8, 8, 8, 8]},
    )
    answer = page("advance", lab="wild", steps=200, grid=False)
    assert answer["state"] == "diverged" and "too large" in answer["reason"]


def test_advance_runs_about_one_frame_when_no_step_count_is_given():
    page("configure", lab="frame", settings={})
    answer = page("advance", lab="frame")
    assert answer["epoch"] >= 1 and len(answer["grid"]) == lab.GRID**2


def test_the_boundary_fast_path_gives_the_readable_paths_grid_for_every_shape_and_activation():
    from knobs.models import Model
    from knobs.nn import MLP

    for layers in ([2, 1], [2, 3, 1], [2, 8, 8, 1], [2, 4, 5, 3, 1], [2, 1, 2, 1]):
        for activation in ("tanh", "relu", "sigmoid", "linear"):
            for output, outputs in (("sigmoid", 1), ("softmax", 3), ("linear", 2)):
                model = MLP([*layers[:-1], outputs], activation=activation, output=output, seed=3)
                fast = model.predict_grid((-1.5, 2.5), (-1.0, 1.5), resolution=9)
                readable = Model.predict_grid(model, (-1.5, 2.5), (-1.0, 1.5), resolution=9)  # one predict per point
                assert np.allclose(fast, readable, rtol=0, atol=1e-12), (layers, activation, output)
