"""The training loop: predict → loss → gradient → update, again and again.

``Trainer`` owns one run: the model, the optimiser, the data, and a ``history`` of
what happened at every step, so a lab can call ``step(n)`` a few times per
animation frame and draw the loss curve. It notices when training blows up
(state "diverged", with a plain-words ``reason``) instead of raising errors.

In scope: full-batch and mini-batch gradient descent, L2 penalty, frozen
parameters, early stopping on validation loss. Left out on purpose: callbacks
beyond one function, learning-rate schedules, checkpoints on disk.
"""

import gc
import math
import random
from operator import add

from knobs import arguments, nested
from knobs.losses import l2_penalty_gradient
from knobs.optim import Optimiser, frozen_prefixes

EXPLODE_FACTOR = 1e3  # loss above 1000 × the first loss counts as diverged ...
LOSS_FLOOR = 1e-3  # ... where a first loss below this counts as this (tiny losses wobble)
# Why a run ended, in plain words: ``Trainer.reason`` is one of these, filled in. Each is also a key of the page's
# catalogues (i18n/<lang>.yml), so a lab says it in the page's language (knobs_lab.words.reason).
REASONS = {
    "overflowed": "loss became {loss} after {steps} steps: the numbers overflowed; the learning rate is too large",
    "grew": "loss grew from {start:.3g} to {end:.3g}: the learning rate is too large",
    "overflow error": "the numbers overflowed ({error}) at step {step}: the learning rate is too large",
    "gradient": "a gradient became infinite or not a number at step {step}: the learning rate is too large",
    "knob": "a knob became infinite or not a number at step {step}: the learning rate is too large",
    "stopped": "stopped by request",
    "patience": "validation loss stopped improving for {patience} steps; kept the parameters from step {step}",
    "ran": "ran {steps} steps",
}

STATES = ("ready", "training", "stopped", "diverged", "finished")


def _check_data(data, name):
    """``(x, y)`` with as many inputs as targets, at least one of each."""
    if not isinstance(data, (tuple, list)) or len(data) != 2:
        raise TypeError(f"{name}: expected a pair (x, y)")
    x, y = data
    if hasattr(x, "tolist") and not isinstance(x, list):
        x = x.tolist()
    if hasattr(y, "tolist") and not isinstance(y, list):
        y = y.tolist()
    if not isinstance(x, (list, tuple)) or not isinstance(y, (list, tuple)):
        raise TypeError(f"{name}: x and y must be lists")
    if not x:
        raise ValueError(f"{name}: is empty; give at least one example")
    arguments.same_length(x, y, f"{name} x", f"{name} y")
    return list(x), list(y)


def _evaluate(model, x, y):
    """{"loss": …, "accuracy": …} for any model; uses ``model.evaluate`` when it has one."""
    if hasattr(model, "evaluate"):
        return model.evaluate(x, y)
    result = {"loss": model.loss(x, y)}
    if getattr(model, "is_classifier", False):
        predicted = model.classify(x)
        result["accuracy"] = sum(1 for p, t in zip(predicted, y) if p == t) / len(y)
    return result


