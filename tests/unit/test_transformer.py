"""The transformer: forward pass against numpy, gradients against finite differences,
the causal mask, the KV cache, saving, and bad input."""

import copy
import json
import random

import numpy as np
import pytest

from knobs import transformer
from knobs.models import Model
from knobs.nested import dot
from knobs.transformer import EPSILON, Transformer, average_heads, pack, unpack
from knobs.words import WordTokenizer

VOCABULARY = ["\n"] + [f"w{i}" for i in range(9)]


def small(seed=1, layers=2, heads=2):
    """A tiny model whose layer-norm gains and biases are not the defaults, so they matter."""
    model = Transformer(VOCABULARY, context=6, width=8, heads=heads, layers=layers, hidden=12, seed=seed)
    rng = random.Random(seed)
    parameters = model.parameters()
    for name, value in parameters.items():
        if name.endswith(("gain", "bias")):
            parameters[name] = [v + rng.gauss(0, 0.3) for v in value]
    return model.set_parameters(parameters)


X = [[0, 3, 4, 5, 1], [0, 2, 2]]
Y = [[3, 4, 5, 1, 7], [2, 2, 9]]


def numpy_logits(model, ids):
    """An independent numpy forward pass, head by head, written from the module docstring."""
    p = {name: np.array(value) for name, value in model.parameters().items()}
    length, size = len(ids), model.width // model.heads

    def norm(x, name):
        centred = x - x.mean(1, keepdims=True)
        return centred / np.sqrt(centred.var(1, keepdims=True) + EPSILON) * p[f"{name}.gain"] + p[f"{name}.bias"]

    x = p["token_embedding"][ids] + p["position_embedding"][:length]
    future = np.triu(np.ones((length, length), bool), k=1)
    for block in range(1, model.layers + 1):
        b = f"block{block}"
        a = norm(x, f"{b}.norm1")
        heads = []
        for h in range(model.heads):
            part = slice(h * size, (h + 1) * size)
            q, k, v = (a @ p[f"{b}.{name}"][part].T for name in ("query", "key", "value"))
            scores = np.where(future, -np.inf, q @ k.T / np.sqrt(size))
            weights = np.exp(scores - scores.max(1, keepdims=True))
            heads.append(weights / weights.sum(1, keepdims=True) @ v)
        x = x + np.hstack(heads) @ p[f"{b}.projection"].T
        hidden = np.maximum(norm(x, f"{b}.norm2") @ p[f"{b}.mlp1.weights"].T + p[f"{b}.mlp1.bias"], 0)
        x = x + hidden @ p[f"{b}.mlp2.weights"].T + p[f"{b}.mlp2.bias"]
    return norm(x, "norm") @ p["token_embedding"].T


def test_forward_matches_numpy():
    model = small()
    for ids in X + [[0, 1, 2, 3, 4, 5]]:
        np.testing.assert_allclose(model.logits(ids), numpy_logits(model, ids), rtol=1e-10, atol=1e-12)


def test_loss_is_mean_cross_entropy_over_all_positions():
    model = small()
    logits = [numpy_logits(model, ids) for ids in X]
    chances = [
        np.exp(z - z.max(1, keepdims=True)) / np.exp(z - z.max(1, keepdims=True)).sum(1, keepdims=True) for z in logits
    ]
    expected = -np.mean([np.log(c[t, target]) for c, ys in zip(chances, Y) for t, target in enumerate(ys)])
    assert model.loss(X, Y) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("layers,heads", [(2, 2), (1, 4)])
def test_every_gradient_matches_central_finite_differences(layers, heads):
    model = small(layers=layers, heads=heads)
    gradients = model.gradients(X, Y)
    original = model.parameters()
    assert set(gradients) == set(original)
    h = 1e-6
    for name, value in original.items():
        flat = np.asarray(value, float).ravel()
        assert np.shape(gradients[name]) == np.shape(value), name
        for index in range(flat.size):  # every knob
            estimate = 0.0
            for sign in (1, -1):
                nudged = flat.copy()
                nudged[index] += sign * h
                parameters = copy.copy(original)
                parameters[name] = nudged.reshape(np.shape(value)).tolist()
                model.set_parameters(parameters)
                estimate += sign * model.loss(X, Y)
            estimate /= 2 * h
            actual = np.asarray(gradients[name], float).ravel()[index]
            assert actual == pytest.approx(estimate, rel=1e-5, abs=1e-8), (name, index)
        model.set_parameters(original)


