"""Models: a structure a human chooses plus parameters (knobs) found from data.

Every model in Knobs answers the same few verbs:

- ``predict(x)``: a list of inputs → a list of predictions (``model(one_input)`` for one);
- ``loss(x, y)``: how wrong the predictions are, one number;
- ``gradients(x, y)``: how the loss changes per knob (dict name → same shape as parameters);
- ``parameters()`` / ``set_parameters(dict)``: the learned numbers as a plain dict;
- ``count_parameters()``, ``to_dict()`` / ``from_dict()``, ``save(path)`` / ``load(path)``.

A trained model is its structure plus numbers saved to a file (JSON).
In scope: ``Line``, ``Polynomial``, ``LogisticRegression``; ``knobs.nn.MLP`` and the
language models follow the same API. Left out on purpose: closed-form solvers (the
lessons and labs find the numbers by gradient descent).
"""

import importlib
import json
import math
import os
from operator import mul

from knobs import arguments, nested
from knobs.activations import sigmoid
from knobs.losses import binary_cross_entropy_from_logits, fast_mean_squared_error

_FLOAT = {float}


def _as_floats(value, expected, name):
    """Copy ``value`` as floats, checking it has the same shape as ``expected``."""
    if isinstance(expected, list):
        if (
            type(value) is list
            and len(value) == len(expected)
            and expected
            and type(expected[0]) is float
            and set(map(type, value)) == _FLOAT
            and all(map(math.isfinite, value))
        ):
            return list(value)  # fast path for the training loop: a row of finite floats
        if hasattr(value, "tolist") and not isinstance(value, (list, tuple)):
            value = value.tolist()
        if not isinstance(value, (list, tuple)) or len(value) != len(expected):
            raise ValueError(f"parameters: {name!r} must have shape {nested.shape(expected)}")
        return [_as_floats(v, e, name) for v, e in zip(value, expected)]
    if type(value) is float and math.isfinite(value):  # fast path for the training loop
        return value
    if isinstance(value, (list, tuple)):
        raise ValueError(f"parameters: {name!r} must be a single number")
    return arguments.number(value, f"parameters[{name!r}]")


