"""Fine-tuning: keep training a trained model on a small new data set.

Three ways, from most to fewest knobs changed:
- continue training every knob (``fine_tune``);
- freeze some layers by name prefix ("layer1") and train the rest (``fine_tune(frozen=...)``);
- LoRA: keep every original knob frozen and learn a small low-rank change
  W + A·B on top of each chosen layer (``LoRA``): A is (n_out, r) and B is (r, n_in),
  so a rank-r adapter has r × (n_out + n_in) knobs instead of n_out × n_in.

``fine_tuning_experiment`` runs the whole story for the lesson and returns plain numbers.
Left out on purpose: adapters for anything but ``knobs.nn.MLP``; adapting biases.
"""

import math
import random

from knobs import arguments, data, nested
from knobs.models import Model
from knobs.nn import MLP
from knobs.optim import frozen_prefixes, is_frozen, make
from knobs.train import Trainer, fit


def frozen_names(model, prefixes):
    """The parameter names that ``prefixes`` (e.g. ["layer1"]) would freeze."""
    if not callable(getattr(model, "parameters", None)):
        raise TypeError(f"model: expected a knobs model, got {type(model).__name__}")
    names = list(model.parameters())
    prefixes = frozen_prefixes(prefixes, names, argument="prefixes")
    return [name for name in names if is_frozen(name, prefixes)]


def count_knobs(model, frozen=()):
    """{"trainable": …, "frozen": …}: the knobs fine-tuning changes and those it keeps, for a model
    trained with ``frozen`` names or prefixes, or a ``LoRA`` adapter (its base model's knobs all kept)."""
    if isinstance(model, LoRA):
        return {"trainable": model.count_trainable(), "frozen": model.count_frozen()}
    if not callable(getattr(model, "parameters", None)):
        raise TypeError(f"model: expected a knobs model, got {type(model).__name__}")
    parameters = model.parameters()
    frozen = frozen_prefixes(frozen, list(parameters))
    kept = sum(nested.count(value) for name, value in parameters.items() if is_frozen(name, frozen))
    return {"trainable": model.count_parameters() - kept, "frozen": kept}


def fine_tune(
    model, train, steps=100, learning_rate=0.01, optimiser="adam", frozen=(), validation=None, batch_size=None, seed=0
):
    """Continue training ``model`` (changed in place) on ``train = (x, y)``; returns the Trainer.

    ``frozen`` lists parameter names or prefixes that keep their trained values.
    """
    settings = {"validation": validation, "batch_size": batch_size, "seed": seed, "frozen": frozen}
    return fit(model, train, steps, learning_rate, optimiser, **settings).trainer_


def _matrix_product(left, right):
    """(n, k) · (k, m) → (n, m) on plain lists."""
    columns = list(zip(*right))
    return [[sum(a * b for a, b in zip(row, column)) for column in columns] for row in left]


def _transposed(matrix):
    return [list(column) for column in zip(*matrix)]


class LoRA(Model):
    """A low-rank adapter around a trained ``MLP``: its weights stay frozen, and each
    chosen layer k uses weights W + A·B where only A and B are learned.

    A starts at 0, so the adapted model starts exactly as the original.
    ``parameters()`` holds just the adapter knobs ("layer2.A", "layer2.B", …);
    ``count_trainable()`` counts them and ``count_frozen()`` the original model's.
    """

    def __init__(self, base, rank=1, layers=None, seed=0):
        if isinstance(base, dict):
            try:
                base = Model.from_dict(base)
            except (TypeError, ValueError) as error:
                raise type(error)(f"base: not a saved model ({error})") from None
        if not isinstance(base, MLP):
            raise TypeError(f"base: expected a trained knobs.nn.MLP, got {type(base).__name__}")
        self.base = base
        self.rank = arguments.integer(rank, "rank", minimum=1)
        layer_count = len(base.layer_sizes) - 1
        if layers is None:
            layers = list(range(1, layer_count + 1))
        if isinstance(layers, int) and not isinstance(layers, bool):
            layers = [layers]
        if not isinstance(layers, (list, tuple)) or not layers:
            raise TypeError("layers: expected a layer number or a non-empty list of them, such as [1, 2]")
        self.layers = [arguments.integer(k, "layers", minimum=1) for k in layers]
        for k in self.layers:
            if k > layer_count:
                raise ValueError(f"layers: the model has layers 1 to {layer_count}, got {k}")
        self.seed = arguments.integer(seed, "seed")
        rng = random.Random(self.seed)
        self._parameters = {}
        for k in self.layers:
            n_in, n_out = base.layer_sizes[k - 1], base.layer_sizes[k]
            limit = 1.0 / math.sqrt(n_in)
            self._parameters[f"layer{k}.A"] = [[0.0] * self.rank for _ in range(n_out)]  # (n_out, r)
            self._parameters[f"layer{k}.B"] = [  # (r, n_in)
                [rng.uniform(-limit, limit) for _ in range(n_in)] for _ in range(self.rank)
            ]

    def structure(self):
        return {"base": self.base.to_dict(), "rank": self.rank, "layers": list(self.layers), "seed": self.seed}

    def __repr__(self):
        return (
            f"LoRA(rank={self.rank}, layers={self.layers}, trainable={self.count_trainable()}, "
            f"frozen={self.count_frozen()})"
        )

    @property
    def is_classifier(self):
        return self.base.is_classifier

    def count_trainable(self):
        """Knobs that fine-tuning changes: the adapters' A and B."""
        return self.count_parameters()

    def count_frozen(self):
        """Knobs of the original model, left untouched."""
        return self.base.count_parameters()

    def merged(self):
        """A plain MLP whose adapted layers hold W + A·B (ready to save or deploy)."""
        model = MLP(**{key: value for key, value in self.base.structure().items()})
        parameters = self.base.parameters()
        for k in self.layers:
            change = _matrix_product(self._parameters[f"layer{k}.A"], self._parameters[f"layer{k}.B"])
            weights = parameters[f"layer{k}.weights"]
            parameters[f"layer{k}.weights"] = [
                [w + c for w, c in zip(row, change_row)] for row, change_row in zip(weights, change)
            ]
        return model.set_parameters(parameters)

    def predict(self, x):
        return self.merged().predict(x)

    def classify(self, x):
        return self.merged().classify(x)

    def loss(self, x, y):
        return self.merged().loss(x, y)

    def evaluate(self, x, y):
        return self.merged().evaluate(x, y)

    def evaluate_and_gradients(self, x, y):
        """Chain rule through W + A·B: with G = d loss / d weights of the merged layer,
        d loss / d A = G · Bᵀ and d loss / d B = Aᵀ · G."""
        result, merged_gradients = self.merged().evaluate_and_gradients(x, y)
        gradients = {}
        for k in self.layers:
            change = merged_gradients[f"layer{k}.weights"]  # G: (n_out, n_in)
            a, b = self._parameters[f"layer{k}.A"], self._parameters[f"layer{k}.B"]
            gradients[f"layer{k}.A"] = _matrix_product(change, _transposed(b))  # (n_out, r)
            gradients[f"layer{k}.B"] = _matrix_product(_transposed(a), change)  # (r, n_in)
        return result, gradients

    def gradients(self, x, y):
        return self.evaluate_and_gradients(x, y)[1]


