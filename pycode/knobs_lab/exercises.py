"""The checkers of the lessons' code exercises, one function per exercise, each registered by `@checker("mse")`
(knobs_lab.checking) under the name a lesson's ```exercise block gives (`check: mse`).

A checker takes the namespace the reader's code made, calls the reader's function on a few chosen cases (small ones
first, so the first failing case is easy to redo by hand) and compares with the course's own `knobs` function. It
returns None when every case matches; otherwise `expect` raises a Miss naming the case, the reader's answer, the
expected one and, when the answer is what a typical mistake gives, the question to ask (tested in
tests/site/test_exercises.py against each hint's mistake).
"""

import math
import random
import statistics
from collections import Counter

from knobs import cost, losses, metrics, tasks
from knobs.autograd import Value
from knobs.language import sampling_probabilities
from knobs.models import Line
from knobs_lab.checking import Miss, call, checker, expect, function, same, show
from knobs_lab.words import say

# ----- lesson 1: what is a model ---------------------------------------------------------------------------------


@checker("line_predict")
def line_predict(names):
    """predict(size, weight, bias): the line's price for one house."""
    predict = function(names, "predict")
    for size, weight, bias in [(1000, 200, 50_000), (1500, 150, 20_000), (0, 120, 35_000)]:
        expected = Line(weight=weight, bias=bias).predict([size])[0]
        expect(
            predict,
            (size, weight, bias),
            expected,
            say("size {size}, weight {weight}, bias {bias}", size=f"{size:,}", weight=weight, bias=f"{bias:,}"),
            [
                (weight * size, say("Did you forget to add the bias?")),
                (size + weight * bias, say("Which number multiplies the size: the weight or the bias?")),
            ],
        )


@checker("line_through")
def line_through(names):
    """line_through(x1, y1, x2, y2): the (weight, bias) of the line through two points."""
    line_through = function(names, "line_through")
    for x1, y1, x2, y2 in [(1000, 250_000, 2000, 450_000), (500, 90_000, 1500, 240_000)]:
        case = say("the points {first} and {second}", first=f"({x1:,}, {y1:,})", second=f"({x2:,}, {y2:,})")
        answer = call(line_through, x1, y1, x2, y2)
        if not (isinstance(answer, (tuple, list)) and len(answer) == 2):
            raise Miss(
                say(
                    "For {case} your function returns {answer}; return two numbers: weight, bias.",
                    case=case,
                    answer=show(answer),
                )
            )
        weight, bias = answer
        predicted = Line(weight=weight, bias=bias).predict([x1, x2])
        if not same(predicted, [y1, y2]):
            swapped = (y2 - y1) / (x2 - x1) != weight and same(
                Line(weight=bias, bias=weight).predict([x1, x2]), [y1, y2]
            )
            message = say(
                "For {case} your line (weight {weight}, bias {bias}) predicts {predicted} at those sizes; "
                "it should pass through both points.",
                case=case,
                weight=show(weight),
                bias=show(bias),
                predicted=show(predicted),
            )
            advice = (
                say("Return the weight first, then the bias.")
                if swapped
                else say("The weight is the rise over the run: (y2 − y1) / (x2 − x1).")
            )
            raise Miss(f"{message} {advice}")


# ----- lesson 2: how a model learns ------------------------------------------------------------------------------


@checker("mse")
def mse(names):
    """mse(predictions, targets): the average of the squared differences."""
    mse = function(names, "mse")
    for predictions, targets in [
        ([3.0], [1.0]),
        ([1000.0, 2000.0], [997.5, 1997.5]),
        ([2.0, 4.0, 9.0], [1.0, 7.0, 5.0]),
    ]:
        errors = [p - t for p, t in zip(predictions, targets)]
        expect(
            mse,
            (predictions, targets),
            losses.mean_squared_error(predictions, targets),
            say(
                "predictions {predictions} and targets {targets}", predictions=show(predictions), targets=show(targets)
            ),
            [
                (sum(e * e for e in errors), say("Did you forget to average (divide by the number of examples)?")),
                (sum(errors) / len(errors), say("Did you forget to square each difference?")),
                (sum(abs(e) for e in errors) / len(errors), say("Did you forget to square each difference?")),
                (
                    math.sqrt(sum(e * e for e in errors) / len(errors)),
                    say("That is the root of the MSE: leave out the square root."),
                ),
            ],
        )


