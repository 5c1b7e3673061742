"""A small neural network (multi-layer perceptron) with hand-written backprop.

``MLP([2, 8, 8, 1])`` is 2 inputs → 8 neurons → 8 neurons → 1 output. Each layer
computes z = weights · inputs + bias for every neuron, then bends z with the
activation (tanh, relu, sigmoid or linear). The last layer's output function
matches the task: "sigmoid" (yes/no, binary cross-entropy), "softmax" (several
classes, categorical cross-entropy) or "linear" (numbers, mean squared error).

Parameters are named per layer — "layer1.weights" (shape (n_out, n_in)) and
"layer1.bias" (shape (n_out,)) — so a layer can be frozen by its prefix.

Two ways to get the gradients, checked against each other by the tests:
- the FAST PATH (``gradients``): a whole batch at once on plain lists, one list
  per neuron holding its value for every example ("columns"), so the inner
  loops run inside ``map``/``sum`` instead of one Python object per number;
- the READABLE PATH (``loss_value`` / ``gradients_autograd``): the same network
  built from ``autograd.Value`` numbers, neuron by neuron, then ``backward()``.
Left out on purpose: convolutions, dropout, batch norm.
"""

import gc
import math
import random
from itertools import chain, repeat
from operator import add, mul

from knobs import activations, arguments
from knobs.autograd import Value
from knobs.losses import (
    fast_binary_cross_entropy_from_logits,
    fast_cross_entropy,
    fast_mean_squared_error,
    fast_softmax_rows,
)
from knobs.models import Model, grid_axes
from knobs.nested import dot as _dot

OUTPUTS = ("sigmoid", "softmax", "linear")  # output function → loss: BCE, categorical CE, MSE


NARROW = 2  # a layer with at most this many inputs sums scaled columns instead of a dot product per example


def _weighted_columns(weights, columns, bias=0.0):
    """bias + Σᵢ weights[i] × columns[i], number by number: weights · inputs for every example at once.

    The same numbers as one dot product per example, but for one or two weights a few passes of ``map`` over
    whole columns cost less than a call per example.
    """
    total = map(mul, columns[0], repeat(weights[0]))
    for weight, column in zip(weights[1:], columns[1:]):
        total = map(add, total, map(mul, column, repeat(weight)))
    return map(add, total, repeat(bias))


def _transpose(rows):
    """Rows (one per example) ↔ columns (one per feature or neuron)."""
    return [list(column) for column in zip(*rows)]


