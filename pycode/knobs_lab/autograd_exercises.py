"""The checkers of the engineer's track: the reader builds the scalar autograd of lesson 2 from stubs, one step at a
time (add, multiply, tanh, ReLU, backward in topological order), and each step is compared with `knobs.autograd`.

A checker builds a small expression with the reader's `Value` and with the course's, runs the backward step (by
hand, `out.grad = 1; out._backward()`, before the reader has written `backward`), and compares the output's data and
every input's gradient. A difference names the expression, both numbers and, where the wrong number is what a
typical mistake gives, what to look at.

Each checker is registered by `@checker("autograd_add")` (knobs_lab.checking) under the name its block gives.
"""

import math

from knobs.autograd import Value as Reference
from knobs_lab.checking import Miss, call, checker, function, same, show
from knobs_lab.words import say


def run(Value, case, by_hand):
    """(out.data, [each input's grad]) of the expression `case` built with `Value`; `by_hand`: only out's own step."""
    inputs, build, _ = case
    values = [call(Value, number) for number in inputs]
    out = call(build, *values)
    if by_hand:
        out.grad = 1.0
        call(out._backward)
    else:
        call(out.backward)
    return out.data, [value.grad for value in values]


def compare(names, cases, mistakes, by_hand=True):
    """Check the reader's Value on every case against knobs.autograd; `mistakes(case_text, which, answer, inputs)`
    gives the question to ask for a wrong number, or ""."""
    Value = function(names, "Value")
    for case in cases:
        inputs, _, text = case
        got_data, got_grads = run(Value, case, by_hand)
        want_data, want_grads = run(Reference, case, by_hand)
        step = "out.grad = 1 and out._backward()" if by_hand else "out.backward()"
        if not same(got_data, want_data):
            raise Miss(
                say(
                    "For {case}, out.data is {answer}; expected {expected}.",
                    case=text,
                    answer=show(got_data),
                    expected=show(want_data),
                )
            )
        for index, (got, want) in enumerate(zip(got_grads, want_grads)):
            if not same(got, want):
                name = "abc"[index]
                hint = mistakes(text, name, got, inputs)
                message = say(
                    "For {case}, after {step}, {name}.grad is {answer}; expected {expected}.",
                    case=text,
                    step=step,
                    name=name,
                    answer=show(got),
                    expected=show(want),
                )
                raise Miss(f"{message} {hint}" if hint else message)


@checker("autograd_add")
def autograd_add(names):
    """Value.__add__: the sum, and a backward step that passes the output's gradient to both inputs."""
    cases = [
        ((2.0, -3.0), lambda a, b: a + b, "a = Value(2.0), b = Value(-3.0), out = a + b"),
        ((4.0,), lambda a: a + a, "a = Value(4.0), out = a + a"),
    ]

    def mistakes(text, name, got, inputs):
        if got == 0:
            return say("Did you attach the step to the output (out._backward = _backward)?")
        if "a + a" in text and same(got, 1.0):
            return say("A value used twice gets both contributions: add to its grad with +=, do not overwrite it.")
        return say("d(a + b)/da = 1: each input's grad grows by out.grad.")

    compare(names, cases, mistakes)


@checker("autograd_mul")
def autograd_mul(names):
    """Value.__mul__: the product, and d(a·b)/da = b, d(a·b)/db = a."""
    cases = [
        ((2.0, -3.0), lambda a, b: a * b, "a = Value(2.0), b = Value(-3.0), out = a * b"),
        ((5.0,), lambda a: a * a, "a = Value(5.0), out = a * a"),
    ]

    def mistakes(text, name, got, inputs):
        if len(inputs) == 2 and same(got, inputs["ab".index(name)]):
            return say("The gradient of {name} is the *other* input's data: d(a·b)/da = b.", name=name)
        if len(inputs) == 1 and same(got, inputs[0]):
            return say("A value used twice gets both contributions: add to its grad with +=.")
        return ""

    compare(names, cases, mistakes)


@checker("autograd_tanh")
def autograd_tanh(names):
    """Value.tanh: tanh of the data, and d(tanh a)/da = 1 − tanh²(a)."""
    cases = [
        ((0.5,), lambda a: a.tanh(), "a = Value(0.5), out = a.tanh()"),
        ((-2.0,), lambda a: a.tanh(), "a = Value(-2.0), out = a.tanh()"),
    ]

    def mistakes(text, name, got, inputs):
        if same(got, 1 - inputs[0] ** 2):
            return say("1 − tanh²: square the output (tanh of a), not the input a.")
        if same(got, math.tanh(inputs[0]) ** 2):
            return say("The derivative is 1 − tanh², not tanh².")
        return ""

    compare(names, cases, mistakes)


@checker("autograd_relu")
def autograd_relu(names):
    """Value.relu: max(0, data), and a gradient that flows only where the input was positive."""
    cases = [
        ((3.0,), lambda a: a.relu(), "a = Value(3.0), out = a.relu()"),
        ((-2.0,), lambda a: a.relu(), "a = Value(-2.0), out = a.relu()"),
    ]

    def mistakes(text, name, got, inputs):
        if inputs[0] < 0 and same(got, 1.0):
            return say("ReLU passes no gradient where its input was negative: its output did not move.")
        if inputs[0] > 0 and same(got, 0.0):
            return say("Where the input is positive ReLU is the identity: its gradient is 1.")
        return ""

    compare(names, cases, mistakes)


@checker("autograd_backward")
def autograd_backward(names):
    """Value.backward: every step, in reverse topological order, after setting the result's own gradient to 1."""
    cases = [
        ((2.0, -3.0), lambda a, b: (a * b + a).tanh(), "a = Value(2.0), b = Value(-3.0), out = (a * b + a).tanh()"),
        (
            (0.5, 1.5, -1.0),
            lambda a, b, c: (a * b + c).relu() * a + b * c,
            "a = Value(0.5), b = Value(1.5), c = Value(-1.0), out = (a * b + c).relu() * a + b * c",
        ),
    ]

    def mistakes(text, name, got, inputs):
        if same(got, 0.0):
            return say(
                "Did you set the result's own gradient to 1 first, and run every node's step from the result "
                "back to the inputs (the reversed topological order)?"
            )
        return say("Run the steps from the result back to the inputs: the reversed topological order.")

    compare(names, cases, mistakes, by_hand=False)
