"""Optimisers: turn gradients into a step for every knob.

``step(parameters, gradients)`` changes the parameter dict in place (and returns
it); names listed in ``frozen`` (exact names or name prefixes such as "layer1")
are left alone. Parameters may be numbers or nested lists, as ``model.parameters()``
gives them.

In scope: plain gradient descent (``SGD``), ``Momentum`` and ``Adam``.
Left out on purpose: learning-rate schedules and weight decay (see ``Trainer(l2=...)``).
"""

import math
from functools import partial
from operator import mul, sub

from knobs import arguments, nested


def is_frozen(name, frozen):
    """True if ``name`` is in ``frozen`` or starts with one of its prefixes ("layer1" → "layer1.weights")."""
    if not isinstance(name, str):
        raise TypeError(f"name: expected a parameter name, got {type(name).__name__}")
    return _matches(name, frozen_prefixes(frozen))


def _matches(name, prefixes):
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def frozen_prefixes(frozen, names=None, argument="frozen"):
    """``frozen`` (a name or list of names or prefixes) as a tuple; with ``names``, each must match one of them."""
    if frozen == () and type(frozen) is tuple:
        return frozen  # fast path: nothing frozen, the usual case
    if isinstance(frozen, str):
        frozen = (frozen,)
    if not isinstance(frozen, (list, tuple)) or not all(isinstance(prefix, str) for prefix in frozen):
        raise TypeError(f"{argument}: expected a parameter name or a list of them, such as ['layer1']")
    for prefix in frozen if names is not None else ():
        if not any(_matches(name, (prefix,)) for name in names):
            raise ValueError(f"{argument}: {prefix!r} matches no parameter; names are {list(names)}")
    return tuple(frozen)


def _check_same_shape(name, value, gradient):
    """A gradient must hold one finite number for every number of its parameter."""
    expected = arguments.knob(value, f"parameters[{name!r}]")
    got = arguments.knob(gradient, f"gradients[{name!r}]")
    if got != expected:
        raise ValueError(f"gradients[{name!r}]: has shape {got} but the parameter has shape {expected}")


class Optimiser:
    """Shared bookkeeping: checks the arguments, skips frozen names, counts steps."""

    def __init__(self, learning_rate):
        self.learning_rate = arguments.positive_number(learning_rate, "learning_rate")
        self.steps = 0  # how many updates have been made
        self.state = {}  # per-parameter memory (velocity, averages); empty for SGD

    def step(self, parameters, gradients, frozen=()):
        """Update every parameter that has a gradient and is not frozen; returns ``parameters``."""
        if not isinstance(parameters, dict):
            raise TypeError(f"parameters: expected a dict, got {type(parameters).__name__}")
        if not isinstance(gradients, dict):
            raise TypeError(f"gradients: expected a dict, got {type(gradients).__name__}")
        unknown = set(gradients) - set(parameters)
        if unknown:
            raise ValueError(f"gradients: names {sorted(unknown)} are not in parameters")
        for name, gradient in gradients.items():  # all checked before any knob moves
            _check_same_shape(name, parameters[name], gradient)
        return self.apply(parameters, gradients, frozen_prefixes(frozen, parameters))

    def apply(self, parameters, gradients, frozen=()):
        """``step`` without checking its arguments, for a training loop whose gradients come from the model
        itself, shaped like its parameters (``Trainer``); ``frozen`` is a tuple of names or prefixes."""
        self.steps += 1
        for name, gradient in gradients.items():
            if not _matches(name, frozen):
                parameters[name] = self.update(name, parameters[name], gradient)
        return parameters

    def update(self, name, value, gradient):
        """The new value of one parameter (a number or nested list)."""
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}(learning_rate={self.learning_rate:g})"


class SGD(Optimiser):
    """Gradient descent: new knob = knob − learning_rate × gradient."""

    def update(self, name, value, gradient):
        step = nested.map(partial(mul, self.learning_rate), gradient)  # learning_rate × gradient
        return nested.map(sub, value, step)  # knob − step (operator functions: the loops run in C)


class Momentum(Optimiser):
    """Gradient descent with momentum: keep rolling in the direction of past steps.

    velocity = momentum × velocity − learning_rate × gradient;  knob = knob + velocity.
    """

    def __init__(self, learning_rate, momentum=0.9):
        super().__init__(learning_rate)
        momentum = arguments.number(momentum, "momentum")
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum: must be from 0 up to (not including) 1, got {momentum}")
        self.momentum = momentum

    def update(self, name, value, gradient):
        learning_rate, momentum = self.learning_rate, self.momentum
        velocity = self.state.get(name)
        if velocity is None:
            velocity = nested.zeros_like(value)
        velocity = nested.map(lambda v, g: momentum * v - learning_rate * g, velocity, gradient)
        self.state[name] = velocity
        return nested.map(lambda w, v: w + v, value, velocity)


class Adam(Optimiser):
    """Adam: a step per knob scaled by running averages of its gradient and squared gradient.

    m = β₁·m + (1 − β₁)·g,  v = β₂·v + (1 − β₂)·g²   (running averages)
    m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)            (correct the start-at-zero bias)
    knob = knob − learning_rate × m̂ / (√v̂ + eps)
    """

    def __init__(self, learning_rate=0.01, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(learning_rate)
        for value, name in ((beta1, "beta1"), (beta2, "beta2")):
            value = arguments.number(value, name)
            if not 0 <= value < 1:
                raise ValueError(f"{name}: must be from 0 up to (not including) 1, got {value}")
        self.beta1, self.beta2 = float(beta1), float(beta2)
        self.eps = arguments.positive_number(eps, "eps")

    def update(self, name, value, gradient):
        beta1, beta2 = self.beta1, self.beta2
        first, second = self.state.get(name, (None, None))
        if first is None:
            first, second = nested.zeros_like(value), nested.zeros_like(value)
        first = nested.map(lambda m, g: beta1 * m + (1 - beta1) * g, first, gradient)
        second = nested.map(lambda v, g: beta2 * v + (1 - beta2) * g * g, second, gradient)
        self.state[name] = (first, second)
        step_size = self.learning_rate / (1 - beta1**self.steps)  # bias correction for m
        correction = 1 - beta2**self.steps  # bias correction for v
        eps = self.eps
        return nested.map(
            lambda w, m, v: w - step_size * m / (math.sqrt(v / correction) + eps),
            value,
            first,
            second,
        )


OPTIMISERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}  # name → class, for labs


def make(name, learning_rate, **settings):
    """Build an optimiser by name: "sgd", "momentum" or "adam"."""
    arguments.choice(name, "optimiser", tuple(OPTIMISERS))
    return OPTIMISERS[name](learning_rate, **settings)
