"""Lab "language" (lesson 7): train a tiny language model on the course's corpus, then ask it for the next
character and let it write.

Two models from ``knobs.language``: the ``Bigram`` (trained at once by counting pairs) and the
``MLPLanguageModel`` (a context window of 3 characters, trained by gradient descent a few mini-batches per
animation frame). Writing never changes the knobs: ``generate`` returns a checksum of every knob taken before and
after writing, and the page shows both.
"""

import hashlib
import json
import math

from knobs.language import Bigram, MLPLanguageModel
from knobs_lab.lab_settings import Layout, Setting, Task
from knobs_lab.words import say

PAGE_CALLS = ("configure", "train", "predict", "generate")

BATCH_SIZE = 32  # examples per gradient step of the MLP model
MLP_LEARNING_RATE = 0.5
RECENT = 20  # the MLP's loss shown is the average of its last RECENT mini-batches
BARS = 12  # how many next-character chances the page shows

# The lab's declarations, laid out as tables (one setting, read-out or task a line or two).
# fmt: off
SETTINGS = (
    Setting("model", "Model", "choice", "bigram",
            choices=(("bigram", "Bigram (sees 1 character)"), ("mlp", "MLP (sees 3 characters)"))),
    Setting("prompt", "Prompt", "text", "the model ", maximum=80),
    Setting("temperature", "Temperature", "number", 1.0, minimum=0.0, maximum=2.0, step=0.1,
            help="Below 1 sharpens the chances, above 1 flattens them; 0 always takes the likeliest."),
    Setting("top_k", "Top-k", "integer", 0, minimum=0, maximum=40, step=1,
            help="Keep only the k likeliest characters (0 keeps all)."),
    Setting("length", "Characters to write", "integer", 120, minimum=10, maximum=400, step=10),
    Setting("seed", "Seed", "integer", 0, minimum=0, maximum=99, step=1),
)

LAYOUT = Layout(
    title="A tiny language model",
    intro="Train a model on the course's small text, type a prompt, then see its guesses and let it write.",
    buttons={"train": "Train", "generate": "Generate", "reset": "Reset"},
    readouts={"parameters": "Parameters", "train_loss": "Loss (nats per character)",
              "checksum_before": "Weights checksum before writing", "checksum_after": "… after writing"},
    charts={"bars": "The chance of each next character after the prompt", "text": "Generated text"},
)

TASKS = (
    Task("beat-uniform", "Train the model until its loss is below a uniform guess over the vocabulary (ln of its size).",
         lambda answer, args: answer["trained_steps"] > 0 and answer["train_loss"] < math.log(len(answer["vocabulary"]))),
)
# fmt: on


def checksum(model):
    """A short fingerprint of every knob: it changes if any knob changes at all."""
    text = json.dumps(model.parameters(), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _clean_prompt(model, settings):
    """The prompt lower-cased, without the characters the model has never seen, and the notices that say so."""
    prompt = settings["prompt"].lower()
    known = "".join(character for character in prompt if character in model.tokenizer.ids)
    if known == prompt:
        return known, []
    dropped = sorted(set(prompt) - set(known))
    return known, [say("Prompt: the corpus never uses {dropped}; left out", dropped=repr("".join(dropped)))]


def _describe(run):
    model = run["model"]
    return {
        "parameters": model.count_parameters(),
        "trained_steps": run["steps"],
        "train_loss": run["loss"],
        "vocabulary": "".join(model.tokenizer.vocabulary),
        "context": model.context,
        "checksum": checksum(model),
    }


def configure(settings):
    """Make the lab a fresh model of the chosen kind (untrained: every guess is equally likely)."""
    kind = settings["model"]
    model = Bigram() if kind == "bigram" else MLPLanguageModel(context=3, embedding=8, hidden=32, seed=0)
    run = {"model": model, "kind": kind, "steps": 0, "loss": None}
    return {"run": run, **_describe(run)}


def train(run, steps=10):
    """Train: the bigram counts every pair of the corpus at once; the MLP takes ``steps`` mini-batch steps."""
    model = run["model"]
    if run["kind"] == "bigram":
        model.fit()
        run["steps"] = 1
        run["loss"] = model.loss(*model.examples())  # average over the whole corpus
        done = True
    else:
        steps = max(1, min(int(steps), 200))
        model.train(steps=steps, batch_size=BATCH_SIZE, learning_rate=MLP_LEARNING_RATE, seed=run["steps"])
        run["steps"] += steps
        recent = model.loss_history_[-RECENT:]
        run["loss"] = sum(recent) / len(recent)
        done = False
    return {"done": done, **_describe(run)}


def predict(run, settings):
    """The chances of the next character after the prompt (with temperature and top-k applied), likeliest first."""
    model = run["model"]
    prompt, notices = _clean_prompt(model, settings)
    chances = model.next_token_probabilities(prompt, settings["temperature"], settings["top_k"] or None)
    ranked = sorted(chances.items(), key=lambda pair: -pair[1])[:BARS]
    return {
        "notices": notices,
        "prompt": prompt,
        "window": model.window(prompt),
        "bars": [[character, chance] for character, chance in ranked],
    }


def generate(run, settings):
    """Write after the prompt; returns the text and the knobs' checksum before and after writing."""
    model = run["model"]
    prompt, notices = _clean_prompt(model, settings)
    before = checksum(model)
    text = model.generate(
        prompt,
        length=settings["length"],
        temperature=settings["temperature"],
        top_k=settings["top_k"] or None,
        seed=settings["seed"],
    )
    after = checksum(model)
    summary = (
        say(
            "Wrote {length} characters. The checksum of all {count} knobs is the same before and after: writing "
            "does not change them.",
            length=settings["length"],
            count=f"{model.count_parameters():,}",
        )
        if after == before
        else say("The knobs changed while writing: that should never happen.")
    )
    return {
        "notices": notices,
        "prompt": prompt,
        "text": text,
        "checksum_before": before,
        "checksum_after": after,
        "parameters": model.count_parameters(),
        "summary": summary,
    }
