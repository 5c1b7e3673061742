"""Lab "generalisation" (lesson 4): train a polynomial step by step and watch underfitting, a good fit or
overfitting emerge — the fitted curve bending over the points while the training and validation losses grow
beside it.

The data are lesson 4's: ``size`` training points from ``knobs.data.noisy_curve`` (points near y = sin(π·x),
seed 0) and 100 other points drawn the same way for validation (seed 1). The model is
``knobs.models.Polynomial`` trained by ``knobs.train.Trainer`` with Adam (as in the lesson) or plain gradient
descent, from all coefficients 0. ``configure`` starts a run for a lab on the page; ``advance`` trains a few more
steps and returns only what is new. How the run is going (diverged, underfitting, overfitting, a good fit, still
learning) is decided here, so the page only shows it.
"""

import math

from knobs import data
from knobs.models import Polynomial
from knobs.optim import make
from knobs.train import Trainer
from knobs_lab.lab_settings import Layout, Setting, Task
from knobs_lab.words import reason, say

PAGE_CALLS = ("configure", "advance")

VALIDATION_POINTS = 100  # held-out points, drawn the same way as the training points (lesson 4)
MAX_STEPS = 3000  # a run ends here
CURVE_POINTS = 121  # where the fitted curve is drawn, across [−1, 1]
SHOWN_LIMIT = 10.0  # the drawn curve is cut at ±10 (a wild fit would otherwise flatten the chart)
RECENT = 50  # "still learning": the training loss fell by more than 1 % over the last RECENT steps
OVERFIT_RISE = 1.1  # "overfitting": the validation loss has risen 10 % above its lowest (RECENT steps ago
OVERFIT_GAP = 4.0  # or more) and is over 4 × the training loss (lesson 4's gap between the two)
UNDERFIT_FACTOR = 2.0  # "underfitting": the settled training loss misses by more than twice the noise's own
UNDERFIT_FLOOR = 0.01  # mean squared error (noise²), plus this for noise 0

# The lab's declarations, laid out as tables (one setting, read-out or task a line or two).
# fmt: off
SETTINGS = (
    Setting("learning_rate", "Learning rate", "log", 0.05, minimum=0.001, maximum=3.0,
            help="How big each step is. Too large and plain gradient descent blows up."),
    Setting("optimiser", "Optimiser", "choice", "adam", choices=(("adam", "Adam"), ("sgd", "Plain gradient descent"))),
    Setting("size", "Data size", "integer", 12, minimum=5, maximum=100, step=1, unit="training points"),
    Setting("noise", "Noise", "number", 0.2, minimum=0.0, maximum=1.0, step=0.05,
            help="How far the points scatter around the true curve."),
    Setting("degree", "Polynomial degree", "integer", 9, minimum=0, maximum=15, step=1,
            help="The model's flexibility: a degree-d polynomial has d + 1 knobs."),
)

LAYOUT = Layout(
    title="See how models learn",
    intro="Press Play: the polynomial learns the training points step by step. Watch the validation loss: "
          "where it turns up while the training loss keeps falling, overfitting begins.",
    buttons={"play": "▶ Play", "step": "One step", "reset": "↺ Reset"},
    readouts={"steps": "Steps", "train_loss": "Training loss", "validation_loss": "Validation loss",
              "verdict": "What is happening"},
    charts={"fit": "The data (training and validation points), the true curve and the polynomial as it learns",
            "losses": "Training and validation loss over the steps (log scale)"},
)

TASKS = (
    Task("good-fit", "Find a degree whose run settles as a good fit: neither underfitting nor overfitting.",
         lambda answer, args: answer["verdict"] == "Good fit"),
)
# fmt: on


class Run:
    """One lab's data, polynomial and training run; ``sent`` counts the loss points the page already has."""

    def __init__(self, values):
        self.values = values
        self.train = data.noisy_curve(n=values["size"], noise=values["noise"], seed=0)
        self.validation = data.noisy_curve(n=VALIDATION_POINTS, noise=values["noise"], seed=1)
        self.model = Polynomial(values["degree"])
        self.trainer = Trainer(
            self.model, make(values["optimiser"], values["learning_rate"]), self.train, validation=self.validation
        )
        self.sent = 0

    def losses(self):
        """(steps, training losses, validation losses) after 0, 1, …, steps_done updates (inf once diverged)."""
        history = self.trainer.history
        steps, train, validation = list(history["step"]), list(history["train_loss"]), list(history["validation_loss"])
        if self.trainer.state != "diverged":  # the history holds the losses before each step: add the latest
            steps.append(self.trainer.steps_done)
            train.append(self.model.loss(*self.train))
            validation.append(self.model.loss(*self.validation))
        return steps, train, validation

    def report(self):
        """What the page draws now: the new loss points, the curve, the losses, and how the run is going."""
        steps, train, validation = self.losses()
        first, self.sent = self.sent, len(steps)
        curve_x = _curve_x()
        verdict, summary = judge(train, validation, self.values["noise"], self.trainer)
        return {
            "step": steps[first:],
            "train_losses": train[first:],
            "validation_losses": validation[first:],
            "steps_done": self.trainer.steps_done,
            "state": self.trainer.state,
            "ended": self.trainer.state == "diverged" or self.trainer.steps_done >= MAX_STEPS,
            "train_loss": train[-1],
            "validation_loss": validation[-1],
            "curve_y": [_shown(value) for value in _predict_safely(self.model, curve_x)],
            "coefficients": self.model.parameters()["coefficients"],
            "verdict": verdict,
            "verdict_said": _said(verdict),
            "summary": summary,
        }


