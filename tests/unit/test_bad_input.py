"""Bad input: every public function and method of knobs refuses wrong types, empty lists, NaN/inf, mismatched
shapes and negative sizes with a ValueError or TypeError whose message names the argument, and changes nothing —
neither the arguments it was given nor the object it was called on.

Each case below is one public callable with arguments that work; hypothesis then swaps one argument for a bad
value of that argument's kind. A last test checks that the cases cover every public callable of the package.
"""

import importlib
import inspect
import math
import pkgutil
import random
import re
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import knobs
from knobs import (
    activations,
    autograd,
    cost,
    data,
    finetune,
    language,
    losses,
    metrics,
    models,
    nn,
    optim,
    prompting,
    retrieval,
    tasks,
    tokens,
    transformer,
    words,
)
from knobs import train as training

NAN, INF = math.nan, math.inf

# --- bad values, by the kind of argument they are bad for -------------------------------------

NOT_A_NUMBER = st.sampled_from(["1", None, [1.0], {}, True, b"1"])
NOT_A_LIST = st.sampled_from(["1, 2", None, 3.0, {}, 7])


def given_value(strategy):
    """For an argument where None means "the default": every bad value but None."""
    return strategy.filter(lambda value: value is not None)


def number():
    return st.one_of(NOT_A_NUMBER, st.sampled_from([NAN, INF, -INF]))


def positive():
    return st.one_of(number(), st.sampled_from([0, 0.0]), st.floats(max_value=-1e-6, min_value=-1e6))


def non_negative():
    return st.one_of(number(), st.floats(max_value=-1e-6, min_value=-1e6))


def whole(minimum=None):
    bad = st.sampled_from(["3", None, 2.5, NAN, True, [1]])
    if minimum is None:
        return bad
    return st.one_of(bad, st.integers(min_value=minimum - 50, max_value=minimum - 1))


def numbers(length, paired=True):
    """Not a list, empty, a NaN/inf/text inside, or (paired with another list) the wrong length."""
    inside = st.builds(
        lambda i, bad: [bad if j == i else 0.5 for j in range(length)],
        st.integers(0, length - 1),
        st.sampled_from([NAN, INF, "a", None, [1.0]]),
    )
    options = [NOT_A_LIST, st.just([]), inside]
    if paired:
        options.append(
            st.sampled_from([[0.5] * (length + 1), [0.5] * max(1, length - 1)]).filter(
                lambda value: len(value) != length
            )
        )
    return st.one_of(*options)


def points(n, width, paired=True, fixed_width=True):
    options = [
        NOT_A_LIST,
        st.just([]),
        st.just([[NAN] * width] * n),
        st.just([0.5] * n),
        st.just([["a"] * width] * n),
        st.just([[0.5] * width] * (n - 1) + [[0.5] * (width + 1)]),
    ]
    if fixed_width:
        options.append(st.just([[0.5] * (width + 1)] * n))
    if paired:
        options.append(st.just([[0.5] * width] * (n + 1)))
    return st.one_of(*options)


def labels(n, classes=2, paired=True):
    options = [
        NOT_A_LIST,
        st.just([]),
        st.just([classes] * n),
        st.just([-1] * n),
        st.just([0.5] * n),
        st.just(["a"] * n),
    ]
    if paired:
        options.append(st.just([0] * (n + 1)))
    return st.one_of(*options)


def choice():
    return st.sampled_from(["no such name", None, 3, ""])


def text():
    return st.sampled_from([3, None, b"the", ["t", "h"]])


def corpus_text():
    return st.one_of(text(), st.sampled_from(["THE MODEL", "the model ~"]))


def knob_dict():
    return st.sampled_from([None, [], "w", {"w": "a"}, {"w": [NAN]}, {"w": [1.0, None]}, {"nope": 1.0}])


def windows(context):
    return st.one_of(
        NOT_A_LIST,
        st.just([]),
        st.just([(0,) * (context + 1)]),
        st.just([(999,) * context]),
        st.just([("a",) * context]),
    )


def token_ids(n, paired=True):
    options = [NOT_A_LIST, st.just([999] * n), st.just([-1] * n), st.just([0.5] * n), st.just([True] * n)]
    if paired:
        options.append(st.just([0] * (n + 1)))
    return st.one_of(*options)


def not_a_model():
    return st.sampled_from([None, "model", 3, {}, [1.0]])


def path():
    return st.sampled_from([None, 3, 2.5, ["model.json"]])


def prefixes():
    return st.sampled_from([3, None, [3], ["no such layer"], b"layer1"])


def boolean():
    return st.sampled_from(["yes", None, 1, 0.0])


def data_pair():
    return st.sampled_from([None, 3, ([0.5],), ([], []), ([[0.5, 0.5]], [0, 1]), "xy"])


# --- the cases ------------------------------------------------------------------------------------

X2 = [[0.5, -0.25], [-1.0, 0.75], [0.25, 0.5]]  # three 2-D points
Y2 = [1, 0, 1]
TEXT = "the model turns the knobs."


def bigram():
    return language.Bigram().fit(TEXT)


def mlp_lm():
    return language.MLPLanguageModel(context=2, embedding=3, hidden=4, seed=1)


def network():
    return nn.MLP([2, 3, 1], seed=1)


def logistic():
    return models.LogisticRegression(2, weights=[0.5, -0.5], bias=0.1)


def trainer():
    return training.Trainer(network(), optim.SGD(0.1), (X2, Y2))


def lora():
    return finetune.LoRA(network(), rank=1, seed=0)


VOCABULARY = tasks.vocabulary()


def tiny_transformer():
    """The course's vocabulary with the smallest knobs: every call stays fast."""
    return transformer.Transformer(VOCABULARY, context=4, width=4, heads=1, layers=1, hidden=4, seed=0)


