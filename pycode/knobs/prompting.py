"""Prompting: the same question asked in different ways, and how often the model gets it right.

In scope: the course's pretrained transformer (`pretrained()`, read once), the
prompt strategies (`prompt(strategy, word, task=...)`), and the scores:
`score(model, strategy)` (every question, its answer and the share right) and
`accuracy(model, strategy)` on the held-out words, `compare_strategies(model)`
for all of them, and `retrieval_accuracy(model, k)` for a question about a
person, asked with or without the facts a `Retriever` finds.

A question asks for one English word's answer to one of the `TASKS`: its
Spanish, its Portuguese or its kind. A strategy is right when the first word
the model writes (greedily) is that answer. For "cat" in Spanish:

- "bare":         "cat ="                               (which task? which language?)
- "instruction":  "translate into spanish : cat ="      (the task named, as a worksheet does)
- "format":       "english : cat spanish :"             (the task named right before the answer)
- "1-shot", "3-shot", "5-shot": that many solved examples first,
                  "dog = perro ; red = rojo ; cat ="    (no instruction at all)

and one more, outside the lessons' six `STRATEGIES`: "retrieved", the word's
own dictionary entry, which a TF-IDF `Retriever` finds, before the question
("cat = gato ; cat =": the answer is in the prompt, the model need only copy).

The scores ask each of the 20 held-out words for one task (Spanish unless
told), or for each task with `task=EVERY_TASK` (60 questions: the figures the
lessons quote, as 20 questions alone move in steps of 5 %). The held-out words were never shown to the model
with an instruction or a format, only inside word lists, so how well each
strategy does is how far the model carries what it read over to a prompt it
never saw (the corpus is designed in `knobs.tasks`). Why the strategies
differ: a bare prompt leaves the task to a guess; an instruction names it,
but the model read worksheets left unanswered, so it sometimes writes "?"
where the answer should be (a base model continues text, it does not obey);
the labelled field is always followed by its answer; one example may fit
two tasks ("cat = gato" is Spanish or Portuguese); three or five examples
settle the task. The examples are training words drawn with a fixed seed
for each item.

Left out on purpose: sampling while scoring (greedy is repeatable) and
partial credit.
"""

import functools
import json
import random
from importlib import resources

from knobs import arguments, tasks
from knobs.retrieval import Retriever
from knobs.transformer import Transformer

TASKS = list(tasks.LANGUAGES)  # what a question can ask: "spanish", "portuguese", "kind"
EVERY_TASK = "every task"  # score a word once for each of the TASKS
STRATEGIES = ["bare", "instruction", "format", "1-shot", "3-shot", "5-shot"]
RETRIEVED = "retrieved"  # the word's dictionary entry, retrieved, then the question (see above)
WEIGHTS = "tiny_transformer.json"  # shipped with the package, written by tools/pretrain_transformer.py


@functools.cache
def pretrained():
    """The course's small transformer, pretrained before the reader arrives.

    Read once per Python (about a second in the page), then the same model for every lab and cell that asks: copy
    it (`Model.from_dict(model.to_dict())`) before changing its knobs."""
    text = resources.files("knobs").joinpath(WEIGHTS).read_text(encoding="utf-8")
    return Transformer.from_compact(json.loads(text))


def prompt(strategy, word, seed=0, task="spanish"):
    """The prompt that asks for `word`'s answer to `task` with `strategy` (or `RETRIEVED`); examples drawn with
    `seed`."""
    arguments.choice(strategy, "strategy", [*STRATEGIES, RETRIEVED])
    tasks.translation(word, task)  # raises ValueError naming `word` or `task` if unknown
    seed = arguments.integer(seed, "seed")
    if strategy == RETRIEVED:
        entry = _dictionary(task).search(word, 1)[0][0]
        return f"{entry} ; {word} ="
    if strategy == "bare":
        return f"{word} ="
    if strategy == "instruction":
        return f"{tasks.INSTRUCTIONS[task]} {word} ="
    if strategy == "format":
        return tasks.FIELDS[task].format(word=word)
    shots = int(strategy.split("-")[0])
    rng = random.Random(f"{seed}:{word}")  # the same examples for a word every time
    examples = rng.sample([w for w in tasks.TRAINING_WORDS if w != word], shots)
    return " ; ".join([tasks.pair(w, task) for w in examples] + [f"{word} ="])


