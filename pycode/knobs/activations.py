"""Activation functions, each paired with its derivative.

An activation bends a neuron's weighted sum z into its output a = f(z). Backprop
needs f'(z), so every function here comes with it, and ``ACTIVATIONS`` maps a name
to the pair so a lab can pick one by name.

Derivatives are written in terms of the input z (the lesson's formulas). The fast
path in ``knobs.nn`` computes the same derivatives from the output a instead
(tanh: 1 − a², sigmoid: a(1 − a)); a test checks they agree.
Left out on purpose: softmax (it mixes a whole row; see ``knobs.losses``).
"""

import math


def tanh(z):
    """tanh(z): squashes any number into (−1, 1)."""
    return math.tanh(z)


def tanh_derivative(z):
    """tanh'(z) = 1 − tanh(z)²."""
    a = math.tanh(z)
    return 1.0 - a * a


def relu(z):
    """ReLU: z when z > 0, else 0 ("keep the positive part")."""
    return z if z > 0 else 0.0


def relu_derivative(z):
    """ReLU'(z) = 1 when z > 0, else 0 (we take 0 at exactly z = 0)."""
    return 1.0 if z > 0 else 0.0


def sigmoid(z):
    """Sigmoid: 1 / (1 + e^(−z)), squashes any number into (0, 1); never overflows."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)  # for very negative z, e^(−z) would overflow; e^z just goes to 0
    return e / (1.0 + e)


def sigmoid_derivative(z):
    """sigmoid'(z) = sigmoid(z) × (1 − sigmoid(z))."""
    a = sigmoid(z)
    return a * (1.0 - a)


def linear(z):
    """Linear (identity): leaves z as it is."""
    return z


def linear_derivative(z):
    """linear'(z) = 1."""
    return 1.0


ACTIVATIONS = {  # name → (function, derivative)
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "sigmoid": (sigmoid, sigmoid_derivative),
    "linear": (linear, linear_derivative),
}


def get(name):
    """The (function, derivative) pair for an activation name such as "tanh"."""
    if name not in ACTIVATIONS:
        valid = ", ".join(repr(key) for key in ACTIVATIONS)
        raise ValueError(f"activation: unknown activation {name!r}; choose one of {valid}")
    return ACTIVATIONS[name]
