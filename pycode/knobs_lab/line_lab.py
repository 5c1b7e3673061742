"""Lab "line" (lesson 1): turn the two knobs of a line by hand over the house prices, then let training turn them.

The reader's knobs are in dollars (weight in $ per square foot, bias in $). Training runs on the same houses in
thousands (thousands of square feet, thousands of dollars), where plain gradient descent with learning rate 0.1
converges; the weight is the same number in both units and the bias is 1,000 times smaller in thousands.
"""

import math

from knobs import data
from knobs.models import Line
from knobs.optim import SGD
from knobs.train import Trainer
from knobs_lab.lab_settings import Layout, Setting, Task

PAGE_CALLS = ("setup", "evaluate", "descend")

HOUSES = 50  # how many houses the lab shows (the 50 of lessons 1 and 2)
SEED = 0  # which houses
LEARNING_RATE = 0.1  # gradient descent on the data in thousands (see the module docstring)
SETTLED = 1e-3  # training is done when a step moves the weight by less than this and the bias by < $1

# The lab's declarations, laid out as tables (one setting, read-out or task a line or two).
# fmt: off
SETTINGS = (
    Setting("weight", "Weight w", "number", 100.0, minimum=-100.0, maximum=400.0, step=1.0, unit="$ per sq ft",
            help="How much the price grows for each extra square foot."),
    Setting("bias", "Bias b", "number", 0.0, minimum=-200_000.0, maximum=300_000.0, step=1000.0, unit="$",
            help="The price the line gives a house of size 0: it lifts the whole line."),
)

LAYOUT = Layout(
    title="Knobs of a line",
    intro="Drag w and b. The line, the misses (dashed) and the loss follow.",
    buttons={"train": "Let training turn the knobs", "reset": "Reset"},
    readouts={"typical_error": "Typical miss (√loss)", "loss": "Loss (mean squared error)"},
    charts={"plot": "House prices against size, with the line and each house's miss"},
)

TASKS = (
    Task("typical-miss", "Turn w and b until the typical miss is under $25,000.",
         lambda answer, args: answer["typical_error"] < 25_000),
)
# fmt: on


def houses():
    """The lab's houses, smallest first (the chart draws them in order): (sizes in square feet, prices in $)."""
    return _smallest_first(*data.house_prices(n=HOUSES, seed=SEED))


def _smallest_first(sizes, prices):
    pairs = sorted(zip(sizes, prices))
    return [size for size, _ in pairs], [price for _, price in pairs]


def _answer(weight, bias):
    sizes, prices = houses()
    line = Line(weight=weight, bias=bias)
    loss = line.loss(sizes, prices)
    ends = [0.0, 3200.0]  # the line is drawn across the whole chart
    return {
        "weight": weight,
        "bias": bias,
        "predictions": line.predict(sizes),
        "line": {"x": ends, "y": line.predict(ends)},
        "loss": loss,
        "loss_thousands": loss / 1000**2,  # the same loss with prices in thousands of dollars (lesson 2's unit)
        "typical_error": math.sqrt(loss),  # √loss: a typical miss, in dollars
    }


def setup(settings):
    """The houses, and the line, residuals and loss for the starting knobs."""
    sizes, prices = houses()
    return {"sizes": sizes, "prices": prices, **_answer(settings["weight"], settings["bias"])}


def evaluate(settings):
    """The line, each house's predicted price (for the residuals) and the loss, for the reader's knobs."""
    return _answer(settings["weight"], settings["bias"])


def descend(settings, steps=5):
    """Let training turn the knobs: ``steps`` steps of gradient descent starting from the reader's knobs.

    Returns the new knobs, their loss in dollars and ``done`` once the knobs have settled. The page calls this a
    few steps per animation frame, passing back the knobs it got, so the reader sees the line move.
    """
    steps = max(1, min(int(steps), 200))
    sizes, prices = data.house_prices(n=HOUSES, seed=SEED, units="thousands")
    model = Line(weight=settings["weight"], bias=settings["bias"] / 1000)
    trainer = Trainer(model, SGD(LEARNING_RATE), (sizes, prices)).step(steps)
    weight, bias = model.weight, model.bias * 1000
    moved = abs(weight - settings["weight"]) / steps < SETTLED and abs(bias - settings["bias"]) / steps < 1.0
    return {
        "steps": trainer.steps_done,
        "done": moved or trainer.state == "diverged",
        **_answer(weight, bias),
    }
