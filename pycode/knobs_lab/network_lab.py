"""Lab "network" (lesson 6): build a small neural network, train it, and watch its decision boundary form.

One run per lab on the page (``calls.call`` keeps it under the lab's id): ``configure`` makes the data set, the
split, the ``knobs.nn.MLP`` and its ``knobs.train.Trainer``; ``advance`` trains a few full-batch steps (one step sees
every training point once, so steps are epochs) and returns only what changed: the new step count, one point
for the loss chart, and the network's prediction over a GRID × GRID grid of the plane, as whole numbers 0–255
(P(class 1) × 255), which the page paints behind the points.
"""

import time

from knobs import data
from knobs.nn import MLP
from knobs.optim import make
from knobs.train import Trainer
from knobs_lab.lab_settings import Layout, Setting, Task
from knobs_lab.words import reason

PAGE_CALLS = ("configure", "advance")

POINTS = 200  # points in the data set (train + test)
GRID = 20  # the boundary is drawn from GRID × GRID predictions (knobs.nn.MLP.predict_grid's fast path), which the
# canvas stretches smoothly over the plane
MARGIN = 0.3  # room around the points, in data units
FRAME_BUDGET = 0.023  # advance() without a step count trains for about this many seconds, then scores and draws
# the grid: about 30 boundary frames a second in the page (see BENCHMARKS.md)

# The lab's declarations, laid out as tables (one setting, read-out or task a line or two).
# fmt: off
SETTINGS = (
    Setting("dataset", "Data set", "choice", "moons",
            choices=(("moons", "Moons"), ("circles", "Circles"), ("xor", "XOR"), ("spirals", "Spirals"),
                     ("blobs", "Blobs"))),
    Setting("noise", "Noise", "number", 0.1, minimum=0.0, maximum=0.5, step=0.05),
    Setting("train_share", "Share used for training", "number", 0.5, minimum=0.1, maximum=0.9, step=0.1,
            help="The rest is the test set: points the network never trains on."),
    Setting("layers", "Hidden layers (neurons each)", "layers", [8, 8], minimum=1, maximum=8, max_layers=4),
    Setting("activation", "Activation", "choice", "tanh",
            choices=(("tanh", "tanh"), ("relu", "ReLU"), ("sigmoid", "sigmoid"), ("linear", "linear"))),
    Setting("learning_rate", "Learning rate", "log", 0.03, minimum=0.001, maximum=3.0),
    Setting("optimiser", "Optimiser", "choice", "adam", choices=(("adam", "Adam"), ("sgd", "Plain gradient descent"))),
    Setting("l2", "L2 penalty", "number", 0.0, minimum=0.0, maximum=0.05, step=0.001,
            help="Pulls every weight towards 0: a smoother boundary."),
)

LAYOUT = Layout(
    title="Build a neural network",
    intro="Choose data, shape and training knobs, then press Play. "
          "The background shows what the network predicts at each place.",
    buttons={"play": "▶ Play", "step": "One step", "reset": "↺ Reset"},
    readouts={"epoch": "Steps", "parameters": "Parameters", "train_loss": "Training loss",
              "test_loss": "Test loss", "test_accuracy": "Test accuracy"},
    charts={"boundary": "The decision boundary: the network's prediction over the plane, with the points",
            "losses": "Training and test loss over the steps"},
)

TASKS = (
    Task("small-network", "Reach 95 % test accuracy with at most 4 hidden neurons in all.",
         lambda answer, args: answer["test_accuracy"] >= 0.95 and sum(answer["layer_sizes"][1:-1]) <= 4),
)
# fmt: on


class Run:
    """One lab's data, network and training run."""

    def __init__(self, values):
        points, labels = data.classification(values["dataset"], n=POINTS, noise=values["noise"], seed=0)
        self.train, self.test = data.split(
            points, labels, fractions=(values["train_share"], 1 - values["train_share"]), seed=0
        )
        self.model = MLP([2, *values["layers"], 1], activation=values["activation"], output="sigmoid", seed=0)
        self.trainer = Trainer(
            self.model, make(values["optimiser"], values["learning_rate"]), self.train, l2=values["l2"]
        )
        xs = [x for x, _ in points]
        ys = [y for _, y in points]
        self.box = [min(xs) - MARGIN, max(xs) + MARGIN, min(ys) - MARGIN, max(ys) + MARGIN]

    def grid(self):
        """P(class 1) over the grid, row 0 at the bottom, as whole numbers 0–255 (one list, row after row)."""
        low_x, high_x, low_y, high_y = self.box
        rows = self.model.predict_grid((low_x, high_x), (low_y, high_y), resolution=GRID)
        return [int(p * 255 + 0.5) for row in rows for p in row]

    def scores(self):
        history = self.trainer.history
        train = self.model.evaluate(*self.train)  # after the last update (history holds the scores before it)
        test = self.model.evaluate(*self.test)
        return {
            "epoch": self.trainer.steps_done,
            "train_loss": train["loss"],
            "test_loss": test["loss"],
            "train_accuracy": train["accuracy"],
            "test_accuracy": test["accuracy"],
            "state": self.trainer.state,
            "reason": reason(self.trainer),
            "steps_recorded": len(history["step"]),
            "layer_sizes": self.model.layer_sizes,
        }


def configure(settings):
    """Start the lab's run afresh with these settings; returns everything the page draws."""
    run = Run(settings)
    return {
        "run": run,
        "box": run.box,
        "grid_size": GRID,
        "train_points": run.train[0],
        "train_labels": run.train[1],
        "test_points": run.test[0],
        "test_labels": run.test[1],
        "parameters": run.model.count_parameters(),
        "grid": run.grid(),
        **run.scores(),
    }


def advance(run, steps=None, grid=True):
    """Train the lab's run for ``steps`` steps (or, if None, for about FRAME_BUDGET seconds, at least one step).

    Returns the new step count, the losses and accuracies now, and (if ``grid``) the boundary grid.
    """
    trainer = run.trainer
    if steps is not None:
        trainer.step(max(0, min(int(steps), 1000)))
    else:
        deadline = time.perf_counter() + FRAME_BUDGET
        trainer.step(1)
        while time.perf_counter() < deadline and trainer.state == "training":
            trainer.step(1)
    answer = run.scores()
    if grid:
        answer["grid"] = run.grid()
    return answer