def word_tokenizer():
    return words.WordTokenizer(["\n", "cat", "dog"])


def retriever():
    return retrieval.Retriever(prompting.knowledge_base())


def a_word():
    return st.sampled_from([None, 3, ["cat"], "", "two words", "zebra"])


def vocabulary():
    """Not a list of distinct words that starts with the newline."""
    return st.sampled_from(["\n cat", None, [], ["cat"], ["\n", "cat", "cat"], ["\n", "a b"], ["\n", 3]])


def sequences(length, paired=True):
    """Bad lists of token-id sequences for a tiny transformer (context 4): too long, unknown ids, not lists,
    or (paired with one sequence of `length`) more sequences or another length."""
    bad = [[], [[]], [[999] * length], [["a"] * length], [[0] * 5], ["ab"]]
    if paired:
        bad += [[[0] * length] * 2, [[0] * (length + 1)]]
    return st.one_of(NOT_A_LIST, st.sampled_from(bad))


@dataclass
class Case:
    name: str
    call: object  # call(receiver, **arguments)
    good: dict  # arguments that work
    bad: dict  # argument name → strategy of bad values
    make: object = None  # builds the receiver of a method, fresh for every try
    says: dict = field(default_factory=dict)  # argument name → the name its message uses, where they differ


def function(callable_, good, bad, says=None):
    return Case(
        f"{callable_.__module__}.{callable_.__qualname__}", lambda _, **kw: callable_(**kw), good, bad, says=says or {}
    )


def method(make, name, good, bad, label=None):
    return Case(
        f"{label or make.__name__}.{name}", lambda receiver, **kw: getattr(receiver, name)(**kw), good, bad, make=make
    )


def constructor(cls, good, bad):
    return function(cls, good, bad)


