"""Lab "dynamics" (lesson 2): how the learning rate, the number of steps and the batch size shape training.

The line of lesson 2 (prediction = w × size + b) learns the 50 houses in thousands, from w = 0, b = 0, by plain
gradient descent — exactly the lesson's run. ``run`` trains the whole run in one call (what a slider shows at
once); ``start`` / ``advance`` replay the same run a few steps per animation frame, from the same seed, so the
reader watches the line move over the houses and the knobs (w, b) walk — or jump — over the loss surface
(``landscape``: the loss at every (w, b) of a grid, in bands of equal loss). A run that blows up stops with the
Trainer's state "diverged" and its reason.
"""

import math

from knobs import data
from knobs.models import Line
from knobs.optim import SGD
from knobs.train import Trainer
from knobs_lab.lab_settings import Layout, Setting, Task
from knobs_lab.words import reason, say

PAGE_CALLS = ("landscape", "run", "start", "advance")

HOUSES = 50  # the lesson's houses, in thousands
STILL_FALLING = 0.995  # a finished run is "still falling" if its last 10 steps took more than 0.5 % off the loss
LINE_ENDS = [0.0, 3.2]  # the line is drawn across the chart (thousands of sq ft)
WEIGHTS = (-50.0, 450.0)  # the landscape's box: w (thousand $ per thousand sq ft = $ per sq ft) …
BIASES = (-100.0, 250.0)  # … and b (thousand $); the best line, w ≈ 205 and b ≈ 35, sits inside
GRID = 48  # the landscape is the loss at GRID × GRID knob settings
BAND = 1.5  # each band of the landscape is 1.5 × the loss of the band below

# The lab's declarations, laid out as tables (one setting, read-out or task a line or two).
# fmt: off
SETTINGS = (
    Setting("learning_rate", "Learning rate", "log", 0.1, minimum=0.001, maximum=1.0,
            help="How big each step is: new knob = knob − learning rate × gradient."),
    Setting("steps", "Training steps", "integer", 100, minimum=10, maximum=500, step=10),
    Setting("batch_size", "Batch size", "integer", 50, minimum=1, maximum=HOUSES, step=1, unit="houses",
            help="Houses used to estimate each step's gradient (50 = all of them: full batch)."),
    Setting("seed", "Seed", "integer", 0, minimum=0, maximum=99, step=1,
            help="Which random mini-batches: the same seed gives the same run."),
)

LAYOUT = Layout(
    title="Training dynamics",
    intro="Pick a learning rate, a number of steps and a batch size; watch the loss over the steps.",
    buttons={"replay": "Replay (same seed)", "reset": "Reset"},
    readouts={"final_loss": "Loss after training", "weight": "Weight w", "bias": "Bias b", "verdict": "What happened"},
    charts={"line": "The houses (size and price in thousands) and the line as it trains",
            "surface": "The loss for every weight w and bias b, in bands (darker is lower), and the path of the "
                       "knobs from w = 0, b = 0",
            "loss": "Training loss after each step (log scale)"},
)

TASKS = (
    Task("diverge", "Find a learning rate that makes training diverge.",
         lambda answer, args: answer["verdict"] == "Diverged"),
    Task("largest-rate", "Find a learning rate of at least 0.2 that does not diverge.",
         lambda answer, args: answer["settings"]["learning_rate"] >= 0.2 and answer["verdict"] != "Diverged"),
)
# fmt: on


def _houses():
    return data.house_prices(n=HOUSES, seed=0, units="thousands")


