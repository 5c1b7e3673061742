"""Lab "assistant" (lesson 9): from base model to assistant, by fine-tuning on a handful of instruction → answer pairs.

The pretrained transformer is a base model: it continues text. Asked a question in a form it never saw
("question : the spanish word horse ? answer :") it writes whatever the text it read makes likely ("where does …",
as after its questions about people), not the answer. ``configure`` makes a copy of it and a ``knobs.train.Trainer``
on a few pairs in that form ("… answer : perro .") with some knobs frozen (``knobs.finetune.count_knobs`` counts both
kinds); ``train`` takes a few steps per call, so the page shows progress and Stop ends the run between two calls, and
asks the same held-out questions again after every call. The held-out words never appear in the pairs: what the model
learns is the form of an answer, the translations it knew already. The defaults are what does that here: with fewer
pairs, or only the embeddings free, it writes the pairs' own answers ("madre", "mano") to other words; with a larger
learning rate it loses the translations it knew.
"""

import random

from knobs import arguments, tasks
from knobs.finetune import count_knobs
from knobs.models import Model
from knobs.optim import make
from knobs.prompting import pretrained
from knobs.train import Trainer
from knobs_lab.lab_settings import Layout, Setting, Task
from knobs_lab.words import reason

PAGE_CALLS = ("configure", "train")

INSTRUCTION = "question : the spanish word {word} ? answer :"  # a form the base model never read
QUESTIONS = tasks.HELD_OUT_WORDS[:4]  # asked before and after: never in the pairs
ANSWER_WORDS = 3  # what the model may write after a question (the answer, "." and the end of the line)
GOAL = 3  # the task: this many of the questions answered right
TRAIN = {  # what fine-tuning may change (the rest keeps its pretrained values)
    "all": "Every knob",
    "embeddings": "Only the word and position embeddings",
    "last_block": "Only the last block and the final norm",
}

# fmt: off
SETTINGS = (
    Setting("pairs", "Instruction → answer pairs", "integer", 6, minimum=1, maximum=8, step=1,
            help="Examples of the form, each a training word with its Spanish answer."),
    Setting("train", "Knobs to fine-tune", "choice", "all", choices=tuple(TRAIN.items())),
    Setting("steps", "Fine-tuning steps", "integer", 8, minimum=1, maximum=30, step=1),
    Setting("learning_rate", "Learning rate", "log", 0.005, minimum=0.0001, maximum=0.1),
)

LAYOUT = Layout(
    title="From base model to assistant",
    intro="Fine-tune the pretrained model on a few instruction → answer pairs; ask it the same questions again.",
    buttons={"train": "Fine-tune", "stop": "Stop", "reset": "Start again from the base model"},
    readouts={"trainable": "Trainable parameters", "frozen": "Frozen parameters",
              "right_before": "Right before", "right_after": "Right after", "loss": "Training loss"},
    charts={"pairs": "The instruction → answer pairs it is fine-tuned on",
            "answers": "The same questions (words not in the pairs), before and after fine-tuning"},
)

TASKS = (
    Task("assistant", f"Fine-tune until the assistant answers {GOAL} of the {len(QUESTIONS)} questions right.",
         lambda answer, args: answer["right_after"] >= GOAL),
)
# fmt: on


def question(word):
    return INSTRUCTION.format(word=word)


def pair(word):
    """One training text: the question and its answer."""
    return f"{question(word)} {tasks.translation(word, 'spanish')} ."


def frozen(choice, candidate):
    """The names of the knobs that keep their pretrained values, for a choice of `TRAIN`."""
    if choice == "all":
        return ()
    if choice == "embeddings":
        trained = ("token_embedding", "position_embedding")
    else:
        trained = (f"block{candidate.layers}", "norm")
    return tuple(name for name in candidate.parameters() if name.split(".")[0] not in trained)


def answers(candidate):
    """Each question, what `candidate` writes after it (greedy), and whether its first word is the answer."""
    rows = []
    for word in QUESTIONS:
        written = candidate.generate(question(word), length=ANSWER_WORDS, greedy=True).strip()
        truth = tasks.translation(word, "spanish")
        rows.append({"question": question(word), "written": written, "truth": truth,
                     "right": written.split(" ")[0] == truth})  # fmt: skip
    return rows


def configure(settings):
    """The lab's run: a fresh copy of the base model and a Trainer on the chosen pairs; the questions asked of the
    base model."""
    candidate = Model.from_dict(pretrained().to_dict())
    words = random.Random(0).sample(tasks.TRAINING_WORDS, settings["pairs"])
    texts = [pair(word) for word in words]
    ids = [[0, *candidate.encode(text, "pairs")] for text in texts]  # a document starts with the newline (id 0)
    kept = frozen(settings["train"], candidate)
    trainer = Trainer(candidate, make("adam", settings["learning_rate"]),
                      ([s[:-1] for s in ids], [s[1:] for s in ids]), frozen=kept)  # fmt: skip
    before = answers(pretrained())
    return {
        "run": {"trainer": trainer, "steps": settings["steps"]},
        "pairs": texts,
        "before": before,
        "right_before": sum(row["right"] for row in before),
        "questions": len(QUESTIONS),
        "steps": settings["steps"],
        **count_knobs(candidate, kept),
    }


def train(run, steps=1):
    """Take up to `steps` more steps (at most the chosen number in all); the loss and the questions asked again."""
    trainer = run["trainer"]
    steps = arguments.integer(steps, "steps", minimum=0)
    trainer.step(min(steps, run["steps"] - trainer.steps_done))
    after = answers(trainer.model)
    done = trainer.steps_done >= run["steps"] or trainer.state == "diverged"
    return {
        "steps_done": trainer.steps_done,
        "steps": run["steps"],
        "done": done,
        "state": trainer.state,
        "reason": reason(trainer),
        "loss": trainer.history["train_loss"][-1] if trainer.history["train_loss"] else None,
        "after": after,
        "right_after": sum(row["right"] for row in after),
        "questions": len(QUESTIONS),
    }
