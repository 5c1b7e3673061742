"""The pretraining corpus, the prompt strategies and how they are scored."""

import pytest

from knobs import prompting, tasks
from knobs.words import WordTokenizer


def test_corpus_is_the_same_for_a_seed_and_uses_only_the_vocabulary():
    text = tasks.corpus(500, seed=3)
    assert text == tasks.corpus(500, seed=3) != tasks.corpus(500, seed=4)
    assert len(text.strip("\n").split("\n")) == 500
    WordTokenizer(tasks.vocabulary()).encode(tasks.corpus(3000))  # raises on any word outside it


@pytest.fixture(scope="module")
def lines():
    """The pretraining corpus, one document per line."""
    return tasks.corpus().strip("\n").split("\n")


def test_held_out_words_appear_only_in_word_lists(lines):
    held_out = set(tasks.HELD_OUT_WORDS)
    asked = [line for line in lines if line.startswith(("translate", "name the kind", "english :", "word :"))]

    def asked_words(line):  # the English words a worksheet or a labelled field asks about
        words = line.split()
        return {words[i - 1] for i, word in enumerate(words) if word == "="} or {words[2]}

    assert asked and not set().union(*map(asked_words, asked)) & held_out
    assert any(
        set(line.split()) & held_out for line in lines if " = " in line and not line.startswith(("translate", "name"))
    )
    for word in tasks.HELD_OUT_WORDS:  # the instruction and format prompts for them are new to the model
        for task in prompting.TASKS:
            for strategy in ("instruction", "format"):
                assert "\n" + prompting.prompt(strategy, word, task=task) not in "\n".join(lines)


def test_some_worksheets_are_left_unanswered_and_only_worksheets(lines):
    worksheets = [line for line in lines if line.startswith(tuple(tasks.INSTRUCTIONS.values()))]
    unanswered = [line for line in worksheets if "= ?" in line]
    assert 0.25 < len(unanswered) / len(worksheets) < 0.42  # one in three, as MIX says
    others = set(lines) - set(worksheets)
    assert others and all("= ?" not in line for line in others)  # lists and fields always answer


def test_translations_are_the_word_tables():
    assert tasks.translation("dog", "spanish") == "perro"
    assert tasks.translation("dog", "portuguese") == "cão"
    assert tasks.translation("dog", "kind") == "animal"
    assert len(tasks.HELD_OUT_WORDS) == 20 and not set(tasks.HELD_OUT_WORDS) & set(tasks.TRAINING_WORDS)


def test_prompts_of_each_strategy():
    assert prompting.prompt("bare", "dog") == "dog ="
    assert prompting.prompt("instruction", "dog") == "translate into spanish : dog ="
    assert prompting.prompt("format", "dog") == "english : dog spanish :"
    assert prompting.prompt("instruction", "dog", task="portuguese") == "translate into portuguese : dog ="
    assert prompting.prompt("format", "dog", task="kind") == "word : dog kind :"
    for task in prompting.TASKS:
        shots = prompting.prompt("3-shot", "dog", task=task)
        assert (
            shots.count(";") == 3
            and shots.endswith("; dog =")
            and shots == prompting.prompt("3-shot", "dog", task=task)
        )
        for item in shots.split(" ; ")[:-1]:
            english, answer = item.split(" = ")
            assert english in tasks.TRAINING_WORDS and tasks.translation(english, task) == answer


def test_retrieval_prompt_puts_the_found_fact_before_the_question():
    retriever = prompting.Retriever(prompting.knowledge_base())
    city = tasks.where_people_live()["rui"]
    assert prompting.retrieval_prompt("rui", retriever) == f"rui lives in {city} . " + prompting.question("rui")
    assert prompting.retrieval_prompt("rui") == prompting.question("rui")
    three = prompting.retrieval_prompt("rui", retriever, k=3)
    assert three.count(" . ") == 3 and three.endswith(f"rui lives in {city} . " + prompting.question("rui"))


