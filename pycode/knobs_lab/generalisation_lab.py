"""Lab "generalisation" (lesson 4): fit polynomials of growing degree to a few noisy points and watch the
training loss keep falling while the validation loss turns back up — overfitting.

The data are ``knobs.data.noisy_curve`` (points near y = sin(π·x)), split into training and validation parts.
Each degree's polynomial is the best one for the training points: the least-squares fit, found here by one
Householder QR of the training points' powers (``knobs.models.least_squares_by_degree``: one QR gives every
degree). Gradient descent would need many thousand steps to get there for high degrees;
the lab needs the answer while the reader drags. The losses are ``knobs.models.Polynomial.loss``.
"""

import math

from knobs import data
from knobs.models import Polynomial, least_squares_by_degree
from knobs_lab.lab_settings import Layout, Setting, Task, clamp

PAGE_CALLS = ("fit",)

MAX_DEGREE = 15
VALIDATION_SHARE = 0.3   # share of the points held out for validation
CURVE_POINTS = 121       # where the fitted curve is drawn, across [−1, 1]
SHOWN_LIMIT = 10.0       # the drawn curve is cut at ±10 (a wild fit would otherwise flatten the chart)

SETTINGS = (
    Setting("size", "Data size", "integer", 30, minimum=10, maximum=200, step=5, unit="points"),
    Setting("noise", "Noise", "number", 0.3, minimum=0.0, maximum=1.0, step=0.05,
            help="How far the points scatter around the true curve."),
    Setting("degree", "Polynomial degree", "integer", 3, minimum=0, maximum=MAX_DEGREE, step=1,
            help="The model's complexity: a degree-d polynomial has d + 1 knobs."),
)

LAYOUT = Layout(
    title="See how models learn",
    intro="More degree means more knobs. Watch the validation loss: where it turns up, overfitting begins.",
    buttons={"reset": "Reset"},
    readouts={"train_loss": "Training loss", "validation_loss": "Validation loss",
              "best_degree": "Best degree on validation"},
    charts={"fit": "The data (training and validation points) and the fitted polynomial",
            "losses": "Training and validation loss for each degree (log scale)"},
)

TASKS = (
    Task("overfit", "Make the curve overfit: a degree whose validation loss is worse than a simpler one's.",
         lambda answer, args: answer["verdict"] == "overfitting"),
)

_SWEEPS = {}  # (size, noise) → the fits of every degree; moving only the degree slider reuses them


def _sweep(size, noise):
    key = (size, noise)
    if key not in _SWEEPS:
        x, y = data.noisy_curve(n=size, noise=noise, seed=0)
        (train_x, train_y), (validation_x, validation_y) = data.split(
            x, y, fractions=(1 - VALIDATION_SHARE, VALIDATION_SHARE), seed=0)
        order = sorted(range(len(train_x)), key=train_x.__getitem__)
        train_x, train_y = [train_x[i] for i in order], [train_y[i] for i in order]
        max_degree = min(MAX_DEGREE, len(train_x) - 1)
        fits = least_squares_by_degree(train_x, train_y, max_degree)
        models = [Polynomial(degree, coefficients) for degree, coefficients in enumerate(fits)]
        train_losses = [model.loss(train_x, train_y) for model in models]
        validation_losses = [model.loss(validation_x, validation_y) for model in models]
        if len(_SWEEPS) > 50:
            _SWEEPS.clear()
        _SWEEPS[key] = {
            "train_x": train_x, "train_y": train_y, "validation_x": validation_x, "validation_y": validation_y,
            "models": models, "train_losses": train_losses, "validation_losses": validation_losses,
            "best_degree": min(range(len(models)), key=validation_losses.__getitem__),
        }
    return _SWEEPS[key]


def _verdict(degree, best_degree):
    """Under- or overfitting, judged by the validation loss: (verdict, the sentence the page shows)."""
    if degree > best_degree:
        return "overfitting", (f"Degree {degree} fits the training points more closely than degree {best_degree}, "
                               "but does worse on the validation points: overfitting.")
    if degree < best_degree:
        return "underfitting", f"Degree {degree} is too simple to follow the curve (underfitting): both losses are still high."
    return "best", f"Degree {degree} has the lowest validation loss for this data."


def fit(settings=None, full=True):
    """The fitted curve of the chosen degree, and the training and validation loss of every degree.

    ``full=False`` leaves out what only changes with the data (points, loss curves), for a move of the degree
    slider alone.
    """
    values, notices = clamp(SETTINGS, settings)
    sweep = _sweep(values["size"], values["noise"])
    max_degree = len(sweep["models"]) - 1
    if values["degree"] > max_degree:
        notices.append(f"Polynomial degree: {values['degree']} needs more training points; using {max_degree}")
        values["degree"] = max_degree
    model = sweep["models"][values["degree"]]
    curve_x = [-1 + 2 * i / (CURVE_POINTS - 1) for i in range(CURVE_POINTS)]
    curve_y = [max(-SHOWN_LIMIT, min(SHOWN_LIMIT, value)) for value in model.predict(curve_x)]
    verdict, summary = _verdict(values["degree"], sweep["best_degree"])
    answer = {
        "settings": values, "notices": notices,
        "curve_x": curve_x, "curve_y": curve_y,
        "truth_y": [math.sin(math.pi * value) for value in curve_x],  # the curve the data came from
        "train_loss": sweep["train_losses"][values["degree"]],
        "validation_loss": sweep["validation_losses"][values["degree"]],
        "best_degree": sweep["best_degree"],
        "verdict": verdict, "summary": summary,
        "coefficients": model.parameters()["coefficients"],
    }
    if full:
        answer.update({name: sweep[name] for name in
                       ("train_x", "train_y", "validation_x", "validation_y", "train_losses", "validation_losses")})
        answer["degrees"] = list(range(max_degree + 1))
    return answer