LAYER = [0.5, -0.5]
CASES = [
    # activations
    *[
        function(f, {"z": 0.5}, {"z": number()})
        for f in (
            activations.tanh,
            activations.tanh_derivative,
            activations.relu,
            activations.relu_derivative,
            activations.sigmoid,
            activations.sigmoid_derivative,
            activations.linear,
            activations.linear_derivative,
        )
    ],
    function(activations.get, {"name": "tanh"}, {"name": choice()}, says={"name": "activation"}),
    # autograd
    constructor(autograd.Value, {"data": 2.0}, {"data": NOT_A_NUMBER}),
    function(
        autograd.total,
        {"values": [1.0, autograd.Value(2.0)]},
        {"values": st.one_of(NOT_A_LIST, st.just(["a"]), st.just([None]))},
    ),
    # cost
    function(
        cost.parameter_memory,
        {"n_parameters": 7e9, "precision": "fp16"},
        {"n_parameters": non_negative(), "precision": choice()},
    ),
    function(cost.flops_per_token, {"n_parameters": 7e9}, {"n_parameters": non_negative()}),
    function(
        cost.training_flops,
        {"n_parameters": 7e9, "n_tokens": 1e12},
        {"n_parameters": non_negative(), "n_tokens": non_negative()},
    ),
    function(
        cost.memory_bound_tokens_per_second,
        {"n_parameters": 7e9, "precision": "fp16", "bandwidth_bytes_per_s": 1e11},
        {"n_parameters": non_negative(), "precision": choice(), "bandwidth_bytes_per_s": positive()},
    ),
    function(
        cost.compute_bound_tokens_per_second,
        {"n_parameters": 7e9, "flops_per_second": 1e12},
        {"n_parameters": non_negative(), "flops_per_second": positive()},
    ),
    function(
        cost.count_mlp_parameters,
        {"layer_sizes": [2, 8, 1]},
        {"layer_sizes": st.one_of(NOT_A_LIST, st.just([2]), st.just([2, 0]), st.just([2, 2.5]))},
    ),
    function(
        cost.compare,
        {"sizes": [1e6], "precisions": ["fp32"], "bandwidth_bytes_per_s": 1e11},
        {
            "sizes": st.one_of(NOT_A_LIST, st.just([]), st.just([-1.0]), st.just([NAN])),
            "precisions": st.one_of(NOT_A_LIST, st.just([]), st.just(["fp7"])),
            "bandwidth_bytes_per_s": given_value(positive()),
        },
    ),
    function(
        cost.count_transformer_parameters,
        {"vocabulary": 100, "width": 8, "layers": 1, "hidden": 16, "heads": 2, "kv_heads": 1},
        {
            "vocabulary": whole(1),
            "width": st.one_of(whole(1), st.just(7)),
            "layers": whole(1),
            "hidden": whole(1),
            "heads": st.one_of(whole(1), st.just(3)),
            "kv_heads": st.one_of(given_value(whole(1)), st.just(3)),
            "positions": whole(0),
            "tied": st.sampled_from([None, 1, "yes"]),
            "gated": st.sampled_from([None, 0, "no"]),
            "mlp_biases": st.sampled_from([None, 1, "yes"]),
            "norm": choice(),
        },
    ),
    function(cost.format_bytes, {"n_bytes": 1e9}, {"n_bytes": non_negative()}),
    function(cost.format_flops, {"n_flops": 1e9}, {"n_flops": non_negative()}),
    function(cost.format_count, {"n": 1e9}, {"n": non_negative()}),
    # data
    function(
        data.house_prices,
        {"n": 5, "noise": 10.0, "seed": 0, "units": "thousands"},
        {"n": whole(1), "noise": non_negative(), "seed": whole(), "units": choice()},
    ),
    function(data.standardise, {"values": [1.0, 2.0, 4.0]}, {"values": numbers(3, paired=False)}),
    function(
        data.noisy_curve, {"n": 5, "noise": 0.1, "seed": 0}, {"n": whole(1), "noise": non_negative(), "seed": whole()}
    ),
    *[
        function(f, {"n": 6, "noise": 0.1, "seed": 0}, {"n": whole(1), "noise": non_negative(), "seed": whole()})
        for f in (data.moons, data.xor, data.blobs)
    ],
    function(
        data.circles,
        {"n": 6, "noise": 0.1, "seed": 0, "factor": 0.5},
        {"n": whole(1), "noise": non_negative(), "seed": whole(), "factor": positive()},
    ),
    function(
        data.spirals,
        {"n": 6, "noise": 0.1, "seed": 0, "turns": 1.5},
        {"n": whole(1), "noise": non_negative(), "seed": whole(), "turns": positive()},
    ),
    function(
        data.classification,
        {"name": "moons", "n": 6, "noise": 0.1, "seed": 0},
        {"name": choice(), "n": whole(1), "noise": given_value(non_negative()), "seed": whole()},
    ),
    function(
        data.transform,
        {"points": X2, "degrees": 30.0, "shift": (0.1, 0.2)},
        {
            "points": points(3, 2, paired=False),
            "degrees": number(),
            "shift": st.one_of(numbers(2, paired=False), st.just([0.1, 0.2, 0.3])),
        },
    ),
    function(
        data.split,
        {"x": list(range(6)), "y": list(range(6)), "fractions": (0.5, 0.5), "seed": 0},
        {
            "x": st.one_of(NOT_A_LIST, st.just([]), st.just([1, 2])),
            "y": st.one_of(NOT_A_LIST, st.just([1])),
            "fractions": st.one_of(numbers(2, paired=False), st.just([0.5, 0.6]), st.just([1.0])),
            "seed": whole(),
        },
    ),
    function(
        data.urgent_tickets, {"n": 5, "seed": 0, "leaky": False}, {"n": whole(1), "seed": whole(), "leaky": boolean()}
    ),
    # finetune
    function(
        finetune.frozen_names,
        {"model": network(), "prefixes": ["layer1"]},
        {"model": not_a_model(), "prefixes": prefixes()},
    ),
    function(
        finetune.count_knobs, {"model": network(), "frozen": ["layer1"]}, {"model": not_a_model(), "frozen": prefixes()}
    ),
    function(
        finetune.fine_tune,
        {
            "model": network(),
            "train": (X2, Y2),
            "steps": 2,
            "learning_rate": 0.1,
            "optimiser": "sgd",
            "frozen": (),
            "validation": None,
            "batch_size": None,
            "seed": 0,
        },
        {
            "model": not_a_model(),
            "train": data_pair(),
            "steps": whole(0),
            "learning_rate": positive(),
            "optimiser": choice(),
            "frozen": prefixes(),
            "validation": given_value(data_pair()),
            "batch_size": given_value(whole(1)),
            "seed": whole(),
        },
    ),
    constructor(
        finetune.LoRA,
        {"base": network(), "rank": 1, "layers": [1], "seed": 0},
        {
            "base": not_a_model(),
            "rank": whole(1),
            "layers": st.sampled_from([[0], [3], ["1"], "1", 2.5, []]),
            "seed": whole(),
        },
    ),
    *[
        method(lora, verb, {"x": X2, "y": Y2}, {"x": points(3, 2), "y": labels(3)})
        for verb in ("loss", "evaluate", "evaluate_and_gradients", "gradients")
    ],
    *[method(lora, verb, {"x": X2}, {"x": points(3, 2, paired=False)}) for verb in ("predict", "classify")],
    function(
        finetune.fine_tuning_experiment,
        {
            "seed": 0,
            "rank": 1,
            "pretrain_steps": 1,
            "fine_tune_steps": 1,
            "new_examples": 4,
            "degrees": 10.0,
            "shift": (0.1, 0.1),
        },
        {
            "seed": whole(),
            "rank": whole(1),
            "pretrain_steps": whole(0),
            "fine_tune_steps": whole(0),
            "new_examples": whole(1),
            "degrees": number(),
            "shift": numbers(2, paired=False),
        },
    ),
    # language
    function(
        language.sampling_probabilities,
        {"logits": [1.0, 0.5, -1.0], "temperature": 1.0, "top_k": 2},
        {"logits": numbers(3, paired=False), "temperature": non_negative(), "top_k": given_value(whole(1))},
    ),
    function(
        language.pick,
        {"probabilities": [0.25, 0.75], "rng": random.Random(0)},
        {
            "probabilities": st.one_of(numbers(2, paired=False), st.just([-0.5, 1.5]), st.just([0.0, 0.0])),
            "rng": st.sampled_from([None, 3, "rng"]),
        },
    ),
    constructor(
        language.LanguageModel, {"tokenizer": None}, {"tokenizer": st.sampled_from(["abc", 3, ["a"], {"words": "ab"}])}
    ),
    constructor(
        language.Bigram,
        {"smoothing": 1.0, "tokenizer": None},
        {"smoothing": positive(), "tokenizer": st.sampled_from(["abc", 3, ["a"], {"words": "ab"}])},
    ),
    constructor(
        language.MLPLanguageModel,
        {"context": 2, "embedding": 3, "hidden": 4, "seed": 0, "tokenizer": None},
        {
            "context": whole(1),
            "embedding": whole(1),
            "hidden": whole(1),
            "seed": whole(),
            "tokenizer": st.sampled_from(["abc", 3, ["a"], {"words": "ab"}]),
        },
    ),
    *[method(make, "window", {"text": "the"}, {"text": corpus_text()}) for make in (bigram, mlp_lm)],
    *[method(make, "examples", {"text": "the"}, {"text": given_value(corpus_text())}) for make in (bigram, mlp_lm)],
    method(bigram, "fit", {"text": "the"}, {"text": given_value(corpus_text())}),
    method(bigram, "predict", {"x": [(1,), (2,)]}, {"x": windows(1)}),
    method(mlp_lm, "predict", {"x": [(1, 2), (2, 3)]}, {"x": windows(2)}),
    *[
        method(bigram, verb, {"x": [(1,), (2,)], "y": [2, 3]}, {"x": windows(1), "y": token_ids(2)})
        for verb in ("loss", "loss_and_gradients", "gradients", "evaluate", "evaluate_and_gradients")
    ],
    *[
        method(mlp_lm, verb, {"x": [(1, 2), (2, 3)], "y": [2, 3]}, {"x": windows(2), "y": token_ids(2)})
        for verb in ("loss", "loss_and_gradients", "gradients", "evaluate", "evaluate_and_gradients")
    ],
    *[
        method(
            make,
            "step",
            {"x": [(1,) * context, (2,) * context], "y": [2, 3], "learning_rate": 0.5},
            {"x": windows(context), "y": token_ids(2), "learning_rate": positive()},
        )
        for make, context in ((bigram, 1), (mlp_lm, 2))
    ],
    *[
        method(
            make,
            "train",
            {"text": TEXT, "steps": 2, "batch_size": 4, "learning_rate": 0.5, "seed": 0},
            {
                "text": st.one_of(given_value(corpus_text()), st.just("")),
                "steps": whole(0),
                "batch_size": whole(1),
                "learning_rate": positive(),
                "seed": whole(),
            },
        )
        for make in (bigram, mlp_lm)
    ],
    *[
        method(
            make,
            "next_token_probabilities",
            {"text": "the", "temperature": 1.0, "top_k": 3},
            {"text": corpus_text(), "temperature": non_negative(), "top_k": given_value(whole(1))},
        )
        for make in (bigram, mlp_lm)
    ],
    *[
        method(
            make,
            "generate",
            {"prompt": "the", "length": 5, "temperature": 1.0, "top_k": 3, "seed": 0, "greedy": False},
            {
                "prompt": corpus_text(),
                "length": whole(0),
                "temperature": non_negative(),
                "top_k": given_value(whole(1)),
                "seed": whole(),
                "greedy": boolean(),
            },
        )
        for make in (bigram, mlp_lm)
    ],
    *[
        method(make, "set_parameters", {"parameters": make().parameters()}, {"parameters": knob_dict()})
        for make in (bigram, mlp_lm)
    ],
    # losses (the fast paths at the end of knobs.losses trust their callers: see EXEMPT)
    *[
        function(
            f, {"predictions": [0.5, 1.0], "targets": [1.0, 0.0]}, {"predictions": numbers(2), "targets": numbers(2)}
        )
        for f in (losses.mean_squared_error, losses.mean_squared_error_gradient)
    ],
    *[
        function(
            f, {"probabilities": [0.5, 0.75], "labels": [1, 0]}, {"probabilities": numbers(2), "labels": labels(2)}
        )
        for f in (losses.binary_cross_entropy, losses.binary_cross_entropy_gradient)
    ],
    *[
        function(f, {"logits": [0.5, -1.0], "labels": [1, 0]}, {"logits": numbers(2), "labels": labels(2)})
        for f in (losses.binary_cross_entropy_from_logits, losses.binary_cross_entropy_from_logits_gradient)
    ],
    *[
        function(f, {"logits": [0.5, -1.0, 2.0]}, {"logits": numbers(3, paired=False)})
        for f in (losses.softmax, losses.log_softmax)
    ],
    *[
        function(
            f, {"logits": X2, "labels": [1, 0, 1]}, {"logits": points(3, 2, fixed_width=False), "labels": labels(3)}
        )
        for f in (losses.categorical_cross_entropy, losses.categorical_cross_entropy_gradient)
    ],
    *[
        function(
            f,
            {"parameters": {"w": [1.0, -2.0], "bias": 0.5}, "strength": 0.1},
            {"parameters": knob_dict().filter(lambda value: value != {"nope": 1.0}), "strength": non_negative()},
        )
        for f in (losses.l2_penalty, losses.l2_penalty_gradient)
    ],
    # metrics
    *[
        function(
            f,
            {"predictions": [1, 0, 1], "labels": [1, 1, 1]},
            {"predictions": st.one_of(NOT_A_LIST, st.just([1])), "labels": st.one_of(NOT_A_LIST, st.just([]))},
        )
        for f in (metrics.accuracy, metrics.confusion_counts)
    ],
    function(
        metrics.r2_score,
        {"predictions": [0.5, 1.0], "targets": [1.0, 0.0]},
        {"predictions": numbers(2), "targets": numbers(2)},
    ),
    function(metrics.baseline_regression, {"y": [0.5, 1.0]}, {"y": numbers(2, paired=False)}),
    function(metrics.baseline_classification, {"y": [1, 0, 1]}, {"y": st.one_of(NOT_A_LIST, st.just([]))}),
    # models
    constructor(models.Line, {"weight": 2.0, "bias": 1.0}, {"weight": number(), "bias": number()}),
    constructor(
        models.Polynomial,
        {"degree": 2, "coefficients": [1.0, 0.5, 0.25]},
        {"degree": whole(0), "coefficients": given_value(numbers(3))},
    ),
    constructor(
        models.LogisticRegression,
        {"n_features": 2, "weights": [0.5, 0.5], "bias": 0.0},
        {"n_features": whole(1), "weights": given_value(numbers(2)), "bias": number()},
    ),
    function(
        models.from_dict,
        {"saved": models.Line(2.0, 1.0).to_dict()},
        {
            "saved": st.sampled_from(
                [
                    None,
                    [],
                    {"model": "Line"},
                    {"model": "Line", "structure": {}, "parameters": {"weight": "a", "bias": 0.0}},
                    {"model": "os", "module": "os", "structure": {}, "parameters": {}},
                    {"model": "Polynomial", "structure": {"power": 2}, "parameters": {}},
                ]
            )
        },
    ),
    function(models.load, {"path": __file__.replace(".py", ".missing.json")}, {"path": path()}),
    *[
        method(make, "predict", {"x": x}, {"x": bad}, label=label)
        for label, make, x, bad in (
            ("Line", lambda: models.Line(2.0, 1.0), [0.5, 1.5], numbers(2, paired=False)),
            ("Polynomial", lambda: models.Polynomial(2, [1.0, 0.5, 0.25]), [0.5, 1.5], numbers(2, paired=False)),
            ("LogisticRegression", logistic, X2, points(3, 2, paired=False)),
            ("MLP", network, X2, points(3, 2, paired=False)),
        )
    ],
    method(
        lambda: models.Polynomial(2, [1.0, 0.5, 0.25]),
        "features",
        {"x": [0.5]},
        {"x": numbers(1, paired=False)},
        label="Polynomial",
    ),
    method(logistic, "logits", {"x": X2}, {"x": points(3, 2, paired=False)}),
    method(
        logistic,
        "classify",
        {"x": X2, "threshold": 0.5},
        {"x": points(3, 2, paired=False), "threshold": st.one_of(number(), st.just(1.5), st.just(-0.5))},
    ),
    *[
        method(make, verb, {"x": x, "y": y}, {"x": bad_x, "y": bad_y}, label=label)
        for label, make, x, y, bad_x, bad_y in (
            ("Line", lambda: models.Line(2.0, 1.0), [0.5, 1.5], [1.0, 2.0], numbers(2), numbers(2)),
            ("Polynomial", lambda: models.Polynomial(1, [1.0, 0.5]), [0.5, 1.5], [1.0, 2.0], numbers(2), numbers(2)),
            ("LogisticRegression", logistic, X2, Y2, points(3, 2), labels(3)),
            ("MLP", network, X2, Y2, points(3, 2), labels(3)),
        )
        for verb in ("loss", "gradients", "loss_and_gradients", "evaluate", "evaluate_and_gradients")
    ],
    *[
        method(make, "set_parameters", {"parameters": make().parameters()}, {"parameters": knob_dict()}, label=label)
        for label, make in (("Line", lambda: models.Line(2.0, 1.0)), ("MLP", network), ("LoRA", lora))
    ],
    *[
        method(
            make,
            "predict_grid",
            {"x_range": (-1.0, 1.0), "y_range": (-1.0, 1.0), "resolution": 3},
            {
                "x_range": st.one_of(numbers(2, paired=False), st.just((1.0, -1.0))),
                "y_range": st.one_of(numbers(2, paired=False), st.just((1.0, 1.0))),
                "resolution": whole(2),
            },
            label=label,
        )
        for label, make in (("MLP", network), ("LogisticRegression", logistic))
    ],  # the fast path and the readable one
    function(
        models.grid_axes,
        {"x_range": (-1.0, 1.0), "y_range": (-1.0, 1.0), "resolution": 3},
        {
            "x_range": st.one_of(numbers(2, paired=False), st.just((1.0, -1.0))),
            "y_range": st.one_of(numbers(2, paired=False), st.just((1.0, 1.0))),
            "resolution": whole(2),
        },
    ),
    method(network, "save", {"path": __file__.replace(".py", ".unused.json")}, {"path": path()}),
    # nn
    constructor(
        nn.MLP,
        {"layer_sizes": [2, 3, 1], "activation": "tanh", "output": "sigmoid", "seed": 0},
        {
            "layer_sizes": st.one_of(NOT_A_LIST, st.just([2]), st.just([2, 0, 1]), st.just([2, 1.5, 1])),
            "activation": choice(),
            "output": choice(),
            "seed": whole(),
        },
    ),
    method(network, "classify", {"x": X2}, {"x": points(3, 2, paired=False)}),
    *[
        method(network, verb, {"x": X2, "y": Y2}, {"x": points(3, 2), "y": labels(3)})
        for verb in ("loss_value", "gradients_autograd")
    ],
    # optim
    # prompting
    function(
        prompting.prompt,
        {"strategy": "3-shot", "word": "cat", "seed": 0, "task": "kind"},
        {"strategy": choice(), "word": a_word(), "seed": whole(), "task": choice()},
    ),
    function(
        prompting.score,
        {"model": tiny_transformer(), "strategy": "retrieved", "words": ["cat"], "seed": 0, "task": "every task"},
        {
            "model": not_a_model(),
            "strategy": choice(),
            "words": given_value(st.one_of(NOT_A_LIST, st.sampled_from([[], "cat", ["zebra"], [3]]))),
            "seed": whole(),
            "task": choice(),
        },
    ),
    function(
        prompting.accuracy,
        {"model": tiny_transformer(), "strategy": "1-shot", "words": ["cat"], "seed": 0, "task": "portuguese"},
        {
            "model": not_a_model(),
            "strategy": choice(),
            "words": given_value(st.one_of(NOT_A_LIST, st.sampled_from([[], "cat", ["zebra"], [3]]))),
            "seed": whole(),
            "task": choice(),
        },
    ),
    function(
        prompting.compare_strategies,
        {"model": tiny_transformer(), "words": ["cat"], "seed": 0, "task": "every task"},
        {
            "model": not_a_model(),
            "words": given_value(st.one_of(NOT_A_LIST, st.sampled_from([[], ["zebra"]]))),
            "seed": whole(),
            "task": choice(),
        },
    ),
    function(prompting.knowledge_base, {"seed": 0}, {"seed": whole()}),
    function(prompting.question, {"name": "ana"}, {"name": a_word().filter(lambda value: value != "zebra")}),
    function(
        prompting.retrieval_prompt,
        {"name": "ana", "retriever": retriever(), "k": 2},
        {
            "name": a_word().filter(lambda value: value != "zebra"),
            "retriever": given_value(not_a_model()),
            "k": whole(1),
        },
    ),
    function(
        prompting.retrieval_accuracy,
        {"model": tiny_transformer(), "k": 1, "seed": 0},
        {"model": not_a_model(), "k": given_value(whole(1)), "seed": whole()},
    ),
    # retrieval
    constructor(
        retrieval.Retriever,
        {"documents": ["ana lives in lima .", "rui lives in oslo ."]},
        {"documents": st.one_of(NOT_A_LIST, st.sampled_from([[], "ana lives", [3], ["ana", None]]))},
    ),
    method(retriever, "scores", {"question": "where does ana live ?"}, {"question": text()}),
    method(retriever, "search", {"question": "where does ana live ?", "k": 2}, {"question": text(), "k": whole(1)}),
    # tasks
    *[
        function(f, {"word": "cat", "task": "spanish"}, {"word": a_word(), "task": choice()})
        for f in (tasks.translation, tasks.pair)
    ],
    function(
        tasks.fact,
        {"name": "ana", "city": "lima"},
        {
            "name": a_word().filter(lambda value: value != "zebra"),
            "city": a_word().filter(lambda value: value != "zebra"),
        },
    ),
    function(tasks.corpus, {"documents": 3, "seed": 0}, {"documents": whole(1), "seed": whole()}),
    function(tasks.where_people_live, {"seed": 0}, {"seed": whole()}),
    # transformer
    constructor(
        transformer.Transformer,
        {"vocabulary": ["\n", "cat"], "context": 4, "width": 4, "heads": 2, "layers": 1, "hidden": 4, "seed": 0},
        {
            "vocabulary": vocabulary(),
            "context": whole(1),
            "width": whole(1),
            "heads": st.one_of(whole(1), st.just(3)),
            "layers": whole(1),
            "hidden": whole(1),
            "seed": whole(),
        },
    ),
    method(tiny_transformer, "logits", {"ids": [0, 5]}, {"ids": token_ids(2, paired=False)}),
    method(tiny_transformer, "predict", {"x": [[0, 5], [0]]}, {"x": sequences(2, paired=False)}),
    *[
        method(tiny_transformer, verb, {"x": [[0, 5]], "y": [[5, 6]]}, {"x": sequences(2), "y": sequences(2)})
        for verb in ("loss", "gradients", "loss_and_gradients", "evaluate_and_gradients")
    ],
    method(
        tiny_transformer,
        "encode",
        {"text": "cat =", "name": "text"},
        {"text": st.one_of(text(), st.just("zebra")), "name": st.sampled_from([None, 3, ""])},
    ),
    method(tiny_transformer, "decode", {"ids": [0, 5]}, {"ids": token_ids(2, paired=False)}),
    method(
        tiny_transformer,
        "next_token_probabilities",
        {"text": "cat =", "temperature": 1.0, "top_k": 3},
        {"text": st.one_of(text(), st.just("zebra")), "temperature": non_negative(), "top_k": given_value(whole(1))},
    ),
    method(
        tiny_transformer,
        "attention_weights",
        {"text": "cat ="},
        {"text": st.one_of(text(), st.sampled_from(["zebra", "cat = gato ; dog"]))},
    ),
    method(
        tiny_transformer,
        "generate",
        {"prompt": "cat =", "length": 3, "temperature": 1.0, "top_k": 3, "seed": 0, "greedy": False, "stop": "."},
        {
            "prompt": st.one_of(text(), st.just("zebra")),
            "length": whole(0),
            "temperature": non_negative(),
            "top_k": given_value(whole(1)),
            "seed": whole(),
            "greedy": boolean(),
            "stop": given_value(st.sampled_from(["zebra", 3, ["."]])),
        },
    ),
    method(
        tiny_transformer,
        "answer",
        {"prompt": "cat =", "length": 2},
        {"prompt": st.one_of(text(), st.just("zebra")), "length": whole(0)},
    ),
    function(
        transformer.pack,
        {"value": [[0.5, -1.0], [2.0, 0.25]]},
        {"value": st.sampled_from([None, "ab", 0.5, [], [[]], [NAN], [0.5, "a"], [[0.5], [0.5, 1.0]], [1e6]])},
    ),
    function(
        transformer.unpack,
        {"packed": transformer.pack([[0.5, -1.0], [2.0, 0.25]])},
        {
            "packed": st.sampled_from(
                [
                    None,
                    "ab",
                    {},
                    {"shape": [2], "data": 3},
                    {"shape": [], "data": ""},
                    {"shape": [0], "data": ""},
                    {"shape": [2, "a"], "data": ""},
                    {"shape": [2], "data": "!!"},
                    {"shape": [3], "data": "AAAAAA=="},
                ]
            )
        },
    ),
    function(
        transformer.average_heads,
        {"heads": [[[1.0, 0.0], [0.25, 0.75]], [[1.0, 0.0], [0.75, 0.25]]]},
        {
            "heads": st.sampled_from(
                [None, "ab", 0.5, [], [[]], [[[NAN]]], [[[1.0]], [[1.0, 0.0]]], [[[1.0]], [[1.0], [1.0]]], [["a"]]]
            )
        },
    ),
    # words
    function(words.split, {"text": "cat dog\ncat"}, {"text": text()}),
    constructor(words.WordTokenizer, {"vocabulary": ["\n", "cat", "dog"]}, {"vocabulary": vocabulary()}),
    method(
        word_tokenizer,
        "encode",
        {"text": "cat dog", "name": "text"},
        {"text": st.one_of(text(), st.just("zebra")), "name": st.sampled_from([None, 3, ""])},
    ),
    method(word_tokenizer, "decode", {"ids": [1, 2]}, {"ids": token_ids(2, paired=False)}),
    function(
        words.checked_ids,
        {"ids": [1, 2], "size": 3, "name": "ids"},
        {"ids": st.one_of(token_ids(2, paired=False), st.just([])), "size": whole(1)},
    ),
    function(
        optim.is_frozen,
        {"name": "layer1.weights", "frozen": ("layer1",)},
        {"name": st.sampled_from([None, 3, ["layer1"]]), "frozen": st.sampled_from([3, None, [3], b"layer1"])},
    ),
    function(
        optim.frozen_prefixes,
        {"frozen": ["layer1"], "names": ["layer1.weights"], "argument": "frozen"},
        {"frozen": prefixes(), "names": st.sampled_from([[], ["layer2.weights"]])},
        says={"names": "frozen"},
    ),
    constructor(optim.Optimiser, {"learning_rate": 0.1}, {"learning_rate": positive()}),
    constructor(optim.SGD, {"learning_rate": 0.1}, {"learning_rate": positive()}),
    constructor(
        optim.Momentum,
        {"learning_rate": 0.1, "momentum": 0.9},
        {"learning_rate": positive(), "momentum": st.one_of(number(), st.just(1.0), st.just(-0.1))},
    ),
    constructor(
        optim.Adam,
        {"learning_rate": 0.1, "beta1": 0.9, "beta2": 0.99, "eps": 1e-8},
        {
            "learning_rate": positive(),
            "beta1": st.one_of(number(), st.just(1.0)),
            "beta2": st.one_of(number(), st.just(-0.5)),
            "eps": positive(),
        },
    ),
    function(
        optim.make,
        {"name": "adam", "learning_rate": 0.1},
        {"name": choice(), "learning_rate": positive()},
        says={"name": "optimiser"},
    ),
    *[
        method(
            make,
            "step",
            {"parameters": {"w": [1.0, 2.0, 3.0], "b": 0.5}, "gradients": {"w": [0.1, 0.1, 0.1]}, "frozen": ()},
            {
                "parameters": knob_dict(),
                "gradients": st.sampled_from(
                    [
                        None,
                        {"w": [1.0]},
                        {"w": 1.0},
                        {"w": [0.1, "a", 0.1]},
                        {"w": [0.1, NAN, 0.1]},
                        {"nope": 1.0},
                        {"b": [0.5]},
                    ]
                ),
                "frozen": prefixes(),
            },
            label=label,
        )
        for label, make in (
            ("SGD", lambda: optim.SGD(0.1)),
            ("Momentum", lambda: optim.Momentum(0.1)),
            ("Adam", lambda: optim.Adam(0.1)),
        )
    ],
    # tokens
    constructor(tokens.Tokenizer, {"text": "abc"}, {"text": text()}),
    method(
        lambda: tokens.Tokenizer("abc"),
        "encode",
        {"text": "abc", "name": "text"},
        {"text": st.one_of(text(), st.just("abz")), "name": st.sampled_from([None, 3, ""])},
        label="Tokenizer",
    ),
    method(
        lambda: tokens.Tokenizer("abc"),
        "decode",
        {"ids": [0, 1]},
        {"ids": token_ids(2, paired=False)},
        label="Tokenizer",
    ),
    function(
        tokens.Tokenizer.from_dict,
        {"data": {"vocabulary": "abc"}},
        {"data": st.sampled_from([None, "abc", {}, {"vocabulary": 3}])},
    ),
    *[
        function(
            f,
            {"ids": [1, 2, 3], "context": 2, "boundary": 0},
            {
                "ids": st.one_of(NOT_A_LIST, st.just([1, "a"]), st.just([-1]), st.just([0.5])),
                "context": whole(0),
                "boundary": whole(0),
            },
        )
        for f in (tokens.window, tokens.examples)
    ],
    # train
    constructor(
        training.Trainer,
        {
            "model": network(),
            "optimiser": optim.SGD(0.1),
            "train": (X2, Y2),
            "validation": (X2, Y2),
            "batch_size": 2,
            "l2": 0.01,
            "seed": 0,
            "frozen": ("layer1",),
            "batches": "shuffled",
        },
        {
            "model": not_a_model(),
            "optimiser": st.sampled_from([None, "sgd", 0.1]),
            "train": data_pair(),
            "validation": given_value(data_pair()),
            "batch_size": given_value(whole(1)),
            "l2": non_negative(),
            "seed": whole(),
            "frozen": prefixes(),
            "batches": choice(),
        },
    ),
    method(trainer, "step", {"n": 1}, {"n": whole(0)}),
    method(
        trainer,
        "fit",
        {"steps": 1, "patience": None, "callback": None},
        {"steps": whole(0), "patience": given_value(whole(1)), "callback": st.sampled_from([3, "print"])},
    ),
    function(
        training.fit,
        {
            "model": network(),
            "train": (X2, Y2),
            "steps": 1,
            "learning_rate": 0.1,
            "optimiser": "sgd",
            "validation": (X2, Y2),
            "batch_size": None,
            "l2": 0.0,
            "seed": 0,
            "frozen": (),
            "patience": 2,
        },
        {
            "model": not_a_model(),
            "train": data_pair(),
            "steps": whole(0),
            "learning_rate": positive(),
            "optimiser": choice(),
            "validation": given_value(data_pair()),
            "batch_size": given_value(whole(1)),
            "l2": non_negative(),
            "seed": whole(),
            "frozen": prefixes(),
            "patience": given_value(whole(1)),
        },
    ),
]