class Parrot:
    """A stand-in model that answers from a fixed table, to check the scoring alone."""

    def __init__(self, answers):
        self.answers = answers

    def answer(self, prompt):
        return self.answers.get(prompt, "?")


def test_accuracy_counts_the_first_word_the_model_writes():
    words = ["dog", "cat", "red", "sun"]
    answers = {
        prompting.prompt("format", "dog"): "perro",
        prompting.prompt("format", "cat"): "gato",
        prompting.prompt("format", "red"): "rojo",
        prompting.prompt("format", "sun"): "luna",
    }
    assert prompting.accuracy(Parrot(answers), "format", words, task="spanish") == 0.75
    assert prompting.accuracy(Parrot(answers), "bare", words, task="spanish") == 0.0


def test_accuracy_asks_spanish_unless_told_another_task_or_every_task():
    spanish = {prompting.prompt("5-shot", word): tasks.translation(word, "spanish") for word in tasks.HELD_OUT_WORDS}
    assert prompting.accuracy(Parrot(spanish), "5-shot") == 1.0
    assert prompting.accuracy(Parrot(spanish), "5-shot", task="kind") == 0.0
    every = prompting.EVERY_TASK
    assert prompting.accuracy(Parrot(spanish), "5-shot", task=every) == pytest.approx(1 / 3)  # 20 of 60 questions
    assert prompting.compare_strategies(Parrot(spanish), task=every)["5-shot"] == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda: prompting.prompt("shouting", "dog"), "strategy"),
        (lambda: prompting.prompt("bare", "zebra"), "word"),
        (lambda: tasks.translation("dog", "french"), "task"),
        (lambda: prompting.prompt("bare", "dog", task="french"), "task"),
        (lambda: prompting.accuracy(Parrot({}), "bare", task="french"), "task"),
        (lambda: tasks.corpus(0), "documents"),
    ],
)
def test_bad_input_names_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_the_pretrained_model_is_read_once_and_shared():
    """Every lab and cell in one Python asks `pretrained()` for the same model: it is read once (about a second in
    the page), and it holds the weights as shipped."""
    assert prompting.pretrained() is prompting.pretrained()
    shipped = prompting.pretrained.__wrapped__()  # read afresh, past the cache
    assert shipped is not prompting.pretrained()
    assert shipped.parameters() == prompting.pretrained().parameters()


def test_score_lists_every_question_with_the_models_answer_and_the_share_right():
    model = prompting.pretrained()
    scored = prompting.score(model, "3-shot", task=prompting.EVERY_TASK)
    asked = [(task, word) for task in prompting.TASKS for word in tasks.HELD_OUT_WORDS]
    assert [(item["task"], item["word"]) for item in scored["items"]] == asked
    for item in scored["items"]:
        assert item["truth"] == tasks.translation(item["word"], item["task"])
        assert item["answer"] == model.answer(prompting.prompt("3-shot", item["word"], task=item["task"]))
        assert item["right"] == (item["answer"] == item["truth"])
    right = [item["right"] for item in scored["items"]]
    assert scored["right"] == sum(right) and scored["total"] == len(asked) == 60
    assert scored["accuracy"] == sum(right) / len(right)
    assert prompting.accuracy(model, "3-shot", task=prompting.EVERY_TASK) == scored["accuracy"]


def test_the_retrieved_strategy_puts_the_words_own_dictionary_entry_before_the_question():
    assert prompting.prompt(prompting.RETRIEVED, "horse") == "horse = caballo ; horse ="
    assert prompting.prompt(prompting.RETRIEVED, "horse", task="kind") == "horse = animal ; horse ="
    assert prompting.RETRIEVED not in prompting.STRATEGIES  # the lessons compare their six
    assert set(prompting.compare_strategies(prompting.pretrained(), words=["cat"])) == set(prompting.STRATEGIES)