class MLP(Model):
    """A multi-layer perceptron: layers of neurons, each weights · inputs + bias, then an activation."""

    def __init__(self, layer_sizes=(2, 8, 8, 1), activation="tanh", output="sigmoid", seed=0):
        if isinstance(layer_sizes, (str, bytes)) or not hasattr(layer_sizes, "__len__"):
            raise TypeError("layer_sizes: expected a list of whole numbers such as [2, 8, 8, 1]")
        if len(layer_sizes) < 2:
            raise ValueError("layer_sizes: need at least an input size and an output size, e.g. [2, 1]")
        self.layer_sizes = [
            arguments.integer(size, f"layer_sizes[{i}]", minimum=1) for i, size in enumerate(layer_sizes)
        ]
        activations.get(activation)  # raises ValueError naming `activation` if unknown
        self.activation = activation
        self.output = arguments.choice(output, "output", OUTPUTS)
        if output == "sigmoid" and self.layer_sizes[-1] != 1:
            raise ValueError("layer_sizes: a sigmoid output needs exactly 1 output neuron")
        if output == "softmax" and self.layer_sizes[-1] < 2:
            raise ValueError("layer_sizes: a softmax output needs at least 2 output neurons (classes)")
        self.seed = arguments.integer(seed, "seed")
        self._parameters = self._initial_parameters(random.Random(self.seed))
        self._parameters_changed()

    def _initial_parameters(self, rng):
        """Small random weights (Glorot; He for relu) so neurons start different; biases 0."""
        parameters = {}
        for k, (n_in, n_out) in enumerate(zip(self.layer_sizes, self.layer_sizes[1:]), start=1):
            if self.activation == "relu":
                limit = math.sqrt(6.0 / n_in)
            else:
                limit = math.sqrt(6.0 / (n_in + n_out))
            parameters[f"layer{k}.weights"] = [  # (n_out, n_in): one row per neuron
                [rng.uniform(-limit, limit) for _ in range(n_in)] for _ in range(n_out)
            ]
            parameters[f"layer{k}.bias"] = [0.0] * n_out  # (n_out,)
        return parameters

    def _parameters_changed(self):
        count = len(self.layer_sizes) - 1
        self._weights = [self._parameters[f"layer{k}.weights"] for k in range(1, count + 1)]
        self._biases = [self._parameters[f"layer{k}.bias"] for k in range(1, count + 1)]

    def structure(self):
        return {
            "layer_sizes": list(self.layer_sizes),
            "activation": self.activation,
            "output": self.output,
            "seed": self.seed,
        }

    @property
    def is_classifier(self):
        return self.output != "linear"

    # --- checking inputs and targets ----------------------------------------------

    def _points(self, x):
        return arguments.points(x, "x", width=self.layer_sizes[0])

    def _targets(self, y, n):
        """Labels for sigmoid/softmax, numbers (or rows of numbers) for linear."""
        outputs = self.layer_sizes[-1]
        if self.output == "sigmoid":
            y = arguments.labels(y, "y", classes=2)
        elif self.output == "softmax":
            y = arguments.labels(y, "y", classes=outputs)
        elif outputs == 1:
            y = arguments.numbers(y, "y")
        else:
            y = arguments.points(y, "y", width=outputs)
        if len(y) != n:
            raise ValueError(f"y: has {len(y)} items but x has {n}; they must pair up one to one")
        return y

    # --- the fast path: forward ---------------------------------------------------

    def _forward(self, columns):
        """Push a batch through every layer. ``columns``: one list per input, over examples.

        Returns the columns of every layer: ``layers[0]`` are the inputs, the middle
        ones the hidden activations, ``layers[-1]`` the output scores z (before
        sigmoid/softmax). Each column has one number per example.
        """
        layers = [columns]
        for k in range(len(self._weights)):
            layers.append(self._layer(k, layers[-1]))
        return layers

    def _layer(self, k, columns):
        """Layer k's outputs (one column per neuron) from its inputs (one column per input), all examples at once:
        z = weights · inputs + bias for each neuron, bent by the activation except in the last layer."""
        weights, bias = self._weights[k], self._biases[k]
        bend = activations.get(self.activation).forward if k < len(self._weights) - 1 else list
        if len(columns) <= NARROW:  # one or two inputs: weights · inputs as a sum of scaled columns
            return [bend(_weighted_columns(row, columns, b)) for row, b in zip(weights, bias)]
        examples = list(zip(*columns, repeat(1.0)))  # (n, n_in + 1): each example's inputs, then a 1 for the bias
        return [  # (n_out, n): one neuron at a time, [weights, bias] · [inputs, 1] for each example
            bend(map(_dot, repeat([*row, b]), examples)) for row, b in zip(weights, bias)
        ]

    def _loss_and_output_gradient(self, scores, y):
        """Loss from the output scores (columns) and d loss / d score (columns)."""
        if self.output == "sigmoid":
            loss, delta = fast_binary_cross_entropy_from_logits(scores[0], y)
            return loss, [delta]
        if self.output == "softmax":
            loss, delta_rows = fast_cross_entropy(list(zip(*scores)), y)
            return loss, _transpose(delta_rows)
        return fast_mean_squared_error(scores, [y] if len(scores) == 1 else _transpose(y))

    # --- the fast path: backward --------------------------------------------------

    def _backward(self, layers, delta):
        """Backprop: from d loss / d scores (columns) to the gradient of every parameter.

        For layer k with inputs a and output gradient δ (one column per neuron):
        d loss/d weights[j][i] = Σ_examples δⱼ·aᵢ,  d loss/d bias[j] = Σ δⱼ,
        δ for the layer below = (Σⱼ weights[j][i]·δⱼ) × activation'(aᵢ).
        """
        gradients = {}
        hidden = activations.get(self.activation)
        for k in range(len(self._weights) - 1, -1, -1):
            inputs, weights = layers[k], self._weights[k]
            gradients[f"layer{k + 1}.weights"] = [[_dot(d, a) for a in inputs] for d in delta]
            gradients[f"layer{k + 1}.bias"] = [sum(d) for d in delta]
            if k == 0:
                break
            below = []
            delta_rows = None if len(delta) <= NARROW else list(zip(*delta))  # (n, n_out)
            for column, a in zip(zip(*weights), inputs):  # column i of weights: what input i fed
                if delta_rows is None:  # Σⱼ wⱼᵢ·δⱼ for each example
                    back = _weighted_columns(column, delta)
                else:
                    back = map(_dot, repeat(column), delta_rows)
                below.append(hidden.backward(back, a))  # × activation'(aᵢ)
            delta = below
        return {name: gradients[name] for name in self._parameters}  # layer order

    # --- the model API ------------------------------------------------------------

    def _outputs(self, scores):
        """Output scores (columns) → predictions, one per example."""
        if self.output == "sigmoid":
            return list(map(activations.sigmoid, scores[0]))
        if self.output == "softmax":
            return fast_softmax_rows(zip(*scores))
        return list(scores[0]) if len(scores) == 1 else _transpose(scores)

    def predict(self, x):
        """Predictions for a list of inputs: P(class 1) for sigmoid, a row of class
        probabilities for softmax, numbers for linear."""
        return self._outputs(self._forward(_transpose(self._points(x)))[-1])

    def classify(self, x):
        """Class labels: P ≥ 0.5 → 1 for sigmoid, the most likely class for softmax."""
        if self.output == "linear":
            raise ValueError("output: a linear-output MLP predicts numbers, not classes")
        predictions = self.predict(x)
        if self.output == "sigmoid":
            return [1 if p >= 0.5 else 0 for p in predictions]
        return [max(range(len(row)), key=row.__getitem__) for row in predictions]

    def _checked_forward(self, x, y):
        """Check a batch, push it through: ``(targets, layers)``."""
        x = self._points(x)
        y = self._targets(y, len(x))
        return y, self._forward(_transpose(x))

    def loss(self, x, y):
        """Binary cross-entropy (sigmoid), categorical cross-entropy (softmax) or MSE (linear)."""
        y, layers = self._checked_forward(x, y)
        return self._loss_and_output_gradient(layers[-1], y)[0]

    def loss_and_gradients(self, x, y):
        """One forward and one backward pass: ``(loss, gradients)``."""
        y, layers = self._checked_forward(x, y)
        loss, delta = self._loss_and_output_gradient(layers[-1], y)
        return loss, self._backward(layers, delta)

    def gradients(self, x, y):
        """d loss / d every parameter, by hand-written backprop (the fast path)."""
        return self.loss_and_gradients(x, y)[1]

    def evaluate(self, x, y):
        """Loss and (for classifiers) accuracy from a single forward pass."""
        y, layers = self._checked_forward(x, y)
        scores = layers[-1]
        return self._evaluation(scores, y, self._loss_and_output_gradient(scores, y)[0])

    def evaluate_and_gradients(self, x, y):
        """``(evaluate(x, y), gradients(x, y))`` from one forward and one backward pass."""
        y, layers = self._checked_forward(x, y)
        loss, delta = self._loss_and_output_gradient(layers[-1], y)
        return self._evaluation(layers[-1], y, loss), self._backward(layers, delta)

    def _evaluation(self, scores, y, loss):
        """{"loss": …, "accuracy": …} from the output scores (columns)."""
        result = {"loss": loss}
        if self.output == "sigmoid":
            result["accuracy"] = sum(1 for z, t in zip(scores[0], y) if (z >= 0) == (t == 1)) / len(y)
        elif self.output == "softmax":
            rows = list(zip(*scores))
            correct = sum(1 for row, t in zip(rows, y) if max(range(len(row)), key=row.__getitem__) == t)
            result["accuracy"] = correct / len(y)
        return result

    def predict_grid(self, x_range=(-2.0, 2.0), y_range=(-2.0, 2.0), resolution=40):
        """FAST PATH of ``Model.predict_grid`` (same answer, checked by a test) for a lab redrawing a decision
        boundary many times a second: the grid's points are not checked one by one, and the first layer's
        z = w₁·x₁ + w₂·x₂ + b splits into a part per column (w₁·x₁) and a part per row (w₂·x₂ + b), so it is
        additions of two short lists instead of two multiplications per point; the other layers are ``_layer``.
        """
        if self.layer_sizes[0] != 2:
            return super().predict_grid(x_range, y_range, resolution)
        xs, ys = grid_axes(x_range, y_range, resolution)
        bend = activations.get(self.activation).forward if len(self._weights) > 1 else list
        columns = []  # (n_1, resolution²): the first layer, row 0 of the grid first
        for (w1, w2), b in zip(self._weights[0], self._biases[0]):
            across = [w1 * x1 for x1 in xs]
            columns.append(bend(chain.from_iterable(map(add, across, repeat(w2 * x2 + b)) for x2 in ys)))
        for k in range(1, len(self._weights)):
            columns = self._layer(k, columns)
        flat = self._outputs(columns)
        return [flat[r * len(xs) : (r + 1) * len(xs)] for r in range(len(ys))]

    # --- the readable path: the same network from autograd Values ------------------

    def loss_value(self, x, y):
        """Build the loss from ``autograd.Value`` numbers, neuron by neuron.

        Returns ``(loss, knobs)``: the loss as a Value and a dict shaped like
        ``parameters()`` whose numbers are Values; call ``loss.backward()`` and read
        each knob's ``.grad``. Slow (one object per number) but easy to follow.
        """
        x = self._points(x)
        y = self._targets(y, len(x))
        knobs = {
            name: [[Value(w) for w in row] for row in value] if name.endswith("weights") else [Value(b) for b in value]
            for name, value in self._parameters.items()
        }
        layer_count = len(self.layer_sizes) - 1
        total = Value(0.0)
        for point, target in zip(x, y):
            values = point
            for k in range(1, layer_count + 1):
                weights, bias = knobs[f"layer{k}.weights"], knobs[f"layer{k}.bias"]
                scores = []
                for row, b in zip(weights, bias):  # one neuron: weights · inputs + bias
                    z = b
                    for w, v in zip(row, values):
                        z = z + w * v
                    scores.append(z)
                if k < layer_count:
                    scores = [activations.get(self.activation).on_value(z) for z in scores]
                values = scores
            total = total + self._example_loss(values, target)
        return total / len(y), knobs

    def _example_loss(self, scores, target):
        """The loss of one example from its output scores (Values)."""
        if self.output == "sigmoid":
            z = scores[0]  # BCE from the logit: max(z, 0) − z·y + log(1 + e^−|z|)
            return z.relu() - z * target + (1 + (-z.abs()).exp()).log()
        if self.output == "softmax":
            largest = max(z.data for z in scores)  # a constant: keeps e^… small
            log_total = sum((z - largest).exp() for z in scores).log() + largest
            return log_total - scores[target]  # −log softmax(z)[label]
        targets = [target] if len(scores) == 1 else target
        return sum((z - t) ** 2 for z, t in zip(scores, targets)) / len(scores)

    def gradients_autograd(self, x, y):
        """The same gradients as ``gradients``, found by ``autograd`` (slow, for checking)."""
        collecting = gc.isenabled()
        gc.disable()  # thousands of linked Values: the cycle collector would slow this ~7×
        try:
            loss, knobs = self.loss_value(x, y)
            loss.backward()
            return {
                name: [[w.grad for w in row] for row in value] if name.endswith("weights") else [b.grad for b in value]
                for name, value in knobs.items()
            }
        finally:
            if collecting:
                gc.enable()