@checker("gradient_step")
def gradient_step(names):
    """step(weight, bias, sizes, prices, learning_rate): one gradient-descent update of the line on the MSE."""
    step = function(names, "step")
    cases = [(100.0, 0.0, [1.0, 2.0], [300.0, 500.0], 0.1), (200.0, 50.0, [1.0, 2.0, 3.0], [260.0, 440.0, 700.0], 0.05)]
    for weight, bias, sizes, prices, learning_rate in cases:
        gradient = Line(weight=weight, bias=bias).gradients(sizes, prices)
        expected = (weight - learning_rate * gradient["weight"], bias - learning_rate * gradient["bias"])
        uphill = (weight + learning_rate * gradient["weight"], bias + learning_rate * gradient["bias"])
        expect(
            step,
            (weight, bias, sizes, prices, learning_rate),
            expected,
            say(
                "weight {weight}, bias {bias}, sizes {sizes}, prices {prices}, learning rate {learning_rate}",
                weight=show(weight),
                bias=show(bias),
                sizes=show(sizes),
                prices=show(prices),
                learning_rate=learning_rate,
            ),
            [(uphill, say("Your step goes uphill: subtract learning_rate × gradient, do not add it."))],
        )


@checker("nudge_gradient")
def nudge_gradient(names):
    """nudge_gradient(loss, knob, tiny): a knob's gradient measured by nudging it, checked against autograd."""
    nudge_gradient = function(names, "nudge_gradient")
    sizes, prices = [1.0, 2.0, 3.0], [260.0, 440.0, 700.0]
    cases = [  # (the loss as the reader reads it, the loss of one knob (numbers or Values), knob, tiny)
        ("(2w + 1 − 7)²", lambda w: (w * 2 + 1 - 7) ** 2, 1.0, 1e-6),
        (
            say("the line's MSE on three houses (bias 50) as a function of its weight w"),
            lambda w: sum(((w * size + 50) - price) ** 2 for size, price in zip(sizes, prices)) / 3,
            200.0,
            1e-4,
        ),
    ]
    for text, loss, knob, tiny in cases:
        value = Value(knob)
        loss(value).backward()  # autograd: the exact gradient, d loss / d knob
        answer = call(nudge_gradient, loss, knob, tiny)
        if same(answer, value.grad, 1e-3):  # a nudge measures the gradient only approximately
            continue
        message = say(
            "For the loss {loss} at w = {knob} with a nudge of {tiny} your function returns {answer}; "
            "autograd says the gradient is {gradient}.",
            loss=text,
            knob=show(knob),
            tiny=f"{tiny:g}",
            answer=show(answer),
            gradient=show(value.grad),
        )
        if same(answer, value.grad * tiny, 1e-2):
            message += " " + say("That is the change in the loss: divide by the nudge to get it per unit of knob.")
        elif same(answer, -value.grad, 1e-3):
            message += " " + say(
                "The sign is the wrong way round: subtract the loss before the nudge from the loss after it."
            )
        raise Miss(message)


# ----- lesson 3: training vs inference ---------------------------------------------------------------------------


@checker("memory_bytes")
def memory_bytes(names):
    """memory(n_parameters, precision): bytes to hold the knobs at "fp32", "fp16", "int8" or "int4"."""
    memory = function(names, "memory")
    for n, precision in [(1000, "fp32"), (7e9, "fp16"), (70e9, "int4"), (135e6, "int8")]:
        expect(
            memory,
            (n, precision),
            cost.parameter_memory(n, precision),
            say("{n} parameters at {precision}", n=show(n), precision=precision),
            [
                (
                    n * cost.BYTES_PER_PARAMETER[precision] * 8,
                    say("That counts bits per knob: divide by 8 to get bytes."),
                )
            ],
        )


