"""TF-IDF retrieval: scores against a numpy computation, top-k order, bad input."""

import numpy as np
import pytest

from knobs.retrieval import Retriever

DOCUMENTS = ["ana lives in lima .", "rui lives in oslo .", "ana likes the sea and the sea likes ana", "cats sleep"]


def numpy_scores(documents, question):
    words = sorted({w for d in documents for w in d.split()})
    counts = np.array([[d.split().count(w) for w in words] for d in documents], float)
    idf = np.log((1 + len(documents)) / (1 + (counts > 0).sum(0))) + 1
    tfidf = counts * idf
    tfidf /= np.linalg.norm(tfidf, axis=1, keepdims=True)
    asked = np.array([question.split().count(w) for w in words], float) * idf
    norm = np.linalg.norm(asked)
    return tfidf @ (asked / norm) if norm else np.zeros(len(documents))


@pytest.mark.parametrize("question", ["where does ana live ?", "who lives in oslo", "sea sea", "zebra"])
def test_scores_are_cosine_similarities_of_tfidf_vectors(question):
    np.testing.assert_allclose(Retriever(DOCUMENTS).scores(question), numpy_scores(DOCUMENTS, question), atol=1e-12)


def test_search_returns_the_k_best_documents_best_first_with_scores():
    retriever = Retriever(DOCUMENTS)
    found = retriever.search("where does rui live ?", k=2)
    assert found[0][0] == "rui lives in oslo ."
    assert found[0][1] > found[1][1] >= 0
    assert len(retriever.search("ana", k=10)) == len(DOCUMENTS)
    order = np.argsort(-numpy_scores(DOCUMENTS, "ana"), kind="stable")[:2]
    assert [d for d, _ in retriever.search("ana", k=2)] == [DOCUMENTS[i] for i in order]


def test_a_word_in_every_document_counts_less_than_a_rare_one():
    retriever = Retriever(["ana lives in lima .", "rui lives in oslo ."])
    assert retriever.idf_["lives"] < retriever.idf_["ana"]


@pytest.mark.parametrize(
    "call,match,error",
    [
        (lambda: Retriever([]), "documents", ValueError),
        (lambda: Retriever("ana lives in lima"), "documents", ValueError),
        (lambda: Retriever(["ok", 3]), r"documents\[1\]", TypeError),
        (lambda: Retriever(DOCUMENTS).search("ana", k=0), "k", ValueError),
        (lambda: Retriever(DOCUMENTS).search(None), "question", TypeError),
    ],
)
def test_bad_input_names_the_argument(call, match, error):
    with pytest.raises(error, match=match):
        call()