def fine_tuning_experiment(
    seed=0, rank=1, pretrain_steps=200, fine_tune_steps=100, new_examples=10, degrees=35.0, shift=(0.3, -0.2)
):
    """The lesson's story in one call; returns plain numbers.

    1. Pretrain an MLP [2, 16, 16, 1] on 200 moons.
    2. The world shifts: the same moons, turned by ``degrees`` and moved by ``shift``;
       only ``new_examples`` labelled examples of the new world are available.
    3. Compare, on 400 fresh test points of the new world: the pretrained model
       as it is; a fresh model trained only on the new examples ("scratch");
       fine-tuning every knob ("full"); freezing layers 1–2 and training the last
       ("last_layer"); a rank-``rank`` LoRA adapter on every layer ("lora").
    Each run reports its new-world accuracy and its trainable and frozen knob counts.
    """
    seed = arguments.integer(seed, "seed")  # every argument checked before the long run starts
    rank = arguments.integer(rank, "rank", minimum=1)
    pretrain_steps = arguments.integer(pretrain_steps, "pretrain_steps", minimum=0)
    fine_tune_steps = arguments.integer(fine_tune_steps, "fine_tune_steps", minimum=0)
    new_examples = arguments.integer(new_examples, "new_examples", minimum=1)
    degrees = arguments.number(degrees, "degrees")
    shift = arguments.numbers(shift, "shift", length=2)  # (dx, dy)
    x, y = data.moons(200, noise=0.15, seed=seed)
    model = MLP([2, 16, 16, 1], activation="tanh", output="sigmoid", seed=seed)
    Trainer(model, make("adam", 0.03), (x, y)).fit(pretrain_steps)
    pretrained = model.to_dict()

    def new_world(n, data_seed):
        points, labels = data.moons(n, noise=0.15, seed=data_seed)
        return data.transform(points, degrees=degrees, shift=shift), labels

    small = new_world(new_examples, seed + 1)
    test_x, test_y = new_world(400, seed + 2)
    report = {
        "pretrained_accuracy_old_world": model.evaluate(x, y)["accuracy"],
        "pretrained_accuracy_new_world": model.evaluate(test_x, test_y)["accuracy"],
        "total_parameters": model.count_parameters(),
    }
    runs = {
        "scratch": (MLP([2, 16, 16, 1], activation="tanh", output="sigmoid", seed=seed), ()),
        "full": (Model.from_dict(pretrained), ()),
        "last_layer": (Model.from_dict(pretrained), ("layer1", "layer2")),
        "lora": (LoRA(Model.from_dict(pretrained), rank=rank, seed=seed), ()),
    }
    for name, (candidate, frozen) in runs.items():
        fine_tune(candidate, small, steps=fine_tune_steps, learning_rate=0.03, frozen=frozen, seed=seed)
        report[name] = {
            "accuracy_new_world": candidate.evaluate(test_x, test_y)["accuracy"],
            **count_knobs(candidate, frozen),
        }
    return report