class Model:
    """What every model shares: the verbs around ``predict``, ``loss`` and ``gradients``.

    A model keeps its learned numbers in ``self._parameters`` (dict name → number or
    nested lists) and its chosen structure in ``structure()``.
    """

    is_classifier = False  # True for models whose predictions are class probabilities

    # --- to be written by each model -------------------------------------------
    def structure(self):
        """The choices a human made (hyper-parameters), as a plain dict."""
        raise NotImplementedError

    def predict(self, x):
        raise NotImplementedError

    def loss(self, x, y):
        raise NotImplementedError

    def gradients(self, x, y):
        raise NotImplementedError

    # --- shared ------------------------------------------------------------------
    def __call__(self, one_input):
        """Predict for a single input: ``model(1000)`` instead of ``model.predict([1000])[0]``."""
        return self.predict([one_input])[0]

    def __repr__(self):
        settings = dict(self.structure())
        settings.update(  # single-number knobs read well in the summary too
            (name, value) for name, value in self._parameters.items() if not isinstance(value, list)
        )
        settings = ", ".join(f"{key}={value!r}" for key, value in settings.items())
        return f"{type(self).__name__}({settings})"

    def loss_and_gradients(self, x, y):
        """``(loss(x, y), gradients(x, y))``; models with a faster combined pass override it."""
        return self.loss(x, y), self.gradients(x, y)

    def evaluate(self, x, y):
        """How well the model does on ``(x, y)``: {"loss": …} plus "accuracy" for classifiers."""
        result = {"loss": self.loss(x, y)}
        if self.is_classifier:
            predicted = self.classify(x)
            result["accuracy"] = sum(1 for p, t in zip(predicted, y) if p == t) / len(y)
        return result

    def evaluate_and_gradients(self, x, y):
        """``(evaluate(x, y), gradients(x, y))``, for the training loop; may share one pass."""
        return self.evaluate(x, y), self.gradients(x, y)

    def parameters(self):
        """The learned numbers: a fresh dict name → number or nested lists (safe to change)."""
        return {name: nested.copy(value) for name, value in self._parameters.items()}

    def set_parameters(self, parameters):
        """Replace the learned numbers; names and shapes must match ``parameters()``."""
        if not isinstance(parameters, dict):
            raise TypeError(f"parameters: expected a dict, got {type(parameters).__name__}")
        unknown = set(parameters) - set(self._parameters)
        if unknown:
            raise ValueError(f"parameters: unknown names {sorted(unknown)}; this model has {list(self._parameters)}")
        missing = set(self._parameters) - set(parameters)
        if missing:
            raise ValueError(f"parameters: missing {sorted(missing)}")
        self._parameters = {
            name: _as_floats(parameters[name], expected, name) for name, expected in self._parameters.items()
        }
        self._parameters_changed()
        return self

    def _parameters_changed(self):
        """Hook: models that cache views of their parameters refresh them here."""

    def count_parameters(self):
        """How many learned numbers (knobs) the model has."""
        return sum(nested.count(value) for value in self._parameters.values())

    def to_dict(self):
        """Structure plus numbers, as plain JSON-ready data."""
        return {
            "model": type(self).__name__,
            "module": type(self).__module__,
            "structure": self.structure(),
            "parameters": self.parameters(),
        }

    @classmethod
    def from_dict(cls, saved):
        """Rebuild a model from ``to_dict()`` output (any Knobs model, whatever ``cls`` is)."""
        if not isinstance(saved, dict) or not {"model", "structure", "parameters"} <= set(saved):
            raise ValueError("saved: expected a dict with 'model', 'structure' and 'parameters'")
        module_name = saved.get("module", __name__)
        if module_name != "knobs" and not module_name.startswith("knobs."):
            raise ValueError(f"saved: module {module_name!r} is not part of knobs")
        model_class = getattr(importlib.import_module(module_name), str(saved["model"]), None)
        if not (isinstance(model_class, type) and issubclass(model_class, Model)):
            raise ValueError(f"saved: unknown model {saved['model']!r}")
        if not issubclass(model_class, cls):
            raise ValueError(f"saved: holds the data of a {model_class.__name__}, not of a {cls.__name__}")
        if not isinstance(saved["structure"], dict):
            raise TypeError("saved: 'structure' must be a dict of settings")
        try:
            model = model_class(**saved["structure"])
        except TypeError as error:
            if "argument" not in str(error):
                raise
            raise TypeError(f"saved: 'structure' does not fit a {model_class.__name__}: {error}") from None
        try:
            model.set_parameters(saved["parameters"])
            model._load_extras(saved)
        except (TypeError, ValueError) as error:
            raise type(error)(f"saved: {error}") from None
        return model

    def _load_extras(self, saved):
        """Hook: models whose ``to_dict`` adds more than structure and knobs read it back here."""

    def save(self, path):
        """Write structure plus numbers to a JSON file."""
        _check_path(path)
        with open(path, "w", encoding="utf-8") as file:
            json.dump(self.to_dict(), file, indent=1)
        return path

    @classmethod
    def load(cls, path):
        """Read a model written by ``save``."""
        _check_path(path)
        with open(path, encoding="utf-8") as file:
            return cls.from_dict(json.load(file))

    def predict_grid(self, x_range=(-2.0, 2.0), y_range=(-2.0, 2.0), resolution=40):
        """Predictions over a resolution × resolution grid of a 2-D box (to draw a decision boundary).

        Returns rows: ``grid[r][c]`` is the prediction at
        x1 = x_range[0] + c·(width / (resolution − 1)), x2 = y_range[0] + r·(height / (resolution − 1)),
        so row 0 is the bottom edge of the box.
        """
        xs, ys = grid_axes(x_range, y_range, resolution)
        flat = self.predict([[x1, x2] for x2 in ys for x1 in xs])
        return [flat[r * len(xs) : (r + 1) * len(xs)] for r in range(len(ys))]


def grid_axes(x_range, y_range, resolution):
    """The grid of ``predict_grid``: (the x1 of each column, the x2 of each row), evenly spaced, ends included."""
    resolution = arguments.integer(resolution, "resolution", minimum=2)
    x_low, x_high = _box_side(x_range, "x_range")
    y_low, y_high = _box_side(y_range, "y_range")
    xs = [x_low + (x_high - x_low) * c / (resolution - 1) for c in range(resolution)]
    ys = [y_low + (y_high - y_low) * r / (resolution - 1) for r in range(resolution)]
    return xs, ys


def _check_path(path):
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path: expected a file name, got {type(path).__name__}")


def _box_side(side, name):
    side = arguments.numbers(side, name)
    if len(side) != 2 or side[0] >= side[1]:
        raise ValueError(f"{name}: expected (low, high) with low < high, got {side}")
    return side


def load(path):
    """Read any Knobs model written by ``model.save(path)``."""
    return Model.load(path)


def from_dict(saved):
    """Rebuild any Knobs model from ``model.to_dict()``."""
    return Model.from_dict(saved)


# --- regression on one input -------------------------------------------------------


def _inputs(x):
    return arguments.numbers(x, "x")


def _inputs_and_targets(x, y):
    x, y = arguments.numbers(x, "x"), arguments.numbers(y, "y")
    arguments.same_length(x, y, "x", "y")
    return x, y


class _Regression(Model):
    """A model of one input that predicts a number, scored by mean squared error."""

    def loss(self, x, y):
        """Mean squared error of the predictions."""
        x, y = _inputs_and_targets(x, y)
        return fast_mean_squared_error([self.predict(x)], [y])[0]  # x and y are checked: the fast path


