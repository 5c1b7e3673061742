"""Lab "dynamics" (lesson 2): how the learning rate, the number of steps and the batch size shape training.

The line of lesson 2 (prediction = w × size + b) learns the 50 houses in thousands, from w = 0, b = 0, by plain
gradient descent — exactly the lesson's run. ``run`` trains the whole run in one call (what a slider shows at
once); ``start`` / ``advance`` replay the same run a few steps per animation frame, from the same seed, so the
reader watches the curve being drawn. A run that blows up stops with the Trainer's state "diverged" and its reason.
"""

from knobs import data
from knobs.models import Line
from knobs.optim import SGD
from knobs.train import Trainer
from knobs_lab.lab_settings import Layout, Setting, clamp, Task

PAGE_CALLS = ("run", "start", "advance")

HOUSES = 50  # the lesson's houses, in thousands
RUNS = {}    # lab id → the Trainer being replayed
STILL_FALLING = 0.995  # a finished run is "still falling" if its last 10 steps took more than 0.5 % off the loss

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
    charts={"loss": "Training loss after each step (log scale)"},
)

TASKS = (
    Task("diverge", "Find a learning rate that makes training diverge.",
         lambda answer, args: answer["verdict"] == "Diverged"),
    Task("largest-rate", "Find a learning rate of at least 0.2 that does not diverge.",
         lambda answer, args: answer["settings"]["learning_rate"] >= 0.2 and answer["verdict"] != "Diverged"),
)


def _trainer(values):
    x, y = data.house_prices(n=HOUSES, seed=0, units="thousands")
    batch_size = None if values["batch_size"] >= HOUSES else values["batch_size"]
    return Trainer(Line(), SGD(values["learning_rate"]), (x, y), batch_size=batch_size, seed=values["seed"])


def _verdict(trainer):
    """How an ended run went, in the reader's words: (the "What happened" read-out, the status line)."""
    if trainer.state == "diverged":
        return "Diverged", f"Diverged: {trainer.reason}."
    losses = trainer.history["train_loss"]
    if len(losses) > 10 and losses[-1] < STILL_FALLING * losses[-11]:
        return "Still falling", (f"Finished: {trainer.reason}; the loss is still falling: "
                                 "more steps or a larger rate would help.")
    return "Settled", f"Finished: {trainer.reason}; the loss has settled."


def _report(trainer, first=0):
    """The run from step ``first`` on: losses (before each step), and how it ended (once it has)."""
    model = trainer.model
    verdict, summary = _verdict(trainer) if trainer.state in ("finished", "diverged") else (None, None)
    return {
        "step": trainer.history["step"][first:],
        "loss": trainer.history["train_loss"][first:],
        "steps_done": trainer.steps_done,
        "state": trainer.state,
        "reason": trainer.reason,
        "weight": model.weight,
        "bias": model.bias,
        "final_loss": model.loss(*trainer.train),
        "verdict": verdict,
        "summary": summary,
    }


def run(settings=None):
    """Train for the chosen number of steps at once; returns the loss after every step and how it ended."""
    values, notices = clamp(SETTINGS, settings)
    trainer = _trainer(values).step(values["steps"])
    if trainer.state != "diverged":
        trainer.state, trainer.reason = "finished", f"ran {trainer.steps_done} steps"
    return {"settings": values, "notices": notices, **_report(trainer)}


def start(lab, settings=None):
    """Begin a replay of the run (same seed, same numbers as ``run``), kept under ``lab``."""
    values, notices = clamp(SETTINGS, settings)
    RUNS[str(lab)] = (_trainer(values), values["steps"])
    return {"settings": values, "notices": notices}


def advance(lab, steps=5):
    """Take up to ``steps`` more steps of the replay; returns only the new points and whether it has ended."""
    if str(lab) not in RUNS:
        raise ValueError(f"lab: no replay started for {lab!r}; call start first")
    trainer, total = RUNS[str(lab)]
    first = len(trainer.history["step"])
    trainer.step(max(0, min(int(steps), total - trainer.steps_done)))
    ended = trainer.state == "diverged" or trainer.steps_done >= total
    if ended and trainer.state != "diverged":
        trainer.state, trainer.reason = "finished", f"ran {trainer.steps_done} steps"
    return {"ended": ended, **_report(trainer, first)}
