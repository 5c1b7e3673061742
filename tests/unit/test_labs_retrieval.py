"""Lab "retrieval": the scores are the Retriever's, the prompt is knobs.prompting's, the answer the model's."""

import lab_page
import pytest

from knobs import prompting, tasks
from knobs.retrieval import Retriever
from knobs_lab import retrieval_lab as lab

page = lab_page.page(lab)  # the bridge as its page calls it


@pytest.fixture(scope="module")
def model():
    return prompting.pretrained()


@pytest.mark.parametrize("k", [0, 1, 2, 3])
@pytest.mark.parametrize("person", tasks.NAMES[:6])
def test_the_prompt_and_answer_are_prompting_retrieval_prompt_and_the_models(model, person, k):
    answer = page("ask", settings={"person": person, "k": k})
    retriever = Retriever(prompting.knowledge_base())
    expected = prompting.retrieval_prompt(person, retriever if k else None, max(k, 1))
    assert answer["prompt"] == expected
    assert " ".join(part["text"] for part in answer["parts"]) == expected
    assert answer["answer"] == model.answer(expected)
    assert answer["truth"] == tasks.where_people_live()[person]
    assert answer["right"] == (answer["answer"] == answer["truth"])
    assert answer["bare_answer"] == model.answer(prompting.question(person))
    found = retriever.search(f"where does {person} live ?", k) if k else []
    assert [part["text"] for part in answer["parts"] if part["retrieved"]] == [doc for doc, _ in reversed(found)]
    listed = [(d["text"], d["score"]) for d in answer["documents"]]
    assert listed[:k] == found
    assert [d["retrieved"] for d in answer["documents"]] == [i < k for i in range(len(listed))]
    assert listed == sorted(listed, key=lambda pair: -pair[1])


def test_the_attention_shown_is_the_head_that_looks_most_at_the_retrieved_fact(model):
    answer = page("ask", settings={"person": "ana", "k": 1})
    seen = model.attention_weights(answer["prompt"])
    fact = len(answer["parts"][0]["text"].split())
    rows = [head[-1] for block in seen["weights"] for head in block]
    best = max(rows, key=lambda row: sum(row[1 : fact + 1]))
    assert answer["weights"] == best
    assert len(answer["tokens"]) == len(answer["weights"]) == len(seen["tokens"])
    if answer["right"]:
        assert answer["why"].startswith("Right")


def test_share_right_with_the_top_fact_is_prompting_retrieval_accuracy(model):
    right = sum(page("ask", settings={"person": name, "k": 1})["right"] for name in tasks.NAMES)
    assert right / len(tasks.NAMES) == pytest.approx(prompting.retrieval_accuracy(model, 1))