EXEMPT = {  # public callables with nothing to check, or whose callers check for them (and why)
    "knobs.arguments.": "the checks themselves",
    "knobs.nested.": "walks knobs that the public functions have already checked, inside the training loop",
    "knobs.losses.fast_": "fast paths: whole batches that a model has already checked (see the module docstring)",
    "knobs.activations.fast_": "the fast path of sigmoid, for numbers a model has already checked",
    "knobs.activations.Activation": "the registry's entries, built once in the module",
    "knobs.tokens.corpus": "no arguments",
    "knobs.tasks.vocabulary": "no arguments",
    "knobs.prompting.pretrained": "no arguments",
    **{
        f"knobs.transformer.{name}": "the Transformer's building blocks, on tables the model has already checked"
        for name in (
            "linear",
            "linear_backward",
            "layer_norm",
            "layer_norm_backward",
            "relu",
            "relu_backward",
            "attend",
            "attend_backward",
            "add",
        )
    },
    "knobs.models.Model": "the base class: no arguments; each model writes predict, loss and gradients",
    "knobs.models.Model.predict": "see knobs.models.Model",
    "knobs.models.Model.loss": "see knobs.models.Model",
    "knobs.models.Model.gradients": "see knobs.models.Model",
    "knobs.optim.Optimiser.update": "the hook step() calls for each parameter after checking them all",
    "knobs.optim.Optimiser.apply": "step() after its checks: for the Trainer, whose gradients come from the model",
    "knobs.optim.SGD.update": "see knobs.optim.Optimiser.update",
    "knobs.optim.Momentum.update": "see knobs.optim.Optimiser.update",
    "knobs.optim.Adam.update": "see knobs.optim.Optimiser.update",
}


