"""Seeded data sets: same seed → same numbers; shapes and properties the lessons rely on."""

import math

import numpy as np
import pytest

from knobs import data
from knobs.models import LogisticRegression
from knobs.optim import Adam
from knobs.train import Trainer

GENERATORS = sorted(data.CLASSIFICATION_SETS)


@pytest.mark.parametrize("name", GENERATORS)
def test_same_seed_gives_identical_points(name):
    assert data.classification(name, n=50, seed=3) == data.classification(name, n=50, seed=3)


@pytest.mark.parametrize("name", GENERATORS)
def test_different_seeds_give_different_points(name):
    assert data.classification(name, n=50, seed=1)[0] != data.classification(name, n=50, seed=2)[0]


@pytest.mark.parametrize("name", GENERATORS)
def test_shapes_are_points_with_balanced_binary_labels(name):
    points, labels = data.classification(name, n=101, seed=0)
    assert len(points) == len(labels) == 101
    assert all(len(point) == 2 and all(isinstance(v, float) for v in point) for point in points)
    assert set(labels) == {0, 1}
    assert abs(labels.count(0) - labels.count(1)) <= 1


def test_known_values_pin_the_generator_across_platforms():
    # Fixed numbers: if these change, every lesson's pictures and numbers change too.
    points, labels = data.moons(2, seed=0)
    assert points == [[-0.877695, 0.365193], [0.211341, -0.233847]]
    assert labels == [0, 1]
    assert data.house_prices(2, seed=0) == ([2611.0, 1147.0], [573244.0, 258532.0])


def test_noise_free_circles_have_exact_radii():
    points, labels = data.circles(200, noise=0.0, seed=1, factor=0.4)
    radii = np.hypot(*np.array(points).T)
    expected = np.where(np.array(labels) == 0, 1.0, 0.4)
    np.testing.assert_allclose(radii, expected, atol=2e-6)


def test_noise_free_moons_lie_on_their_half_circles():
    points, labels = data.moons(100, noise=0.0, seed=0)
    for (x1, x2), label in zip(points, labels):
        centre = (0.0, 0.0) if label == 0 else (1.0, 0.5)
        assert math.hypot(x1 - centre[0], x2 - centre[1]) == pytest.approx(1.0, abs=2e-6)


def test_xor_labels_follow_the_signs_without_noise():
    points, labels = data.xor(200, noise=0.0, seed=0)
    for (x1, x2), label in zip(points, labels):
        assert label == (1 if (x1 > 0) != (x2 > 0) else 0)


def test_house_prices_sit_on_the_lesson_line():
    sizes, prices = data.house_prices(500, seed=0)
    slope, intercept = np.polyfit(sizes, prices, 1)
    assert slope == pytest.approx(200, rel=0.05)
    assert intercept == pytest.approx(50_000, abs=15_000)
    assert 500 <= min(sizes) and max(sizes) <= 3000


def test_house_prices_in_thousands_are_the_same_houses():
    sizes, prices = data.house_prices(20, seed=4)
    small_sizes, small_prices = data.house_prices(20, seed=4, units="thousands")
    np.testing.assert_allclose(np.array(sizes) / 1000, small_sizes)
    np.testing.assert_allclose(np.array(prices) / 1000, small_prices)


def test_noisy_curve_without_noise_is_the_sine():
    x, y = data.noisy_curve(30, noise=0.0, seed=0)
    assert x == sorted(x)
    np.testing.assert_allclose(y, np.sin(np.pi * np.array(x)), atol=3e-6)


def test_standardise_gives_mean_zero_spread_one():
    scaled, mean, spread = data.standardise([1.0, 2.0, 3.0, 10.0])
    assert np.mean(scaled) == pytest.approx(0, abs=1e-12)
    assert np.std(scaled) == pytest.approx(1)
    assert mean == pytest.approx(4.0) and spread == pytest.approx(np.std([1, 2, 3, 10]))


def test_split_keeps_every_example_exactly_once():
    x = list(range(100))
    y = [v * 10 for v in x]
    train, validation, test = data.split(x, y, seed=5)
    assert (len(train[0]), len(validation[0]), len(test[0])) == (60, 20, 20)
    assert sorted(train[0] + validation[0] + test[0]) == x
    for part_x, part_y in (train, validation, test):
        assert part_y == [v * 10 for v in part_x]
    assert data.split(x, y, seed=5) == (train, validation, test)
    assert data.split(x, y, seed=6) != (train, validation, test)


def test_split_into_two_parts():
    train, test = data.split(list(range(10)), list(range(10)), fractions=(0.8, 0.2))
    assert len(train[0]) == 8 and len(test[0]) == 2


@pytest.mark.parametrize("fractions", [(0.5, 0.6), (1.0,), (0.5, -0.1, 0.6), (0.2, 0.2, 0.2, 0.4)])
def test_split_rejects_bad_fractions(fractions):
    with pytest.raises(ValueError, match="fractions"):
        data.split([1, 2, 3, 4], [1, 2, 3, 4], fractions=fractions)


def test_split_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="y"):
        data.split([1, 2, 3], [1, 2])


def test_unknown_data_set_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match="name.*moons"):
        data.classification("bananas")


def test_transform_turns_and_moves_points():
    assert data.transform([[1.0, 0.0]], degrees=90, shift=(1.0, 2.0)) == [[1.0, 3.0]]


def test_leaky_style_feature_gives_the_label_away_only_in_training_data():
    x, y = data.urgent_tickets(1000, seed=0, leaky=True)
    match = np.mean([row[3] == label for row, label in zip(x, y)])
    assert match > 0.95
    x, y = data.urgent_tickets(1000, seed=1, leaky=False)
    style, labels = np.array([row[3] for row in x]), np.array(y)
    assert abs(np.corrcoef(style, labels)[0, 1]) < 0.1


def test_shortcut_model_looks_great_in_training_and_fails_in_production():
    x, y = data.urgent_tickets(400, seed=0, leaky=True)
    production_x, production_y = data.urgent_tickets(400, seed=1, leaky=False)
    shortcut = LogisticRegression(4)
    Trainer(shortcut, Adam(0.05), (x, y)).fit(300)
    honest = LogisticRegression(3)
    Trainer(honest, Adam(0.05), ([row[:3] for row in x], y)).fit(300)

    def accuracy(model, features, labels):
        return np.mean(np.array(model.classify(features)) == np.array(labels))

    assert accuracy(shortcut, x, y) > 0.95
    assert accuracy(shortcut, production_x, production_y) < 0.65
    honest_production = accuracy(honest, [row[:3] for row in production_x], production_y)
    assert honest_production > 0.75
    assert honest_production > accuracy(shortcut, production_x, production_y) + 0.1


@pytest.mark.parametrize("bad, error", [(0, ValueError), (-3, ValueError), (2.5, TypeError), ("10", TypeError)])
def test_generators_reject_bad_sizes_naming_n(bad, error):
    with pytest.raises(error, match="^n"):
        data.moons(bad)


def test_generators_reject_negative_noise_naming_noise():
    with pytest.raises(ValueError, match="^noise"):
        data.noisy_curve(10, noise=-1)


def test_house_prices_rejects_unknown_units():
    with pytest.raises(ValueError, match="units"):
        data.house_prices(units="euros")
