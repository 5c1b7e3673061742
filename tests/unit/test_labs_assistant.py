"""Lab "assistant": the counts are the model's, frozen knobs stay put, the base model is never changed, and the
default demo turns the base model into one that answers."""

import lab_page
import pytest

from knobs import prompting, tasks
from knobs_lab import assistant_lab as lab

page = lab_page.page(lab)  # the bridge as its page calls it


@pytest.fixture(scope="module")
def base():
    """The base model as shipped: read afresh, not the copy every lab shares (that one must stay the same)."""
    return prompting.pretrained.__wrapped__()


def sizes(model, names):
    def size(value):
        return sum(size(v) for v in value) if isinstance(value, list) else 1

    return sum(size(value) for name, value in model.parameters().items() if name.split(".")[0] in names)


@pytest.mark.parametrize("train", list(lab.TRAIN))
def test_trainable_and_frozen_counts(base, train):
    answer = page("configure", lab="count", settings={"train": train})
    assert answer["trainable"] + answer["frozen"] == base.count_parameters()
    expected = {
        "all": base.count_parameters(),
        "embeddings": (base.tokenizer.size + base.context) * base.width,
        "last_block": sizes(base, (f"block{base.layers}", "norm")),
    }[train]
    assert answer["trainable"] == expected


def test_the_base_model_answers_are_asked_of_the_pretrained_model(base):
    answer = page("configure", lab="before", settings={"pairs": 3})
    assert len(answer["pairs"]) == 3
    for text in answer["pairs"]:
        word = text.split(" ")[lab.INSTRUCTION.split(" ").index("{word}")]
        assert word in tasks.TRAINING_WORDS and word not in lab.QUESTIONS
        assert text == f"{lab.question(word)} {tasks.translation(word, 'spanish')} ."
    for row, word in zip(answer["before"], lab.QUESTIONS):
        assert row["written"] == base.generate(lab.question(word), length=lab.ANSWER_WORDS, greedy=True).strip()
        assert row["right"] == (row["written"].split(" ")[0] == tasks.translation(word, "spanish"))


def test_frozen_knobs_keep_their_values_and_the_base_model_is_untouched(base):
    page("configure", lab="frozen", settings={"train": "embeddings", "steps": 2})
    answer = page("train", lab="frozen", steps=5)  # asks for more than the run holds: it stops at the chosen 2
    assert answer["steps_done"] == 2 and answer["done"]
    trained = lab_page.run_of(lab, "frozen")["trainer"].model.parameters()
    pretrained = base.parameters()
    for name, value in pretrained.items():
        changed = trained[name] != value
        assert changed == (name.split(".")[0] in ("token_embedding", "position_embedding")), name
    assert prompting.pretrained().parameters() == pretrained


def test_the_default_demo_teaches_the_form_of_an_answer():
    start = page("configure", lab="demo", settings={})
    done = None
    while not (done := page("train", lab="demo", steps=1))["done"]:
        pass
    assert done["right_after"] >= lab.GOAL > start["right_before"]
    history = lab_page.run_of(lab, "demo")["trainer"].history["train_loss"]
    assert history[-1] < history[0] / 2


def test_training_before_configuring_names_the_lab():
    with pytest.raises(ValueError, match="lab"):
        page("train", lab="never-configured")
    page("configure", lab="bad", settings={})
    with pytest.raises((TypeError, ValueError), match="steps"):
        page("train", lab="bad", steps="many")
