"""Retrieval: find the documents that share the most telling words with a question.

In scope: `Retriever`, a TF-IDF bag-of-words index over a list of short
documents. A word's weight in a document is

    tf-idf = (times the word appears in the document) × (log((1 + N) / (1 + documents holding it)) + 1)

so a word found in every document ("lives", "in") counts for little and a
rare one (a name) for a lot. A question is weighted the same way, and
`search(question, k)` returns the k documents whose weight vectors point the
most the same way as the question's (cosine similarity, from 0 to 1), best
first, with their scores.

Left out on purpose: stemming, synonyms and learned embeddings: words match
only when they are spelled the same ("live" does not find "lives").
"""

import math
from collections import Counter

from knobs import arguments
from knobs.words import split


class Retriever:
    """A TF-IDF index over `documents` (a list of strings)."""

    def __init__(self, documents):
        if isinstance(documents, str) or not isinstance(documents, (list, tuple)) or not documents:
            raise ValueError("documents: expected a non-empty list of strings")
        for i, document in enumerate(documents):
            if not isinstance(document, str):
                raise TypeError(f"documents[{i}]: expected a str, got {type(document).__name__}")
        self.documents = list(documents)
        counts = [Counter(split(document)) for document in self.documents]
        holding = Counter(word for count in counts for word in count)  # documents holding each word
        n = len(self.documents)
        self.idf_ = {word: math.log((1 + n) / (1 + held)) + 1 for word, held in holding.items()}
        self.vectors_ = [self._unit(count) for count in counts]

    def _unit(self, count):
        """TF-IDF weights of a word count, scaled to length 1 (a zero vector stays zero)."""
        weights = {word: times * self.idf_[word] for word, times in count.items() if word in self.idf_}
        length = math.sqrt(sum(w * w for w in weights.values()))
        return {word: w / length for word, w in weights.items()} if length else {}

    def scores(self, question):
        """Cosine similarity between the question and every document (one number each, 0 to 1)."""
        if not isinstance(question, str):
            raise TypeError(f"question: expected a str, got {type(question).__name__}")
        asked = self._unit(Counter(split(question)))
        return [sum(w * vector.get(word, 0.0) for word, w in asked.items()) for vector in self.vectors_]

    def search(self, question, k=1):
        """The k best documents for `question`, best first: [(document, score), …]."""
        k = arguments.integer(k, "k", minimum=1)
        scores = self.scores(question)
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]  # ties: earlier first
        return [(self.documents[i], scores[i]) for i in order]
