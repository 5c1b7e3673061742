"""Lab "prompts" (lesson 9): the same question asked in different ways, scored on words the model never saw asked.

The course's pretrained transformer (``knobs.prompting.pretrained``) answers the held-out words of
``knobs.tasks`` with each strategy of ``knobs.prompting`` (bare, instruction, format, 1/3/5 examples) and one more,
``prompting.RETRIEVED``: the dictionary entry a TF-IDF ``Retriever`` finds for the word, placed before the question.
``score`` scores one strategy per call (``prompting.score``), so the page shows a bar as soon as it is ready and Stop ends the comparison between two
strategies; ``attention`` returns what every token of one prompt looked at (one head or their average, one block).
The task is one of ``prompting.TASKS`` or, by default, ``prompting.EVERY_TASK``: each held-out word asked for its
Spanish, its Portuguese and its kind (60 questions), where the strategies' bars separate most; the sample and the
heat map then ask the chosen word in Spanish.
"""

from knobs import prompting, tasks
from knobs.prompting import RETRIEVED, pretrained
from knobs.transformer import average_heads
from knobs_lab.lab_settings import Layout, Setting, Task
from knobs_lab.words import say

PAGE_CALLS = ("score", "attention")

STRATEGIES = (*prompting.STRATEGIES, RETRIEVED)
LABELS = {"bare": "Bare question", "instruction": "Instruction", "format": "Clear format",
          "1-shot": "1 example", "3-shot": "3 examples", "5-shot": "5 examples", RETRIEVED: "Retrieved context"}  # fmt: skip
LABELS.update({name: name for name in STRATEGIES if name not in LABELS})  # a strategy prompting adds later
SAMPLE_WORDS = 6  # how many words a sample completion may write (it stops at the end of the line)
GOOD = 0.8  # the task: a strategy that gets at least this share right

TASK_NAMES = {prompting.EVERY_TASK: "Every task (Spanish, Portuguese and kind)", "spanish": "English → Spanish",
              "portuguese": "English → Portuguese", "kind": "Kind of word"}  # fmt: skip
TASK_CHOICES = tuple((task, TASK_NAMES.get(task, task)) for task in [prompting.EVERY_TASK, *prompting.TASKS])


HEADS, LAYERS = pretrained().heads, pretrained().layers

# fmt: off
SETTINGS = (
    Setting("task", "Task", "choice", prompting.EVERY_TASK, choices=TASK_CHOICES),
    Setting("strategy", "Prompt to look inside", "choice", "3-shot",
            choices=tuple((name, LABELS[name]) for name in STRATEGIES)),
    Setting("word", "Held-out word", "choice", tasks.HELD_OUT_WORDS[0],
            choices=tuple((word, word) for word in tasks.HELD_OUT_WORDS),
            help="A word the model saw only inside word lists, never asked with an instruction or a format."),
    Setting("layer", "Block", "integer", LAYERS, minimum=1, maximum=LAYERS, step=1),
    Setting("head", "Head", "choice", "average",
            choices=(("average", "Average of the heads"), *((str(h), f"Head {h}") for h in range(1, HEADS + 1)))),
)

LAYOUT = Layout(
    title="Compare prompt strategies",
    intro="One question asked seven ways to the pretrained model, on words it never saw asked.",
    buttons={"compare": "Compare the strategies", "stop": "Stop"},
    readouts={"best": "Best so far", "answer": "The model's answer to the chosen prompt"},
    charts={"bars": "Share of the questions about held-out words answered right, for each strategy",
            "samples": "The chosen word asked with each strategy, and what the model wrote",
            "heatmap": "Attention of the chosen prompt: each row is a token, each column a token it may look at; "
                       "darker is more attention"},
)

TASKS = (
    Task("good-strategy", f"Find a strategy that gets at least {GOOD:.0%} of the questions right.",
         lambda answer, args: answer["accuracy"] >= GOOD),
)
# fmt: on


def shown_task(task):
    """The one task the sample and the heat map ask: Spanish when every task is scored."""
    return prompting.TASKS[0] if task == prompting.EVERY_TASK else task


def _verdict(scored):
    """The best strategy among those scored so far, in words."""
    best = max(scored, key=lambda name: (scored[name], -STRATEGIES.index(name)))
    return say("{label}: {share} right", label=say(LABELS[best]), share=f"{scored[best]:.0%}")


def score(settings, strategy="bare", scored=None):
    """Ask every held-out word with `strategy`; the share right, each answer, and a longer sample for the chosen word.

    `scored` (strategy → share) holds the strategies already scored, so the answer names the best so far.
    """
    if strategy not in STRATEGIES:
        raise ValueError(f"strategy: expected one of {list(STRATEGIES)}, got {strategy!r}")
    task, chosen = shown_task(settings["task"]), settings["word"]
    scores = prompting.score(pretrained(), strategy, task=settings["task"])  # the held-out words
    asked = prompting.prompt(strategy, chosen, task=task)
    sample = pretrained().generate(asked, length=SAMPLE_WORDS, greedy=True).strip()
    scored = {**(scored or {}), strategy: scores["accuracy"]}
    return {
        "strategy": strategy,
        "label": say(LABELS[strategy]),
        **scores,
        "sample": {
            "prompt": asked,
            "completion": sample,
            "right": sample.split(" ")[0] == tasks.translation(chosen, task),
        },  # fmt: skip
        "best": _verdict(scored),
    }


def attention(settings):
    """What each token of the chosen prompt looks at, in the chosen block (one head or the heads' average).

    Row t of `weights` holds the weights token t gives tokens 0 … t (later ones are 0: the future is masked);
    the last row is the one that picks the answer."""
    task = shown_task(settings["task"])
    asked = prompting.prompt(settings["strategy"], settings["word"], task=task)
    seen = pretrained().attention_weights(asked)
    heads = seen["weights"][settings["layer"] - 1]  # (heads, T, T)
    weights = average_heads(heads) if settings["head"] == "average" else heads[int(settings["head"]) - 1]
    last = weights[-1]
    focus = max(range(len(last)), key=last.__getitem__)
    answer = pretrained().answer(asked)
    truth = tasks.translation(settings["word"], task)
    return {
        "prompt": asked,
        "tokens": ["↵" if token == "\n" else token for token in seen["tokens"]],
        "weights": weights,
        "answer": answer,
        "truth": truth,
        "right": answer == truth,
        "focus": say(
            "The last token “{last}”, which picks the answer, looks most at “{seen}” (position {position}, "
            "{share} of its attention).",
            last=seen["tokens"][-1],
            seen=seen["tokens"][focus],
            position=focus + 1,
            share=f"{last[focus]:.0%}",
        ),
    }