class Trainer:
    """One training run of ``model`` with ``optimiser`` on ``train = (x, y)``.

    - ``validation``: optional ``(x, y)`` held out to watch for overfitting;
    - ``batch_size``: None for full batch, else shuffled mini-batches (seeded by ``seed``);
    - ``batches``: "shuffled" (each pass sees every example once) or "random" (each
      mini-batch drawn anew, with replacement; history then records the loss of the
      batch trained on, since a pass over a large data set every step costs too much);
    - ``l2``: strength of the L2 penalty added to the loss (0 = none);
    - ``frozen``: parameter names or prefixes (e.g. "layer1") that must not change.

    ``history`` has one entry per step, measured *before* that step's update (so
    ``history["train_loss"][0]`` is the untrained model's loss): "step",
    "train_loss", "validation_loss" (None without validation data) and, for
    classifiers, "train_accuracy" / "validation_accuracy". Recorded losses are
    the data loss without the L2 penalty, so train and validation compare fairly.

    ``state`` is "ready" (no step yet), "training", "finished" (``fit`` ran to the
    end or stopped early), "stopped" (``stop()`` was called) or "diverged" (the loss
    blew up; ``reason`` says so in plain words, and history ends with the loss that
    showed it). After "stopped" or "diverged", ``step`` and ``fit`` do nothing.
    """

    def __init__(
        self, model, optimiser, train, validation=None, batch_size=None, l2=0.0, seed=0, frozen=(), batches="shuffled"
    ):
        for verb in ("loss", "gradients", "parameters", "set_parameters"):
            if not callable(getattr(model, verb, None)):
                raise TypeError(f"model: has no {verb}() method")
        if not isinstance(optimiser, Optimiser):
            raise TypeError(f"optimiser: expected SGD, Momentum or Adam, got {type(optimiser).__name__}")
        self.model = model
        self.optimiser = optimiser
        self.train = _check_data(train, "train")
        self.validation = None if validation is None else _check_data(validation, "validation")
        if batch_size is not None:
            batch_size = arguments.integer(batch_size, "batch_size", minimum=1)
        self.batch_size = batch_size
        self.batches = arguments.choice(batches, "batches", ("shuffled", "random"))
        if batches == "random" and batch_size is None:
            raise ValueError("batch_size: random batches need a batch size")
        self.l2 = arguments.non_negative_number(l2, "l2")
        self.frozen = frozen_prefixes(frozen, list(model.parameters()))
        self._rng = random.Random(arguments.integer(seed, "seed"))  # draws the mini-batches
        self._order = []  # examples not yet used in the current pass (mini-batch)
        self.is_classifier = bool(getattr(model, "is_classifier", False))
        self.history = {"step": [], "train_loss": [], "validation_loss": []}
        if self.is_classifier:
            self.history.update(train_accuracy=[], validation_accuracy=[])
        self.steps_done = 0
        self.state = "ready"
        self.why = None  # (REASONS key, values) once the run has ended: see ``reason``
        self.initial_loss = None
        self.best = None  # (validation loss, step, parameters) of the best step so far

    def __repr__(self):
        return f"Trainer({self.model!r}, {self.optimiser!r}, state={self.state!r}, steps={self.steps_done})"

    # --- one step -------------------------------------------------------------------

    def _record(self, train_result):
        """Append the model's current scores to ``history``; ``train_result`` is from ``evaluate``."""
        history = self.history
        history["step"].append(self.steps_done)
        history["train_loss"].append(train_result["loss"])
        validation_result = {"loss": None, "accuracy": None}
        if self.validation is not None:
            validation_result = _evaluate(self.model, *self.validation)
        history["validation_loss"].append(validation_result["loss"])
        if self.is_classifier:
            history["train_accuracy"].append(train_result.get("accuracy"))
            history["validation_accuracy"].append(validation_result.get("accuracy"))
        validation_loss = validation_result["loss"]
        if validation_loss is not None and math.isfinite(validation_loss):
            if self.best is None or validation_loss < self.best[0]:
                self.best = (validation_loss, self.steps_done, self.model.parameters())

    def _next_batch(self):
        """The whole training set, or the next shuffled mini-batch."""
        x, y = self.train
        if self.batches == "random":
            chosen = [self._rng.randrange(len(x)) for _ in range(self.batch_size)]
            return [x[i] for i in chosen], [y[i] for i in chosen]
        if self.batch_size is None or self.batch_size >= len(x):
            return x, y
        if len(self._order) < self.batch_size:  # start a new pass over the data (epoch)
            order = list(range(len(x)))
            self._rng.shuffle(order)
            self._order = self._order + order
        chosen, self._order = self._order[: self.batch_size], self._order[self.batch_size :]
        return [x[i] for i in chosen], [y[i] for i in chosen]

    def _diverged(self, loss):
        """Whether ``loss`` shows training has blown up; if so the run has diverged, with its reason."""
        if not math.isfinite(loss):
            self._end("diverged", "overflowed", loss=loss, steps=self.steps_done)
        elif self.initial_loss is not None and loss > EXPLODE_FACTOR * max(self.initial_loss, LOSS_FLOOR):
            self._end("diverged", "grew", start=self.initial_loss, end=loss)
        return self.state == "diverged"

    def _one_step(self):
        """Record, then predict → loss → gradient → update once. Returns False if it diverged."""
        model = self.model
        try:
            x, y = self._next_batch()
            if (x is self.train[0] or self.batches == "random") and hasattr(model, "evaluate_and_gradients"):
                train_result, gradients = model.evaluate_and_gradients(x, y)  # one shared pass
            else:
                train_result = _evaluate(model, *self.train)
                gradients = None
            self._record(train_result)
            loss = train_result["loss"]
            if self.initial_loss is None:
                self.initial_loss = loss
            if self._diverged(loss):
                return False
            if gradients is None:
                gradients = model.gradients(x, y)
            parameters = self.model.parameters()
            if self.l2:
                penalty = l2_penalty_gradient(parameters, self.l2)
                gradients = {name: nested.map(add, g, penalty[name]) for name, g in gradients.items()}
            if not self._finite(gradients, "gradient"):
                return False
            self.optimiser.apply(parameters, gradients, self.frozen)  # the model's own gradients: no checks again
            if not self._finite(parameters, "knob"):
                return False
            self.model.set_parameters(parameters)
        except (OverflowError, ZeroDivisionError) as error:
            self._end("diverged", "overflow error", error=error, step=self.steps_done)
            return False
        self.steps_done += 1
        return True

    def _finite(self, values, what):
        """True if every number of ``values`` is finite; else the run has diverged, ``what`` (a REASONS key) says how."""
        if nested.all_finite(values):
            return True
        self._end("diverged", what, step=self.steps_done)
        return False

    def _end(self, state, why, **values):
        """Enter ``state`` for the reason REASONS[why], filled in with ``values``."""
        self.state = state
        self.why = (why, values)

    @property
    def reason(self):
        """Why the run ended, in plain English words ('' while it has not ended)."""
        if self.why is None:
            return ""
        why, values = self.why
        return REASONS[why].format(**values)

    def finish(self):
        """Mark a run that ended without diverging or being stopped as finished ("ran N steps"); returns self."""
        if self.state not in ("diverged", "stopped"):
            self._end("finished", "ran", steps=self.steps_done)
        return self

    def step(self, n=1):
        """Run ``n`` training steps (fewer if training diverges or was stopped); returns self.

        After "diverged" or "stopped", calling ``step`` does nothing.
        """
        n = arguments.integer(n, "n", minimum=0)
        if self.state in ("diverged", "stopped"):
            return self
        self.state = "training"
        collecting = gc.isenabled()
        gc.disable()  # many short-lived lists: skipping the cycle collector is much faster
        try:
            for _ in range(n):
                if not self._one_step():
                    break
        finally:
            if collecting:
                gc.enable()
        return self

    def stop(self):
        """End this run: later ``step``/``fit`` calls do nothing. Returns self."""
        if self.state != "diverged":
            self._end("stopped", "stopped")
        return self

    def fit(self, steps, patience=None, callback=None):
        """Run up to ``steps`` steps; returns the trainer (its ``model`` is trained in place).

        ``patience``: stop early once the validation loss has not improved for that
        many steps, and put back the parameters from the best step.
        ``callback(trainer)`` runs after every step; it may call ``trainer.stop()``.
        Ends in state "finished" (or "diverged"/"stopped").
        """
        steps = arguments.integer(steps, "steps", minimum=0)
        if patience is not None:
            patience = arguments.integer(patience, "patience", minimum=1)
            if self.validation is None:
                raise ValueError("patience: early stopping needs validation data")
        if callback is not None and not callable(callback):
            raise TypeError("callback: expected a function of the trainer")
        for _ in range(steps):
            self.step()
            if callback is not None:
                callback(self)
            if self.state in ("diverged", "stopped"):
                return self
            if patience is not None and self.best is not None:
                if self.steps_done - 1 - self.best[1] >= patience:
                    self.model.set_parameters(self.best[2])
                    self._end("finished", "patience", patience=patience, step=self.best[1])
                    return self
        return self.finish()


def fit(
    model,
    train,
    steps=500,
    learning_rate=0.1,
    optimiser="sgd",
    validation=None,
    batch_size=None,
    l2=0.0,
    seed=0,
    frozen=(),
    patience=None,
):
    """Train ``model`` on ``train = (x, y)`` and return the model (scikit-learn style).

    The run's record is kept on the model as ``model.history_`` (and ``model.trainer_``).
    """
    from knobs.optim import make

    trainer = Trainer(
        model,
        make(optimiser, learning_rate),
        train,
        validation=validation,
        batch_size=batch_size,
        l2=l2,
        seed=seed,
        frozen=frozen,
    )
    trainer.fit(steps, patience=patience)
    model.trainer_ = trainer
    model.history_ = trainer.history
    return model
