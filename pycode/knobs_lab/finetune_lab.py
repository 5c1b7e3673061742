"""Lab "finetune" (lesson 8): pretrain a small network on moons, then the world shifts (the moons turn and move)
and only a few labelled examples of the new world exist. Fine-tune on them three ways — every knob, only the last
layer (the others frozen), or a LoRA adapter — and compare trainable and frozen knobs and new-world accuracy.

Uses ``knobs.finetune`` (``fine_tune``, ``LoRA``, ``frozen_names``) and ``knobs.data.transform``, as the lesson's
``fine_tuning_experiment`` does, with a smaller network [2, 8, 8, 1] so pretraining animates in the page.
"""

from knobs import data
from knobs.finetune import LoRA, count_knobs, fine_tune
from knobs.models import Model
from knobs.nn import MLP
from knobs.optim import make
from knobs.train import Trainer
from knobs_lab.lab_settings import Layout, Setting, Task

PAGE_CALLS = ("configure", "pretrain", "finetune")

LAYERS = [2, 8, 8, 1]
PRETRAIN_STEPS = 100  # Adam, learning rate 0.03, on 200 moons: about 99% right
LEARNING_RATE = 0.03
TEST_POINTS = 400  # fresh new-world points that measure accuracy
GRID = 32
BOX = (-2.0, 3.0, -2.0, 2.5)  # the plane shown: both worlds fit inside

# The lab's declarations, laid out as tables (one setting, read-out or task a line or two).
# fmt: off
SETTINGS = (
    Setting("method", "How to fine-tune", "choice", "last_layer",
            choices=(("full", "Every knob"), ("last_layer", "Last layer only (layers 1–2 frozen)"),
                     ("lora", "LoRA adapter (original knobs frozen)"))),
    Setting("rank", "LoRA rank", "integer", 1, minimum=1, maximum=4, step=1,
            help="Only for LoRA: a rank-r adapter adds r × (inputs + outputs) knobs per layer."),
    Setting("new_examples", "New-world examples", "integer", 10, minimum=4, maximum=40, step=2),
    Setting("steps", "Fine-tuning steps", "integer", 100, minimum=10, maximum=300, step=10),
    Setting("degrees", "How far the world turns", "number", 35.0, minimum=0.0, maximum=90.0, step=5.0, unit="°"),
)

LAYOUT = Layout(
    title="Fine-tuning", intro="Pretrain on moons, then the world shifts: fine-tune on a few new examples.",
    buttons={"pretrain": "1. Pretrain", "finetune": "2. Fine-tune", "reset": "Reset"},
    readouts={"trainable": "Trainable parameters", "frozen": "Frozen parameters",
              "accuracy_before": "New-world accuracy before", "accuracy_after": "… after fine-tuning"},
    charts={"boundary": "The model's prediction over the plane, with the new world's points"},
)

TASKS = (
    Task("new-world", "Fine-tune until the accuracy on the new world reaches 95 %.",
         lambda answer, args: answer["accuracy_after"] >= 0.95),
)
# fmt: on


def _new_world(n, seed, degrees):
    points, labels = data.moons(n, noise=0.15, seed=seed)
    return data.transform(points, degrees=degrees, shift=(0.3, -0.2)), labels


def _grid(model):
    rows = model.predict_grid(BOX[:2], BOX[2:], resolution=GRID)
    return [int(p * 255 + 0.5) for row in rows for p in row]


def configure(settings):
    """The lab's run afresh: an untrained network and its Trainer on the old world's 200 moons."""
    points, labels = data.moons(200, noise=0.15, seed=0)
    model = MLP(LAYERS, activation="tanh", output="sigmoid", seed=0)
    return {
        "run": {"model": model, "trainer": Trainer(model, make("adam", LEARNING_RATE), (points, labels))},
        "box": list(BOX),
        "grid_size": GRID,
        "old_points": points,
        "old_labels": labels,
        "parameters": model.count_parameters(),
        "pretrain_steps": PRETRAIN_STEPS,
        "grid": _grid(model),
    }


def pretrain(run, steps=10):
    """Pretrain ``steps`` more steps (up to PRETRAIN_STEPS in all); returns the old-world accuracy and the grid."""
    trainer = run["trainer"]
    trainer.step(max(0, min(int(steps), PRETRAIN_STEPS - trainer.steps_done)))
    return {
        "steps_done": trainer.steps_done,
        "done": trainer.steps_done >= PRETRAIN_STEPS,
        "accuracy_old_world": run["model"].evaluate(*trainer.train)["accuracy"],
        "grid": _grid(run["model"]),
    }


def finetune(run, settings):
    """Fine-tune a copy of the pretrained network on the few new-world examples, the chosen way.

    Returns trainable and frozen knob counts, new-world accuracy before and after, the new examples and the grid.
    """
    pretrained = run["model"]
    small = _new_world(settings["new_examples"], 1, settings["degrees"])
    test_x, test_y = _new_world(TEST_POINTS, 2, settings["degrees"])
    copy = Model.from_dict(pretrained.to_dict())
    if settings["method"] == "lora":
        candidate, frozen = LoRA(copy, rank=settings["rank"], seed=0), ()
    else:
        candidate = copy
        frozen = ("layer1", "layer2") if settings["method"] == "last_layer" else ()
    counts = count_knobs(candidate, frozen)
    trainer = fine_tune(candidate, small, steps=settings["steps"], learning_rate=LEARNING_RATE, frozen=frozen)
    adapted = candidate.merged() if isinstance(candidate, LoRA) else candidate
    return {
        "trainable": counts["trainable"],
        "frozen": counts["frozen"],
        "accuracy_before": pretrained.evaluate(test_x, test_y)["accuracy"],
        "accuracy_after": adapted.evaluate(test_x, test_y)["accuracy"],
        "accuracy_old_world": adapted.evaluate(*run["trainer"].train)["accuracy"],
        "new_points": small[0],
        "new_labels": small[1],
        "test_points": test_x[:120],
        "test_labels": test_y[:120],
        "state": trainer.state,
        "grid": _grid(adapted),
    }