@checker("flops")
def flops(names):
    """flops_per_token(n_parameters): the arithmetic to read one token."""
    flops_per_token = function(names, "flops_per_token")
    for n in [1, 135e6, 7e9]:
        expect(
            flops_per_token,
            (n,),
            cost.flops_per_token(n),
            say("{n} parameters", n=show(n)),
            [
                (n, say("Each knob is used in one multiply *and* one add: two operations.")),
                (6 * n, say("6 × N is for training (forward and backward); reading a token is the forward pass only.")),
            ],
        )


# ----- lesson 4: generalisation ----------------------------------------------------------------------------------


@checker("split_without_leakage")
def split_without_leakage(names):
    """split(items, validation_fraction, seed): (training, validation), no item in both, every item in one."""
    split = function(names, "split")
    for n, fraction, seed in [(10, 0.2, 0), (50, 0.3, 1)]:
        items = [f"house {i}" for i in range(n)]
        case = say("{n} items with validation_fraction {fraction} and seed {seed}", n=n, fraction=fraction, seed=seed)
        answer = call(split, list(items), fraction, seed)
        if not (isinstance(answer, (tuple, list)) and len(answer) == 2):
            raise Miss(
                say(
                    "For {case} your function returns {answer}; return two lists: training, validation.",
                    case=case,
                    answer=show(answer),
                )
            )
        training, validation = (list(part) for part in answer)
        both = set(training) & set(validation)
        if both:
            raise Miss(
                say(
                    "For {case}, {count} items are in both sets (e.g. {example}): that is leakage — the validation "
                    "score would reward memorising. Take the validation items out of training.",
                    case=case,
                    count=len(both),
                    example=repr(sorted(both)[0]),
                )
            )
        missing = set(items) - set(training) - set(validation)
        if missing or len(training) + len(validation) != n:
            raise Miss(
                say(
                    "For {case}, training and validation hold {count} items between them; expected each of the {n} "
                    "exactly once.",
                    case=case,
                    count=len(training) + len(validation),
                    n=n,
                )
            )
        if len(validation) != round(fraction * n):
            raise Miss(
                say(
                    "For {case} your validation set has {count} items; expected {expected}.",
                    case=case,
                    count=len(validation),
                    expected=round(fraction * n),
                )
            )
        if validation == items[n - len(validation) :] or validation == items[: len(validation)]:
            raise Miss(
                say(
                    "For {case} the validation set is a slice of the list as given: shuffle with random.Random(seed) "
                    "first, or the split follows whatever order the data came in.",
                    case=case,
                )
            )
        if call(split, list(items), fraction, seed)[1] != validation:
            raise Miss(
                say(
                    "For {case} two calls give different splits: use random.Random(seed), not the global random.",
                    case=case,
                )
            )


@checker("baseline_error")
def baseline_error(names):
    """baseline_mse(train_targets, validation_targets): the validation MSE of always predicting the training mean."""
    baseline_mse = function(names, "baseline_mse")
    for train, validation in [([1.0, 3.0], [4.0]), ([200.0, 240.0, 310.0], [250.0, 400.0])]:
        guess = metrics.baseline_regression(train)
        leaky = statistics.fmean(validation)
        expect(
            baseline_mse,
            (train, validation),
            losses.mean_squared_error([guess] * len(validation), validation),
            say(
                "training targets {train} and validation targets {validation}",
                train=show(train),
                validation=show(validation),
            ),
            [
                (
                    losses.mean_squared_error([leaky] * len(validation), validation),
                    say(
                        "That guesses the mean of the validation targets: a baseline may only learn from training data."
                    ),
                )
            ],
        )


# ----- lesson 5: when training works but the system fails --------------------------------------------------------


