"""Language models: checked against numpy and finite differences."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knobs.language import Bigram, MLPLanguageModel, pick, sampling_probabilities
from knobs.tokens import BOUNDARY, Tokenizer, corpus, examples

CORPUS = corpus()
VOCABULARY = sorted(set(CORPUS) | {BOUNDARY})
corpus_text = st.text(alphabet=VOCABULARY, max_size=40)


@pytest.fixture(scope="module")
def bigram():
    return Bigram().fit()


@pytest.fixture(scope="module")
def mlp():
    return MLPLanguageModel(seed=1).train(steps=60, seed=2)


def tiny_mlp(seed=0):
    return MLPLanguageModel(context=2, embedding=3, hidden=4, seed=seed, tokenizer=Tokenizer("abc"))


def numpy_log_softmax(logits):
    logits = np.asarray(logits, dtype=float)
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


# --- tokens ------------------------------------------------------------------


def test_corpus_ships_with_the_package_and_is_plain_lower_case_text():
    assert 5_000 <= len(CORPUS.encode("utf-8")) <= 20_000
    assert Tokenizer(CORPUS).vocabulary == VOCABULARY
    assert CORPUS == CORPUS.lower()


@given(corpus_text)
def test_decode_undoes_encode(text):
    tokenizer = Tokenizer(CORPUS)
    assert tokenizer.decode(tokenizer.encode(text)) == text


def test_encode_rejects_characters_outside_the_vocabulary_by_name():
    with pytest.raises(ValueError, match="prompt"):
        Tokenizer("abc").encode("abz", name="prompt")
    with pytest.raises(TypeError, match="text"):
        Tokenizer(["a"])


def test_examples_pair_each_window_with_the_next_token():
    x, y = examples([5, 6, 7], context=2, boundary=0)
    assert x == [(0, 0), (0, 5), (5, 6)]
    assert y == [5, 6, 7]


# --- bigram --------------------------------------------------------------------


def test_bigram_counts_match_a_numpy_histogram_of_pairs(bigram):
    ids = np.array(bigram.tokenizer.encode(CORPUS))
    previous = np.concatenate([[bigram.boundary], ids[:-1]])
    size = bigram.tokenizer.size
    expected = np.zeros((size, size), dtype=int)
    np.add.at(expected, (previous, ids), 1)
    assert np.array_equal(np.array(bigram.counts_), expected)
    assert np.array_equal(np.bincount(previous * size + ids, minlength=size * size).reshape(size, size), expected)


def test_bigram_chances_are_add_k_smoothed_counts():
    model = Bigram(smoothing=0.5).fit()
    counts = np.array(model.counts_, dtype=float)
    expected = (counts + 0.5) / (counts.sum(axis=1, keepdims=True) + 0.5 * counts.shape[1])
    assert np.allclose(np.exp(numpy_log_softmax(model.logits)), expected, rtol=1e-12)


@settings(max_examples=30, deadline=None)
@given(corpus_text)
def test_next_token_chances_sum_to_one(text):
    for model in (Bigram().fit(), MLPLanguageModel()):
        chances = model.next_token_probabilities(text)
        assert list(chances) == VOCABULARY
        assert math.isclose(sum(chances.values()), 1.0, rel_tol=1e-12)
        assert min(chances.values()) > 0


def test_loss_matches_numpy_negative_log_likelihood(bigram):
    x, y = bigram.examples()
    previous = np.array([w[0] for w in x])
    log_chances = numpy_log_softmax(bigram.logits)
    expected = -log_chances[previous, np.array(y)].mean()
    assert math.isclose(bigram.loss(x, y), expected, rel_tol=1e-12)


def test_bigram_gradients_match_finite_differences():
    model = Bigram(tokenizer=Tokenizer("abc"))
    model.logits = [[0.3, -0.2, 0.1, 0.5], [0.0, 1.0, -1.0, 0.2], [0.4, 0.4, -0.3, 0.0], [0.1, 0.2, 0.3, 0.4]]
    x, y = model.examples("abcab\ncba")
    check_finite_differences(model, x, y)


def test_bigram_gradient_descent_approaches_counted_chances():
    text = "abacab\nbca\n" * 3
    counted = Bigram(smoothing=1e-9, tokenizer=Tokenizer("abc")).fit(text)
    trained = Bigram(tokenizer=Tokenizer("abc"))
    x, y = trained.examples(text)
    for _ in range(3000):
        trained.step(x, y, learning_rate=5.0)
    assert math.isclose(trained.loss(x, y), counted.loss(x, y), rel_tol=1e-3)


# --- MLP language model -----------------------------------------------------


def test_mlp_chances_match_a_numpy_forward_pass(mlp):
    x, y = mlp.examples("the model turns the knobs.")
    p = {name: np.array(value) for name, value in mlp.parameters().items()}
    inputs = p["embeddings"][np.array(x)].reshape(len(x), -1)  # (N, context·E)
    hidden = np.tanh(inputs @ p["hidden_weights"].T + p["hidden_bias"])
    logits = hidden @ p["output_weights"].T + p["output_bias"]
    assert np.allclose(mlp.predict(x), np.exp(numpy_log_softmax(logits)), rtol=1e-10)
    expected = -numpy_log_softmax(logits)[np.arange(len(y)), y].mean()
    assert math.isclose(mlp.loss(x, y), expected, rel_tol=1e-10)


def check_finite_differences(model, x, y, h=1e-6):
    analytic = model.gradients(x, y)
    start = model.parameters()
    for name, value in start.items():
        flat = np.array(value, dtype=float)
        numeric = np.zeros_like(flat)
        for index in np.ndindex(flat.shape):
            for sign in (1, -1):
                nudged = flat.copy()
                nudged[index] += sign * h
                model.set_parameters({**start, name: nudged.tolist()})
                numeric[index] += sign * model.loss(x, y) / (2 * h)
        model.set_parameters(start)
        assert np.allclose(analytic[name], numeric, atol=1e-7), name


def test_mlp_hand_gradients_match_central_finite_differences():
    model = tiny_mlp(seed=3)
    x, y = model.examples("abcab\ncbaab")
    check_finite_differences(model, x, y)


def test_mlp_gradients_have_the_shape_of_its_parameters(mlp):
    x, y = mlp.examples("a model")
    grads, params = mlp.gradients(x, y), mlp.parameters()
    assert {k: np.shape(v) for k, v in grads.items()} == {k: np.shape(v) for k, v in params.items()}


def test_training_lowers_the_loss():
    model = MLPLanguageModel(seed=0)
    x, y = model.examples()
    before = model.loss(x, y)
    assert math.isclose(before, math.log(model.tokenizer.size), rel_tol=0.05)  # first guesses near uniform
    model.train(steps=150, seed=0)
    assert model.loss(x, y) < before - 0.8
    assert len(model.loss_history_) == 150


def test_parameter_count_matches_the_layer_sizes():
    model = MLPLanguageModel(context=3, embedding=8, hidden=32)
    v = model.tokenizer.size
    assert model.count_parameters() == v * 8 + (3 * 8) * 32 + 32 + 32 * v + v
    assert Bigram().count_parameters() == v * v


# --- seeing only the window --------------------------------------------------


def test_the_model_sees_only_its_window(mlp, bigram):
    assert mlp.window("the cat sat") == "sat"
    assert mlp.window("a") == "\n\na"
    assert bigram.window("the cat") == "t"
    assert mlp.next_token_probabilities("the weather is warm. the cat") == mlp.next_token_probabilities("cat")
    assert bigram.next_token_probabilities("zzzzzzz t") == bigram.next_token_probabilities("t")


# --- writing text -------------------------------------------------------------


def test_sampling_with_a_fixed_seed_is_reproducible(mlp):
    first = mlp.generate("the ", length=60, seed=7)
    assert first == mlp.generate("the ", length=60, seed=7)
    assert first != mlp.generate("the ", length=60, seed=8)
    assert first.startswith("the ") and len(first) == 64


def test_temperature_near_zero_writes_the_greedy_text(mlp, bigram):
    for model in (mlp, bigram):
        greedy = model.generate("the", length=40, greedy=True)
        assert greedy == model.generate("the", length=40, temperature=0)
        assert greedy == model.generate("the", length=40, temperature=1e-4, seed=3)


def test_top_k_of_one_is_greedy(mlp, bigram):
    for model in (mlp, bigram):
        assert model.generate("a ", length=40, top_k=1, seed=5) == model.generate("a ", length=40, greedy=True)


def test_sampling_probabilities_follow_temperature_and_top_k():
    logits = [2.0, 1.0, 0.0, 1.0]
    assert np.allclose(sampling_probabilities(logits), np.exp(numpy_log_softmax(logits)))
    assert np.allclose(sampling_probabilities(logits, temperature=2.0), np.exp(numpy_log_softmax(np.array(logits) / 2)))
    top2 = sampling_probabilities(logits, top_k=2)
    assert top2[2] == 0.0 and top2[3] == 0.0  # the tie keeps the lower id
    assert sampling_probabilities(logits, temperature=0) == [1.0, 0.0, 0.0, 0.0]
    assert sampling_probabilities(logits, temperature=1e-300) == [1.0, 0.0, 0.0, 0.0]  # no overflow


@given(
    st.lists(st.floats(-20, 20), min_size=1, max_size=12), st.floats(0.05, 5), st.integers(1, 12), st.integers(0, 2**32)
)
def test_picked_token_always_has_a_chance(logits, temperature, top_k, seed):
    import random

    chances = sampling_probabilities(logits, temperature, top_k)
    assert math.isclose(sum(chances), 1.0, rel_tol=1e-9)
    assert sum(c > 0 for c in chances) <= top_k
    assert chances[pick(chances, random.Random(seed))] > 0


def test_empty_prompt_starts_a_new_line(mlp):
    text = mlp.generate("", length=20, seed=1)
    assert len(text) == 20
    assert mlp.next_token_probabilities("") == mlp.next_token_probabilities("\n")


def test_generating_never_changes_the_knobs(mlp, bigram):
    for model in (mlp, bigram):
        before = model.parameters()
        model.generate("the ", length=50, temperature=1.3, top_k=5, seed=11)
        model.next_token_probabilities("the")
        assert model.parameters() == before


# --- saving ---------------------------------------------------------------------


def test_save_then_load_round_trips_exactly(tmp_path, mlp, bigram):
    for model in (mlp, bigram):
        path = tmp_path / f"{type(model).__name__}.json"
        model.save(path)
        loaded = type(model).load(path)
        assert loaded.parameters() == model.parameters()
        assert loaded.to_dict() == model.to_dict()
        assert loaded.generate("the ", 30, seed=4) == model.generate("the ", 30, seed=4)


def test_from_dict_refuses_another_models_data(bigram):
    with pytest.raises(ValueError, match="data"):
        MLPLanguageModel.from_dict(bigram.to_dict())


# --- invalid inputs -------------------------------------------------------------


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda m: m.generate("the Q"), ValueError, "prompt"),
        (lambda m: m.generate("the", temperature=-0.1), ValueError, "temperature"),
        (lambda m: m.generate("the", temperature="hot"), TypeError, "temperature"),
        (lambda m: m.generate("the", top_k=0), ValueError, "top_k"),
        (lambda m: m.generate("the", top_k=2.5), TypeError, "top_k"),
        (lambda m: m.generate("the", length=-1), ValueError, "length"),
        (lambda m: m.generate(42), TypeError, "prompt"),
        (lambda m: m.next_token_probabilities("ABC"), ValueError, "text"),
        (lambda m: m.loss([(1, 2, 3)], [1, 2]), ValueError, "y"),
        (lambda m: m.loss([(1, 2)], [1]), ValueError, "x"),
        (lambda m: m.predict([(1, 2, 999)]), ValueError, "x"),
        (lambda m: m.set_parameters({"embeddings": []}), ValueError, "parameters"),
        (lambda m: m.train(steps=-1), ValueError, "steps"),
        (lambda m: m.train(learning_rate=0), ValueError, "learning_rate"),
    ],
)
def test_invalid_arguments_raise_errors_that_name_them(mlp, call, error, name):
    with pytest.raises(error, match=name):
        call(mlp)


@pytest.mark.parametrize(
    "make, error, name",
    [
        (lambda: MLPLanguageModel(context=0), ValueError, "context"),
        (lambda: MLPLanguageModel(hidden=2.5), TypeError, "hidden"),
        (lambda: MLPLanguageModel(seed="x"), TypeError, "seed"),
        (lambda: Bigram(smoothing=0), ValueError, "smoothing"),
        (lambda: Bigram(tokenizer="abc"), TypeError, "tokenizer"),
    ],
)
def test_invalid_settings_raise_errors_that_name_them(make, error, name):
    with pytest.raises(error, match=name):
        make()