class Line(_Regression):
    """A straight line: prediction = weight × x + bias. Two knobs."""

    def __init__(self, weight=0.0, bias=0.0):
        self._parameters = {
            "weight": arguments.number(weight, "weight"),
            "bias": arguments.number(bias, "bias"),
        }

    def structure(self):
        return {}  # nothing to choose: a line is a line

    def predict(self, x):
        """weight × x + bias for each x in the list."""
        weight, bias = self._parameters["weight"], self._parameters["bias"]
        return [weight * value + bias for value in _inputs(x)]

    def gradients(self, x, y):
        """d loss/d weight = 2/n Σ (prediction − y)·x,  d loss/d bias = 2/n Σ (prediction − y)."""
        x, y = _inputs_and_targets(x, y)
        errors = [p - t for p, t in zip(self.predict(x), y)]
        n = len(y)
        return {
            "weight": 2 * sum(e * value for e, value in zip(errors, x)) / n,
            "bias": 2 * sum(errors) / n,
        }

    @property
    def weight(self):
        return self._parameters["weight"]

    @property
    def bias(self):
        return self._parameters["bias"]


class Polynomial(_Regression):
    """A polynomial of a chosen degree: c₀ + c₁·x + c₂·x² + … + c_d·x^d.

    ``coefficients`` are the knobs, lowest power first (``degree + 1`` of them).
    """

    def __init__(self, degree, coefficients=None):
        self.degree = arguments.integer(degree, "degree", minimum=0)
        if coefficients is None:
            coefficients = [0.0] * (self.degree + 1)
        coefficients = arguments.numbers(coefficients, "coefficients")
        if len(coefficients) != self.degree + 1:
            raise ValueError(
                f"coefficients: a degree-{self.degree} polynomial needs {self.degree + 1}, got {len(coefficients)}"
            )
        self._parameters = {"coefficients": coefficients}

    def structure(self):
        return {"degree": self.degree}

    def features(self, x):
        """The powers of each input: [1, x, x², …, x^d] (shape (n, degree + 1))."""
        rows = []
        for value in _inputs(x):
            row, power = [], 1.0
            for _ in range(self.degree + 1):
                row.append(power)
                power *= value
            rows.append(row)
        return rows

    def predict(self, x):
        coefficients = self._parameters["coefficients"]
        return [sum(c * p for c, p in zip(coefficients, row)) for row in self.features(x)]

    def gradients(self, x, y):
        """d loss/d cₖ = 2/n Σ (prediction − y)·xᵏ."""
        x, y = _inputs_and_targets(x, y)
        rows = self.features(x)
        coefficients = self._parameters["coefficients"]
        errors = [sum(c * p for c, p in zip(coefficients, row)) - t for row, t in zip(rows, y)]
        n = len(y)
        return {
            "coefficients": [2 * sum(e * row[k] for e, row in zip(errors, rows)) / n for k in range(self.degree + 1)]
        }


class LogisticRegression(Model):
    """A yes/no classifier: P(label = 1) = sigmoid(weights · x + bias).

    ``predict`` gives probabilities; ``classify`` gives labels 0/1.
    """

    is_classifier = True

    def __init__(self, n_features, weights=None, bias=0.0):
        self.n_features = arguments.integer(n_features, "n_features", minimum=1)
        if weights is None:
            weights = [0.0] * self.n_features
        weights = arguments.numbers(weights, "weights")
        if len(weights) != self.n_features:
            raise ValueError(f"weights: expected {self.n_features} numbers, got {len(weights)}")
        self._parameters = {"weights": weights, "bias": arguments.number(bias, "bias")}

    def structure(self):
        return {"n_features": self.n_features}

    def _points(self, x):
        return arguments.points(x, "x", width=self.n_features)

    def _points_and_labels(self, x, y):
        x, y = self._points(x), arguments.labels(y, "y")
        arguments.same_length(x, y, "x", "y")
        return x, y

    def logits(self, x):
        """The score before the sigmoid: weights · x + bias, for each example."""
        weights, bias = self._parameters["weights"], self._parameters["bias"]
        return [sum(map(mul, weights, point), bias) for point in self._points(x)]

    def predict(self, x):
        """P(label = 1) for each example."""
        return [sigmoid(z) for z in self.logits(x)]

    def classify(self, x, threshold=0.5):
        """Label 1 where P(label = 1) ≥ threshold, else 0."""
        threshold = arguments.number(threshold, "threshold")
        if not 0 <= threshold <= 1:
            raise ValueError(f"threshold: must be a chance from 0 to 1, got {threshold}")
        return [1 if p >= threshold else 0 for p in self.predict(x)]

    def loss(self, x, y):
        """Binary cross-entropy (computed from the logits, so it never overflows)."""
        x, y = self._points_and_labels(x, y)
        return binary_cross_entropy_from_logits(self.logits(x), y)

    def gradients(self, x, y):
        """d loss/d wⱼ = 1/n Σ (p − y)·xⱼ,  d loss/d bias = 1/n Σ (p − y)."""
        x, y = self._points_and_labels(x, y)
        errors = [p - label for p, label in zip(self.predict(x), y)]
        n = len(y)
        return {
            "weights": [sum(e * point[j] for e, point in zip(errors, x)) / n for j in range(self.n_features)],
            "bias": sum(errors) / n,
        }


__all__ = ["Model", "Line", "Polynomial", "LogisticRegression", "load", "from_dict"]