def _said(verdict):
    """A verdict as the "What is happening" read-out shows it, in the reader's language."""
    return {
        "Diverged": say("Diverged"),
        "Untrained": say("Untrained"),
        "Still learning": say("Still learning"),
        "Underfitting": say("Underfitting"),
        "Overfitting": say("Overfitting"),
        "Good fit": say("Good fit"),
    }[verdict]


def _curve_x():
    return [-1 + 2 * i / (CURVE_POINTS - 1) for i in range(CURVE_POINTS)]


def _predict_safely(model, x):
    try:
        return model.predict(x)
    except OverflowError:
        return [math.inf] * len(x)


def _shown(value):
    """A curve value as drawn: cut at ±SHOWN_LIMIT; None (a gap) where it is not a number."""
    return max(-SHOWN_LIMIT, min(SHOWN_LIMIT, value)) if not math.isnan(value) else None


def judge(train, validation, noise, trainer):
    """How the run is going, from its losses after each step so far: (verdict, the sentence the page shows).

    In this order: diverged (the Trainer saw the loss blow up); underfitting (the training loss has settled but
    misses the points by more than the noise explains); overfitting (the validation loss has risen above its
    lowest while training went on, and is several times the training loss); still learning (the training loss is
    still falling); else a good fit.
    """
    if trainer.state == "diverged":
        return "Diverged", say("Diverged: {reason}.", reason=reason(trainer))
    step = len(train) - 1
    if step == 0:
        return "Untrained", say("Untrained: every coefficient is 0, so the curve is flat. Press Play to train it.")
    if step < RECENT:
        return "Still learning", say("Step {step}: training has just begun.", step=step)
    falling = train[-1] < 0.99 * train[-1 - RECENT]
    best = min(range(len(validation)), key=validation.__getitem__)
    if not falling and train[-1] > UNDERFIT_FACTOR * noise**2 + UNDERFIT_FLOOR:
        return "Underfitting", say(
            "Underfitting: the training loss has settled at {loss}, far above what the noise explains; "
            "this curve is too simple to follow the points.",
            loss=f"{train[-1]:.3g}",
        )
    rising = validation[-1] > OVERFIT_RISE * validation[best] and step - best >= RECENT
    if rising and validation[-1] > OVERFIT_GAP * train[-1]:
        return "Overfitting", say(
            "Overfitting: the validation loss was lowest at step {best} ({lowest}) and has risen to {now} "
            "while the curve chases the training points.",
            best=best,
            lowest=f"{validation[best]:.3g}",
            now=f"{validation[-1]:.3g}",
        )
    if falling:
        return "Still learning", say("Step {step}: the training loss is still falling.", step=step)
    return "Good fit", say(
        "A good fit: the training loss has settled at {train} and the validation loss at {validation}, "
        "not far above it.",
        train=f"{train[-1]:.3g}",
        validation=f"{validation[-1]:.3g}",
    )


def configure(settings):
    """Start the lab's run afresh (untrained: every coefficient 0); returns the points and the first report."""
    run = Run(settings)
    curve_x = _curve_x()
    return {
        "run": run,
        "max_steps": MAX_STEPS,
        "train_x": run.train[0],
        "train_y": run.train[1],
        "validation_x": run.validation[0],
        "validation_y": run.validation[1],
        "curve_x": curve_x,
        "truth_y": [math.sin(math.pi * value) for value in curve_x],  # the curve the data came from
        **run.report(),
    }


def advance(run, steps=10):
    """Train the lab's run ``steps`` more steps (up to MAX_STEPS in all); returns only the new loss points."""
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
        raise ValueError(f"steps: expected a whole number ≥ 0, got {steps!r}")
    run.trainer.step(min(steps, MAX_STEPS - run.trainer.steps_done))
    return run.report()
