"""Seeded data sets for the lessons.

Every generator takes an explicit ``seed`` and builds its own ``random.Random(seed)``:
the same seed gives the same numbers on every computer and in the browser. Numbers
are rounded (whole square feet and dollars, or 6 decimals) so that last-digit
differences between maths libraries can never show.

In scope: house prices on a noisy line, a noisy curve for polynomials, 2-D
classification shapes (moons, circles, xor, spirals, blobs), a train/validation/test
split, and support tickets with a leaked feature (shortcut learning).
Left out on purpose: reading files, images and text (the text corpus for the language model is ``knobs.tokens.corpus()``).
"""

import math
import random

from knobs import arguments

DECIMALS = 6  # rounding for the 2-D shapes and the curve


def _rng(seed):
    """The generator's own random numbers: the same whole-number seed, the same data everywhere."""
    return random.Random(arguments.integer(seed, "seed"))


# --- regression -----------------------------------------------------------------


def house_prices(n=50, noise=20_000, seed=0, units="dollars"):
    """Houses on a noisy line: price ≈ 200 × size + 50,000, plus noise.

    Returns ``(sizes, prices)``, two lists of ``n`` numbers. Sizes are 500–3,000
    square feet; ``noise`` is the spread of the noise in dollars.

    ``units="dollars"`` gives square feet and dollars (what the lesson talks about).
    ``units="thousands"`` gives thousands of square feet and thousands of dollars,
    so the line is price ≈ 200 × size + 50 and gradient descent converges in a few
    hundred steps with ``learning_rate=0.1`` (big raw numbers make the steps explode).
    """
    n = arguments.integer(n, "n", minimum=1)
    noise = arguments.non_negative_number(noise, "noise")
    arguments.choice(units, "units", ("dollars", "thousands"))
    rng = _rng(seed)
    sizes, prices = [], []
    for _ in range(n):
        size = round(rng.uniform(500, 3000))  # whole square feet
        price = round(200 * size + 50_000 + rng.gauss(0, noise))  # whole dollars
        sizes.append(size)
        prices.append(price)
    if units == "thousands":
        return [size / 1000 for size in sizes], [price / 1000 for price in prices]
    return [float(size) for size in sizes], [float(price) for price in prices]


def standardise(values):
    """Rescale numbers to mean 0 and spread 1: (value − mean) / standard deviation.

    Returns ``(scaled, mean, spread)``; keep ``mean`` and ``spread`` to scale new
    inputs the same way. Gradient descent likes inputs of about this size.
    """
    values = arguments.numbers(values, "values")
    mean = math.fsum(values) / len(values)
    spread = math.sqrt(math.fsum((value - mean) ** 2 for value in values) / len(values))
    if spread == 0:
        spread = 1.0  # every value is the same: only shift
    return [(value - mean) / spread for value in values], mean, spread


def noisy_curve(n=20, noise=0.2, seed=0):
    """Points near the curve y = sin(π·x) for x in [−1, 1], for fitting polynomials.

    Returns ``(x, y)``, two lists of ``n`` numbers, sorted by x.
    """
    n = arguments.integer(n, "n", minimum=1)
    noise = arguments.non_negative_number(noise, "noise")
    rng = _rng(seed)
    xs = sorted(rng.uniform(-1, 1) for _ in range(n))
    ys = [math.sin(math.pi * x) + rng.gauss(0, noise) for x in xs]
    return [round(x, DECIMALS) for x in xs], [round(y, DECIMALS) for y in ys]


# --- 2-D classification ------------------------------------------------------------
# Each returns (points, labels): points is a list of [x1, x2], labels a list of 0/1.
# Labels alternate 0, 1, 0, 1, ... so the classes are balanced.


def _finish(points, labels):
    """Round the coordinates so every platform shows the same numbers."""
    return [[round(x1, DECIMALS), round(x2, DECIMALS)] for x1, x2 in points], labels


def _check_shape_arguments(n, noise):
    return arguments.integer(n, "n", minimum=1), arguments.non_negative_number(noise, "noise")