@checker("mistakes_cost")
def mistakes_cost(names):
    """total_cost(predictions, labels, cost_false_positive, cost_false_negative): what the mistakes cost."""
    total_cost = function(names, "total_cost")
    for predictions, labels, fp_cost, fn_cost in [([1, 0], [0, 1], 1, 10), ([1, 1, 0, 0, 1], [1, 0, 1, 0, 0], 5, 50)]:
        counts = metrics.confusion_counts(predictions, labels)
        expect(
            total_cost,
            (predictions, labels, fp_cost, fn_cost),
            counts["fp"] * fp_cost + counts["fn"] * fn_cost,
            say(
                "predictions {predictions}, labels {labels}, a false positive costing {fp_cost}, a false negative {fn_cost}",
                predictions=predictions,
                labels=labels,
                fp_cost=fp_cost,
                fn_cost=fn_cost,
            ),
            [
                (
                    counts["fp"] * fn_cost + counts["fn"] * fp_cost,
                    say("The costs are swapped: a false positive says yes when the answer was no."),
                ),
                (counts["fp"] + counts["fn"], say("That counts the mistakes; weigh each by what it costs.")),
            ],
        )


@checker("threshold_from_costs")
def threshold_from_costs(names):
    """best_threshold(scores, labels, cost_false_positive, cost_false_negative): the score threshold (say yes when
    score ≥ threshold) that makes the mistakes cheapest."""
    best_threshold = function(names, "best_threshold")
    rng = random.Random(5)
    labels = [rng.random() < 0.3 for _ in range(40)]
    scores = [round(min(max(rng.gauss(0.65 if y else 0.35, 0.2), 0.0), 1.0), 3) for y in labels]
    labels = [int(y) for y in labels]

    def spend(threshold, fp_cost, fn_cost):
        counts = metrics.confusion_counts([int(s >= threshold) for s in scores], labels)
        return counts["fp"] * fp_cost + counts["fn"] * fn_cost

    candidates = sorted(set(scores)) + [math.inf]
    for fp_cost, fn_cost in [(1, 1), (1, 20)]:
        best = min(spend(t, fp_cost, fn_cost) for t in candidates)
        accurate = min(candidates, key=lambda t: spend(t, 1, 1))
        case = say(
            "40 scored examples, a false positive costing {fp_cost} and a false negative {fn_cost}",
            fp_cost=fp_cost,
            fn_cost=fn_cost,
        )
        threshold = call(best_threshold, list(scores), list(labels), fp_cost, fn_cost)
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
            raise Miss(
                say(
                    "For {case} your function returns {answer}; return a number (the threshold).",
                    case=case,
                    answer=show(threshold),
                )
            )
        spent = spend(threshold, fp_cost, fn_cost)
        if spent > best:
            message = say(
                "For {case} your threshold {threshold} costs {spent}; the best threshold costs {best}.",
                case=case,
                threshold=show(threshold),
                spent=spent,
                best=best,
            )
            if spend(threshold, 1, 1) == spend(accurate, 1, 1):
                message += " " + say(
                    "That is the most *accurate* threshold; with a missed case costing more, say yes more often."
                )
            raise Miss(message)


# ----- lesson 6: neural networks ---------------------------------------------------------------------------------


@checker("neuron")
def neuron(names):
    """neuron(inputs, weights, bias): tanh of the weighted sum plus the bias."""
    neuron = function(names, "neuron")
    for inputs, weights, bias in [
        ([1.0], [0.5], 0.0),
        ([1.0, 2.0], [0.5, -0.25], 0.1),
        ([0.3, -1.2, 2.0], [1.5, 0.4, -0.7], -0.2),
    ]:
        total = sum(x * w for x, w in zip(inputs, weights)) + bias
        expect(
            neuron,
            (inputs, weights, bias),
            math.tanh(total),
            say(
                "inputs {inputs}, weights {weights}, bias {bias}",
                inputs=show(inputs),
                weights=show(weights),
                bias=show(bias),
            ),
            [
                (total, say("Did you apply the activation (math.tanh) to the weighted sum?")),
                (math.tanh(total - bias), say("Did you forget to add the bias?")),
            ],
        )


