"""Lab "prompts": each strategy's score is what knobs.prompting gives; the attention shown is the model's own."""

import lab_page
import numpy as np
import pytest

from knobs import prompting, tasks
from knobs_lab import prompts_lab as lab

page = lab_page.page(lab)  # the bridge as its page calls it


@pytest.fixture(scope="module")
def model():
    return prompting.pretrained()


@pytest.mark.parametrize("strategy", ["bare", "instruction", "3-shot"])
def test_a_strategys_score_is_prompting_accuracy_on_the_held_out_words(model, strategy):
    answer = page("score", settings={"task": "spanish"}, strategy=strategy)
    assert answer["accuracy"] == pytest.approx(prompting.accuracy(model, strategy))
    assert answer["total"] == len(tasks.HELD_OUT_WORDS)
    assert [item["word"] for item in answer["items"]] == tasks.HELD_OUT_WORDS
    for item in answer["items"]:
        assert item["right"] == (item["answer"] == tasks.translation(item["word"], "spanish"))


def test_by_default_every_task_is_scored_as_prompting_pools_them(model):
    answer = page("score", settings={}, strategy="instruction")
    assert answer["settings"]["task"] == prompting.EVERY_TASK
    assert answer["accuracy"] == pytest.approx(prompting.accuracy(model, "instruction", task=prompting.EVERY_TASK))
    assert answer["total"] == len(prompting.TASKS) * len(tasks.HELD_OUT_WORDS)
    assert [(item["task"], item["word"]) for item in answer["items"]] == [
        (task, word) for task in prompting.TASKS for word in tasks.HELD_OUT_WORDS
    ]
    for item in answer["items"]:
        assert item["right"] == (item["answer"] == tasks.translation(item["word"], item["task"]))


def test_the_retrieved_strategy_puts_the_words_own_dictionary_entry_before_the_question(model):
    answer = page("score", settings={"task": "spanish"}, strategy="retrieved")
    expected = [model.answer(f"{w} = {tasks.translation(w, 'spanish')} ; {w} =") for w in tasks.HELD_OUT_WORDS]
    assert [item["answer"] for item in answer["items"]] == expected
    assert answer["sample"]["prompt"].startswith(f"{tasks.HELD_OUT_WORDS[0]} = ")


def test_the_sample_is_the_greedy_continuation_of_the_chosen_word(model):
    answer = page("score", settings={"word": "horse"}, strategy="format")
    asked = prompting.prompt("format", "horse")
    assert answer["sample"]["prompt"] == asked
    assert answer["sample"]["completion"] == model.generate(asked, length=lab.SAMPLE_WORDS, greedy=True).strip()


def test_the_best_so_far_names_the_highest_share():
    answer = page("score", settings={}, strategy="bare", scored={"instruction": 1.0, "format": 0.25})
    # a tie goes to the strategy listed first
    assert answer["best"] == ("Bare question" if answer["accuracy"] == 1.0 else "Instruction") + ": 100% right"
    answer = page("score", settings={}, strategy="bare", scored={"format": -1.0})
    assert answer["best"].startswith("Bare question")


def test_the_heat_map_is_one_head_of_the_models_attention_weights(model):
    settings = {"strategy": "5-shot", "word": "fish", "layer": 1, "head": "3"}
    answer = page("attention", settings=settings)
    seen = model.attention_weights(prompting.prompt("5-shot", "fish"))
    assert answer["weights"] == seen["weights"][0][2]
    assert len(answer["tokens"]) == len(seen["tokens"]) == len(answer["weights"])
    assert answer["answer"] == model.answer(prompting.prompt("5-shot", "fish"))


def test_the_average_head_is_the_mean_of_the_heads_rows_sum_to_one_and_the_future_is_empty(model):
    answer = page("attention", settings={"strategy": "instruction", "word": "milk", "layer": 2, "head": "average"})
    heads = np.array(model.attention_weights(prompting.prompt("instruction", "milk"))["weights"][1])
    weights = np.array(answer["weights"])
    np.testing.assert_allclose(weights, heads.mean(axis=0), atol=1e-12)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0, atol=1e-9)
    assert np.all(np.triu(weights, k=1) == 0)
    focus = int(np.argmax(weights[-1]))
    assert f"position {focus + 1}" in answer["focus"]


def test_out_of_range_settings_are_clamped_and_unknown_strategies_refused():
    answer = page("attention", settings={"layer": 99})
    assert answer["settings"]["layer"] == lab.LAYERS and answer["notices"]
    with pytest.raises(ValueError, match="strategy"):
        page("score", settings={}, strategy="shout")
    with pytest.raises(ValueError, match="settings"):
        page("attention", settings={"colour": "red"})