def test_a_token_never_sees_the_future():
    model = small()
    ids = [0, 3, 4, 5, 1, 2]
    before = model.logits(ids)
    for t in range(1, len(ids)):
        changed = ids[:t] + [(ids[t] + 1) % len(VOCABULARY)] + ids[t + 1 :]
        after = model.logits(changed)
        assert after[:t] == before[:t]  # exactly equal: positions before t cannot depend on it
        assert after[t] != before[t]
    weights = model.attention_weights("w3 w4 w5")["weights"]
    for block in weights:
        for head in block:
            for t, row in enumerate(head):
                assert all(w == 0.0 for w in row[t + 1 :])
                assert sum(row) == pytest.approx(1.0)


def test_attention_weights_are_each_heads_softmax():
    model = small()
    result = model.attention_weights("w3 w4 w5 w1")
    assert result["tokens"] == ["\n", "w3", "w4", "w5", "w1"]
    assert np.shape(result["weights"]) == (2, 2, 5, 5)  # (layers, heads, T, T)
    # first block, head 0, recomputed with numpy
    p = {name: np.array(value) for name, value in model.parameters().items()}
    ids = [0, 4, 5, 6, 2]
    x = p["token_embedding"][ids] + p["position_embedding"][:5]
    centred = x - x.mean(1, keepdims=True)
    a = centred / np.sqrt(centred.var(1, keepdims=True) + EPSILON) * p["block1.norm1.gain"] + p["block1.norm1.bias"]
    q, k = a @ p["block1.query"][:4].T, a @ p["block1.key"][:4].T
    scores = np.where(np.triu(np.ones((5, 5), bool), 1), -np.inf, q @ k.T / 2)
    expected = np.exp(scores - scores.max(1, keepdims=True))
    np.testing.assert_allclose(result["weights"][0][0], expected / expected.sum(1, keepdims=True), atol=1e-12)


def test_the_heads_averaged_are_numpys_mean_over_the_heads_and_each_row_still_sums_to_one():
    model = small(heads=4)
    for block in model.attention_weights("w3 w4 w5 w1 w2")["weights"]:
        averaged = average_heads(block)
        np.testing.assert_allclose(averaged, np.mean(block, axis=0), rtol=0, atol=1e-15)
        np.testing.assert_allclose(np.sum(averaged, axis=1), 1.0, atol=1e-12)
    assert average_heads([[[1.0, 0.0], [0.2, 0.8]]]) == [[1.0, 0.0], [0.2, 0.8]]  # one head: itself


def test_the_dot_product_the_blocks_use_is_numpys():
    rng = np.random.default_rng(0)
    for size in (1, 3, 64):
        a, b = rng.normal(size=size), rng.normal(size=size)
        assert dot(list(a), list(b)) == pytest.approx(float(np.dot(a, b)), rel=1e-12)
    assert transformer.dot is dot  # one dot product in knobs