def _alternating(n, noise, seed, place):
    """``n`` points with labels 0, 1, 0, 1, …: ``place(rng, label)`` puts a point of that class, then noise moves it."""
    rng = _rng(seed)
    points, labels = [], []
    for i in range(n):
        label = i % 2
        x1, x2 = place(rng, label)
        points.append((x1 + rng.gauss(0, noise), x2 + rng.gauss(0, noise)))
        labels.append(label)
    return _finish(points, labels)


def moons(n=200, noise=0.1, seed=0):
    """Two interleaving half circles: class 0 on the upper arc, class 1 on the lower."""
    n, noise = _check_shape_arguments(n, noise)

    def place(rng, label):
        angle = rng.uniform(0, math.pi)
        if label == 0:
            return math.cos(angle), math.sin(angle)
        return 1 - math.cos(angle), 0.5 - math.sin(angle)

    return _alternating(n, noise, seed, place)


def circles(n=200, noise=0.05, seed=0, factor=0.5):
    """A ring around a disc: class 0 on the circle of radius 1, class 1 on radius ``factor``."""
    n, noise = _check_shape_arguments(n, noise)
    factor = arguments.positive_number(factor, "factor")

    def place(rng, label):
        radius = 1.0 if label == 0 else factor
        angle = rng.uniform(0, 2 * math.pi)
        return radius * math.cos(angle), radius * math.sin(angle)

    return _alternating(n, noise, seed, place)


def xor(n=200, noise=0.05, seed=0):
    """Four corners: class 1 where exactly one coordinate is negative, else class 0.

    No single straight line separates the classes.
    """
    n, noise = _check_shape_arguments(n, noise)

    def place(rng, label):
        sign1 = 1 if rng.random() < 0.5 else -1
        sign2 = -sign1 if label == 1 else sign1
        x1 = sign1 * rng.uniform(0.1, 1.0)  # keep a small gap around the axes
        return x1, sign2 * rng.uniform(0.1, 1.0)

    return _alternating(n, noise, seed, place)


def spirals(n=200, noise=0.05, seed=0, turns=1.5):
    """Two spirals winding around each other, half a turn apart."""
    n, noise = _check_shape_arguments(n, noise)
    turns = arguments.positive_number(turns, "turns")

    def place(rng, label):
        radius = rng.uniform(0.05, 1.0)
        angle = radius * turns * 2 * math.pi + label * math.pi
        return radius * math.cos(angle), radius * math.sin(angle)

    return _alternating(n, noise, seed, place)


def blobs(n=200, noise=0.5, seed=0):
    """Two round clouds: class 0 around (−1, −1), class 1 around (1, 1); ``noise`` is their spread."""
    n, noise = _check_shape_arguments(n, noise)

    def place(rng, label):
        centre = 1.0 if label == 1 else -1.0
        return centre, centre

    return _alternating(n, noise, seed, place)


CLASSIFICATION_SETS = {  # name → generator, so a lab can pick a data set by name
    "moons": moons,
    "circles": circles,
    "xor": xor,
    "spirals": spirals,
    "blobs": blobs,
}


def classification(name, n=200, noise=None, seed=0):
    """Make a 2-D classification set by name; ``noise=None`` uses that set's default."""
    arguments.choice(name, "name", tuple(CLASSIFICATION_SETS))
    generator = CLASSIFICATION_SETS[name]
    if noise is None:
        return generator(n=n, seed=seed)
    return generator(n=n, noise=noise, seed=seed)


def transform(points, degrees=0.0, shift=(0.0, 0.0)):
    """Turn 2-D points by ``degrees`` around (0, 0), then move them by ``shift``.

    Used to make a "shifted" data set for fine-tuning: same shape, new place.
    """
    points = arguments.points(points, "points", width=2)
    degrees = arguments.number(degrees, "degrees")
    shift = arguments.numbers(shift, "shift", length=2)  # (dx, dy)
    dx, dy = shift
    angle = math.radians(degrees)
    cos, sin = math.cos(angle), math.sin(angle)
    moved = [(cos * x1 - sin * x2 + dx, sin * x1 + cos * x2 + dy) for x1, x2 in points]
    return [[round(x1, DECIMALS), round(x2, DECIMALS)] for x1, x2 in moved]