@checker("count_parameters")
def count_parameters(names):
    """count_parameters(layer_sizes): weights and biases of a fully connected network."""
    count_parameters = function(names, "count_parameters")
    for sizes in [[2, 1], [2, 8, 8, 1], [784, 128, 10]]:
        weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
        expect(
            count_parameters,
            (sizes,),
            cost.count_mlp_parameters(sizes),
            say("layer sizes {sizes}", sizes=sizes),
            [
                (weights, say("Did you forget the biases (one per neuron after the input layer)?")),
                (
                    weights + sum(sizes),
                    say("The inputs have no biases: count one per neuron of the later layers only."),
                ),
            ],
        )


# ----- lesson 7: from numbers to language ------------------------------------------------------------------------


@checker("bigrams")
def bigrams(names):
    """count_bigrams(tokens): {(token, next token): how often it follows}."""
    count_bigrams = function(names, "count_bigrams")
    for text in ["abab", "the cat sat", "mississippi"]:
        tokens = list(text)
        expected = dict(Counter(zip(tokens, tokens[1:])))
        expect(
            count_bigrams,
            (tokens,),
            expected,
            say("the tokens of {source}", source=repr(text)),
            [
                (
                    dict(Counter(zip(tokens, tokens[1:] + [None]))),
                    say("The last token has no next token: stop one pair early."),
                ),
                (
                    dict(Counter(zip(tokens[1:], tokens))),
                    say("Each pair is (token, the token after it), in that order."),
                ),
            ],
        )


@checker("temperature")
def temperature(names):
    """probabilities(scores, temperature): softmax of the scores divided by the temperature."""
    probabilities = function(names, "probabilities")
    for scores, temp in [([1.0, 1.0], 1.0), ([2.0, 1.0, 0.0], 0.5), ([3.0, 1.0, 0.5, -1.0], 2.0)]:
        expect(
            probabilities,
            (scores, temp),
            sampling_probabilities(scores, temp),
            say("scores {scores} at temperature {temperature}", scores=show(scores), temperature=temp),
            [
                (
                    sampling_probabilities([s * temp for s in scores]),
                    say("Divide the scores by the temperature; multiplying sharpens where it should flatten."),
                ),
                (sampling_probabilities(scores), say("Did you use the temperature at all?")),
            ],
        )


# ----- lesson 8: foundation models and fine-tuning ---------------------------------------------------------------


@checker("lora_parameters")
def lora_parameters(names):
    """lora_parameters(n_in, n_out, rank): the knobs of a rank-r adapter on one n_in → n_out layer."""
    lora_parameters = function(names, "lora_parameters")
    for n_in, n_out, rank in [(8, 8, 2), (768, 768, 8), (4096, 1024, 16)]:
        expect(
            lora_parameters,
            (n_in, n_out, rank),
            rank * (n_in + n_out),
            say("a {n_in} → {n_out} layer with rank {rank}", n_in=n_in, n_out=n_out, rank=rank),
            [
                (n_in * n_out, say("That is the layer's own weights, which LoRA leaves frozen.")),
                (rank * n_in * n_out, say("A has n_out × r knobs and B has r × n_in: add them, do not multiply.")),
            ],
        )


@checker("last_layer_parameters")
def last_layer_parameters(names):
    """last_layer(layer_sizes): the knobs trained when only the last layer is fine-tuned."""
    last_layer = function(names, "last_layer")
    for sizes in [[2, 8, 8, 1], [784, 128, 10], [16, 4]]:
        expect(
            last_layer,
            (sizes,),
            cost.count_mlp_parameters(sizes[-2:]),
            say("layer sizes {sizes}", sizes=sizes),
            [
                (sizes[-2] * sizes[-1], say("Fine-tuning the last layer trains its biases too.")),
                (cost.count_mlp_parameters(sizes), say("That is every knob; only the last layer is trained.")),
            ],
        )