def exempt(name):
    return any(name == key or (key.endswith((".", "_")) and name.startswith(key)) for key in EXEMPT)


NO_ARGUMENTS = {
    "structure",
    "parameters",
    "count_parameters",
    "to_dict",
    "settings",
    "stop",
    "finish",
    "backward",
    "exp",
    "log",
    "tanh",
    "relu",
    "sigmoid",
    "abs",
    "count_trainable",
    "count_frozen",
    "merged",
    "from_dict",
    "load",
    "to_compact",
}  # methods without arguments to get wrong (and from_dict/load, covered by models.from_dict/load)

PAIRS = [(case, argument) for case in CASES for argument in case.bad]


def snapshot(value):
    """Everything a call could change, as plain comparable data (NaN compares equal through repr)."""
    if isinstance(value, dict):
        return {repr(key): snapshot(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [snapshot(item) for item in value]
    if isinstance(value, models.Model):
        return snapshot(value.to_dict())
    if isinstance(value, training.Trainer):
        return snapshot([value.model, value.history, value.state, value.steps_done, value.optimiser])
    if isinstance(value, optim.Optimiser):
        return snapshot([value.learning_rate, value.steps, value.state])
    if isinstance(value, random.Random):
        return repr(value.getstate())
    return repr(value)


@pytest.mark.parametrize("case, argument", PAIRS, ids=[f"{case.name}:{argument}" for case, argument in PAIRS])
@settings(max_examples=12, deadline=None)
@given(choices=st.data())
def test_bad_argument_is_refused_by_name_and_changes_nothing(case, argument, choices):
    bad = choices.draw(case.bad[argument], label=argument)
    receiver = case.make() if case.make else None
    arguments = {**case.good, argument: bad}
    before = snapshot([receiver, arguments])
    with pytest.raises((ValueError, TypeError)) as error:
        case.call(receiver, **arguments)
    named = case.says.get(argument, argument)
    assert re.search(rf"(^|\W){re.escape(named)}(\W|$)", str(error.value)), str(error.value)
    assert snapshot([receiver, arguments]) == before


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_good_arguments_of_every_case_work(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    receiver = case.make() if case.make else None
    if case.name.endswith(("load", ".save")):
        case.good["path"] = str(tmp_path / "model.json")
        if case.name.endswith("load"):
            models.Line(2.0, 1.0).save(case.good["path"])
    case.call(receiver, **case.good)


def public_callables():
    """Every public function, class and method defined in the knobs package, by qualified name."""
    for module_info in pkgutil.iter_modules(knobs.__path__):
        module = importlib.import_module(f"knobs.{module_info.name}")
        for name, value in vars(module).items():
            if name.startswith("_") or getattr(value, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(value):
                yield f"{module.__name__}.{name}"
            elif inspect.isclass(value):
                yield f"{module.__name__}.{name}"
                for method_name, member in vars(value).items():
                    if callable(member) and not method_name.startswith("_") and method_name not in NO_ARGUMENTS:
                        yield f"{module.__name__}.{name}.{method_name}"


def covered_names(case):
    """The qualified names a case covers: a function's own, or the class that defines the method it calls."""
    if case.make is None:
        return {case.name}
    verb = case.name.rsplit(".", 1)[1]
    for cls in type(case.make()).__mro__:
        if verb in vars(cls):
            return {f"{cls.__module__}.{cls.__qualname__}.{verb}"}
    return set()


def test_every_public_callable_has_a_bad_input_case():
    covered = set().union(*(covered_names(case) for case in CASES))
    missing = [name for name in public_callables() if name not in covered and not exempt(name)]
    assert missing == []
