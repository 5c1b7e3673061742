"""Losses: one number that says how wrong the predictions are (smaller is better).

Each loss comes with its gradient — how the loss changes when each prediction
(or logit) is nudged — because gradient descent needs exactly that.

In scope: mean squared error (regression), binary cross-entropy (yes/no),
softmax and categorical cross-entropy (several classes), and the L2 penalty.
Models' training loops use the FAST PATHS at the end: the same losses on a whole
batch in one pass, loss and gradient together, without argument checks (the model
checked its inputs); tests check each against the readable function above it.
Left out on purpose: weighting, label smoothing, reductions other than the mean.
"""

import math

from knobs import arguments, nested
from knobs.activations import fast_sigmoid, sigmoid

CLIP = 1e-12  # probabilities are kept inside [CLIP, 1 − CLIP] so log() never sees 0


def _pair(predictions, targets, predictions_name="predictions", targets_name="targets"):
    predictions = arguments.numbers(predictions, predictions_name)
    targets = arguments.numbers(targets, targets_name)
    arguments.same_length(predictions, targets, predictions_name, targets_name)
    return predictions, targets


# --- regression -------------------------------------------------------------------


def mean_squared_error(predictions, targets):
    """Mean squared error: the average of (prediction − target)²."""
    predictions, targets = _pair(predictions, targets)
    return sum((p - t) * (p - t) for p, t in zip(predictions, targets)) / len(targets)


def mean_squared_error_gradient(predictions, targets):
    """d loss / d prediction for each prediction: 2 × (prediction − target) / n."""
    predictions, targets = _pair(predictions, targets)
    n = len(targets)
    return [2 * (p - t) / n for p, t in zip(predictions, targets)]


# --- yes / no ---------------------------------------------------------------------


def binary_cross_entropy(probabilities, labels):
    """Binary cross-entropy from probabilities: average of −[y·log(p) + (1 − y)·log(1 − p)].

    ``probabilities`` are the model's P(label = 1); ``labels`` are 0 or 1.
    Probabilities are clipped to [1e-12, 1 − 1e-12] so a confident mistake costs
    a lot (about 27.6) but never infinity.
    """
    probabilities, labels = _pair(probabilities, labels, "probabilities", "labels")
    arguments.labels(labels, "labels")
    total = 0.0
    for p, y in zip(probabilities, labels):
        p = min(max(p, CLIP), 1 - CLIP)
        total -= y * math.log(p) + (1 - y) * math.log(1 - p)
    return total / len(labels)


def binary_cross_entropy_gradient(probabilities, labels):
    """d loss / d probability: (−y / p + (1 − y) / (1 − p)) / n, with p clipped as above."""
    probabilities, labels = _pair(probabilities, labels, "probabilities", "labels")
    arguments.labels(labels, "labels")
    n = len(labels)
    gradient = []
    for p, y in zip(probabilities, labels):
        p = min(max(p, CLIP), 1 - CLIP)
        gradient.append((-y / p + (1 - y) / (1 - p)) / n)
    return gradient


def binary_cross_entropy_from_logits(logits, labels):
    """Binary cross-entropy from logits z (before the sigmoid), stable for any z.

    Same value as ``binary_cross_entropy(sigmoid(z), y)``, written as
    max(z, 0) − z·y + log(1 + e^(−|z|)) so e^z never overflows.
    """
    logits, labels = _pair(logits, labels, "logits", "labels")
    arguments.labels(labels, "labels")
    total = 0.0
    for z, y in zip(logits, labels):
        total += max(z, 0.0) - z * y + math.log1p(math.exp(-abs(z)))
    return total / len(labels)


def binary_cross_entropy_from_logits_gradient(logits, labels):
    """d loss / d logit: (sigmoid(z) − y) / n — the famous "prediction minus label"."""
    logits, labels = _pair(logits, labels, "logits", "labels")
    arguments.labels(labels, "labels")
    n = len(labels)
    return [(sigmoid(z) - y) / n for z, y in zip(logits, labels)]


# --- several classes ----------------------------------------------------------------


def softmax(logits):
    """Turn one list of scores (logits) into probabilities that add up to 1.

    softmax(z)ᵢ = e^(zᵢ − max z) / Σⱼ e^(zⱼ − max z). Subtracting the largest
    score first changes nothing mathematically and keeps e^… from overflowing,
    so logits like 1000 are fine.
    """
    return fast_softmax_rows([arguments.numbers(logits, "logits")])[0]


def log_softmax(logits):
    """log(softmax(z)), computed as z − max z − log Σ e^(z − max z): stable for huge logits."""
    logits = arguments.numbers(logits, "logits")
    largest = max(logits)
    log_total = math.log(sum(math.exp(z - largest) for z in logits))
    return [z - largest - log_total for z in logits]


