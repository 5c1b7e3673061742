"""Activation functions, each paired with its derivative.

An activation bends a neuron's weighted sum z into its output a = f(z). Backprop
needs f'(z), so every function here comes with it, and ``ACTIVATIONS`` maps a name
to the pair so a lab can pick one by name.

Derivatives are written in terms of the input z (the lesson's formulas). Each
entry also carries a FAST PATH for ``knobs.nn``: the function on a whole column of
numbers at once, and the backward step written with the output a instead of z
(tanh: 1 − a², sigmoid: a(1 − a)), because the network keeps a, not z; a test
checks both against the readable pair.
Left out on purpose: softmax (it mixes a whole row; see ``knobs.losses``).
"""

import math
from itertools import repeat
from operator import methodcaller, mul, sub

from knobs import arguments


def tanh(z):
    """tanh(z): squashes any number into (−1, 1)."""
    return math.tanh(_number(z))


def tanh_derivative(z):
    """tanh'(z) = 1 − tanh(z)²."""
    a = math.tanh(_number(z))
    return 1.0 - a * a


def relu(z):
    """ReLU: z when z > 0, else 0 ("keep the positive part")."""
    return z if _number(z) > 0 else 0.0


def relu_derivative(z):
    """ReLU'(z) = 1 when z > 0, else 0 (we take 0 at exactly z = 0)."""
    return 1.0 if _number(z) > 0 else 0.0


def sigmoid(z):
    """Sigmoid: 1 / (1 + e^(−z)), squashes any number into (0, 1); never overflows."""
    return fast_sigmoid(_number(z))


def fast_sigmoid(z):
    """``sigmoid`` without the argument check, for the fast paths (each z already a finite number)."""
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
    _number(z)
    return z


def linear_derivative(z):
    """linear'(z) = 1."""
    _number(z)
    return 1.0


def _number(z):
    """z itself, once it is known to be a finite number."""
    arguments.number(z, "z")
    return z


class Activation:
    """One activation: ``function`` and ``derivative`` (of z), read as a pair ``f, f_prime = activation``.

    The fast path for a layer of the network: ``forward(zs)`` applies the function to a
    column of numbers; ``backward(gradients, outputs)`` multiplies each incoming gradient
    by the derivative, written with the output a = f(z). ``on_value(v)`` applies the
    function to an ``autograd.Value``.
    """

    def __init__(self, function, derivative, forward, backward, on_value):
        self.function, self.derivative = function, derivative
        self.forward, self.backward, self.on_value = forward, backward, on_value

    def __iter__(self):
        return iter((self.function, self.derivative))


ACTIVATIONS = {  # name → Activation (function, derivative and the network's fast path)
    "tanh": Activation(
        tanh,
        tanh_derivative,
        forward=lambda zs: list(map(math.tanh, zs)),
        backward=lambda gs, a: list(map(mul, gs, map(sub, repeat(1.0), map(mul, a, a)))),  # 1 − a²
        on_value=methodcaller("tanh"),
    ),
    "relu": Activation(
        relu,
        relu_derivative,
        forward=lambda zs: [z if z > 0 else 0.0 for z in zs],
        backward=lambda gs, a: [g if v > 0 else 0.0 for g, v in zip(gs, a)],  # 1 where a > 0
        on_value=methodcaller("relu"),
    ),
    "sigmoid": Activation(
        sigmoid,
        sigmoid_derivative,
        forward=lambda zs: list(map(fast_sigmoid, zs)),
        backward=lambda gs, a: [g * v * (1.0 - v) for g, v in zip(gs, a)],  # a(1 − a)
        on_value=methodcaller("sigmoid"),
    ),
    "linear": Activation(
        linear,
        linear_derivative,
        forward=list,
        backward=lambda gs, a: list(gs),  # 1
        on_value=lambda value: value,
    ),
}


def get(name):
    """The ``Activation`` (function, derivative) for a name such as "tanh"."""
    if name not in ACTIVATIONS:
        valid = ", ".join(repr(key) for key in ACTIVATIONS)
        raise ValueError(f"activation: unknown activation {name!r}; choose one of {valid}")
    return ACTIVATIONS[name]
