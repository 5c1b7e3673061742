"""Lab "retrieval" (lesson 9): a question about a person, asked bare or after the facts a retriever finds.

Who lives where (``knobs.prompting.knowledge_base``) was drawn anew for every document the model was pretrained on,
so the model cannot have learnt it: asked bare, it can only guess. ``ask`` searches the knowledge base with the TF-IDF
``knobs.retrieval.Retriever`` (every fact's score shown, the top k retrieved), puts the retrieved facts before the
question (``knobs.prompting.retrieval_prompt``, the prompt the lesson's figures score) and lets the model answer —
and says why, from the model's attention: which word of the prompt the answer's position looked at most.
"""

import functools

from knobs import prompting, tasks
from knobs.prompting import pretrained
from knobs.retrieval import Retriever
from knobs.transformer import average_heads
from knobs_lab.lab_settings import Layout, Setting, Task
from knobs_lab.words import say

PAGE_CALLS = ("ask",)
SHOWN = 6  # facts listed, best first (the rest score lower still)

# fmt: off
SETTINGS = (
    Setting("person", "Ask where this person lives", "choice", tasks.NAMES[0],
            choices=tuple((name, name) for name in tasks.NAMES)),
    Setting("k", "Facts retrieved into the prompt (top k)", "integer", 0, minimum=0, maximum=3, step=1,
            help="0: the question alone. k: the k facts the retriever scores highest, placed before it."),
)

LAYOUT = Layout(
    title="Retrieval",
    intro="Ask the pretrained model where someone lives, then let a retriever put the right fact in the prompt.",
    buttons={},
    readouts={"answer": "The model's answer", "truth": "Where they live (the knowledge base)",
              "bare": "Asked without any fact"},
    charts={"documents": "The knowledge base searched for the question: each fact's TF-IDF score, best first; "
                         "the retrieved ones are marked",
            "prompt": "The prompt the model reads, retrieved text marked; the line under each word shows how much "
                      "the answer's position looks at it"},
)

TASKS = (
    Task("retrieve-right", "Pick someone the model gets wrong when asked bare, and make the answer right by "
                           "retrieving.",
         lambda answer, args: answer["right"] and not answer["bare_right"] and answer["settings"]["k"] >= 1),
)
# fmt: on


@functools.cache
def retriever():
    """A TF-IDF index over the knowledge base (one fact per person)."""
    return Retriever(prompting.knowledge_base())


def query(name):
    """What the retriever is asked (the words of the question that can match a fact)."""
    return f"where does {name} live ?"


def _looked_at(asked, retrieved):
    """Where the answer's position (the prompt's last token) looks: the prompt's tokens, the weight each gets, and
    which head that is. With retrieved text (its first `retrieved` words), the head of any block that looks at it
    most; without, the last block's heads averaged."""
    seen = pretrained().attention_weights(asked)
    rows = {(b, h): head[-1] for b, block in enumerate(seen["weights"]) for h, head in enumerate(block)}
    if retrieved:
        block, head = max(rows, key=lambda key: sum(rows[key][1 : retrieved + 1]))  # token 0 is the newline
        return seen["tokens"], rows[block, head], say("block {block}, head {head}", block=block + 1, head=head + 1)
    last = average_heads(seen["weights"][-1])[-1]
    return seen["tokens"], last, say("block {block}, its heads averaged", block=len(seen["weights"]))


def ask(settings):
    """Search, build the prompt, answer; with the facts' scores, the prompt in marked parts and the model's focus."""
    name, k = settings["person"], settings["k"]
    truth = tasks.where_people_live()[name]
    ranked = retriever().search(query(name), max(SHOWN, k))  # [(fact, score)], best first
    found = [fact for fact, _ in ranked[:k]]
    asked = prompting.retrieval_prompt(name, retriever() if k else None, max(k, 1))
    parts = [{"text": fact, "retrieved": True} for fact in reversed(found)]  # the best match nearest the question
    parts.append({"text": prompting.question(name), "retrieved": False})
    if " ".join(part["text"] for part in parts) != asked:
        raise AssertionError("the lab's prompt parts must spell the prompt the model reads")
    answer, bare = pretrained().answer(asked), pretrained().answer(prompting.question(name))
    tokens, weights, looker = _looked_at(asked, sum(len(fact.split()) for fact in found))
    focus = max(range(1, len(tokens)), key=weights.__getitem__)  # the leading newline aside
    if answer == truth and found:
        why = say("Right: the retrieved fact says {name} lives in {truth}, and at the answer's position {looker} "
                  "looks most at “{token}” ({share} of its attention): the model copies it.",
                  name=name, truth=truth, looker=looker, token=tokens[focus], share=f"{weights[focus]:.0%}")  # fmt: skip
    elif found:
        why = say("Still wrong: the retrieved text does not hold {name}'s city, or the model looks elsewhere "
                  "({looker} looks most at “{token}”).", name=name, looker=looker, token=tokens[focus])  # fmt: skip
    else:
        why = say("No fact in the prompt: the model never learnt where {name} lives (it was drawn anew in every "
                  "pretraining text), so it can only guess — “{answer}”.", name=name, answer=answer)  # fmt: skip
    return {
        "query": query(name),
        "documents": [
            {"text": fact, "score": score, "retrieved": rank < k} for rank, (fact, score) in enumerate(ranked)
        ],
        "prompt": asked,
        "parts": parts,
        "tokens": ["↵" if token == "\n" else token for token in tokens],
        "weights": weights,
        "looker": looker,
        "answer": answer,
        "truth": truth,
        "right": answer == truth,
        "bare_answer": bare,
        "bare_right": bare == truth,
        "why": why,
    }