# ----- lesson 9: using a pretrained model ------------------------------------------------------------------------


@checker("few_shot")
def few_shot(names):
    """few_shot(examples, word): 'dog = perro ; red = rojo ; cat =' from (english, spanish) pairs and a word."""
    few_shot = function(names, "few_shot")
    cases = [([], "cat"), ([("dog", "perro")], "cat"), ([("dog", "perro"), ("red", "rojo"), ("sun", "sol")], "milk")]
    for examples, word in cases:
        expected = " ; ".join([tasks.pair(english, "spanish") for english, _ in examples] + [f"{word} ="])
        expect(
            few_shot,
            (examples, word),
            expected,
            say("the examples {examples} and the word {word}", examples=show(examples), word=repr(word)),
            [
                (
                    " ; ".join(f"{english} = {spanish}" for english, spanish in examples) + f" {word} =",
                    say("Put ' ; ' between the last example and the question too."),
                ),
                (f"{word} =", say("Write the examples first, then the question.")),
            ],
        )


@checker("readable")
def readable(names):
    """readable(documents, groups): the texts of the (text, group) documents whose group the reader belongs to."""
    readable = function(names, "readable")
    documents = [("ana lives in cairo .", "staff"), ("carla lives in oslo .", "hr"), ("rui lives in rome .", "staff")]
    for groups in [{"staff"}, {"hr"}, set(), {"staff", "hr"}]:
        expected = [text for text, group in documents if group in groups]
        expect(
            readable,
            (list(documents), set(groups)),
            expected,
            say("the reader's groups {groups}", groups=show(sorted(groups))),
            [
                (
                    [text for text, _ in documents],
                    say("Keep only the documents whose group is one of the reader's groups."),
                ),
                (
                    [(text, group) for text, group in documents if group in groups],
                    say("Return the texts only: the retriever indexes strings."),
                ),
            ],
        )


# ----- lesson 10: what a senior engineer asks first ---------------------------------------------------------------


@checker("largest_model")
def largest_model(names):
    """largest_model(seconds_per_token, bandwidth_bytes_per_s, precision): the most knobs that can be read once per
    token within the budget."""
    largest_model = function(names, "largest_model")
    for seconds, bandwidth, precision in [(0.05, 100e9, "fp16"), (0.02, 3e12, "int4"), (0.1, 100e9, "fp32")]:
        per_knob = cost.BYTES_PER_PARAMETER[precision]
        expected = seconds * bandwidth / per_knob
        assert math.isclose(cost.memory_bound_tokens_per_second(expected, precision, bandwidth), 1 / seconds)
        expect(
            largest_model,
            (seconds, bandwidth, precision),
            expected,
            say(
                "{seconds} s per token, {bandwidth} bytes/s, {precision}",
                seconds=seconds,
                bandwidth=show(bandwidth),
                precision=precision,
            ),
            [
                (seconds * bandwidth, say("That is bytes: divide by the bytes each knob takes at this precision.")),
                (seconds * bandwidth * per_knob, say("Divide by the bytes per knob, do not multiply.")),
            ],
        )


@checker("drift")
def drift(names):
    """shift(training, production): how far the production mean moved, in training standard deviations."""
    shift = function(names, "shift")
    for training, production in [([1.0, 3.0], [4.0, 6.0]), ([10.0, 12.0, 14.0, 20.0], [9.0, 11.0])]:
        mean, spread = statistics.fmean(training), statistics.pstdev(training)
        expected = abs(statistics.fmean(production) - mean) / spread
        expect(
            shift,
            (training, production),
            expected,
            say(
                "training {training} and production {production}", training=show(training), production=show(production)
            ),
            [
                (abs(statistics.fmean(production) - mean), say("Divide by the training standard deviation.")),
                (
                    abs(statistics.fmean(production) - mean) / statistics.stdev(training),
                    say("Use the population standard deviation (statistics.pstdev), as the lesson does."),
                ),
            ],
        )