@functools.cache
def _dictionary(task):
    """A Retriever over every course word's entry for `task` ("cat = gato"): what `RETRIEVED` searches."""
    return Retriever([tasks.pair(row[0], task) for row in tasks.WORDS])


def score(model, strategy, words=None, seed=0, task="spanish"):
    """Every question asked with `strategy` and how the model answered it: each of `words` (the held-out words if
    None) asked for `task`, or for each task if `task` is `EVERY_TASK`.

    Returns {"accuracy": share right, "right": how many, "total": how many asked, "items": [{"word", "task",
    "answer", "truth", "right"}, …]}, task by task, in the order of `words`.
    """
    _check_model(model)  # the strategy and seed are checked by prompt(), before the model answers
    asked = TASKS if task == EVERY_TASK else [arguments.choice(task, "task", TASKS + [EVERY_TASK])]
    words = tasks.HELD_OUT_WORDS if words is None else _course_words(words)
    items = []
    for one in asked:
        for word in words:
            answer, truth = model.answer(prompt(strategy, word, seed, one)), tasks.translation(word, one)
            items.append({"word": word, "task": one, "answer": answer, "truth": truth, "right": answer == truth})
    right = sum(item["right"] for item in items)
    return {"accuracy": right / len(items), "right": right, "total": len(items), "items": items}


def accuracy(model, strategy, words=None, seed=0, task="spanish"):
    """Share of the questions the model answers right with `strategy` (see `score`)."""
    return score(model, strategy, words, seed, task)["accuracy"]


def _check_model(model):
    if not callable(getattr(model, "answer", None)):  # any model that answers a prompt, e.g. a Transformer
        raise TypeError(f"model: expected a model with answer(prompt), got {type(model).__name__}")


def _course_words(words):
    """A non-empty list of the course's English words."""
    if isinstance(words, str) or not isinstance(words, (list, tuple)) or not words:
        raise ValueError("words: expected a non-empty list of English words")
    english = [row[0] for row in tasks.WORDS]
    unknown = [word for word in words if word not in english]
    if unknown:
        raise ValueError(f"words: not English words of the course: {unknown[:10]!r}")
    return list(words)


def compare_strategies(model, words=None, seed=0, task="spanish"):
    """Accuracy of every strategy on `task` (or on each task, `EVERY_TASK`): {strategy: share right}."""
    return {strategy: accuracy(model, strategy, words, seed, task) for strategy in STRATEGIES}


def knowledge_base(seed=0):
    """The facts a retriever can search: one sentence per person, 'ana lives in lima .'."""
    return [tasks.fact(name, city) for name, city in tasks.where_people_live(seed).items()]


def question(name):
    arguments.word(name, "name")
    return tasks.QUESTION.format(name=name)


def retrieval_prompt(name, retriever=None, k=1):
    """The question about `name`, after the k facts `retriever` finds for it (none if no retriever)."""
    asked = question(name)
    if retriever is not None and not isinstance(retriever, Retriever):
        raise TypeError(f"retriever: expected a Retriever or None, got {type(retriever).__name__}")
    k = arguments.integer(k, "k", minimum=1)
    if retriever is None:
        return asked
    found = [document for document, _ in retriever.search(f"where does {name} live ?", k)]
    return " ".join(list(reversed(found)) + [asked])  # the best match nearest the question


def retrieval_accuracy(model, k=None, seed=0):
    """Share of people whose city the model answers: k=None asks bare; k=1, 3 … adds the
    k facts found by a TF-IDF `Retriever` over `knowledge_base(seed)`."""
    _check_model(model)  # k is checked by retrieval_prompt(), before the model answers
    truth = tasks.where_people_live(seed)
    retriever = None if k is None else Retriever(knowledge_base(seed))
    right = sum(
        model.answer(retrieval_prompt(name, retriever, 1 if k is None else k)) == city for name, city in truth.items()
    )
    return right / len(truth)