# --- splitting ----------------------------------------------------------------------


def split(x, y, fractions=(0.6, 0.2, 0.2), seed=0):
    """Shuffle examples and cut them into parts: train / validation / test.

    ``fractions`` has 2 (train, test) or 3 (train, validation, test) numbers that
    add up to 1. Returns one ``(x, y)`` pair per part, e.g.
    ``train, validation, test = split(points, labels)``.
    """
    if not isinstance(x, (list, tuple)) or not isinstance(y, (list, tuple)):
        raise TypeError("x, y: expected two lists")
    if not x:
        raise ValueError("x: is empty; give at least one example")
    arguments.same_length(x, y, "x", "y")
    fractions = arguments.numbers(fractions, "fractions")
    if len(fractions) not in (2, 3):
        raise ValueError(f"fractions: expected 2 or 3 numbers, got {len(fractions)}")
    if any(fraction <= 0 for fraction in fractions) or abs(sum(fractions) - 1) > 1e-9:
        raise ValueError(f"fractions: must be positive and add up to 1, got {tuple(fractions)}")
    if len(x) < len(fractions):
        raise ValueError(f"x: {len(x)} examples are too few to split into {len(fractions)} parts")
    order = list(range(len(x)))
    _rng(seed).shuffle(order)
    sizes = [max(1, int(fraction * len(x))) for fraction in fractions[1:]]
    sizes.insert(0, len(x) - sum(sizes))  # train takes what is left over
    parts, start = [], 0
    for size in sizes:
        chosen = order[start : start + size]
        parts.append(([x[i] for i in chosen], [y[i] for i in chosen]))
        start += size
    return tuple(parts)


# --- shortcut learning ----------------------------------------------------------------

TICKET_FEATURES = (  # the columns of urgent_tickets(), in order
    "mentions_outage",  # 1 if the ticket mentions an outage: honest, fairly strong
    "customers_affected",  # rough share of customers affected, 0–1: honest, fairly strong
    "exclamation_marks",  # how many "!" the writer used: honest but weak
    "night_shift_style",  # 1 if written in the night-shift team's style: the shortcut
)


def urgent_tickets(n=400, seed=0, leaky=True):
    """Support tickets labelled urgent (1) or not (0), with a tempting shortcut.

    Features are ``TICKET_FEATURES``. In the historical training data (``leaky=True``)
    the night-shift team wrote up almost every urgent ticket, so their writing style
    gives the label away (it matches the label 97% of the time). In production
    (``leaky=False``) anyone writes tickets and the style says nothing about urgency.
    Lesson 5's recipe: train on ``urgent_tickets(400, seed=0)``, validate on
    ``urgent_tickets(400, seed=1)``, then score "production" on
    ``urgent_tickets(400, seed=2, leaky=False)``. A logistic regression on all four
    features (300 steps, learning rate 0.5) scores 95.8% in validation and 50.0% in production, below the 66.0% of
    always answering "not urgent"; one given only the three honest features scores
    77.2% and 82.8%.
    """
    n = arguments.integer(n, "n", minimum=1)
    if not isinstance(leaky, bool):
        raise TypeError(f"leaky: expected True or False, got {type(leaky).__name__}")
    rng = _rng(seed)
    features, labels = [], []
    for _ in range(n):
        urgent = 1 if rng.random() < 0.4 else 0
        mentions_outage = 1 if rng.random() < (0.6 if urgent else 0.15) else 0
        affected = rng.gauss(0.55 if urgent else 0.3, 0.2)
        customers_affected = round(min(1.0, max(0.0, affected)), 3)
        exclamation_marks = sum(1 for _ in range(4) if rng.random() < (0.35 if urgent else 0.25))
        if leaky:
            matches = rng.random() < 0.97
            night_shift_style = urgent if matches else 1 - urgent
        else:
            night_shift_style = 1 if rng.random() < 0.4 else 0
        features.append([mentions_outage, customers_affected, exclamation_marks, night_shift_style])
        labels.append(urgent)
    return features, labels