def _rows_and_labels(logits, labels):
    rows = arguments.points(logits, "logits")
    labels = arguments.labels(labels, "labels", classes=len(rows[0]))
    arguments.same_length(rows, labels, "logits", "labels")
    return rows, labels


def categorical_cross_entropy(logits, labels):
    """Categorical cross-entropy FROM LOGITS: average of −log softmax(z)[label].

    ``logits`` is one row of scores per example (before softmax); ``labels`` are
    class numbers 0 .. k − 1. Stable for huge logits (uses ``log_softmax``).
    To score probabilities instead, pass ``[math.log(p) for p in row]`` as logits.
    """
    rows, labels = _rows_and_labels(logits, labels)
    return -sum(log_softmax(row)[label] for row, label in zip(rows, labels)) / len(labels)


def categorical_cross_entropy_gradient(logits, labels):
    """d loss / d logits, one row per example: (softmax(z) − one_hot(label)) / n."""
    rows, labels = _rows_and_labels(logits, labels)
    n = len(labels)
    gradient = []
    for row, label in zip(rows, labels):
        probabilities = softmax(row)
        probabilities[label] -= 1.0
        gradient.append([p / n for p in probabilities])
    return gradient


# --- keeping knobs small ------------------------------------------------------------


def _is_penalised(name):
    """Biases only shift the output, so the L2 penalty leaves them alone."""
    return not name.endswith("bias")


def _square(weight):
    return weight * weight


def _knobs(parameters):
    """A dict name → number or nested lists of finite numbers."""
    if not isinstance(parameters, dict):
        raise TypeError(f"parameters: expected a dict name → numbers, got {type(parameters).__name__}")
    for name, value in parameters.items():
        arguments.knob(value, f"parameters[{name!r}]")
    return parameters


def l2_penalty(parameters, strength):
    """L2 penalty: strength × Σ w² over every weight (biases are not penalised).

    Added to the loss, it pulls weights towards 0 and so prefers simpler fits.
    """
    parameters = _knobs(parameters)
    strength = arguments.non_negative_number(strength, "strength")
    return strength * sum(nested.total(nested.map(_square, v)) for name, v in parameters.items() if _is_penalised(name))


def l2_penalty_gradient(parameters, strength):
    """d penalty / d weight = 2 × strength × w (0 for biases); same shapes as ``parameters``."""
    parameters = _knobs(parameters)
    strength = arguments.non_negative_number(strength, "strength")
    gradient = {}
    for name, value in parameters.items():
        factor = 2 * strength if _is_penalised(name) else 0.0
        gradient[name] = nested.map(lambda weight, factor=factor: weight * factor, value)
    return gradient


# --- fast paths: whole batches, loss and gradient in one pass, no argument checks ------


def fast_softmax_rows(rows):
    """softmax of every row (each a list of finite scores), as ``softmax`` computes it."""
    result = []
    for row in rows:
        largest = max(row)
        exps = [math.exp(z - largest) for z in row]
        total = sum(exps)
        result.append([e / total for e in exps])
    return result


def fast_cross_entropy(rows, labels):
    """``(categorical_cross_entropy(rows, labels), its gradient)``: rows of logits (n, k) → loss, (n, k)."""
    n = len(labels)
    loss, gradient = 0.0, []
    for row, label in zip(rows, labels):
        largest = max(row)
        exps = [math.exp(z - largest) for z in row]
        total = sum(exps)
        loss += math.log(total) + largest - row[label]  # −log softmax(z)[label], via log Σ e^z
        delta = [e / (total * n) for e in exps]
        delta[label] -= 1.0 / n  # (softmax − one_hot) / n
        gradient.append(delta)
    return loss / n, gradient


def fast_binary_cross_entropy_from_logits(logits, labels):
    """``(binary_cross_entropy_from_logits(logits, labels), its gradient (sigmoid(z) − y) / n)``."""
    n = len(labels)
    loss = sum(max(z, 0.0) - z * y + math.log1p(math.exp(-abs(z))) for z, y in zip(logits, labels)) / n
    return loss, [(p - y) / n for p, y in zip(map(fast_sigmoid, logits), labels)]


def fast_mean_squared_error(columns, targets):
    """Mean squared error over every number of several outputs, and its gradient.

    ``columns`` and ``targets`` are one list per output, over the examples; the mean is
    over all of them, so with one output this is ``mean_squared_error``.
    """
    count = len(columns) * len(columns[0])
    loss = (
        sum(sum((p - t) * (p - t) for p, t in zip(column, target)) for column, target in zip(columns, targets)) / count
    )
    return loss, [[2.0 * (p - t) / count for p, t in zip(column, target)] for column, target in zip(columns, targets)]