def test_generation_with_kv_cache_equals_full_recompute():
    model = small(seed=4)
    for seed in range(3):
        written = model.generate("w1 w2", length=12, temperature=1.3, top_k=5, seed=seed, stop=None)
        # the same draws, recomputing the whole sequence for every word
        from knobs.language import pick, sampling_probabilities

        rng, ids, expected, start = random.Random(seed), [0, 2, 3], [], 0
        for _ in range(12):
            if len(ids) - start > model.context:  # a full window forgets its older half
                start = len(ids) - (model.context // 2 + 1)
            logits = model.logits(ids[start:])[-1]
            token = pick(sampling_probabilities(logits, 1.3, 5), rng)
            ids.append(token)
            expected.append(token)
        assert written == model.decode(expected)


def test_greedy_generation_takes_the_most_likely_word_and_seeds_repeat():
    model = small(seed=5)
    ids = model.encode("\nw1 w2")
    first = model.generate("w1 w2", length=1, greedy=True)
    assert first.strip() == VOCABULARY[int(np.argmax(model.logits(ids)[-1]))]
    assert model.generate("w3", length=8, seed=7, stop=None) == model.generate("w3", length=8, seed=7, stop=None)
    text = model.generate("w3", length=30, seed=1, stop=None)
    assert len(model.encode(text)) == 30
    assert model.generate("w3", length=5, temperature=0) == model.generate("w3", length=5, greedy=True)


def test_save_and_load_give_exactly_the_same_model(tmp_path):
    model = small(seed=3)
    path = model.save(tmp_path / "transformer.json")
    loaded = Model.load(path)
    assert isinstance(loaded, Transformer)
    assert loaded.parameters() == model.parameters()
    assert loaded.structure() == model.structure()
    assert loaded.logits([0, 1, 2]) == model.logits([0, 1, 2])


def test_compact_weights_round_trip_float16_exactly():
    model = small(seed=3)
    compact = json.loads(json.dumps(model.to_compact()))
    loaded = Transformer.from_compact(compact)
    for name, value in model.parameters().items():
        np.testing.assert_array_equal(
            np.array(loaded.parameters()[name]), np.array(value, dtype=np.float16).astype(float)
        )
    again = Transformer.from_compact(loaded.to_compact())  # float16 values survive a second trip unchanged
    assert again.parameters() == loaded.parameters()
    assert unpack(pack([[1.5, -2.0], [0.25, 3.0]])) == [[1.5, -2.0], [0.25, 3.0]]


def test_parameter_count_matches_the_architecture():
    v, c, h, t, layers = len(VOCABULARY), 8, 12, 6, 2
    per_block = 4 * c + 4 * c * c + (h * c + h) + (c * h + c)
    assert small().count_parameters() == v * c + t * c + layers * per_block + 2 * c


def test_word_tokenizer_round_trips_and_names_unknown_words():
    tokenizer = WordTokenizer.from_text("cat = gato .\ndog = perro .\n")
    assert tokenizer.vocabulary[0] == "\n"
    ids = tokenizer.encode("\ncat = perro\ndog")
    assert tokenizer.decode(ids) == "\ncat = perro\ndog"
    with pytest.raises(ValueError, match="prompt.*'horse'"):
        tokenizer.encode("horse = caballo", name="prompt")


@pytest.mark.parametrize(
    "call,match,error",
    [
        (lambda m: m.generate("w1 zebra"), "prompt", ValueError),
        (lambda m: m.generate(5), "prompt", TypeError),
        (lambda m: m.generate("w1", length=-1), "length", ValueError),
        (lambda m: m.generate("w1", temperature=-1), "temperature", ValueError),
        (lambda m: m.generate("w1", top_k=0), "top_k", ValueError),
        (lambda m: m.generate("w1", stop="zebra"), "stop", ValueError),
        (lambda m: m.loss([[0, 1]], [[1]]), "y", ValueError),
        (lambda m: m.loss([[0, 1, 2, 3, 4, 5, 6]], [[1, 2, 3, 4, 5, 6, 7]]), "x", ValueError),
        (lambda m: m.gradients([[0, 99]], [[1, 2]]), "x", ValueError),
        (lambda m: m.predict("w1 w2"), "x", ValueError),
        (lambda m: m.attention_weights("w1 " * 10), "text", ValueError),
        (lambda m: m.set_parameters({"token_embedding": [[0.0]]}), "parameters", ValueError),
        (lambda m: Transformer(VOCABULARY, width=10, heads=4), "heads", ValueError),
        (lambda m: Transformer(["a", "b"]), "vocabulary", ValueError),
        (lambda m: Transformer(VOCABULARY, context=0), "context", ValueError),
    ],
)
def test_bad_input_names_the_argument_and_changes_nothing(call, match, error):
    model = small()
    before = model.parameters()
    with pytest.raises(error, match=match):
        call(model)
    assert model.parameters() == before


def test_fine_tune_lowers_the_loss_and_keeps_frozen_knobs():
    from knobs.finetune import fine_tune

    model = small(seed=6, layers=1)
    x, y = [[0, 1, 2, 3], [0, 4, 5, 6]], [[1, 2, 3, 4], [4, 5, 6, 7]]
    before, embedding = model.loss(x, y), model.parameters()["token_embedding"]
    fine_tune(model, (x, y), steps=20, learning_rate=0.03, frozen=("token_embedding",))
    assert model.loss(x, y) < before - 0.5
    assert model.parameters()["token_embedding"] == embedding


def test_predict_and_next_word_chances_are_softmax_of_the_logits():
    model = small(seed=8)
    expected = numpy_logits(model, [0, 2, 3])
    expected = np.exp(expected - expected.max(1, keepdims=True))
    expected /= expected.sum(1, keepdims=True)
    np.testing.assert_allclose(model.predict([[0, 2, 3]])[0], expected, atol=1e-12)
    chances = model.next_token_probabilities("w1 w2")
    assert list(chances) == VOCABULARY
    np.testing.assert_allclose(list(chances.values()), expected[-1], atol=1e-12)
    top = model.next_token_probabilities("w1 w2", top_k=2)
    assert sum(1 for p in top.values() if p > 0) == 2 and sum(top.values()) == pytest.approx(1.0)


def test_a_bad_token_id_is_named_by_its_place():
    model = Transformer(VOCABULARY, context=8, width=4, heads=1, layers=1, hidden=4, seed=0)
    with pytest.raises(ValueError, match=r"^ids\[2\]: expected token ids from 0 to 9, got 300$"):
        model.logits([0, 5, 300])
    with pytest.raises(TypeError, match=r"^ids\[1\]: expected a whole number, got str$"):
        model.logits([0, "5"])
    with pytest.raises(ValueError, match=r"^x\[1\]\[2\]: expected token ids from 0 to 9, got -1$"):
        model.predict([[0, 1], [0, 1, -1]])
    with pytest.raises(ValueError, match=r"^ids: has 9 tokens; the model reads at most 8$"):
        model.logits([0] * 9)