def landscape():
    """The loss surface the knobs walk on: the houses, and the loss at every (w, b) of a GRID × GRID grid of the
    box, as bands: band k holds losses between BAND^k and BAND^(k+1) times the lowest loss on the grid."""
    x, y = _houses()
    weights = [WEIGHTS[0] + (WEIGHTS[1] - WEIGHTS[0]) * i / (GRID - 1) for i in range(GRID)]
    biases = [BIASES[0] + (BIASES[1] - BIASES[0]) * i / (GRID - 1) for i in range(GRID)]
    losses = [Line(weight=w, bias=b).loss(x, y) for b in biases for w in weights]  # row 0: the lowest bias
    lowest = min(losses)
    bands = [int(math.log(loss / lowest) / math.log(BAND)) for loss in losses]
    return {
        "sizes": x,
        "prices": y,
        "weights": weights,
        "biases": biases,
        "grid_size": GRID,
        "bands": bands,
        "box": [*WEIGHTS, *BIASES],
        "line_x": LINE_ENDS,
    }


def _trainer(values):
    x, y = _houses()
    batch_size = None if values["batch_size"] >= HOUSES else values["batch_size"]
    return Trainer(Line(), SGD(values["learning_rate"]), (x, y), batch_size=batch_size, seed=values["seed"])


def _verdict(trainer):
    """How an ended run went: (the verdict, the "What happened" read-out and the status line in the reader's words)."""
    if trainer.state == "diverged":
        return "Diverged", say("Diverged"), say("Diverged: {reason}.", reason=reason(trainer))
    losses = trainer.history["train_loss"]
    if len(losses) > 10 and losses[-1] < STILL_FALLING * losses[-11]:
        return (
            "Still falling",
            say("Still falling"),
            say(
                "Finished: {reason}; the loss is still falling: more steps or a larger rate would help.",
                reason=reason(trainer),
            ),
        )
    return "Settled", say("Settled"), say("Finished: {reason}; the loss has settled.", reason=reason(trainer))


def _walk(trainer, steps):
    """Take ``steps`` steps one at a time; returns the knobs after each: ([w, …], [b, …])."""
    weights, biases = [], []
    for _ in range(steps):
        before = trainer.steps_done
        trainer.step(1)
        if trainer.steps_done == before:  # diverged: no step was taken
            break
        weights.append(trainer.model.weight)
        biases.append(trainer.model.bias)
    return weights, biases


def _finite(values):
    """Numbers as the page can draw them: None (a gap) for inf or nan."""
    return [value if math.isfinite(value) else None for value in values]


def _report(trainer, path, first=0):
    """The run from step ``first`` on: losses (before each step), the knobs after each step (``path``), the line
    now, and how it ended (once it has)."""
    model = trainer.model
    verdict, said, summary = _verdict(trainer) if trainer.state in ("finished", "diverged") else (None, None, None)
    return {
        "step": trainer.history["step"][first:],
        "loss": trainer.history["train_loss"][first:],
        "path_weights": _finite(path[0]),
        "path_biases": _finite(path[1]),
        "line_y": _finite(model.predict(LINE_ENDS)),
        "steps_done": trainer.steps_done,
        "state": trainer.state,
        "reason": reason(trainer),
        "weight": model.weight,
        "bias": model.bias,
        "final_loss": model.loss(*trainer.train),
        "verdict": verdict,
        "verdict_said": said,
        "summary": summary,
    }


def run(settings):
    """Train for the chosen number of steps at once; returns the loss after every step and how it ended."""
    trainer = _trainer(settings)
    weights, biases = _walk(trainer, settings["steps"])
    trainer.finish()
    return _report(trainer, ([0.0, *weights], [0.0, *biases]))


def start(settings):
    """Begin a replay of the run (same seed, same numbers as ``run``): the lab's run is (its Trainer, its steps)."""
    return {"run": (_trainer(settings), settings["steps"])}


def advance(run, steps=5):
    """Take up to ``steps`` more steps of the replay (``run``: what ``start`` began); returns only the new points
    and whether it has ended."""
    trainer, total = run
    first = len(trainer.history["step"])
    path = _walk(trainer, max(0, min(int(steps), total - trainer.steps_done)))
    ended = trainer.state == "diverged" or trainer.steps_done >= total
    if ended:
        trainer.finish()
    return {"ended": ended, **_report(trainer, path, first)}
