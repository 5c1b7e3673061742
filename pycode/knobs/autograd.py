"""Automatic gradients for single numbers (in the style of micrograd).

A ``Value`` holds a number (``data``), the gradient of the final result with
respect to it (``grad``), and a ``_backward`` step. Every operation builds its
output and, right beside it, the backward step: the chain rule says
"my input's gradient += local derivative × my gradient".
``backward()`` runs those steps from the result back to the inputs.

Used to teach gradients and to check the hand-written gradients elsewhere.
Left out on purpose: tensors and speed (one Python object per number is slow;
``knobs.nn`` has the fast path for training).
"""

import math
from numbers import Real


class Value:
    """One number that remembers how it was computed, so gradients can flow back."""

    __slots__ = ("data", "grad", "_backward", "_children", "label")

    def __init__(self, data, _children=(), label=""):
        if isinstance(data, bool) or not isinstance(data, Real):
            raise TypeError(f"data: expected a number, got {type(data).__name__}")
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None  # a leaf has nothing to pass back
        self._children = _children
        self.label = label

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # --- arithmetic ---------------------------------------------------------------

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))

        def _backward():
            self.grad += out.grad  # d(a + b)/da = 1
            other.grad += out.grad  # d(a + b)/db = 1

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))

        def _backward():
            self.grad += other.data * out.grad  # d(a·b)/da = b
            other.grad += self.data * out.grad  # d(a·b)/db = a

        out._backward = _backward
        return out

    def __pow__(self, exponent):
        if isinstance(exponent, bool) or not isinstance(exponent, Real):
            raise TypeError("exponent: only a plain number is supported, e.g. x ** 2")
        out = Value(self.data**exponent, (self,))

        def _backward():
            self.grad += exponent * self.data ** (exponent - 1) * out.grad  # d(aⁿ)/da = n·aⁿ⁻¹

        out._backward = _backward
        return out

    def __neg__(self):
        return self * -1  # −a = a × (−1)

    def __sub__(self, other):
        return self + (-other)  # a − b = a + (−b)

    def __truediv__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return self * other**-1  # a / b = a × b⁻¹

    def __radd__(self, other):  # other + self
        return self + other

    def __rmul__(self, other):  # other × self
        return self * other

    def __rsub__(self, other):  # other − self
        return Value(other) + (-self)

    def __rtruediv__(self, other):  # other / self
        return Value(other) * self**-1

    # --- functions ----------------------------------------------------------------

    def exp(self):
        out = Value(math.exp(self.data), (self,))

        def _backward():
            self.grad += out.data * out.grad  # d(eᵃ)/da = eᵃ

        out._backward = _backward
        return out

    def log(self):
        if self.data <= 0:
            raise ValueError(f"log: needs a number greater than 0, got {self.data:g}")
        out = Value(math.log(self.data), (self,))

        def _backward():
            self.grad += (1.0 / self.data) * out.grad  # d(log a)/da = 1/a

        out._backward = _backward
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,))

        def _backward():
            self.grad += (1.0 - out.data * out.data) * out.grad  # d(tanh a)/da = 1 − tanh²a

        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,))

        def _backward():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad  # d(relu a)/da = 1 if a > 0

        out._backward = _backward
        return out

    def sigmoid(self):
        if self.data >= 0:
            s = 1.0 / (1.0 + math.exp(-self.data))
        else:
            e = math.exp(self.data)  # stable for very negative a
            s = e / (1.0 + e)
        out = Value(s, (self,))

        def _backward():
            self.grad += s * (1.0 - s) * out.grad  # d(σ(a))/da = σ(a)(1 − σ(a))

        out._backward = _backward
        return out

    def abs(self):
        out = Value(abs(self.data), (self,))

        def _backward():
            self.grad += (1.0 if self.data >= 0 else -1.0) * out.grad  # d|a|/da = sign(a)

        out._backward = _backward
        return out

    # --- the backward pass --------------------------------------------------------

    def backward(self):
        """Fill in ``grad`` for every Value this one was built from (d self / d that value)."""
        order, seen, stack = [], set(), [(self, False)]
        while stack:  # depth-first topological order, without recursion
            node, children_done = stack.pop()
            if children_done:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((child, False) for child in node._children)
        self.grad = 1.0  # d self / d self = 1
        for node in reversed(order):
            node._backward()


def total(values):
    """Add up many Values (like ``sum``), starting from a Value 0."""
    if not hasattr(values, "__iter__") or isinstance(values, (str, bytes, dict)):
        raise TypeError(f"values: expected a list of Values or numbers, got {type(values).__name__}")
    values = list(values)
    for index, value in enumerate(values):
        if not isinstance(value, Value) and (isinstance(value, bool) or not isinstance(value, Real)):
            raise TypeError(f"values[{index}]: expected a Value or a number, got {type(value).__name__}")
    result = Value(0.0)
    for value in values:
        result = result + value
    return result
