"""Training-speed cases: how many training steps per second each way of
training manages. The same file runs natively (`bench_training.py`) and
inside Pyodide under Node.js (`pyodide_bench.mjs`), so both measure the
same code.

A step is one pass of: predict → loss → gradients → update the knobs.

Cases:
- line: `knobs.models.Line` on 200 house prices, full batch;
- mlp_fast: `knobs.nn.MLP` 2-8-8-1 tanh on 200 two-moons points, full batch;
- mlp_trainer: the same through `knobs.train.Trainer` (what a lab calls;
  it also records the loss and accuracy each step);
- mlp_autograd: the same network built from scalar `knobs.autograd.Value`s
  (`MLP.gradients_autograd`, which switches the cycle collector off);
- mlp_numpy: the same network in numpy, the ceiling (native only: numpy is
  not loaded in the browser);
- language_mlp: `knobs.language.MLPLanguageModel` (context 3, embedding 8,
  hidden 32), mini-batches of 32 characters.

Each case only builds its model and data; `measure` does the timing.
"""

import gc
import platform
import random
import sys
import time

LAYER_SIZES = [2, 8, 8, 1]  # the lesson's small network
LEARNING_RATE = 0.1  # the same for every MLP case, so their losses can be compared
N_POINTS = 200  # two-moons points and house prices


def _moons():
    from knobs.data import moons

    return moons(n=N_POINTS, noise=0.1, seed=0)


def line():
    """Line on 200 houses (thousands of dollars): gradients + SGD step."""
    from knobs.data import house_prices
    from knobs.models import Line
    from knobs.optim import SGD

    x, y = house_prices(n=N_POINTS, units="thousands", seed=0)
    model, optimiser = Line(), SGD(0.1)

    def step():
        parameters = optimiser.step(model.parameters(), model.gradients(x, y))
        model.set_parameters(parameters)

    return step, lambda: model.loss(x, y)


def _mlp():
    from knobs.nn import MLP

    return MLP(LAYER_SIZES, activation="tanh", seed=0)


def mlp_fast():
    """knobs.nn.MLP with its list-based backprop: gradients + SGD step."""
    from knobs.optim import SGD

    x, y = _moons()
    model, optimiser = _mlp(), SGD(LEARNING_RATE)

    def step():
        parameters = optimiser.step(model.parameters(), model.gradients(x, y))
        model.set_parameters(parameters)

    return step, lambda: model.loss(x, y)


def mlp_trainer():
    """knobs.nn.MLP through the lab's Trainer (also records loss and accuracy)."""
    from knobs.optim import SGD
    from knobs.train import Trainer

    x, y = _moons()
    model = _mlp()
    trainer = Trainer(model, SGD(LEARNING_RATE), (x, y))
    return (lambda: trainer.step(1)), lambda: model.loss(x, y)


def mlp_autograd():
    """The same network built from scalar Values (knobs.nn.MLP.gradients_autograd) + SGD step."""
    from knobs.optim import SGD

    x, y = _moons()
    model, optimiser = _mlp(), SGD(LEARNING_RATE)

    def step():
        parameters = optimiser.step(model.parameters(), model.gradients_autograd(x, y))
        model.set_parameters(parameters)

    return step, lambda: model.loss(x, y)


def mlp_numpy():
    """The same network, from the same first knobs, in numpy: the speed ceiling for this size."""
    import numpy as np

    x, y = _moons()
    x, y = np.array(x), np.array(y, dtype=float)[:, None]  # (N, 2), (N, 1)
    start = _mlp().parameters()
    layers = [
        [np.array(start[f"layer{k}.weights"]).T, np.array(start[f"layer{k}.bias"])]  # (in, out), (out,)
        for k in range(1, len(LAYER_SIZES))
    ]

    def forward():
        activations = [x]
        for i, (weights, bias) in enumerate(layers):
            z = activations[-1] @ weights + bias
            activations.append(z if i == len(layers) - 1 else np.tanh(z))
        return activations

    def loss():
        logits = forward()[-1]
        return float(np.mean(np.logaddexp(0, logits) - y * logits))

    def step():
        activations = forward()
        d = (1 / (1 + np.exp(-activations[-1])) - y) / len(y)  # d loss / d logit
        for i in reversed(range(len(layers))):
            weights, bias = layers[i]
            d_weights, d_bias = activations[i].T @ d, d.sum(axis=0)
            d = (d @ weights.T) * (1 - activations[i] ** 2)  # back through tanh
            layers[i][0], layers[i][1] = weights - LEARNING_RATE * d_weights, bias - LEARNING_RATE * d_bias

    return step, loss


def language_mlp():
    """MLPLanguageModel on the corpus, mini-batches of 32."""
    from knobs.language import MLPLanguageModel

    model = MLPLanguageModel(context=3, embedding=8, hidden=32, seed=0)
    x, y = model.examples()
    rng = random.Random(0)

    def step():
        batch = [rng.randrange(len(x)) for _ in range(32)]
        model.step([x[i] for i in batch], [y[i] for i in batch], learning_rate=0.5)

    return step, lambda: model.loss(x, y)


CASES = {  # name → (what it measures, setup)
    "line": ("Line, 200 points, full batch", line),
    "mlp_fast": ("MLP 2-8-8-1 tanh, 200 moons, full batch (knobs.nn)", mlp_fast),
    "mlp_trainer": ("same MLP through Trainer.step", mlp_trainer),
    "mlp_autograd": ("same MLP through autograd Value", mlp_autograd),
    "mlp_numpy": ("same MLP in numpy (ceiling)", mlp_numpy),
    "language_mlp": ("MLPLanguageModel 3/8/32, batch 32", language_mlp),
}


def measure(step, seconds, rounds=5):
    """Steps per second of the fastest of `rounds` rounds, after one warm-up
    step. Each round lasts at least seconds / rounds and one step. The
    fastest round is the fairest: other programs can only slow a round down.
    Returns (steps taken in all rounds, best steps per second)."""
    step()
    total, best = 0, 0.0
    for _ in range(rounds):
        count, start = 0, time.perf_counter()
        while True:
            step()
            count += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds / rounds:
                break
        total += count
        best = max(best, count / elapsed)
    return total, best


def run_all(quick=False, names=None):
    """Run every case (or those in `names`) and return plain data:
    {"python", "platform", "rows": [{case, label, steps, steps_per_second, loss} or {case, label, error}]}."""
    seconds = 0.5 if quick else 3.0  # time spent stepping each case, over 5 rounds
    rows = []
    for name, (label, setup) in CASES.items():
        if names is not None and name not in names:
            continue
        gc.collect()  # start each case without the last one's garbage
        try:
            step, loss = setup()
        except ImportError as error:  # numpy in the browser, or a module not written yet
            rows.append({"case": name, "label": label, "error": f"skipped: {error}"})
            continue
        steps, steps_per_second = measure(step, seconds)
        rows.append(
            {"case": name, "label": label, "steps": steps, "steps_per_second": steps_per_second, "loss": loss()}
        )
    return {"python": sys.version.split()[0], "platform": f"{sys.platform} {platform.machine()}", "rows": rows}
