"""Lab "language": next-character bars against counted chances, and writing that never changes the knobs."""

import math

import lab_page
import numpy as np

from knobs.tokens import Tokenizer, corpus
from knobs_lab import language_lab as lab

page = lab_page.page(lab)  # the bridge as its page calls it


def test_untrained_bigram_guesses_every_character_equally():
    answer = page("configure", lab="flat", settings={})
    bars = page("predict", lab="flat", settings={"prompt": "th"})["bars"]
    size = len(answer["vocabulary"])
    assert all(math.isclose(chance, 1 / size) for _, chance in bars)


def test_trained_bigram_bars_are_the_smoothed_pair_counts():
    page("configure", lab="counts", settings={})
    answer = page("train", lab="counts")
    text = corpus()
    tokenizer = Tokenizer(text)
    ids = [tokenizer.ids[c] for c in text]
    size = tokenizer.size
    counts = np.zeros((size, size))
    for previous, following in zip([tokenizer.ids["\n"]] + ids[:-1], ids):
        counts[previous, following] += 1
    row = counts[tokenizer.ids["e"]]
    expected = (row + 1) / (row.sum() + size)
    bars = page("predict", lab="counts", settings={"prompt": "the"})["bars"]
    assert bars[0][1] == max(chance for _, chance in bars)
    for character, chance in bars:
        assert math.isclose(chance, expected[tokenizer.ids[character]], rel_tol=1e-9)
    chances = (counts + 1) / (counts.sum(axis=1, keepdims=True) + size)
    nll = -np.mean(np.log(chances[[tokenizer.ids["\n"]] + ids[:-1], ids]))
    assert math.isclose(answer["train_loss"], nll, rel_tol=1e-9)


def test_temperature_zero_and_top_k_shape_the_bars():
    page("configure", lab="shape", settings={})
    page("train", lab="shape")
    greedy = page("predict", lab="shape", settings={"prompt": "the", "temperature": 0})["bars"]
    assert greedy[0][1] == 1.0 and all(chance == 0 for _, chance in greedy[1:])
    top = page("predict", lab="shape", settings={"prompt": "the", "top_k": 3})["bars"]
    assert math.isclose(sum(chance for _, chance in top[:3]), 1.0) and top[3][1] == 0


def test_generating_leaves_every_knob_unchanged_and_is_repeatable():
    page("configure", lab="write", settings={})
    page("train", lab="write")
    first = page("generate", lab="write", settings={"prompt": "the model", "length": 50, "seed": 3})
    assert first["checksum_before"] == first["checksum_after"]
    assert first["text"].startswith("the model") and len(first["text"]) == len("the model") + 50
    assert (
        page("generate", lab="write", settings={"prompt": "the model", "length": 50, "seed": 3})["text"]
        == first["text"]
    )


def test_training_changes_the_checksum_and_the_mlp_learns():
    answer = page("configure", lab="mlp", settings={"model": "mlp"})
    before = answer["checksum"]
    first = page("train", lab="mlp", steps=5)
    assert first["checksum"] != before and first["trained_steps"] == 5
    later = page("train", lab="mlp", steps=40)
    assert later["train_loss"] < first["train_loss"]
    assert later["parameters"] == answer["parameters"]


def test_prompt_characters_outside_the_corpus_are_left_out_with_a_notice():
    page("configure", lab="odd", settings={})
    answer = page("predict", lab="odd", settings={"prompt": "The Model!"})
    assert answer["prompt"] == "the model"
    assert answer["notices"] and "'!'" in answer["notices"][0]


def test_the_summary_of_writing_says_the_knobs_did_not_change():
    page("configure", lab="told", settings={})
    answer = page("generate", lab="told", settings={"length": 30})
    assert answer["summary"].startswith("Wrote 30 characters.") and "does not change them" in answer["summary"]
    assert f"{answer['parameters']:,} knobs" in answer["summary"]
